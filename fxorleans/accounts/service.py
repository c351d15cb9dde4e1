"""Account use cases. Secrets are random tokens; only their SHA-256 hashes are stored."""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, select

from fxorleans import clock, config
from fxorleans.accounts import ratelimit
from fxorleans.services.mailer import Message, get_mailer
from fxorleans.store import db
from fxorleans.store.tables import AuthSession, OneTimeToken, PartnerRow, User

SESSION_LIFETIME = timedelta(days=14)
VERIFY_LIFETIME = timedelta(hours=48)
RESET_LIFETIME = timedelta(hours=1)
INVITE_LIFETIME = timedelta(days=7)
LOGIN_WINDOW = timedelta(minutes=15)
LOGIN_FAILS_PER_ACCOUNT = 5
LOGIN_FAILS_PER_ADDRESS = 20
RESETS_PER_ADDRESS = 5
REGISTRATIONS_PER_ADDRESS = 10
MIN_PASSWORD = 10
ROLES = ("client", "partner", "admin")

_hasher = PasswordHasher()
_EMAIL = re.compile(r"^[^@\s<>\"']{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
# Verifying against this keeps a login for an unknown address as slow as a real one.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


class AccountError(Exception):
    """A refusal the user can act on; its message is safe to show."""


class RateLimited(AccountError):
    pass


@dataclass(frozen=True)
class UserDTO:
    id: str
    email: str
    name: str
    role: str
    partner_id: str | None
    verified: bool
    timezone: str


def _dto(u: User) -> UserDTO:
    return UserDTO(u.id, u.email, u.name, u.role, u.partner_id, u.email_verified_at is not None,
                   u.timezone)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalize_email(email: str) -> str:
    email = (email or "").strip().lower()
    if len(email) > 254 or not _EMAIL.match(email):
        raise AccountError("Enter a valid e-mail address.")
    return email


def check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise AccountError(f"Use at least {MIN_PASSWORD} characters for your password.")
    if len(password) > 256:
        raise AccountError("That password is too long (256 characters at most).")


def _find(session: Session, email: str) -> User | None:
    return session.exec(select(User).where(User.email == email)).first()


def _issue_token(session: Session, user_id: str, purpose: str, lifetime: timedelta) -> str:
    token = secrets.token_urlsafe(32)
    now = clock.now()
    session.add(OneTimeToken(token_hash=_hash(token), user_id=user_id, purpose=purpose,
                             created_at=now, expires_at=now + lifetime))
    return token


def _consume_token(session: Session, token: str, purposes: tuple[str, ...]) -> User:
    row = session.get(OneTimeToken, _hash(token or ""))
    if row is None or row.purpose not in purposes:
        raise AccountError("This link is not valid. Ask for a new one.")
    if row.used_at is not None:
        raise AccountError("This link was already used. Ask for a new one.")
    if row.expires_at <= clock.now():
        raise AccountError("This link has expired. Ask for a new one.")
    row.used_at = clock.now()
    session.add(row)
    user = session.get(User, row.user_id)
    if user is None or user.disabled:
        raise AccountError("This account is not available.")
    return user


def _link(path: str, token: str) -> str:
    return f"{config.get().public_url}{path}?token={token}"


def create_user(
    session: Session, email: str, password: str | None, *, role: str = "client", name: str = "",
    partner_id: str | None = None, verified: bool = False, timezone: str = "UTC",
) -> User:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}")
    email = normalize_email(email)
    if password is not None:
        check_password(password)
    if _find(session, email):
        raise AccountError("An account with this e-mail address already exists.")
    now = clock.now()
    user = User(id=uuid.uuid4().hex, email=email, name=name.strip()[:120],
                password_hash=_hasher.hash(password) if password else None, role=role,
                partner_id=partner_id, timezone=timezone, created_at=now,
                email_verified_at=now if verified else None)
    session.add(user)
    session.flush()
    return user


