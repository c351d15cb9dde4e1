"""Secrets handed to people (session tokens, e-mailed links): random, stored only as hashes."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlmodel import Session, col, select

from fxorleans import clock, config
from fxorleans.accounts.errors import AccountError
from fxorleans.store.tables import OneTimeToken, User


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(session: Session, user_id: str, purpose: str, lifetime: timedelta) -> str:
    """A one-time token for `purpose` ("verify", "reset", "invite"), valid for `lifetime`."""
    token = new_token()
    now = clock.now()
    session.add(OneTimeToken(token_hash=token_hash(token), user_id=user_id, purpose=purpose,
                             created_at=now, expires_at=now + lifetime))
    return token


def peek(session: Session, token: str, purposes: tuple[str, ...]) -> User:
    """The user a live one-time token of one of `purposes` was issued to; it stays unused."""
    row = session.get(OneTimeToken, token_hash(token or ""))
    if row is None or row.purpose not in purposes:
        raise AccountError("This link is not valid. Ask for a new one.")
    if row.used_at is not None:
        raise AccountError("This link was already used. Ask for a new one.")
    if row.expires_at <= clock.now():
        raise AccountError("This link has expired. Ask for a new one.")
    user = session.get(User, row.user_id)
    if user is None or user.disabled:
        raise AccountError("This account is not available.")
    return user


def consume(session: Session, token: str, purposes: tuple[str, ...]) -> User:
    """Use up a one-time token of one of `purposes`; the user it was issued to."""
    user = peek(session, token, purposes)
    row = session.get(OneTimeToken, token_hash(token))
    assert row is not None  # peek found it
    row.used_at = clock.now()
    session.add(row)
    return user


def revoke_outstanding(session: Session, user_id: str, purposes: tuple[str, ...]) -> None:
    """Use up every still-unused token of `purposes` the user holds (a reset ends the others)."""
    now = clock.now()
    live = select(OneTimeToken).where(col(OneTimeToken.user_id) == user_id,
                                      col(OneTimeToken.purpose).in_(purposes),
                                      col(OneTimeToken.used_at).is_(None))
    for row in session.exec(live).all():
        row.used_at = now
        session.add(row)


def link(path: str, token: str) -> str:
    return f"{config.get().public_url}{path}?token={token}"
