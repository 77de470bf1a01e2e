"""Guangzhou's 11 districts, the audit chain head, and the triggers that make the audit log append-only."""

from django.db import migrations

DISTRICTS = [
    ("440103", "荔湾区"), ("440104", "越秀区"), ("440105", "海珠区"), ("440106", "天河区"),
    ("440111", "白云区"), ("440112", "黄埔区"), ("440113", "番禺区"), ("440114", "花都区"),
    ("440115", "南沙区"), ("440117", "从化区"), ("440118", "增城区"),
]


def load_districts(apps, schema_editor):
    District = apps.get_model("core", "District")
    for code, name in DISTRICTS:
        District.objects.update_or_create(code=code, defaults={"name": name})


def install_triggers(apps, schema_editor):
    from zhichan.core.audit import install_append_only_triggers

    install_append_only_triggers(schema_editor.connection)


def drop_triggers(apps, schema_editor):
    from zhichan.core.audit import drop_append_only_triggers

    drop_append_only_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunPython(load_districts, migrations.RunPython.noop),
        migrations.RunPython(install_triggers, drop_triggers),
    ]