def register(email: str, password: str, name: str, addr: str, timezone: str = "UTC") -> UserDTO:
    """A new client account; the verification link goes out through the mailer."""
    with db.transaction() as session:
        if not ratelimit.allow(session, f"register:{addr}", REGISTRATIONS_PER_ADDRESS,
                               timedelta(hours=1)):
            raise RateLimited("Too many sign-ups from your network. Try again in an hour.")
    email = normalize_email(email)
    if not (name or "").strip():
        raise AccountError("Tell us your name.")
    with db.transaction() as session:
        if session.exec(select(PartnerRow.id).where(PartnerRow.email == email)).first():
            raise AccountError("This address belongs to a partner. Partners join by invitation: "
                               "use the link in your invitation e-mail.")
        user = create_user(session, email, password, name=name, timezone=timezone)
        _send_verification(session, user)
        return _dto(user)


def _send_verification(session: Session, user: User) -> None:
    token = _issue_token(session, user.id, "verify", VERIFY_LIFETIME)
    get_mailer().send(session, Message(
        to=user.email, kind="verify", subject="Confirm your e-mail address for FX-Orleans",
        body=(f"Hello {user.name or user.email},\n\nConfirm your address to finish setting up "
              f"your FX-Orleans account:\n\n{_link('/verify', token)}\n\n"
              "The link is valid for 48 hours. If you did not sign up, ignore this message.\n"),
    ))


def resend_verification(user_id: str) -> None:
    with db.transaction() as session:
        user = session.get(User, user_id)
        if user is None or user.email_verified_at is not None:
            return
        if not ratelimit.allow(session, f"verify-mail:{user_id}", 3, timedelta(hours=1)):
            raise RateLimited("We sent several links already. Check your inbox or try later.")
        _send_verification(session, user)


def verify_email(token: str) -> UserDTO:
    with db.transaction() as session:
        user = _consume_token(session, token, ("verify",))
        if user.email_verified_at is None:
            user.email_verified_at = clock.now()
            session.add(user)
        return _dto(user)


