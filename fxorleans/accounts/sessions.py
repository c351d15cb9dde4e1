"""Signing in and out: session tokens, and the failed-login limits that guard them."""

from __future__ import annotations

import math
from datetime import timedelta

from sqlmodel import Session, col, select

from fxorleans import clock
from fxorleans.accounts import ratelimit, tokens
from fxorleans.accounts.errors import AccountError, RateLimited
from fxorleans.accounts.passwords import hash_password, needs_rehash, verify_password
from fxorleans.accounts.users import UserDTO, find_user, normalize_email, to_dto
from fxorleans.store import db
from fxorleans.store.tables import AuthSession, User

SESSION_LIFETIME = timedelta(days=14)
LOGIN_WINDOW = timedelta(minutes=15)
LOGIN_FAILS_PER_ACCOUNT = 5
LOGIN_FAILS_PER_ADDRESS = 20

_WRONG = "Wrong e-mail address or password."


def _minutes(delta: timedelta) -> int:
    return max(1, math.ceil(delta.total_seconds() / 60))


def _login_limits(email: str, addr: str) -> tuple[tuple[str, int], ...]:
    return ((f"login-fail:account:{email}", LOGIN_FAILS_PER_ACCOUNT),
            (f"login-fail:addr:{addr}", LOGIN_FAILS_PER_ADDRESS))


def login(email: str, password: str, addr: str) -> tuple[str, UserDTO]:
    """A new session token for good credentials; counted and limited failures otherwise."""
    try:
        email = normalize_email(email)
    except AccountError as exc:
        raise AccountError(_WRONG) from exc
    limits = _login_limits(email, addr)
    with db.transaction() as session:
        # Both counters stay locked until this transaction ends, so a failure is counted
        # before any concurrent attempt on the same account or address reads the count.
        ratelimit.lock(session, *(key for key, _ in limits))
        for key, limit in limits:
            if ratelimit.count(session, key, LOGIN_WINDOW) >= limit:
                wait = ratelimit.retry_after(session, key, limit, LOGIN_WINDOW)
                raise RateLimited(f"Too many failed attempts. Try again in {_minutes(wait)} "
                                  "minute(s), or reset your password.")
        user = find_user(session, email)
        # Verified even for an unknown address, so both take as long.
        ok = verify_password(user.password_hash if user else None, password)
        if not ok or user is None or user.disabled:
            for key, _ in limits:
                ratelimit.hit(session, key)
            failed = True
        else:
            failed = False
            token, dto = _start_session(session, user, password)
            ratelimit.clear(session, limits[0][0])
    if failed:  # outside the transaction, so the counted failure is committed
        raise AccountError(_WRONG)
    return token, dto


def _start_session(session: Session, user: User, password: str) -> tuple[str, UserDTO]:
    if user.password_hash and needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        session.add(user)
    token = tokens.new_token()
    now = clock.now()
    session.add(AuthSession(token_hash=tokens.token_hash(token), user_id=user.id, created_at=now,
                            expires_at=now + SESSION_LIFETIME, last_seen_at=now))
    return token, to_dto(user)


def user_for_session(token: str | None) -> UserDTO | None:
    """The signed-in user behind a session token, or None if it is unknown, expired or revoked."""
    if not token:
        return None
    with db.reading() as session:
        row = session.get(AuthSession, tokens.token_hash(token))
        if row is None or row.revoked_at is not None or row.expires_at <= clock.now():
            return None
        user = session.get(User, row.user_id)
        if user is None or user.disabled:
            return None
        return to_dto(user)


def logout(token: str | None) -> None:
    if not token:
        return
    with db.transaction() as session:
        row = session.get(AuthSession, tokens.token_hash(token))
        if row is not None and row.revoked_at is None:
            row.revoked_at = clock.now()
            session.add(row)


def revoke_sessions(session: Session, user_id: str) -> None:
    now = clock.now()
    live = select(AuthSession).where(col(AuthSession.user_id) == user_id,
                                     col(AuthSession.revoked_at).is_(None))
    for row in session.exec(live).all():
        row.revoked_at = now
        session.add(row)
