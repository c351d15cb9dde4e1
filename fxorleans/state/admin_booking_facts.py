"""What the admin's booking page shows, in the admin's zone: plain frozen facts for the page
state. `page_of` and `provider_of` read (`booking.history`); the rest is pure."""

from __future__ import annotations

import dataclasses

from fxorleans.accounts.service import UserDTO
from fxorleans.booking import history
from fxorleans.domain import booking as bk
from fxorleans.domain import closing, desk
from fxorleans.domain.display import format_slot
from fxorleans.domain.money import Money, MoneyError
from fxorleans.domain.refunds import describe


@dataclasses.dataclass(frozen=True)
class BookingFacts:
    booking_id: str = ""
    client: str = ""
    client_email: str = ""
    partner: str = ""
    when: str = ""
    status: str = ""


@dataclasses.dataclass(frozen=True)
class MoneyFacts:
    authorized: str = ""
    captured: str = ""
    refunded: str = ""
    net: str = ""
    refundable: str = ""  # "$600.00"
    refundable_amount: str = ""  # "600.00", what the Amount field starts with
    payment_status: str = ""
    currency: str = "USD"
    captured_any: bool = False


@dataclasses.dataclass(frozen=True)
class ProviderFacts:
    status: str = ""
    amount: str = ""
    capturable: str = ""
    received: str = ""


@dataclasses.dataclass(frozen=True)
class EventRow:
    key: str
    name: str
    role: str
    who: str
    when: str
    detail: str


@dataclasses.dataclass(frozen=True)
class Page:
    booking: BookingFacts
    money: MoneyFacts
    events: list[EventRow]
    refunds_done: int  # PaymentRefunded events so far: the poll waits for one more
    intent_id: str
    desk: DeskFacts
    evidence: Evidence


def page_of(user: UserDTO, booking_id: str) -> Page | None:
    """The page's facts for an admin, in the admin's zone; None if there is no such booking."""
    found = history.admin_booking(booking_id) if booking_id else None
    if found is None:
        return None
    tz, ledger = user.timezone or "UTC", found.ledger
    booking = BookingFacts(found.booking_id, found.client_name or found.client_email,
                           found.client_email if found.client_name else "", found.partner_name,
                           format_slot(found.start, tz), found.status)
    left = ledger.money(ledger.refundable)
    money = MoneyFacts(
        ledger.money(ledger.authorized).format(), ledger.money(ledger.captured).format(),
        ledger.money(ledger.refunded).format(), ledger.money(ledger.net).format(),
        left.format(), f"{left.decimal}", ledger.status.replace("_", " "), ledger.currency,
        ledger.captured > 0)
    # "system" once, not as both the role and the name
    events = [EventRow(str(e.version), e.name, e.role, "" if e.who == e.role else e.who,
                       format_slot(e.at, tz), e.detail) for e in found.entries]
    done = sum(1 for e in found.entries if e.name == "PaymentRefunded")
    return Page(booking, money, events, done, ledger.intent_id, desk_of(found.state),
                evidence_of(found.state, tz))


async def provider_of(intent_id: str) -> tuple[ProviderFacts, str]:
    """(the intent's live facts, "ok" | "unavailable" | "none")."""
    if not intent_id:
        return ProviderFacts(), "none"
    live = await history.provider_state(intent_id)
    if live is None:
        return ProviderFacts(), "unavailable"
    return ProviderFacts(live.status, live.amount.format(), live.capturable.format(),
                         live.received.format()), "ok"


@dataclasses.dataclass(frozen=True)
class DeskFacts:
    """Why an admin must look, and what the desk may do about the held money."""

    flag: str = ""
    disputed: bool = False
    holds: bool = False  # an uncaptured authorization an admin may capture or release
    held: str = ""  # "$800.00"
    held_amount: str = ""  # "800.00", what the desk's refund field starts with
    problem: bool = False
    settling: bool = False  # a cancellation whose money the provider has yet to move

    @property
    def moving(self) -> bool:
        """Whether the held money still waits for a decision or for the provider."""
        return self.holds or self.settling


@dataclasses.dataclass(frozen=True)
class Evidence:
    """What answers a dispute: the policy the client accepted, the meeting, the completion."""

    policy: str = ""
    accepted_at: str = ""
    meeting_url: str = ""
    calendar_event: str = ""
    completion: str = ""
    problem: str = ""
    rating: str = ""
    dispute: str = ""


def desk_of(b: bk.Booking) -> DeskFacts:
    held = b.money(b.authorized)
    return DeskFacts(b.flag, bool(b.dispute_id), desk.holds(b), held.format(),
                     f"{held.decimal}", b.status == bk.Status.PROBLEM,
                     closing.needs_settling(b))


def _completion(b: bk.Booking, tz: str) -> str:
    if b.completed_at is None:
        return "Not confirmed as completed."
    when = format_slot(b.completed_at, tz)
    if b.no_show:
        return f"The partner marked the client absent on {when}."
    return f"Confirmed as completed on {when}."


def evidence_of(b: bk.Booking, tz: str) -> Evidence:
    dispute = ""
    if b.dispute_id:
        due = f", evidence due {format_slot(b.dispute_due_by, tz)}" if b.dispute_due_by else ""
        dispute = (f"{b.dispute_id}: {b.dispute_reason}, {b.money(b.dispute_amount).format()}, "
                   f"{b.dispute_status.replace('_', ' ')}{due}")
    return Evidence(
        policy="; ".join(describe(b.accepted_policy)) if b.accepted_policy else "",
        accepted_at=format_slot(b.policy_accepted_at, tz) if b.policy_accepted_at else "",
        meeting_url=b.meeting_url or "", calendar_event=b.calendar_event_id or "",
        completion=_completion(b, tz), problem=b.problem_text,
        rating=f"{b.rating} of 5" + (f": {b.rating_comment}" if b.rating_comment else "")
        if b.rating is not None else "",
        dispute=dispute)


def summary_of(refund: str, held: str, currency: str) -> str | None:
    """What a desk refund of `refund` out of `held` does, or None if it is not an amount."""
    try:
        back, whole = Money.parse(refund, currency), Money.parse(held, currency)
    except MoneyError:
        return None
    if not 0 <= back.amount <= whole.amount:
        return None
    if back.amount == 0:
        return f"Capture {whole.format()} now: the session is paid for as it stands."
    if back.amount == whole.amount:
        return f"Release all {whole.format()}: nothing is charged."
    kept = Money(whole.amount - back.amount, currency)
    return f"Give back {back.format()} and capture {kept.format()}."
