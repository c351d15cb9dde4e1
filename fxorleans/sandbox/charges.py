"""Charges (created when an intent is confirmed) and Refunds (only of captured money)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fxorleans.sandbox import disputes
from fxorleans.sandbox.errors import ApiError, invalid
from fxorleans.sandbox.methods import Outcome
from fxorleans.sandbox.store import Ctx, emit, insert, load, new_id, save

ON_SESSION_HOLD = timedelta(days=7)
OFF_SESSION_HOLD = timedelta(days=4, hours=18)

_SELLER = {
    "generic_decline": "The bank did not return any further details with this decline.",
    "insufficient_funds": "The bank returned the decline code `insufficient_funds`.",
    "lost_card": "The bank returned the decline code `lost_card`.",
    "stolen_card": "The bank returned the decline code `stolen_card`.",
    "expired_card": "The bank returned the decline code `expired_card`.",
    "incorrect_cvc": "The bank returned the decline code `incorrect_cvc`.",
    "processing_error": "The bank returned the decline code `processing_error`.",
}


def create(ctx: Ctx, pi: dict[str, Any], pm: dict[str, Any], *, off_session: bool,
           outcome: Outcome) -> dict[str, Any]:
    ok = outcome.kind == "ok"
    automatic = pi["capture_method"] != "manual"
    capture_before = None
    if ok and not automatic:
        hold = OFF_SESSION_HOLD if off_session else ON_SESSION_HOLD
        capture_before = int((ctx.now + hold).timestamp())
    card = pm["card"]
    charge = {
        "id": new_id("ch"), "object": "charge", "amount": pi["amount"],
        "amount_captured": pi["amount"] if ok and automatic else 0,
        "amount_refunded": 0, "application": None, "application_fee": None,
        "application_fee_amount": None, "balance_transaction": None,
        "billing_details": pm["billing_details"],
        "calculated_statement_descriptor": "FX-ORLEANS SANDBOX",
        "captured": ok and automatic, "created": ctx.ts, "currency": pi["currency"],
        "customer": pi.get("customer"), "description": pi.get("description"),
        "disputed": False, "failure_balance_transaction": None,
        "failure_code": None if ok else outcome.code,
        "failure_message": None if ok else outcome.message, "fraud_details": {},
        "livemode": False, "metadata": dict(pi["metadata"]), "on_behalf_of": None,
        "outcome": _outcome(outcome), "paid": ok, "payment_intent": pi["id"],
        "payment_method": pm["id"],
        "payment_method_details": {"type": "card", "card": {
            "amount_authorized": pi["amount"] if ok else None,
            "brand": card["brand"], "capture_before": capture_before,
            "checks": card["checks"], "country": card["country"],
            "exp_month": card["exp_month"], "exp_year": card["exp_year"],
            "fingerprint": card["fingerprint"], "funding": card["funding"],
            "last4": card["last4"], "network": card["brand"],
            "network_transaction_id": new_id("ntx", 12)[4:] if ok else None,
            "three_d_secure": None,
        }},
        "receipt_email": pi.get("receipt_email"), "receipt_url": None,
        "refunded": False, "review": None, "shipping": None, "source_transfer": None,
        "statement_descriptor": None, "status": "succeeded" if ok else "failed",
        "transfer_data": None, "transfer_group": None,
    }
    insert(ctx, charge, parent=pi["id"])
    emit(ctx, "charge.succeeded" if ok else "charge.failed", charge)
    return charge


def _outcome(outcome: Outcome) -> dict[str, Any]:
    if outcome.kind == "ok":
        return {"advice_code": None, "network_advice_code": None,
                "network_decline_code": None, "network_status": "approved_by_network",
                "reason": None, "risk_level": "normal", "risk_score": 20,
                "seller_message": "Payment complete.", "type": "authorized"}
    return {"advice_code": "try_again_later" if outcome.decline_code == "processing_error"
            else "do_not_try_again", "network_advice_code": None,
            "network_decline_code": None, "network_status": "declined_by_network",
            "reason": outcome.decline_code, "risk_level": "normal", "risk_score": 20,
            "seller_message": _SELLER.get(outcome.decline_code or "",
                                          "The bank declined this payment."),
            "type": "issuer_declined"}


def capture(ctx: Ctx, charge: dict[str, Any], amount: int) -> dict[str, Any]:
    previous = {"amount_captured": charge["amount_captured"], "captured": False,
                "amount_refunded": charge["amount_refunded"]}
    charge.update(amount_captured=amount, captured=True,
                  amount_refunded=charge["amount"] - amount)
    save(ctx, charge)
    emit(ctx, "charge.captured", charge, previous)
    disputes.open_if_disputed(ctx, charge)
    return charge


def release(ctx: Ctx, charge: dict[str, Any], *, expired: bool) -> dict[str, Any]:
    """An uncaptured authorization goes away: cancelled (refunded) or expired."""
    previous = {"amount_refunded": charge["amount_refunded"], "refunded": False}
    charge.update(amount_refunded=charge["amount"], refunded=True)
    save(ctx, charge)
    emit(ctx, "charge.expired" if expired else "charge.refunded", charge, previous)
    return charge


REFUND_REASONS = ("duplicate", "fraudulent", "requested_by_customer")


def refundable_charge(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    if p.get("charge"):
        charge = load(ctx, p["charge"], "charge", param="charge")
        if p.get("payment_intent") and charge["payment_intent"] != p["payment_intent"]:
            raise invalid("The charge does not belong to that PaymentIntent.",
                          param="payment_intent")
        pi = load(ctx, charge["payment_intent"], "payment_intent")
    elif p.get("payment_intent"):
        pi = load(ctx, p["payment_intent"], "payment_intent", label="payment_intent",
                  param="payment_intent")
        if not pi.get("latest_charge"):
            raise invalid(f"This PaymentIntent ({pi['id']}) does not have a successful charge "
                          "to refund.", code="charge_not_refundable",
                          param="payment_intent", stored=True)
        charge = load(ctx, pi["latest_charge"], "charge")
    else:
        raise invalid("One of the following params should be provided for this request: "
                      "payment_intent or charge.", code="parameter_missing",
                      param="payment_intent")
    if charge["status"] != "succeeded" or not charge["captured"]:
        from fxorleans.sandbox.store import public

        if pi["status"] == "requires_capture":
            raise ApiError(
                400, f"This PaymentIntent ({pi['id']}) has not been captured: cancel it to "
                "release the authorization, or capture it first.",
                code="payment_intent_unexpected_state", param="payment_intent",
                extra={"payment_intent": public(pi)})
        raise invalid(f"Charge {charge['id']} cannot be refunded: it was not captured.",
                      code="charge_not_refundable", param="charge", stored=True)
    return charge


def create_refund(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    charge = refundable_charge(ctx, p)
    left = charge["amount"] - charge["amount_refunded"]
    if left <= 0:
        raise invalid(f"Charge {charge['id']} has already been refunded.",
                      code="charge_already_refunded", param="charge", stored=True)
    amount = p.get("amount", left)
    if amount <= 0:
        raise invalid("Invalid positive integer", code="parameter_invalid_integer",
                      param="amount")
    if amount > left:
        raise invalid(
            f"Refund amount ({_money(amount, charge['currency'])}) is greater than unrefunded "
            f"amount on charge ({_money(left, charge['currency'])})",
            code="amount_too_large", param="amount", stored=True)
    refund = {
        "id": new_id("re"), "object": "refund", "amount": amount,
        "balance_transaction": None, "charge": charge["id"], "created": ctx.ts,
        "currency": charge["currency"],
        "destination_details": {"card": {"reference_status": "pending",
                                         "reference_type": "acquirer_reference_number",
                                         "type": "refund"}, "type": "card"},
        "metadata": p.get("metadata") or {}, "payment_intent": charge["payment_intent"],
        "reason": p.get("reason"), "receipt_number": None,
        "source_transfer_reversal": None, "status": "succeeded",
        "transfer_reversal": None,
    }
    insert(ctx, refund, parent=charge["payment_intent"])
    previous = {"amount_refunded": charge["amount_refunded"], "refunded": charge["refunded"]}
    charge["amount_refunded"] += amount
    charge["refunded"] = charge["amount_refunded"] >= charge["amount"]
    save(ctx, charge)
    emit(ctx, "charge.refunded", charge, previous)
    emit(ctx, "refund.created", refund)
    return refund


def _money(amount: int, currency: str) -> str:
    from fxorleans.sandbox.money import format_amount

    return format_amount(amount, currency)
