"""PostgreSQL: a statement trigger refuses TRUNCATE of the audit log (issue 20 item 9).

The row triggers of 0002 refuse UPDATE and DELETE, but TRUNCATE fires no row trigger. SQLite has no
TRUNCATE (its DELETE without WHERE deletes row by row and is refused by 0002), so there this is a no-op.
The function raising the error is the one 0002 created.
"""

from django.db import migrations

POSTGRES_INSTALL = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry",
    "CREATE TRIGGER core_auditentry_no_truncate BEFORE TRUNCATE ON core_auditentry "
    "FOR EACH STATEMENT EXECUTE FUNCTION core_auditentry_append_only()",
]
POSTGRES_DROP = ["DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0009_memberships")]

    operations = [migrations.RunPython(_run(POSTGRES_INSTALL), _run(POSTGRES_DROP))]
