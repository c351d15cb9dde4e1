"""Shared steps: authorize a booking through the gateway, confirm it as the browser would."""

from __future__ import annotations

from typing import Any

import stripe

from fxorleans.domain.money import Money
from fxorleans.services.payments import Authorization, PaymentGateway

PRICE = Money(80000, "USD")


async def authorize(gateway: PaymentGateway, booking_id: str, **extra: Any) -> Authorization:
    params: dict[str, Any] = {
        "booking_id": booking_id, "client_id": "cl_1", "partner_id": "pa_1", "amount": PRICE,
        "description": "FX-Orleans session", "receipt_email": "client@example.test"}
    params.update(extra)
    return await gateway.authorize(**params)


def confirm(client: stripe.StripeClient, intent_id: str, pm: str = "pm_card_visa"):
    """Confirm server-side with a test payment method (raises stripe.CardError on a decline)."""
    return client.v1.payment_intents.confirm(intent_id, params={"payment_method": pm})


async def authorized(gateway: PaymentGateway, client: stripe.StripeClient,
                     booking_id: str) -> Authorization:
    auth = await authorize(gateway, booking_id)
    confirm(client, auth.intent_id)
    return await gateway.retrieve(auth.intent_id)
