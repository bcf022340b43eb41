"""Authenticated encryption for what a person's browser carries: the session cookie and list links.

The server keeps no answers, so they travel with the browser; sealed, they are
unreadable and unchangeable to anyone who sees the cookie or the link. Sealing
is ``cryptography``'s Fernet (AES with an HMAC), one key per purpose derived
from ``SECRET_KEY``; a value sealed under one of ``SECRET_KEY_FALLBACKS`` still
opens, so keys can be rotated without cutting anyone off.
"""
import base64
import functools
import json
import time
import zlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.utils.crypto import salted_hmac

#: How far ahead of the server's clock a sealed value may be dated (clocks drift a little).
CLOCK_SKEW = 60


class Unreadable(Exception):
    """Changed, cut short, future-dated, sealed for another purpose, or never ours."""


class Expired(Exception):
    """Genuine, but older than it may be."""


def _fernets(purpose):
    return _fernets_for(purpose, settings.SECRET_KEY, tuple(settings.SECRET_KEY_FALLBACKS))


@functools.lru_cache(maxsize=16)
def _fernets_for(purpose, secret_key, fallbacks):
    """Derived once per purpose and keys, not on every request; new keys derive anew."""
    return [Fernet(base64.urlsafe_b64encode(
        salted_hmac(f"immunoguide.sealing.{purpose}", "", secret=secret, algorithm="sha256").digest()))
        for secret in (secret_key, *fallbacks)]


def seal(value, purpose):
    """``value`` (plain JSON data) compressed and encrypted, as URL- and cookie-safe text."""
    data = zlib.compress(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(), 9)
    return _fernets(purpose)[0].encrypt(data).decode().rstrip("=")


def sealed_at(token):
    """When ``token`` was sealed (seconds since the epoch), read without opening it; 0 if it cannot be read."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (ValueError, TypeError):
        return 0
    return int.from_bytes(raw[1:9], "big") if len(raw) > 9 else 0


def unseal(token, purpose, max_age):
    """The value sealed in ``token``; raises :class:`Unreadable` or :class:`Expired`."""
    try:
        raw = (token + "=" * (-len(token) % 4)).encode("ascii")
    except (UnicodeError, TypeError):
        raise Unreadable from None
    for fernet in _fernets(purpose):
        try:
            sealed_at = fernet.extract_timestamp(raw)
            data = fernet.decrypt(raw)
        except InvalidToken:
            continue
        now = time.time()
        if sealed_at > now + CLOCK_SKEW:
            raise Unreadable
        if now - sealed_at > max_age:
            raise Expired
        try:
            return json.loads(zlib.decompress(data))
        except (zlib.error, ValueError, UnicodeError):
            raise Unreadable from None
    raise Unreadable
