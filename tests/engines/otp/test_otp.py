"""TOTP against the RFCs' own test vectors, and the rules the log-in relies on (window, no reuse)."""

from __future__ import annotations

import base64
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhichan.engines.otp import (
    hotp,
    matching_step,
    new_secret,
    provisioning_uri,
    secret_bytes,
    time_step,
    totp,
)

RFC_KEY = b"12345678901234567890"  # the SHA-1 seed of RFC 4226 appendix D and RFC 6238 appendix B
RFC_SECRET = base64.b32encode(RFC_KEY).decode()


def test_hotp_matches_rfc_4226_appendix_d():
    expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
    assert [hotp(RFC_KEY, counter) for counter in range(10)] == expected


@pytest.mark.parametrize(
    ("unix_time", "code"),
    [
        (59, "94287082"),
        (1111111109, "07081804"),
        (1111111111, "14050471"),
        (1234567890, "89005924"),
        (2000000000, "69279037"),
        (20000000000, "65353130"),
    ],
)
def test_totp_matches_rfc_6238_appendix_b(unix_time, code):
    assert totp(RFC_SECRET, unix_time, digits=8) == code


def test_a_code_is_accepted_one_step_either_side_and_not_further():
    now = 1_800_000_000
    step = time_step(now)
    for drift in (-1, 0, 1):
        code = hotp(RFC_KEY, step + drift)
        assert matching_step(RFC_SECRET, code, now) == step + drift
    for drift in (-2, 2):
        assert matching_step(RFC_SECRET, hotp(RFC_KEY, step + drift), now) is None


def test_a_used_step_is_not_accepted_again():
    now = 1_800_000_000
    code = totp(RFC_SECRET, now)
    used = matching_step(RFC_SECRET, code, now)
    assert used is not None
    assert matching_step(RFC_SECRET, code, now, after_step=used) is None
    assert matching_step(RFC_SECRET, code, now + 30, after_step=used) is None  # still inside the window


@pytest.mark.parametrize("junk", ["", "12345", "1234567", "12345a", "１２３４５６", "12 34 5"])
def test_malformed_codes_match_nothing(junk):
    assert matching_step(RFC_SECRET, junk, 1_800_000_000) is None


def test_typed_codes_and_secrets_may_carry_spaces_and_lower_case():
    now = 1_800_000_000
    code = totp(RFC_SECRET, now)
    assert matching_step(RFC_SECRET.lower(), f"{code[:3]} {code[3:]}", now) is not None


@given(st.integers(min_value=0, max_value=2**40))
def test_new_secrets_are_160_bit_and_round_trip(unix_time):
    secret = new_secret()
    assert len(secret_bytes(secret)) == 20
    assert matching_step(secret, totp(secret, unix_time), unix_time) == time_step(unix_time)


def test_provisioning_uri_carries_secret_issuer_and_account():
    uri = provisioning_uri("JBSWY3DPEHPK3PXP", account="t-official", issuer="知产")
    parts = urlsplit(uri)
    assert parts.scheme == "otpauth" and parts.netloc == "totp"
    query = parse_qs(parts.query)
    assert query["secret"] == ["JBSWY3DPEHPK3PXP"] and query["issuer"] == ["知产"]
    assert query["digits"] == ["6"] and query["period"] == ["30"]
    assert "t-official" in parts.path
