"""The trademark time limits of an alert and a protected mark, by the law version of the event's date.

The opposition window runs from the publication date (商标法 2019 Art. 33: three months; 2027 Art. 36: two
months); after it, a registration may be declared invalid within five years of registration (2019 Art.
45, 2027 Art. 51), without limit for a well-known mark's owner against bad faith. A mark runs ten years
from registration and is renewed in the twelve months before expiry, then within a six-month grace
(2019 Art. 39-40, 2027 Art. 43-44). Due dates follow the Civil Code and the holiday calendar
(`engines.calendar`); which law governs a window open on 2027-01-01 is the legal-rules setting
`trademark.pending_on_new_law` (UNVERIFIED).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from zhichan.core.calendar import platform_calendar
from zhichan.engines.calendar import Deadline, Period, YearNotCovered, add_months, compute_deadline
from zhichan.engines.rules import LegalRule, rule

NEW_LAW_FROM = date(2027, 1, 1)
OPPOSITION = "trademark.opposition_period"


@dataclass(frozen=True)
class Window:
    """A time limit as a page shows it: what it is, until when, the rule it rests on, and how it was counted."""

    label: str
    due: date | None  # None: no time limit
    basis: str
    status: str  # VERIFIED / SECONDARY / UNVERIFIED of the rule
    steps: tuple[str, ...] = ()
    provisional: bool = False

    def days_left(self, today: date) -> int | None:
        return None if self.due is None else (self.due - today).days


def opposition_rule(published_on: date) -> LegalRule:
    """The version of the opposition period for a publication, with the setting for windows open on
    2027-01-01 (`trademark.pending_on_new_law`: 1 applies the 2027 period to them)."""
    found = rule(OPPOSITION, on=published_on)
    if published_on < NEW_LAW_FROM and rule("trademark.pending_on_new_law", on=NEW_LAW_FROM).value == 1:
        old_due = add_months(published_on, found.as_int())
        if old_due >= NEW_LAW_FROM:
            return rule(OPPOSITION, on=NEW_LAW_FROM)
    return found


def opposition_deadline(published_on: date) -> Deadline:
    found = opposition_rule(published_on)
    return compute_deadline(published_on, Period(found.as_int(), found.unit), platform_calendar())


def opposition_window(published_on: date) -> Window:
    found = opposition_rule(published_on)
    deadline = opposition_deadline(published_on)
    return Window(
        label=_("异议期限（自初步审定公告之日起%(period)s）") % {"period": Period(found.as_int(), found.unit).zh},
        due=deadline.due,
        basis=found.basis,
        status=found.status,
        steps=tuple(step.zh for step in deadline.steps),
        provisional=bool(deadline.provisional_years),
    )


def invalidation_window(*, registered_on: date, well_known: bool) -> Window:
    """After the opposition window: 5 years from registration; none for a well-known mark's owner
    against a bad-faith registration (the alert says which applies)."""
    limit = rule("trademark.invalidation_relative_limit", on=registered_on)
    if well_known and rule("trademark.invalidation_wellknown_unlimited", on=registered_on).value == 1:
        unlimited = rule("trademark.invalidation_wellknown_unlimited", on=registered_on)
        return Window(_("无效宣告（驰名商标所有人对恶意注册不受五年限制）"), None, unlimited.basis, unlimited.status)
    deadline = compute_deadline(registered_on, Period(limit.as_int(), limit.unit), platform_calendar())
    return Window(
        _("无效宣告期限（自注册之日起%(period)s）") % {"period": Period(limit.as_int(), limit.unit).zh},
        deadline.due,
        limit.basis,
        limit.status,
        tuple(step.zh for step in deadline.steps),
        bool(deadline.provisional_years),
    )


def estimated_registration(published_on: date) -> date:
    """A mark published and not opposed is registered as of the day its opposition period ends (2019
    Art. 36 ¶2 counts the right from then); until the registration is known, that day stands for it."""
    found = opposition_rule(published_on)
    return add_months(published_on, found.as_int())


@dataclass(frozen=True)
class Renewal:
    state: str  # "running", "window", "grace", "expired"
    expiry: date
    window_opens: date
    grace_ends: date
    basis: str

    @property
    def label(self) -> str:
        return {
            "running": _("有效"),
            "window": _("续展期内"),
            "grace": _("宽展期内"),
            "expired": _("宽展期满，未续展将注销"),
        }[self.state]


def renewal(expiry: date, today: date) -> Renewal:
    """Where a registration stands against its expiry (renewal window, grace, or past both)."""
    window = rule("trademark.renewal_window", on=expiry)
    grace = rule("trademark.renewal_grace", on=expiry)
    opens = add_months(expiry, -window.as_int()) + timedelta(days=1)
    grace_ends = add_months(expiry, grace.as_int())
    if today < opens:
        state = "running"
    elif today <= expiry:
        state = "window"
    elif today <= grace_ends:
        state = "grace"
    else:
        state = "expired"
    return Renewal(state, expiry, opens, grace_ends, f"{window.basis}")


def expiry_of(registered_on: date) -> date:
    """The end of a registration's term (10 years from registration: 2019 Art. 39, 2027 Art. 43)."""
    term = rule("trademark.term", on=registered_on)
    return add_months(registered_on, 12 * term.as_int()) - timedelta(days=1)


def patent_restoration_window(notice_on: date) -> Window:
    """The time to request the restoration of a patent lapsed for unpaid fees (专利法实施细则第六条: two
    months from receipt of the notice; counted here from the notice's date, the day of receipt unknown)."""
    found = rule("patent.restoration_period", on=notice_on)
    period = Period(found.as_int(), found.unit)
    try:
        deadline = compute_deadline(notice_on, period, platform_calendar())
        due, steps, provisional = deadline.due, tuple(s.zh for s in deadline.steps), bool(deadline.provisional_years)
    except YearNotCovered:
        due, steps, provisional = add_months(notice_on, found.as_int()), (), True
    return Window(
        label=_("请求恢复权利的期限（自收到通知之日起%(period)s）") % {"period": period.zh},
        due=due,
        basis=found.basis,
        status=found.status,
        steps=steps,
        provisional=provisional,
    )
