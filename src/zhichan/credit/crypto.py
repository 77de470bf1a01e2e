"""Identity numbers of natural persons, stored encrypted (never in clear outside the credit file).

The platform has no encryption dependency (no `cryptography`), so this is an encrypt-then-MAC scheme
from the standard library, in the shape of Fernet: a random 16-byte nonce, a keystream of
HMAC-SHA256(key, nonce || counter) blocks XORed with the text, and an HMAC-SHA256 tag over version,
nonce and ciphertext (checked in constant time before decryption). The keys are derived from
SECRET_KEY for this purpose only; a blind index (HMAC of the cleaned number) finds a person again
without decrypting every row. Rotating SECRET_KEY needs a re-encryption (not built yet).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from django.conf import settings

VERSION = b"\x01"


def _key(purpose: str) -> bytes:
    return hashlib.sha256(f"zhichan.credit.identity.{purpose}:{settings.SECRET_KEY}".encode()).digest()


def _keystream(nonce: bytes, length: int) -> bytes:
    key, out, counter = _key("encrypt"), b"", 0
    while len(out) < length:
        out += hmac.new(key, nonce + counter.to_bytes(8, "big"), hashlib.sha256).digest()
        counter += 1
    return out[:length]


def clean_identity(number: str) -> str:
    return "".join(number.split()).upper()


def encrypt(text: str) -> str:
    data = text.encode()
    nonce = os.urandom(16)
    cipher = bytes(a ^ b for a, b in zip(data, _keystream(nonce, len(data)), strict=True))
    tag = hmac.new(_key("mac"), VERSION + nonce + cipher, hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(VERSION + nonce + cipher + tag).decode()


class Tampered(ValueError):
    """A stored value that this platform's key did not write (or that was changed)."""


def decrypt(token: str) -> str:
    raw = base64.urlsafe_b64decode(token.encode())
    version, nonce, cipher, tag = raw[:1], raw[1:17], raw[17:-16], raw[-16:]
    expected = hmac.new(_key("mac"), version + nonce + cipher, hashlib.sha256).digest()[:16]
    if version != VERSION or not hmac.compare_digest(tag, expected):
        raise Tampered("identity number: authentication failed")
    return bytes(a ^ b for a, b in zip(cipher, _keystream(nonce, len(cipher)), strict=True)).decode()


def blind_index(number: str) -> str:
    return hmac.new(_key("index"), clean_identity(number).encode(), hashlib.sha256).hexdigest()


def mask_identity(number: str) -> str:
    """`440103********1234`: the region and the last four only."""
    number = clean_identity(number)
    if len(number) <= 8:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_name(name: str) -> str:
    """`张*` / `欧阳**`: the surname only (a two-character surname kept when the name is four long)."""
    name = name.strip()
    if len(name) <= 1:
        return name
    keep = 2 if len(name) >= 4 else 1
    return name[:keep] + "*" * (len(name) - keep)
