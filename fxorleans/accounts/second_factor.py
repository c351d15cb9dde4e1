"""The second factor's use cases: enrolling an admin, and finishing a sign-in with a code.

The TOTP secret is stored sealed under a key derived from FXO_SECRET_KEY; recovery codes
are stored as hashes and each works once. A wrong code counts as a failed sign-in, so the
same slow-down guards both steps.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Session, col, delete, select

from fxorleans import clock, config
from fxorleans.accounts import ratelimit, tokens, totp
from fxorleans.accounts.errors import AccountError, SignInExpired
from fxorleans.accounts.sessions import (
    ENROL_COMMAND,
    PENDING_PURPOSE,
    account_key,
    check_throttle,
    record_failure,
    start_session,
)
from fxorleans.accounts.totp import Enrolment
from fxorleans.accounts.users import UserDTO, find_user, normalize_email
from fxorleans.store import db
from fxorleans.store.tables import RecoveryCode, User

_WRONG_CODE = ("That code is not right. Check your authenticator app's clock, "
               "or use a recovery code.")
_EXPIRED = "This sign-in took too long. Enter your password again."


def enrol(email: str) -> Enrolment:
    """A fresh secret and recovery codes for an admin; any earlier ones stop working."""
    email = normalize_email(email)
    with db.transaction() as session:
        user = find_user(session, email)
        if user is None or user.role != "admin":
            raise AccountError(f"{email} is not an admin account.")
        secret = totp.new_secret()
        user.totp_secret = totp.seal(secret, config.get().secret_key)
        user.totp_confirmed_at = None
        user.totp_last_step = None
        session.add(user)
        codes = totp.new_recovery_codes()
        session.exec(delete(RecoveryCode).where(col(RecoveryCode.user_id) == user.id))
        now = clock.now()
        for code in codes:
            session.add(RecoveryCode(code_hash=totp.recovery_code_hash(code), user_id=user.id,
                                     created_at=now))
        return Enrolment(secret=secret, uri=totp.provisioning_uri(secret, user.email),
                         recovery_codes=codes)


def complete_login(pending: str, code: str, addr: str) -> tuple[str, UserDTO]:
    """The session for a pending sign-in whose code is right; a counted failure otherwise."""
    result = None
    with db.transaction() as session:
        try:
            user = tokens.peek(session, pending, (PENDING_PURPOSE,))
        except AccountError as exc:
            raise SignInExpired(_EXPIRED) from exc
        check_throttle(session, user.email, addr)
        if _code_is_good(session, user, code):
            tokens.consume(session, pending, (PENDING_PURPOSE,))
            result = start_session(session, user)
            ratelimit.clear(session, account_key(user.email, addr))
        else:
            record_failure(session, user.email, addr)
    if result is None:  # outside the transaction, so the counted failure commits
        raise AccountError(_WRONG_CODE)
    return result


def _code_is_good(session: Session, user: User, code: str) -> bool:
    """A fresh TOTP code (its step is remembered, so it cannot be replayed) or a recovery code."""
    code = (code or "").strip()
    if code.replace(" ", "").isdigit():
        secret = totp.unseal(user.totp_secret or "", config.get().secret_key)
        if secret is None:
            raise AccountError("Your second factor cannot be read (FXO_SECRET_KEY changed?). "
                               f"Use a recovery code, or enrol again with `{ENROL_COMMAND}`.")
        step = totp.accepted_step(secret, code, clock.now(), user.totp_last_step)
        if step is None:
            return False
        user.totp_last_step = step
        user.totp_confirmed_at = user.totp_confirmed_at or clock.now()
        session.add(user)
        return True
    row = session.get(RecoveryCode, totp.recovery_code_hash(code))
    if row is None or row.user_id != user.id or row.used_at is not None:
        return False
    row.used_at = clock.now()
    session.add(row)
    return True


def recovery_codes_left(user_id: str) -> int:
    with db.reading() as session:
        return session.exec(
            select(sa.func.count()).select_from(RecoveryCode)
            .where(col(RecoveryCode.user_id) == user_id, col(RecoveryCode.used_at).is_(None))
        ).one()
