"""Issue 20 item 3: failures lock one account, never an address; an address that keeps failing is slowed.

21 failures on invented names from one address (behind a proxy or an office NAT: everyone) used to lock
every account from that address. Now failures count on the account they name (a name without an account
locks nobody), each address is delayed progressively (the sleep is injected here), the client address
comes from the proxy header only when the peer is a trusted proxy, and an administrator unlocks (audited).
"""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tests.kit import assert_denied_and_audited
from zhichan.core import auth
from zhichan.core.models import AuditEntry
from zhichan.core.selectors import login_locked_until
from zhichan.core.services import login_unlock

PASSWORD = "test-password-123"
LOCKED = "登录失败次数过多"
OFFICE = "10.20.30.40"  # one NAT address for a whole office


@pytest.fixture
def slept(monkeypatch, settings):
    """The delays the gate asked for, instead of waiting them."""
    settings.LOGIN_MAX_FAILURES = 3
    waits: list[float] = []
    monkeypatch.setattr(auth, "sleep", waits.append)
    return waits


def attempt(client: Client, name: str, password: str | None = None, **extra) -> int:
    """A log-in attempt; with a wrong password unless one is given."""
    return client.post("/login/", {"username": name, "password": password or "wrong"}, **extra).status_code


def test_failures_on_invented_names_lock_no_account_from_the_same_address(client, users, slept):
    for number in range(25):
        assert attempt(client, f"nobody-{number}", REMOTE_ADDR=OFFICE) == 200
    assert not AuditEntry.objects.filter(action="person.login_lock").exists()
    assert attempt(Client(), "t-official", PASSWORD, REMOTE_ADDR=OFFICE) == 302
    token = APIClient().post(
        "/api/v1/token/", {"username": "t-platform_client", "password": PASSWORD}, REMOTE_ADDR=OFFICE
    )
    assert token.status_code == 200


def test_failures_lock_the_account_they_name_and_no_colleague_behind_the_same_address(client, users, slept):
    for _ in range(3):
        attempt(client, "t-liaison", REMOTE_ADDR=OFFICE)
    refused = client.post("/login/", {"username": "t-liaison", "password": PASSWORD}, REMOTE_ADDR=OFFICE)
    assert LOCKED in refused.content.decode()
    assert login_locked_until(user=users["liaison"]) is not None
    lock = AuditEntry.objects.get(action="person.login_lock")
    assert lock.object_id == str(users["liaison"].public_id) and lock.summary["failures"] == 3
    denied = AuditEntry.objects.filter(action="session.login", result="denied").get()
    assert denied.summary == {"username": "t-liaison", "reason": "locked"}  # refused unread, audited
    assert attempt(Client(), "t-rights_holder", PASSWORD, REMOTE_ADDR=OFFICE) == 302


def test_an_invented_name_looks_locked_like_an_account_and_locks_nobody(client, users, slept):
    for _ in range(3):
        attempt(client, "t-ghost")
    assert LOCKED in client.post("/login/", {"username": "t-ghost", "password": "x"}).content.decode()
    assert not AuditEntry.objects.filter(action="person.login_lock").exists()


def test_an_address_that_keeps_failing_is_slowed_down_progressively(client, users, slept, settings):
    settings.LOGIN_MAX_FAILURES = 100
    settings.LOGIN_DELAY_AFTER_FAILURES = 3
    settings.LOGIN_DELAY_MAX_SECONDS = 8
    for number in range(9):
        attempt(client, f"nobody-{number}", REMOTE_ADDR=OFFICE)
    assert slept == [1.0, 2.0, 4.0, 8.0, 8.0, 8.0]  # after 3 failures: doubling, capped
    attempt(client, "t-official", PASSWORD, REMOTE_ADDR=OFFICE)  # a right password waits as long
    assert slept[-1] == 8.0 and len(slept) == 7
    attempt(Client(), "t-official", PASSWORD, REMOTE_ADDR="192.0.2.7")  # another address is not slowed
    assert len(slept) == 7


