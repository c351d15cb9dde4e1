"""Every e-mail the booking sends: the wording lives here, the sending in the mailer."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from fxorleans import bootstrap, config
from fxorleans.booking import outbox
from fxorleans.domain import booking as bk
from fxorleans.domain import jobs
from fxorleans.domain.display import format_slot
from fxorleans.domain.money import PARTNER_SHARE_PERCENT, split
from fxorleans.domain.refunds import describe
from fxorleans.services.mailer import Message
from fxorleans.store import db
from fxorleans.store.tables import PartnerRow, User


def confirmations(b: bk.Booking, partner: PartnerRow, client: User, url: str, add_link: str
                  ) -> list[Message]:
    """The client's and the partner's confirmation of a scheduled session."""
    settings = config.get()
    site = settings.public_url
    minutes = settings.session_minutes
    payout = split(b.price).partner.format()
    partner_name = f"{partner.first_name} {partner.last_name}"
    client_name = client.name or client.email
    policy = "\n".join(f"  - {line}" for line in describe(settings.refund_policy))
    client_when = format_slot(b.start, b.client_timezone)
    partner_when = format_slot(b.start, partner.timezone)
    return [
        Message(
            to=client.email, kind="booking-confirmed",
            subject=f"Booking confirmed: {partner_name}, {client_when}",
            body=(f"Hello {client_name},\n\nYour session is booked.\n\n"
                  f"Partner: {partner_name} ({partner.title})\nWhen: {client_when}\n"
                  f"Duration: {minutes} minutes\nJoin: {url}\n\n"
                  f"Add it to Google Calendar: {add_link}\n"
                  f"Details and calendar file: {site}/confirmation/{b.booking_id}\n\n"
                  f"{b.price.format()} is authorized on your card, not charged. The payment is "
                  f"taken only after the session has taken place.\n\nCancellation policy:\n"
                  f"{policy}\n"),
        ),
        Message(
            to=partner.email, kind="booking-partner",
            subject=f"New session: {client_name}, {partner_when}",
            body=(f"Hello {partner.first_name},\n\n{client_name} booked a "
                  f"{minutes}-minute session with you.\n\nWhen: {partner_when}\nJoin: {url}\n"
                  f"Your payout: {payout} ({PARTNER_SHARE_PERCENT} % of {b.price.format()}), "
                  f"paid after you confirm the session took place.\n\n"
                  f"The problem, in the client's words:\n\n{b.problem}\n\n"
                  f"Add it to Google Calendar: {add_link}\nYour sessions: {site}/dashboard\n"),
        ),
    ]


def cancelled(b: bk.Booking, partner: PartnerRow, client: User) -> None:
    """Who cancelled, and what comes back: to the client and to the partner."""
    site = config.get().public_url
    client_name = client.name or client.email
    names = {"client": client_name, "partner": f"{partner.first_name} {partner.last_name}"}
    by = b.cancelled_by or ""

    def who(reader: str) -> str:
        return "you" if by == reader else names.get(by, "FX-Orleans")

    refund = b.money(b.cancel_refund)
    money = (f"{refund.format()} of {b.price.format()} goes back to your card."
             if b.cancel_refund else "Under the cancellation policy nothing is refunded.")
    with db.transaction() as session:
        mailer = bootstrap.mailer()
        mailer.send(session, Message(
            to=client.email, kind="booking-cancelled",
            subject=f"Cancelled: your session on {format_slot(b.start, b.client_timezone)}",
            body=(f"Hello {client_name},\n\nThe session with {partner.first_name} "
                  f"{partner.last_name} on {format_slot(b.start, b.client_timezone)} was "
                  f"cancelled by {who('client')}.{_reason(b, 'client')}\n\n{money}\n\n"
                  f"Your bookings: {site}/bookings\n")))
        payout = split(b.money(b.authorized - b.cancel_refund)).partner
        mailer.send(session, Message(
            to=partner.email, kind="booking-cancelled-partner",
            subject=f"Cancelled: {client_name}, {format_slot(b.start, partner.timezone)}",
            body=(f"Hello {partner.first_name},\n\nThe session with {client_name} on "
                  f"{format_slot(b.start, partner.timezone)} was cancelled by "
                  f"{who('partner')}.{_reason(b, 'partner')} The time is free again."
                  f"\n\nYour payout for it: {payout.format()}.\n\n"
                  f"Your sessions: {site}/dashboard\n")))


def _reason(b: bk.Booking, reader: str) -> str:
    """The other side's reason, in their words (the reader knows their own)."""
    if not b.cancel_reason or b.cancelled_by == reader:
        return ""
    if b.cancelled_by == "system":
        return f"\nWhy: {b.cancel_reason}."
    return f"\nTheir reason: {b.cancel_reason}"


def reauthorization_failed(b: bk.Booking, reason: str) -> None:
    """The client is told, and so are the admins: the session is not paid for yet."""
    site = config.get().public_url
    with db.transaction() as session:
        client = session.get(User, b.client_id)
        if client is not None:
            bootstrap.mailer().send(session, Message(
                to=client.email, kind="payment-action-needed",
                subject="Action needed: confirm the payment for your FX-Orleans session",
                body=(f"Hello {client.name or client.email},\n\nYour session on "
                      f"{format_slot(b.start, b.client_timezone)} needs a new card "
                      f"authorization, and your bank did not accept it ({reason}).\n\n"
                      f"Please reply to this e-mail or contact us so we can keep your booking: "
                      f"{site}/bookings\n")))
        outbox.enqueue(session, jobs.alert(
            b.booking_id, "reauthorization",
            f"The off-session authorization of booking {b.booking_id} failed ({reason}). "
            "The client was e-mailed; the old authorization expires before the session."))


def alert_admins(payload: dict[str, Any]) -> None:
    """Problems people must act on reach every admin's inbox (stored mail by default)."""
    with db.transaction() as session:
        admins = session.exec(select(User.email).where(col(User.role) == "admin")).all()
        for email in admins:
            bootstrap.mailer().send(session, Message(
                to=email, kind="admin-alert",
                subject=f"Action needed on booking {payload['booking_id']}",
                body=f"{payload['text']}\n\n{config.get().public_url}/admin/bookings\n"))
