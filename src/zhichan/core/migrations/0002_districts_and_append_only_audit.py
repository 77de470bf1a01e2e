"""Guangzhou's 11 districts, the audit chain head, and the triggers that make the audit log append-only.

The district codes and the trigger SQL are frozen here as core.districts and core.audit held them
when this migration was written, so that a fresh database is built the same way whatever that code
says later: a migration never imports app code. (core.audit keeps its own copy of the same SQL for the
dual-controlled purge, which lifts and restores the DELETE guard at run time.)
"""

from django.db import migrations

# (code, name): the administrative division codes of GB/T 2260.
GUANGZHOU_DISTRICTS = (
    ("440103", "荔湾区"),
    ("440104", "越秀区"),
    ("440105", "海珠区"),
    ("440106", "天河区"),
    ("440111", "白云区"),
    ("440112", "黄埔区"),
    ("440113", "番禺区"),
    ("440114", "花都区"),
    ("440115", "南沙区"),
    ("440117", "从化区"),
    ("440118", "增城区"),
)

SQLITE_TRIGGERS = [
    "CREATE TRIGGER IF NOT EXISTS core_auditentry_no_update BEFORE UPDATE ON core_auditentry "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS core_auditentry_no_delete BEFORE DELETE ON core_auditentry "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
]
POSTGRES_TRIGGERS = [
    "CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS core_auditentry_no_change ON core_auditentry",
    "CREATE TRIGGER core_auditentry_no_change BEFORE UPDATE OR DELETE ON core_auditentry "
    "FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only()",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update",
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete",
]
POSTGRES_DROP = ["DROP TRIGGER IF EXISTS core_auditentry_no_change ON core_auditentry"]


def load_districts(apps, schema_editor):
    District = apps.get_model("core", "District")
    for code, name in GUANGZHOU_DISTRICTS:
        District.objects.update_or_create(code=code, defaults={"name": name})


def _execute(schema_editor, statements):
    with schema_editor.connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def install_triggers(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    _execute(schema_editor, POSTGRES_TRIGGERS if postgres else SQLITE_TRIGGERS)


def drop_triggers(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    _execute(schema_editor, POSTGRES_DROP if postgres else SQLITE_DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunPython(load_districts, migrations.RunPython.noop),
        migrations.RunPython(install_triggers, drop_triggers),
    ]
