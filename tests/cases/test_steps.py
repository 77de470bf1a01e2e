"""The next-step area of the case page: labelled fields with help, the steps the procedure allows now in
its order, names of a panel as people write them, and a message that says what a step did."""

from __future__ import annotations

from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from freezegun import freeze_time

from zhichan.cases import services as s
from zhichan.cases.forms import panel_names
from zhichan.cases.models import ClockKind, Status

from .conftest import beijing

pytestmark = pytest.mark.django_db


class StepControls(HTMLParser):
    """The form controls of the `steps` card, the labels (for= and wrapping) and the ids on the page."""

    def __init__(self):
        super().__init__()
        self.depth = 0  # > 0 inside the steps card
        self.controls: list[dict[str, str]] = []
        self.label_for: set[str] = set()
        self.ids: set[str] = set()
        self.in_label = 0
        self.wrapped: set[int] = set()

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if self.depth:
            if tag == "div":
                self.depth += 1
            if tag == "label":
                self.in_label += 1
                if a.get("for"):
                    self.label_for.add(a["for"])
            if tag in ("input", "select", "textarea") and a.get("type") != "hidden":
                if self.in_label:
                    self.wrapped.add(len(self.controls))
                self.controls.append({"tag": tag, **a})
        elif tag == "div" and "steps" in a.get("class", "").split():
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag == "div":
            self.depth -= 1
        if tag == "label" and self.in_label:
            self.in_label -= 1


def step_controls(body: str) -> StepControls:
    parser = StepControls()
    parser.feed(body)
    return parser


def assert_every_field_labelled_with_help(body: str) -> StepControls:
    page = step_controls(body)
    assert page.controls, "no next-step fields on the page"
    for index, control in enumerate(page.controls):
        labelled = control.get("id") in page.label_for or index in page.wrapped
        assert labelled, f"no label for {control}"
        if control.get("name") == "participants":  # the invitees: each checkbox is its person's name
            continue
        described = control.get("aria-describedby", "")
        assert described and described in page.ids, f"no help text for {control}"
    ids = [c["id"] for c in page.controls if c.get("id")]
    assert len(ids) == len(set(ids)), "ids repeat on the page"
    return page


def buttons(body: str) -> list[str]:
    import re

    return re.findall(r'<button type="submit"[^>]*>([^<]+)</button>', body)


def official_page(client, users, case):
    client.force_login(users["official"])
    return client.get(f"/cases/{case.pk}/").content.decode()


def test_panel_names_are_separated_as_people_write_lists():
    assert panel_names("王科长、李科员、张科员") == ["王科长", "李科员", "张科员"]
    assert panel_names("王科长，李科员,张科员") == ["王科长", "李科员", "张科员"]
    assert panel_names(" 王科长；李科员;张科员 ") == ["王科长", "李科员", "张科员"]
    assert panel_names("王科长 李科员\u3000张科员") == ["王科长", "李科员", "张科员"]
    assert panel_names("王科长、、李科员") == ["王科长", "李科员"]


def test_docketing_from_the_page_accepts_a_panel_written_with_enumeration_commas(client, users, complaint):
    case = s.case_triage_decide(actor=users["official"], case=complaint(), on=date(2025, 9, 29))
    client.force_login(users["official"])
    form = {"action": "docket", "panel": "王科长、李科员、张科员", "on": "2025-10-09"}
    with freeze_time("2025-10-09 02:00:00"):
        body = client.post(f"/cases/{case.pk}/act/", form, follow=True).content.decode()
    case.refresh_from_db()
    assert case.status == Status.DOCKETED
    assert case.events.get(action="docket").data["panel"] == ["王科长", "李科员", "张科员"]
    assert "已办理“立案”" in body


def test_every_next_step_field_has_a_label_and_help_in_each_procedure(client, users, complaint, mediator):
    with freeze_time("2025-10-09 02:00:00"):
        ruling = s.case_triage_decide(actor=users["official"], case=complaint())
        body = official_page(client, users, ruling)
        page = assert_every_field_labelled_with_help(body)
        assert {c["name"] for c in page.controls} >= {"panel", "reason", "on"}
        assert "顿号" in body  # the panel's help says how to separate names
        mediation = s.case_triage_decide(
            actor=users["official"],
            case=complaint(right="trademark", request_kind="mediation", both_willing_to_mediate=True),
        )
        assert_every_field_labelled_with_help(official_page(client, users, mediation))
        mediation = s.case_assign_mediator(actor=users["official"], case=mediation, mediator=mediator)
        s.session_record(actor=users["official"], case=mediation, held_at=beijing(2025, 10, 9), mode="online")
        body = official_page(client, users, mediation)
        page = assert_every_field_labelled_with_help(body)
        terms = [c for c in page.controls if c["name"] == "terms"]
        assert terms and terms[0]["tag"] == "textarea"  # an agreement's terms run to several lines
        assert "协议自该日生效" in body


