"""Guangzhou's 11 districts, the audit chain head, and the triggers that make the audit log append-only."""

from django.db import migrations

def load_districts(apps, schema_editor):
    from zhichan.core.districts import ensure_districts

    ensure_districts(apps.get_model("core", "District"))


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
