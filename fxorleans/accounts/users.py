"""User records: the e-mail rule, creating accounts, the profile, and the DTO callers see."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from sqlmodel import Session, col, select

from fxorleans import clock
from fxorleans.accounts.errors import AccountError
from fxorleans.accounts.passwords import check_password, hash_password
from fxorleans.domain.availability import valid_timezone
from fxorleans.store import db
from fxorleans.store.tables import User

ROLES = ("client", "partner", "admin")
MAX_NAME = 120

_EMAIL = re.compile(r"^[^@\s<>\"']{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


@dataclass(frozen=True)
class UserDTO:
    id: str
    email: str
    name: str
    role: str
    partner_id: str | None
    verified: bool
    timezone: str


def to_dto(u: User) -> UserDTO:
    return UserDTO(u.id, u.email, u.name, u.role, u.partner_id, u.email_verified_at is not None,
                   u.timezone)


def normalize_email(email: str) -> str:
    email = (email or "").strip().lower()
    if len(email) > 254 or not _EMAIL.match(email):
        raise AccountError("Enter a valid e-mail address.")
    return email


def check_timezone(tz: str) -> str:
    """The slot maths' rule for a zone, worded for a person."""
    if not valid_timezone(tz):
        raise AccountError(f"{tz!r} is not a time zone we know (try e.g. Europe/Paris).")
    return tz


def find_user(session: Session, email: str) -> User | None:
    """The account of `email`, whatever its case (addresses are stored lower-cased)."""
    return session.exec(select(User).where(col(User.email) == email.strip().lower())).first()


def create_user(
    session: Session, email: str, password: str | None, *, role: str = "client", name: str = "",
    partner_id: str | None = None, verified: bool = False, timezone: str = "UTC",
) -> User:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}")
    email = normalize_email(email)
    if password is not None:
        check_password(password)
    check_timezone(timezone)
    if find_user(session, email):
        raise AccountError("An account with this e-mail address already exists.")
    now = clock.now()
    user = User(id=uuid.uuid4().hex, email=email, name=name.strip()[:MAX_NAME],
                password_hash=hash_password(password) if password else None, role=role,
                partner_id=partner_id, timezone=timezone, created_at=now,
                email_verified_at=now if verified else None)
    session.add(user)
    session.flush()
    return user


def create_admin(email: str, password: str) -> UserDTO:
    with db.transaction() as session:
        user = create_user(session, email, password, role="admin", name="Administrator",
                           verified=True)
        return to_dto(user)


def set_timezone(user_id: str, tz: str) -> None:
    check_timezone(tz)
    with db.transaction() as session:
        user = session.get(User, user_id)
        if user is not None:
            user.timezone = tz
            session.add(user)


def update_profile(user_id: str, name: str, tz: str) -> UserDTO:
    name = (name or "").strip()
    if not name:
        raise AccountError("Your name cannot be empty.")
    check_timezone(tz)
    with db.transaction() as session:
        user = session.get(User, user_id)
        if user is None:
            raise AccountError("This account is not available.")
        user.name, user.timezone = name[:MAX_NAME], tz
        session.add(user)
        return to_dto(user)