def test_the_proxy_header_is_read_only_from_a_trusted_proxy(client, users, slept, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    header = {"HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.5, 10.0.0.2"}
    attempt(client, "t-ghost", REMOTE_ADDR="10.0.0.1", **header)  # the proxy's hop, then the client's
    attempt(client, "t-ghost", REMOTE_ADDR="198.51.100.7", **header)  # anyone else's header is ignored
    attempt(client, "t-ghost", REMOTE_ADDR="10.0.0.1")  # a proxy without the header: the proxy itself
    failures = AuditEntry.objects.filter(action="session.login").order_by("seq")
    assert [entry.client_ip for entry in failures] == ["203.0.113.5", "198.51.100.7", "10.0.0.1"]


def test_the_client_address_header_is_a_setting(client, users, slept, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.CLIENT_ADDRESS_HEADER = "X-Real-IP"
    attempt(client, "t-ghost", HTTP_X_REAL_IP="203.0.113.9", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert AuditEntry.objects.get(action="session.login").client_ip == "203.0.113.9"


def test_an_administrator_unlocks_on_the_person_page_and_it_is_audited(client, users, slept):
    for _ in range(3):
        attempt(Client(), "t-liaison")
    client.force_login(users["administrator"])
    page = client.get(f"/people/{users['liaison'].public_id}/").content.decode()
    assert "解除登录锁定" in page
    assert client.post(f"/people/{users['liaison'].public_id}/unlock/").status_code == 302
    unlock = AuditEntry.objects.get(action="person.login_unlock")
    assert unlock.actor == users["administrator"] and unlock.summary == {"username": "t-liaison", "locked": True}
    assert login_locked_until(user=users["liaison"]) is None
    assert attempt(Client(), "t-liaison", PASSWORD) == 302


def test_an_unlock_clears_the_failures_counted_before_it(users, slept):
    for _ in range(2):
        attempt(Client(), "t-liaison")
    login_unlock(actor=users["administrator"], user=users["liaison"])
    attempt(Client(), "t-liaison")
    assert login_locked_until(user=users["liaison"]) is None


def test_only_whom_the_policy_lets_change_a_person_unlocks(client, users, slept):
    for _ in range(3):
        attempt(Client(), "t-liaison")
    assert_denied_and_audited(
        lambda: login_unlock(actor=users["official"], user=users["liaison"]),
        action="person.change",
        object_type="person",
        object_id=users["liaison"].pk,
    )
    client.force_login(users["official"])
    assert "解除登录锁定" not in client.get(f"/people/{users['liaison'].public_id}/").content.decode()
    assert_denied_and_audited(
        lambda: client.post(f"/people/{users['liaison'].public_id}/unlock/"),
        action="person.change",
        object_type="person",
        object_id=users["liaison"].pk,
    )
    assert login_locked_until(user=users["liaison"]) is not None
    assert not AuditEntry.objects.filter(action="person.login_unlock").exists()


def test_the_api_token_path_counts_on_the_account_and_a_success_resets_the_count(users, slept):
    api = APIClient()
    for _ in range(2):
        assert api.post("/api/v1/token/", {"username": "t-platform_client", "password": "wrong"}).status_code == 400
    assert api.post("/api/v1/token/", {"username": "t-platform_client", "password": PASSWORD}).status_code == 200
    assert AuditEntry.objects.filter(action="session.login", result="success", summary__channel="api").exists()
    for _ in range(2):
        api.post("/api/v1/token/", {"username": "t-platform_client", "password": "wrong"})
    assert login_locked_until(user=users["platform_client"]) is None
    api.post("/api/v1/token/", {"username": "t-platform_client", "password": "wrong"})
    locked = api.post("/api/v1/token/", {"username": "t-platform_client", "password": PASSWORD})
    assert locked.status_code == 400 and LOCKED in locked.json()["non_field_errors"][0]


def test_parallel_guesses_get_no_more_tries_than_the_limit_leaves(users, slept, monkeypatch, settings):
    """A burst of guesses on one account used to pass the lock check together, before the first failure
    was written. Each check now reserves its try first: while one guess is being checked, the others see
    it counted, and the tries the account has left are never exceeded."""
    from zhichan.core.models import LoginAttempt, User

    backend = auth.LockoutBackend()
    attempt(Client(), "t-liaison")  # one failure: two tries left before the lock at 3
    checked: list[str] = []
    real_check = User.check_password

    def check_while_others_arrive(self, raw):
        checked.append(raw)
        if len(checked) == 1:  # two more guesses arrive while the first is being checked
            for guess in ("second", "third"):
                assert backend.authenticate(None, username="t-liaison", password=guess) is None
        return real_check(self, raw)

    monkeypatch.setattr(User, "check_password", check_while_others_arrive)
    assert backend.authenticate(None, username="t-liaison", password="first") is None
    assert checked == ["first", "second"]  # the third found both tries taken and read no password
    assert login_locked_until(user=users["liaison"]) is not None
    assert not LoginAttempt.objects.exists()  # every reservation ended
    monkeypatch.setattr(User, "check_password", real_check)
    assert backend.authenticate(None, username="t-liaison", password=PASSWORD) is None  # locked, even right


def test_a_reservation_left_by_a_dead_worker_stops_counting(users, slept, settings):
    from datetime import timedelta

    from django.utils import timezone

    from zhichan.core.models import LoginAttempt

    for _ in range(3):
        LoginAttempt.objects.create(user=users["liaison"], started_at=timezone.now() - timedelta(minutes=5))
    assert attempt(Client(), "t-liaison", PASSWORD) == 302
