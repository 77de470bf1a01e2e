"""The day a declaration reached the rights holder, as a field (it was kept inside the waiting steps)."""

from datetime import date

from django.db import migrations, models
from django.utils import timezone


def fill_declared_on(apps, schema_editor):
    notice_model = apps.get_model("ecommerce", "Notice")
    for notice in notice_model.objects.filter(declaration_at__isnull=False, declared_on__isnull=True):
        kept = next((step.get("declared_on") for step in notice.wait_steps if step.get("declared_on")), None)
        notice.declared_on = date.fromisoformat(kept) if kept else timezone.localdate(notice.declaration_at)
        notice.save(update_fields=["declared_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("ecommerce", "0006_seller_district_and_category_prices"),
    ]

    operations = [
        migrations.AddField(
            model_name="notice",
            name="declared_on",
            field=models.DateField(blank=True, null=True, verbose_name="声明送达权利人日期"),
        ),
        migrations.RunPython(fill_declared_on, migrations.RunPython.noop),
    ]
