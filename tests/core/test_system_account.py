"""Commands on a fresh data directory: with no --as-user they act as the built-in system account.

The account holds the administrator role, is created (and audited) on first use, cannot log in, and
every audit entry it writes names the operating-system user who ran the command.
"""

from __future__ import annotations

import getpass
import io
import json
import os
import sqlite3
import subprocess
import sys

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from tests.calendar_table import table as calendar_table
from tests.planning.conftest import plan_path
from zhichan.core.management.acting import acting_user
from zhichan.core.models import AuditEntry, Organisation, Role, User
from zhichan.core.system import SYSTEM_USERNAME, os_user_name, system_account

ORGANISATIONS = "名称,统一社会信用代码,类型,所在区,地址\n广州市商务局,,政府部门,越秀区,\n"


@pytest.mark.django_db
def test_without_as_user_a_command_acts_as_the_system_account_named_with_the_os_user(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text(ORGANISATIONS, encoding="utf-8")
    assert not User.objects.exists()
    call_command("import", "organisations", str(path), stdout=io.StringIO())
    assert Organisation.objects.filter(name="广州市商务局").exists()
    account = User.objects.get(username=SYSTEM_USERNAME)
    assert [m.role for m in account.memberships.all()] == [Role.ADMINISTRATOR] and not account.has_usable_password()
    created, imported = AuditEntry.objects.filter(actor=account).order_by("seq")
    assert (created.action, created.object_id) == ("person.create", str(account.public_id))
    assert imported.action == "organisation.import" and imported.actor_label == SYSTEM_USERNAME
    assert imported.actor_role == Role.ADMINISTRATOR
    assert created.summary["os_user"] == imported.summary["os_user"] == os_user_name() == getpass.getuser()
    assert acting_user(None) == account  # created once
    assert User.objects.filter(username=SYSTEM_USERNAME).count() == 1


@pytest.mark.django_db
def test_the_system_account_cannot_log_in(client):
    account = system_account()
    assert authenticate(username=SYSTEM_USERNAME, password="") is None
    assert authenticate(username=SYSTEM_USERNAME, password=account.password) is None
    response = client.post("/api/v1/token/", {"username": SYSTEM_USERNAME, "password": account.password})
    assert response.status_code == 400 and "token" not in response.json()


@pytest.mark.django_db
def test_a_person_named_system_is_never_taken_for_the_system_account(users):
    User.objects.create_user(username=SYSTEM_USERNAME, password="a-real-password-2026", role=Role.RIGHTS_HOLDER)
    with pytest.raises(CommandError, match="belongs to a person; pass --as-user"):
        acting_user(None)
    assert acting_user("t-official") == users["official"]
    with pytest.raises(CommandError, match="no user 'nobody'"):
        acting_user("nobody")


@pytest.mark.django_db
def test_an_entry_of_a_person_carries_no_os_user(users, tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text(ORGANISATIONS, encoding="utf-8")
    call_command("import", "organisations", str(path), "--as-user", "t-official", stdout=io.StringIO())
    entry = AuditEntry.objects.get(action="organisation.import")
    assert entry.actor == users["official"] and "os_user" not in entry.summary


# The commands run in a fresh process against a fresh data directory, one Django start for them all
# (each `zhichan` start costs seconds); `migrate` goes through the console script itself.
_COMMANDS = """
import io, json, sys
import django
django.setup()
from django.core.management import call_command
for argv in json.loads(sys.argv[1]):
    out = io.StringIO()
    call_command(*argv, stdout=out, stderr=io.StringIO())
    print(json.dumps([argv[0], out.getvalue()]))
"""


@pytest.mark.slow
def test_every_command_works_on_a_fresh_data_directory_after_migrate(tmp_path):
    """`zhichan migrate`, then the platform's commands with no prior `zhichan demo` and no --as-user."""
    data = tmp_path / "data"
    settings = {"ZHICHAN_DATA_DIR": str(data), "DATABASE_URL": "", "DJANGO_SETTINGS_MODULE": "zhichan.config.settings"}
    env = {**os.environ, **settings}  # SQLite in the fresh directory, also when the suite runs on PostgreSQL

    def run(*args: str) -> str:
        done = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"{' '.join(args)[:200]}: {done.stderr[-2000:]}"
        return done.stdout

    run("-m", "zhichan.cli", "migrate", "--no-input", "-v", "0")
    organisations = tmp_path / "orgs.csv"
    organisations.write_text(ORGANISATIONS, encoding="utf-8")
    holidays = tmp_path / "holidays-2027.csv"
    holidays.write_bytes(calendar_table())
    commands = [
        ["import", "organisations", str(organisations)],
        ["calendar", "import", str(holidays)],
        ["calendar", "show"],
        ["audit", "purge", "request", "--older-than", "180"],
        ["audit", "verify"],
        ["evidence", "verify"],
        ["backup", str(tmp_path / "backups")],
    ]
    has_plan = plan_path().is_file()  # the plan text is the city's document (shared data folder)
    if has_plan:
        commands += [
            ["plan", "import", str(plan_path())],
            ["plan", "export", "--format", "json"],
            ["plan", "remind", "--as-of", "2023-05-01"],
        ]
    printed = [json.loads(line) for line in run("-c", _COMMANDS, json.dumps(commands)).splitlines()]
    assert [name for name, _out in printed] == [argv[0] for argv in commands]  # every command ran
    outputs = [out for _name, out in printed]
    assert "created 1" in outputs[0] and "2027" in outputs[1] and "2027" in outputs[2]
    if has_plan:
        assert json.loads(outputs[-2])["tasks"] and "overdue" in outputs[-1]
    with sqlite3.connect(data / "zhichan.sqlite3") as db:
        entries = db.execute(
            "SELECT action, actor_label, actor_role, summary FROM core_auditentry ORDER BY seq"
        ).fetchall()
        people = db.execute("SELECT username FROM core_user").fetchall()
    assert people == [(SYSTEM_USERNAME,)]  # nobody but the system account: no demo ran
    assert entries[0][:3] == ("person.create", SYSTEM_USERNAME, Role.ADMINISTRATOR)
    actions = {action for action, label, _role, _summary in entries if label == SYSTEM_USERNAME}
    assert {"organisation.import", "audit_purge.request"} <= actions
    if has_plan:
        assert {"plan.import", "plan.export"} <= actions
    assert {
        json.loads(summary)["os_user"] for _action, label, _role, summary in entries if label == SYSTEM_USERNAME
    } == {getpass.getuser()}