def test_after_a_step_the_message_says_what_was_done_and_the_clock_it_started(client, users, complaint):
    case = s.case_triage_decide(actor=users["official"], case=complaint(), on=date(2025, 9, 29))
    case = s.case_docket(actor=users["official"], case=case, panel=["甲", "乙", "丙"], on=date(2025, 10, 9))
    client.force_login(users["official"])
    with freeze_time("2025-10-10 02:00:00"):
        body = client.post(f"/cases/{case.pk}/act/", {"action": "serve", "on": "2025-10-10"}, follow=True)
    text = body.content.decode()
    due = case.clocks.get(kind=ClockKind.DEFENCE).due_on
    assert "已办理“送达请求书副本”" in text and "案件状态：已送达被请求人" in text
    assert f"答辩期至 {due.isoformat()}" in text
    assert "已办理。" not in text and ">已办理<" not in text


def test_triage_from_the_page_names_the_number_it_gave(client, users, complaint):
    case = complaint()
    client.force_login(users["official"])
    with freeze_time("2025-09-29 02:00:00"):
        text = client.post(f"/cases/{case.pk}/act/", {"action": "triage"}, follow=True).content.decode()
    case.refresh_from_db()
    assert f"案号：{case.number}" in text and "立案审查至" in text


def test_defence_overdue_is_offered_only_once_the_defence_period_ran_out(client, users, complaint):
    case = s.case_triage_decide(actor=users["official"], case=complaint(), on=date(2025, 9, 29))
    case = s.case_docket(actor=users["official"], case=case, panel=["甲", "乙", "丙"], on=date(2025, 10, 9))
    case = s.case_serve(actor=users["official"], case=case, on=date(2025, 10, 10))
    due = case.clocks.get(kind=ClockKind.DEFENCE).due_on
    with freeze_time(f"{due.isoformat()} 02:00:00"):
        body = official_page(client, users, case)
    assert "答辩期满" not in buttons(body) and "收到答辩书" in buttons(body)
    assert f"答辩期至 {due.isoformat()} 届满，尚未届满" in body  # why it waits
    with freeze_time(f"{(due + timedelta(days=1)).isoformat()} 02:00:00"):
        assert "答辩期满" in buttons(official_page(client, users, case))


def test_fair_measures_are_offered_after_the_answer_or_once_the_answer_period_ran_out(client, users, complaint):
    fair = s.fair_create(
        actor=users["official"],
        data={"name": "第137届广交会", "edition": 137, "starts_on": date(2025, 4, 15), "ends_on": date(2025, 4, 19)},
    )
    case = complaint(
        right="trademark",
        request_kind="fair_complaint",
        fair_in_progress=True,
        fair=fair,
        received_at=beijing(2025, 4, 15, 9),
        respondent_name="某某展商有限公司",
        respondent_credit_code="",
    )
    official = users["official"]
    case = s.case_triage_decide(actor=official, case=case)
    case = s.fair_transfer(actor=official, case=case, at=beijing(2025, 4, 15, 10))
    case = s.fair_notify(actor=official, case=case, at=beijing(2025, 4, 15, 11))
    with freeze_time(beijing(2025, 4, 15, 12)):
        body = official_page(client, users, case)
        order = buttons(body)
    assert "采取处置措施" not in order and "作出处理结果" not in order
    assert order.index("收到被投诉方答辩") < order.index("撤回")
    assert "届满前未答辩的方可采取措施" in body
    with freeze_time(beijing(2025, 4, 16, 12)):  # 24 hours passed without an answer
        assert "采取处置措施" in buttons(official_page(client, users, case))
    answered = s.fair_answer(actor=official, case=case, at=beijing(2025, 4, 15, 13))
    with freeze_time(beijing(2025, 4, 15, 14)):
        order = buttons(official_page(client, users, answered))
    assert order.index("采取处置措施") < order.index("作出处理结果")
