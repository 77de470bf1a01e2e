from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

# zhichan.cases.conf's defaults when this migration was written (a migration never imports app code);
# a deployment's own settings win, as they do there.
OFFICE = "穗知"
ACCEPTANCE_FORMAT = "{office}保〔{year}〕第{seq:04d}号"


def number_the_cases_received_so_far(apps, schema_editor):
    """Every case received before acceptance numbers existed gets one, in order of receipt per year.

    The counters of the acceptance register (channel "") continue from the last number given here.
    """
    case_model = apps.get_model("cases", "Case")
    counter_model = apps.get_model("cases", "CaseNumberCounter")
    office = getattr(settings, "CASES_OFFICE", OFFICE)
    number_format = getattr(settings, "CASES_ACCEPTANCE_FORMAT", ACCEPTANCE_FORMAT)
    last: dict[int, int] = {}
    for case in case_model.objects.order_by("received_at", "pk").only("pk", "received_at"):
        year = timezone.localtime(case.received_at).year
        last[year] = last.get(year, 0) + 1
        case.acceptance_number = number_format.format(office=office, year=year, seq=last[year])
        case.save(update_fields=["acceptance_number"])
    for year, seq in last.items():
        counter_model.objects.update_or_create(office=office, channel="", year=year, defaults={"last": seq})


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0004_live_mediation_sessions"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="acceptance_number",
            field=models.CharField(blank=True, max_length=40, null=True, unique=True, verbose_name="受理编号"),
        ),
        migrations.RunPython(number_the_cases_received_so_far, migrations.RunPython.noop),
    ]
