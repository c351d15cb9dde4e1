"""Setting a password from an e-mailed link: a forgotten password, or a partner's invitation."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from fxorleans import bootstrap, clock
from fxorleans.accounts import ratelimit, tokens
from fxorleans.accounts.errors import AccountError, RateLimited
from fxorleans.accounts.passwords import check_password, hash_password
from fxorleans.accounts.sessions import PENDING_PURPOSE, forget_failures, revoke_sessions
from fxorleans.accounts.users import UserDTO, create_user, find_user, normalize_email, to_dto
from fxorleans.services.mailer import Message
from fxorleans.store import db
from fxorleans.store.tables import PartnerRow, User

RESET_LIFETIME = timedelta(hours=1)
INVITE_LIFETIME = timedelta(days=7)
RESETS_PER_ADDRESS = 5
RESET_WINDOW = timedelta(hours=1)


def request_password_reset(email: str, addr: str) -> None:
    """Mails a reset link if the account exists; says the same thing either way."""
    with db.transaction() as session:
        if not ratelimit.allow(session, f"reset:{addr}", RESETS_PER_ADDRESS, RESET_WINDOW):
            raise RateLimited("Too many reset requests. Try again in an hour.")
    try:
        email = normalize_email(email)
    except AccountError:
        return
    with db.transaction() as session:
        user = find_user(session, email)
        if user is None or user.disabled:
            return
        token = tokens.issue(session, user.id, "reset", RESET_LIFETIME)
        bootstrap.mailer().send(session, Message(
            to=user.email, kind="reset", subject="Reset your FX-Orleans password",
            body=(f"Hello {user.name or user.email},\n\nChoose a new password here:\n\n"
                  f"{tokens.link('/reset-password', token)}\n\nThe link is valid for one hour. "
                  "If you did not ask for it, ignore this message: your password stays "
                  "as it is.\n"),
        ))


def reset_password(token: str, new_password: str) -> UserDTO:
    """Sets the password from a reset or invitation link and signs out every session.

    Every other link of the kind (and any half-finished sign-in) stops working, and the
    account's failed sign-ins are forgotten, so the owner can sign in at once.
    """
    check_password(new_password)
    with db.transaction() as session:
        user = tokens.consume(session, token, ("reset", "invite"))
        user.password_hash = hash_password(new_password)
        user.email_verified_at = user.email_verified_at or clock.now()
        session.add(user)
        tokens.revoke_outstanding(session, user.id, ("reset", "invite", PENDING_PURPOSE))
        revoke_sessions(session, user.id)
        forget_failures(session, user.email)
        return to_dto(user)


def invite_partner(partner_id: str) -> str:
    """Creates (or reuses) the partner's account and mails a link to set a password."""
    with db.transaction() as session:
        partner = session.get(PartnerRow, partner_id)
        if partner is None:
            raise AccountError(f"No partner with id {partner_id!r}.")
        user = session.exec(select(User).where(col(User.partner_id) == partner_id)).first()
        if user is None:
            if find_user(session, normalize_email(partner.email)):
                raise AccountError(f"{partner.email} already has a non-partner account.")
            user = create_user(session, partner.email, None, role="partner",
                               name=f"{partner.first_name} {partner.last_name}",
                               partner_id=partner_id, timezone=partner.timezone)
        token = tokens.issue(session, user.id, "invite", INVITE_LIFETIME)
        link = tokens.link("/reset-password", token)
        bootstrap.mailer().send(session, Message(
            to=user.email, kind="invite", subject="You are invited to FX-Orleans as a partner",
            body=(f"Hello {partner.first_name},\n\nYou have been invited to FX-Orleans. Set your "
                  f"password to see your sessions and earnings:\n\n{link}\n\n"
                  "The link is valid for 7 days.\n"),
        ))
        return link