def _minutes(delta: timedelta) -> int:
    return max(1, int(delta.total_seconds() // 60) + (1 if delta.total_seconds() % 60 else 0))


def login(email: str, password: str, addr: str) -> tuple[str, UserDTO]:
    """A new session token for good credentials; counted and limited failures otherwise."""
    try:
        email = normalize_email(email)
    except AccountError as exc:
        raise AccountError("Wrong e-mail address or password.") from exc
    acct_key, addr_key = f"login-fail:account:{email}", f"login-fail:addr:{addr}"
    with db.transaction() as session:
        limits = ((acct_key, LOGIN_FAILS_PER_ACCOUNT), (addr_key, LOGIN_FAILS_PER_ADDRESS))
        for key, limit in limits:
            if ratelimit.count(session, key, LOGIN_WINDOW) >= limit:
                wait = ratelimit.retry_after(session, key, limit, LOGIN_WINDOW)
                raise RateLimited(f"Too many failed attempts. Try again in {_minutes(wait)} "
                                  "minute(s), or reset your password.")
        user = _find(session, email)
        ok = False
        try:
            ok = _hasher.verify(user.password_hash if user and user.password_hash else _DUMMY_HASH,
                                password or "")
        except (VerificationError, InvalidHashError):
            ok = False
        if not ok or user is None or user.password_hash is None or user.disabled:
            ratelimit.hit(session, acct_key)
            ratelimit.hit(session, addr_key)
            failed = True
        else:
            failed = False
            ratelimit.clear(session, acct_key)
            if _hasher.check_needs_rehash(user.password_hash):
                user.password_hash = _hasher.hash(password)
                session.add(user)
            token = secrets.token_urlsafe(32)
            now = clock.now()
            session.add(AuthSession(token_hash=_hash(token), user_id=user.id, created_at=now,
                                    expires_at=now + SESSION_LIFETIME, last_seen_at=now))
            dto = _dto(user)
    if failed:  # outside the transaction, so the counted failure is committed
        raise AccountError("Wrong e-mail address or password.")
    return token, dto


def user_for_session(token: str | None) -> UserDTO | None:
    """The signed-in user behind a session token, or None if it is unknown, expired or revoked."""
    if not token:
        return None
    with db.reading() as session:
        row = session.get(AuthSession, _hash(token))
        if row is None or row.revoked_at is not None or row.expires_at <= clock.now():
            return None
        user = session.get(User, row.user_id)
        if user is None or user.disabled:
            return None
        return _dto(user)


def logout(token: str | None) -> None:
    if not token:
        return
    with db.transaction() as session:
        row = session.get(AuthSession, _hash(token))
        if row is not None and row.revoked_at is None:
            row.revoked_at = clock.now()
            session.add(row)


def revoke_sessions(session: Session, user_id: str) -> None:
    now = clock.now()
    for row in session.exec(select(AuthSession).where(AuthSession.user_id == user_id,
                                                      AuthSession.revoked_at.is_(None))).all():
        row.revoked_at = now
        session.add(row)


def request_password_reset(email: str, addr: str) -> None:
    """Mails a reset link if the account exists; says the same thing either way."""
    with db.transaction() as session:
        if not ratelimit.allow(session, f"reset:{addr}", RESETS_PER_ADDRESS, timedelta(hours=1)):
            raise RateLimited("Too many reset requests. Try again in an hour.")
    try:
        email = normalize_email(email)
    except AccountError:
        return
    with db.transaction() as session:
        user = _find(session, email)
        if user is None or user.disabled:
            return
        token = _issue_token(session, user.id, "reset", RESET_LIFETIME)
        get_mailer().send(session, Message(
            to=user.email, kind="reset", subject="Reset your FX-Orleans password",
            body=(f"Hello {user.name or user.email},\n\nChoose a new password here:\n\n"
                  f"{_link('/reset-password', token)}\n\nThe link is valid for one hour. "
                  "If you did not ask for it, ignore this message: your password stays "
                  "as it is.\n"),
        ))


def reset_password(token: str, new_password: str) -> UserDTO:
    """Sets the password from a reset or invitation link and signs out every session."""
    check_password(new_password)
    with db.transaction() as session:
        user = _consume_token(session, token, ("reset", "invite"))
        user.password_hash = _hasher.hash(new_password)
        user.email_verified_at = user.email_verified_at or clock.now()
        session.add(user)
        revoke_sessions(session, user.id)
        return _dto(user)


def invite_partner(partner_id: str) -> str:
    """Creates (or reuses) the partner's account and mails a link to set a password."""
    with db.transaction() as session:
        partner = session.get(PartnerRow, partner_id)
        if partner is None:
            raise AccountError(f"No partner with id {partner_id!r}.")
        user = session.exec(select(User).where(User.partner_id == partner_id)).first()
        if user is None:
            if _find(session, partner.email.lower()):
                raise AccountError(f"{partner.email} already has a non-partner account.")
            user = create_user(session, partner.email, None, role="partner",
                               name=f"{partner.first_name} {partner.last_name}",
                               partner_id=partner_id, timezone=partner.timezone)
        token = _issue_token(session, user.id, "invite", INVITE_LIFETIME)
        link = _link("/reset-password", token)
        get_mailer().send(session, Message(
            to=user.email, kind="invite", subject="You are invited to FX-Orleans as a partner",
            body=(f"Hello {partner.first_name},\n\nYou have been invited to FX-Orleans. Set your "
                  f"password to see your sessions and earnings:\n\n{link}\n\n"
                  "The link is valid for 7 days.\n"),
        ))
        return link


def create_admin(email: str, password: str) -> UserDTO:
    with db.transaction() as session:
        user = create_user(session, email, password, role="admin", name="Administrator",
                           verified=True)
        return _dto(user)


def set_timezone(user_id: str, tz: str) -> None:
    with db.transaction() as session:
        user = session.get(User, user_id)
        if user is not None:
            user.timezone = tz
            session.add(user)


def update_profile(user_id: str, name: str, tz: str) -> UserDTO:
    name = (name or "").strip()
    if not name:
        raise AccountError("Your name cannot be empty.")
    with db.transaction() as session:
        user = session.get(User, user_id)
        if user is None:
            raise AccountError("This account is not available.")
        user.name, user.timezone = name[:120], tz
        session.add(user)
        return _dto(user)
