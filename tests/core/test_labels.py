"""Every code a page shows has a label in one registry (core.labels), Chinese first and English on request;
apps add their own codes without editing core. The audit page, its export and the job pages show labels."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from zhichan.core import jobs, labels, services
from zhichan.core.models import AuditEntry, Role
from zhichan.core.policy import OBJECT_TYPES

SRC = Path(__file__).resolve().parents[2] / "src" / "zhichan"


def _audit_calls() -> list[str]:
    """The text of every audit.record(...) / audit_record(...) call in the apps (balanced parentheses)."""
    calls = []
    for path in SRC.rglob("*.py"):
        if "engines" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"\baudit(?:\.|_)record\(", text):
            depth, end = 0, match.end() - 1
            for end in range(match.end() - 1, len(text)):
                depth += {"(": 1, ")": -1}.get(text[end], 0)
                if depth == 0:
                    break
            calls.append(text[match.start() : end + 1])
    return calls


def test_a_module_registers_its_own_codes_without_editing_core():
    labels.register("tests.colour", {"red": gettext_lazy("名称")})
    assert labels.label("tests.colour", "red") == "名称"
    with translation.override("en"):
        assert labels.label("tests.colour", "red") == "Name"  # lazy: the reader's language at display time
    assert labels.label("tests.colour", "blue") == "blue"  # never lost, only unlabelled
    assert labels.known("tests.colour", "red") and not labels.known("tests.colour", "blue")


def test_audit_actions_read_as_object_and_verb_when_they_have_no_label_of_their_own():
    assert labels.label(labels.AUDIT_ACTION, "organisation.download") == "组织机构：下载"
    assert labels.label(labels.AUDIT_ACTION, "plan.task.added") == "规划任务：新增"
    assert labels.label(labels.AUDIT_ACTION, "session.mfa") == "双因素认证"
    with translation.override("en"):
        assert labels.label(labels.AUDIT_ACTION, "organisation.download") == "Organisations: download"


def test_every_role_object_type_job_kind_and_literal_audit_action_has_a_label():
    assert [r for r in [*Role.values, "anonymous"] if not labels.known(labels.ROLE, r)] == []
    assert [t for t in OBJECT_TYPES if not labels.known(labels.OBJECT_TYPE, t)] == []
    assert [k for k in jobs._HANDLERS if not labels.known(labels.JOB_KIND, k)] == []
    calls = _audit_calls()
    assert len(calls) > 40  # the scan finds the calls
    actions = {a for call in calls for a in re.findall(r'action="([a-z_.]+)"', call)}
    verbs = {v for call in calls for v in re.findall(r"action=f\"[a-z_]+\.\{[^}]+\}\.?([a-z_]*)\"", call) if v}
    assert "organisation.create" in actions and "plan.import" in actions
    assert [a for a in sorted(actions) if not labels.known(labels.AUDIT_ACTION, a)] == []
    assert [v for v in sorted(verbs) if not labels.known(labels.VERB, v)] == []
    for verb in ("list", "read", "create", "change", "delete", "download"):  # the policy's actions (denials)
        assert labels.known(labels.VERB, verb)


def test_every_literal_summary_key_of_an_audit_call_has_a_label():
    keys = {key for call in _audit_calls() for key in re.findall(r'"([a-z_]+)":', call)}
    assert {"channel", "reason", "changes"} <= keys
    assert [k for k in sorted(keys) if not labels.known(labels.SUMMARY_KEY, k)] == []


def test_summaries_are_labelled_lines():
    summary = {"channel": "web", "role": "bank_staff", "changes": {"name": ["旧名", "新名"]}, "ok": True}
    assert labels.summary_lines(summary) == [
        ("途径", "网页"),
        ("角色", "银行人员"),
        ("变更", "名称：旧名 → 新名"),
        ("ok", "是"),
    ]
    with translation.override("en"):
        assert labels.summary_lines({"channel": "api", "role": "auditor"}) == [
            ("Channel", "API"),
            ("Role", "Auditor"),
        ]


@pytest.fixture
def audit_trail(users):
    """Entries a new user met as raw codes and dicts: a refused second factor, a person, a change, a denial."""
    services.mfa_verify(user=users["official"], code="000000")  # not enrolled: refused, audited
    services.user_create(actor=users["administrator"], username="bank2", password="pw-long-enough-1", role="bank_staff")
    services.organisation_update(
        actor=users["official"], organisation=users["official"].organisation, data={"address": "天河路1号"}
    )
    services.denial_record(actor=users["liaison"], action="organisation.download", object_type="organisation")


def test_the_audit_page_shows_labels_not_codes(client, users, audit_trail):
    client.force_login(users["auditor"])
    page = client.get("/audit/").content.decode()
    for shown in (
        "双因素认证",
        "尚未绑定认证应用",
        "途径：</span>网页",
        "银行人员",
        "组织机构：下载",
        "变更：</span>地址：— → 天河路1号",
    ):
        assert shown in page, shown
    assert 'title="session.mfa"' in page  # the code stays findable for the filter
    for code in (">session.mfa<", "bank_staff<", "{&#x27;", "&#x27;channel&#x27;", ">organisation<", "not enrolled"):
        assert code not in page, code

    english = client.get("/audit/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for shown in ("Two-factor authentication", "No authenticator app enrolled", "Bank staff", "Organisations: d"):
        assert shown in english, shown
    assert "双因素认证" not in english and "银行人员" not in english


def test_the_audit_filter_offers_object_types_by_name(client, users, audit_trail):
    client.force_login(users["auditor"])
    page = client.get("/audit/?object_type=session").content.decode()
    assert '<option value="session" selected>登录会话</option>' in page
    assert "尚未绑定认证应用" in page and "组织机构：下载" not in page


def test_the_audit_export_has_labels_and_the_action_code(client, users, audit_trail):
    client.force_login(users["auditor"])
    response = client.get("/audit/export.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    header = rows[0]
    assert header[:6] == ("序号", "时间", "操作人", "角色", "操作", "操作代码")
    mfa = next(r for r in rows[1:] if r[5] == "session.mfa")
    assert mfa[3] == "知识产权局工作人员" and mfa[4] == "双因素认证" and mfa[6] == "登录会话"
    assert "途径：网页" in mfa[10] and "原因：尚未绑定认证应用" in mfa[10] and "{" not in mfa[10]


def test_job_pages_name_the_kind_and_label_the_result(client, users, imported):
    report = imported()  # a 2027 notice: the recomputation job ran
    client.force_login(users["official"])
    listing = client.get("/jobs/").content.decode()
    assert "按节假日安排重新计算期限" in listing and "core.calendar_recompute" not in listing
    page = client.get(f"/jobs/{report['job']}/").content.decode()
    assert "<dt>年份</dt><dd>2027</dd>" in page and "案件期限：" in page and "{&#x27;" not in page
    assert 'href="/calendar/">节假日与工作日' in page
    english = client.get(f"/jobs/{report['job']}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (
        "Recompute time limits" in english
        and "<dt>Year</dt><dd>2027</dd>" in english
        and "Case time limits: 0" in english
    )


def test_calendar_gap_is_worded_in_the_readers_language_only():
    from zhichan.engines.calendar import YearNotCovered

    gap = YearNotCovered(2031, range(2004, 2028))
    assert "No holiday data" in str(gap)  # the engine's message is bilingual
    chinese = labels.missing_holidays(gap)
    assert "2031" in chinese and "2004–2027" in chinese and "No holiday data" not in chinese
    with translation.override("en"):
        english = labels.missing_holidays(gap)
    assert "2031" in english and "节假日" not in english and "State Council" in english


def test_audit_entries_of_the_demo_are_all_labelled(users):
    """What `make run` shows on the audit page: every action, role, object type and summary key has words."""
    from django.core.management import call_command

    call_command("demo", stdout=io.StringIO())
    entries = list(AuditEntry.objects.all())
    assert len(entries) > 50
    assert {e.action for e in entries if not labels.known(labels.AUDIT_ACTION, e.action)} == set()
    assert {e.actor_role for e in entries if not labels.known(labels.ROLE, e.actor_role)} == set()
    assert {e.object_type for e in entries if not labels.known(labels.OBJECT_TYPE, e.object_type)} == set()
    keys = {k for e in entries if isinstance(e.summary, dict) for k in e.summary}
    assert {k for k in keys if not labels.known(labels.SUMMARY_KEY, k)} == set()


def test_an_apps_message_about_a_year_without_holiday_data_is_in_one_language(db, monkeypatch):
    from datetime import date

    from zhichan.ecommerce import services as ecommerce_services
    from zhichan.engines.calendar import YearNotCovered

    def uncovered(*args, **kwargs):
        raise YearNotCovered(2040, range(2004, 2028))

    monkeypatch.setattr(ecommerce_services, "compute_deadline", uncovered)
    due, steps, provisional = ecommerce_services.declaration_wait(date(2039, 12, 20))
    assert due is None and not provisional
    assert "2040" in steps[0]["zh"] and "No holiday data" not in steps[0]["zh"]
    with translation.override("en"):
        _due, steps, _provisional = ecommerce_services.declaration_wait(date(2039, 12, 20))
    assert "No holiday data for 2040" in steps[0]["zh"] and "没有 2040 年" not in steps[0]["zh"]
