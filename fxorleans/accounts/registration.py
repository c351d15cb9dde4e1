"""Signing up as a client and confirming the e-mail address."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from fxorleans import bootstrap, clock
from fxorleans.accounts import ratelimit, tokens
from fxorleans.accounts.errors import AccountError, RateLimited
from fxorleans.accounts.users import UserDTO, create_user, normalize_email, to_dto
from fxorleans.services.mailer import Message
from fxorleans.store import db
from fxorleans.store.tables import PartnerRow, User

VERIFY_LIFETIME = timedelta(hours=48)
REGISTRATIONS_PER_ADDRESS = 10
REGISTRATION_WINDOW = timedelta(hours=1)
VERIFY_MAILS_PER_USER = 3
VERIFY_MAIL_WINDOW = timedelta(hours=1)


def register(email: str, password: str, name: str, addr: str, timezone: str = "UTC") -> UserDTO:
    """A new client account; the verification link goes out through the mailer."""
    with db.transaction() as session:
        if not ratelimit.allow(session, f"register:{addr}", REGISTRATIONS_PER_ADDRESS,
                               REGISTRATION_WINDOW):
            raise RateLimited("Too many sign-ups from your network. Try again in an hour.")
    email = normalize_email(email)
    if not (name or "").strip():
        raise AccountError("Tell us your name.")
    with db.transaction() as session:
        if session.exec(select(PartnerRow.id)
                        .where(sa.func.lower(col(PartnerRow.email)) == email)).first():
            raise AccountError("This address belongs to a partner. Partners join by invitation: "
                               "use the link in your invitation e-mail.")
        user = create_user(session, email, password, name=name, timezone=timezone)
        _send_verification(session, user)
        return to_dto(user)


def _send_verification(session: Session, user: User) -> None:
    token = tokens.issue(session, user.id, "verify", VERIFY_LIFETIME)
    bootstrap.mailer().send(session, Message(
        to=user.email, kind="verify", subject="Confirm your e-mail address for FX-Orleans",
        body=(f"Hello {user.name or user.email},\n\nConfirm your address to finish setting up "
              f"your FX-Orleans account:\n\n{tokens.link('/verify', token)}\n\n"
              "The link is valid for 48 hours. If you did not sign up, ignore this message.\n"),
    ))


def resend_verification(user_id: str) -> None:
    with db.transaction() as session:
        user = session.get(User, user_id)
        if user is None or user.email_verified_at is not None:
            return
        if not ratelimit.allow(session, f"verify-mail:{user_id}", VERIFY_MAILS_PER_USER,
                               VERIFY_MAIL_WINDOW):
            raise RateLimited("We sent several links already. Check your inbox or try later.")
        _send_verification(session, user)


def verify_email(token: str) -> UserDTO:
    with db.transaction() as session:
        user = tokens.consume(session, token, ("verify",))
        if user.email_verified_at is None:
            user.email_verified_at = clock.now()
            session.add(user)
        return to_dto(user)
