"""Time-based one-time passwords (RFC 6238 TOTP over RFC 4226 HOTP), as authenticator apps compute them.

The second factor of privileged log-ins: HMAC-SHA1 over the 30-second time step, 6 digits, the
parameters every authenticator app (and the otpauth:// key URI format) assumes by default. A few
dozen lines over `hmac`, so the algorithm is checked against the RFC's own test vectors instead of
trusted to a dependency.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from urllib.parse import quote, urlencode

STEP_SECONDS = 30
DIGITS = 6
SECRET_BYTES = 20  # 160 bits, the length RFC 4226 recommends for HMAC-SHA1


def new_secret() -> str:
    """A fresh random shared secret in base32 (32 characters), the form apps accept typed or scanned."""
    return base64.b32encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")


def secret_bytes(secret: str) -> bytes:
    """The key behind a base32 secret; spaces and case as people type them are tolerated."""
    text = secret.replace(" ", "").upper()
    return base64.b32decode(text + "=" * (-len(text) % 8))


def time_step(unix_time: float) -> int:
    """The RFC 6238 counter: whole 30-second steps since the Unix epoch."""
    return int(unix_time // STEP_SECONDS)


def hotp(key: bytes, counter: int, digits: int = DIGITS) -> str:
    """RFC 4226: HMAC-SHA1 of the counter, dynamically truncated to `digits` decimal digits."""
    mac = hmac.new(key, counter.to_bytes(8, "big"), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = int.from_bytes(mac[offset : offset + 4], "big") & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def totp(secret: str, unix_time: float, digits: int = DIGITS) -> str:
    """The code an authenticator app shows at `unix_time`."""
    return hotp(secret_bytes(secret), time_step(unix_time), digits)


def matching_step(secret: str, code: str, unix_time: float, *, after_step: int = -1, window: int = 1) -> int | None:
    """The time step whose code equals `code`, within `window` steps of now and later than `after_step`.

    `window` tolerates clock drift between server and phone (one step either side, as RFC 6238 §6
    suggests); `after_step` is the last step already used, so that a code cannot be used twice.
    Comparison is constant-time. None when nothing matches.
    """
    code = code.strip().replace(" ", "")
    if len(code) != DIGITS or not code.isascii() or not code.isdigit():
        return None
    key = secret_bytes(secret)
    now = time_step(unix_time)
    for step in range(now - window, now + window + 1):
        if step > after_step and hmac.compare_digest(hotp(key, step), code):
            return step
    return None


def provisioning_uri(secret: str, *, account: str, issuer: str) -> str:
    """The otpauth:// key URI (Google Authenticator's format) that the enrolment QR code carries."""
    label = quote(f"{issuer}:{account}", safe="")
    query = urlencode(
        {"secret": secret, "issuer": issuer, "algorithm": "SHA1", "digits": DIGITS, "period": STEP_SECONDS}
    )
    return f"otpauth://totp/{label}?{query}"
