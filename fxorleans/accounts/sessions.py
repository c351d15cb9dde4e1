"""Signing in and out: session tokens, their idle timeout, and the slow-down of failures.

Failures slow down the account *from the address they came from* (accounts/throttle.py
decides by how much), so an attacker cannot lock the owner out; a second, per-address limit
across accounts stops one network trying many accounts (credential stuffing).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from fxorleans import clock, config
from fxorleans.accounts import ratelimit, throttle, tokens, totp
from fxorleans.accounts.errors import AccountError, RateLimited
from fxorleans.accounts.passwords import hash_password, needs_rehash, verify_password
from fxorleans.accounts.users import UserDTO, find_user, normalize_email, to_dto
from fxorleans.store import db
from fxorleans.store.tables import AuthSession, User

SESSION_LIFETIME = timedelta(days=14)
# last_seen_at is written at most this often per session, to keep reads cheap.
TOUCH_EVERY = timedelta(minutes=1)
LOGIN_WINDOW = timedelta(minutes=15)
LOGIN_FAILS_PER_ADDRESS = 20
PENDING_PURPOSE = "second-factor"
PENDING_LIFETIME = timedelta(minutes=5)

_WRONG = "Wrong e-mail address or password."
ENROL_COMMAND = "fxorleans users second-factor EMAIL"
_ENROL = ("Admins need a second factor to sign in here. On the server, run "
          f"`{ENROL_COMMAND}` and add the secret it prints to your authenticator app.")


class SecondFactorRequired(AccountError):
    """The password was right; the sign-in goes on with a code, against `pending`."""

    def __init__(self, pending: str) -> None:
        super().__init__("Enter the 6-digit code from your authenticator app, "
                         "or one of your recovery codes.")
        self.pending = pending


def idle_timeout() -> timedelta:
    return timedelta(hours=config.get().session_idle_hours)


def session_alive(expires_at: datetime, last_seen_at: datetime, revoked_at: datetime | None,
                  now: datetime, idle: timedelta) -> bool:
    """A session serves until revoked, its maximum age, or `idle` without use, first wins."""
    return revoked_at is None and expires_at > now and last_seen_at + idle > now


def account_key(email: str, addr: str) -> str:
    return f"login-fail:account:{email}:addr:{addr}"


def _account_prefix(email: str) -> str:
    return f"login-fail:account:{email}:"


def _address_key(addr: str) -> str:
    return f"login-fail:addr:{addr}"


def check_throttle(session: Session, email: str, addr: str) -> None:
    """Refuse, saying how long to wait, while this account and address are slowed down.

    Both keys stay locked until the caller's transaction ends, so a failure is counted
    before any concurrent attempt on the same account or address reads the count.
    """
    own, network = account_key(email, addr), _address_key(addr)
    ratelimit.lock(session, own, network)
    # The newest LOOKBACK failures decide; a day holds them even at the cap's pace.
    failures = ratelimit.latest(session, own, timedelta(days=1), throttle.LOOKBACK)
    wait = throttle.wait_before_next(failures, clock.now())
    if wait > timedelta(0):
        raise RateLimited(throttle.wait_message(wait))
    if ratelimit.count(session, network, LOGIN_WINDOW) >= LOGIN_FAILS_PER_ADDRESS:
        wait = ratelimit.retry_after(session, network, LOGIN_FAILS_PER_ADDRESS, LOGIN_WINDOW)
        raise RateLimited(throttle.wait_message(wait))


def record_failure(session: Session, email: str, addr: str) -> None:
    ratelimit.hit(session, account_key(email, addr))
    ratelimit.hit(session, _address_key(addr))


def forget_failures(session: Session, email: str) -> None:
    """The account starts afresh from every address (after a password reset)."""
    ratelimit.clear_prefix(session, _account_prefix(email))


def login(email: str, password: str, addr: str) -> tuple[str, UserDTO]:
    """A session token for good credentials; slowed-down failures otherwise.

    Raises SecondFactorRequired, with a short-lived pending token and no session, when the
    account signs in with a code as well (second_factor.complete_login finishes it).
    """
    try:
        email = normalize_email(email)
    except AccountError as exc:
        raise AccountError(_WRONG) from exc
    pending, result = "", None
    with db.transaction() as session:
        check_throttle(session, email, addr)
        user = find_user(session, email)
        # Verified even for an unknown address, so both take as long.
        ok = verify_password(user.password_hash if user else None, password)
        failed = not ok or user is None or user.disabled
        if failed:
            record_failure(session, email, addr)
        else:
            assert user is not None
            _rehash(session, user, password)
            step = totp.second_factor_needed(user.role, user.totp_secret is not None,
                                             config.get().production)
            if step == "enrol":
                raise AccountError(_ENROL)
            if step == "code":
                pending = tokens.issue(session, user.id, PENDING_PURPOSE, PENDING_LIFETIME)
            else:
                result = start_session(session, user)
                ratelimit.clear(session, account_key(email, addr))
    # Raised outside the transaction, so the counted failure (or the pending token) commits.
    if failed:
        raise AccountError(_WRONG)
    if pending:
        raise SecondFactorRequired(pending)
    assert result is not None
    return result


def _rehash(session: Session, user: User, password: str) -> None:
    if user.password_hash and needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        session.add(user)


def start_session(session: Session, user: User) -> tuple[str, UserDTO]:
    token = tokens.new_token()
    now = clock.now()
    session.add(AuthSession(token_hash=tokens.token_hash(token), user_id=user.id, created_at=now,
                            expires_at=now + SESSION_LIFETIME, last_seen_at=now))
    return token, to_dto(user)


def user_for_session(token: str | None) -> UserDTO | None:
    """The signed-in user behind a session token, or None if unknown, expired, idle or revoked.

    Using a session keeps it alive: last_seen_at moves on, at most once per TOUCH_EVERY.
    """
    if not token:
        return None
    key = tokens.token_hash(token)
    now = clock.now()
    with db.reading() as session:
        row = session.get(AuthSession, key)
        if row is None or not session_alive(row.expires_at, row.last_seen_at, row.revoked_at,
                                            now, idle_timeout()):
            return None
        user = session.get(User, row.user_id)
        if user is None or user.disabled:
            return None
        stale = now - row.last_seen_at >= TOUCH_EVERY
        dto = to_dto(user)
    if stale:
        with db.transaction() as session:
            session.execute(sa.update(AuthSession)
                            .where(col(AuthSession.token_hash) == key,
                                   col(AuthSession.last_seen_at) < now)
                            .values(last_seen_at=now))
    return dto


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
