"""Starting a payment for a held booking: the intent, created once, and the accepted policy."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from fxorleans import bootstrap, clock, config
from fxorleans.booking import people, uow
from fxorleans.booking.payment.terms import PaymentRefused, terms
from fxorleans.domain import booking as bk
from fxorleans.domain import payment as rules
from fxorleans.domain.display import format_slot


@dataclass(frozen=True)
class PaymentStart:
    intent_id: str
    client_secret: str = field(repr=False)
    publishable_key: str
    js_url: str
    is_sandbox: bool


async def start_payment(booking_id: str, client_id: str, email: str) -> PaymentStart:
    """The intent for this booking, created once (idempotency key) while the hold is live."""
    b = await asyncio.to_thread(uow.load, booking_id)
    if b is None or b.client_id != client_id:
        raise PaymentRefused(rules.NOT_FOUND)
    if b.status not in bk.OPEN:
        raise PaymentRefused(f"This booking is {b.status.value.lower()}; there is nothing to pay.")
    if not bk.is_hold_live(b, clock.now()):
        raise PaymentRefused("Your hold on this time has expired. Please pick a time again.")
    gateway = bootstrap.payments()
    partner = await asyncio.to_thread(people.partner_name, b.partner_id)
    customer_id = None
    if rules.beyond_window(b, clock.now(), terms()):
        # Save the card with this authorization, to authorize again off-session later.
        customer_id = await gateway.create_customer(client_id=b.client_id, email=email,
                                                    name=email)
    auth = await gateway.authorize(
        booking_id=b.booking_id, client_id=b.client_id, partner_id=b.partner_id, amount=b.price,
        description=f"FX-Orleans session with {partner}, {format_slot(b.start, 'UTC')}",
        receipt_email=email, customer_id=customer_id, save_card=customer_id is not None)
    # Known to the booking before the browser can confirm it: an expiry or a release
    # cancels it, so no authorization can exist that nobody knows about.
    await asyncio.to_thread(uow.run, booking_id,
                            lambda state, _s: rules.started(state, auth.intent_id, clock.now()),
                            uow.Actor(client_id, "client"))
    return PaymentStart(auth.intent_id, auth.client_secret, gateway.publishable_key,
                        gateway.js_url, gateway.is_sandbox)


def accept_policy(booking_id: str, client_id: str) -> bk.Booking:
    """Records, with the booking, the cancellation policy the client accepted."""
    policy = config.get().refund_policy
    outcome = uow.run(booking_id,
                      lambda b, _s: rules.accept_policy(b, client_id, policy, clock.now()),
                      uow.Actor(client_id, "client"))
    if outcome.refusal or outcome.booking is None:
        raise PaymentRefused(outcome.refusal or rules.NOT_FOUND)
    return outcome.booking
