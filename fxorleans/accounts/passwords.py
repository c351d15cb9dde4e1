"""Passwords: the length rule, hashing with Argon2id, and verification that takes as long
for an unknown account as for a known one."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from fxorleans.accounts.errors import AccountError

MIN_PASSWORD = 10
MAX_PASSWORD = 256

_hasher = PasswordHasher()
# Verifying against this keeps a login for an unknown address as slow as a real one.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def check_password(password: str) -> None:
    """Refuse a password people should not be allowed to choose."""
    if len(password or "") < MIN_PASSWORD:
        raise AccountError(f"Use at least {MIN_PASSWORD} characters for your password.")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"That password is too long ({MAX_PASSWORD} characters at most).")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True if `password` matches; a missing hash is checked against a dummy, and fails."""
    try:
        ok = _hasher.verify(password_hash or _DUMMY_HASH, password or "")
    except (VerificationError, InvalidHashError):
        return False
    return ok and password_hash is not None


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
