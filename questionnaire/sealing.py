"""Authenticated encryption for what a person's browser carries: the session cookie and list links.

The server keeps no answers, so they travel with the browser; sealed, they are
unreadable and unchangeable to anyone who sees the cookie or the link. Sealing
is ``cryptography``'s Fernet (AES with an HMAC), one key per purpose derived
from ``SECRET_KEY``; a value sealed under one of ``SECRET_KEY_FALLBACKS`` still
opens, so keys can be rotated without cutting anyone off.
"""
import base64
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
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [Fernet(base64.urlsafe_b64encode(
        salted_hmac(f"immunoguide.sealing.{purpose}", "", secret=secret, algorithm="sha256").digest()))
        for secret in secrets]


def seal(value, purpose):
    """``value`` (plain JSON data) compressed and encrypted, as URL- and cookie-safe text."""
    data = zlib.compress(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(), 9)
    return _fernets(purpose)[0].encrypt(data).decode().rstrip("=")


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
