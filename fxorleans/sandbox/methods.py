"""Customers and card PaymentMethods: `pm_card_*` shortcuts, card details from the browser,
attachment, and the outcome a card gives when it is charged or set up."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from fxorleans.sandbox import cards
from fxorleans.sandbox.errors import ApiError, invalid, missing
from fxorleans.sandbox.store import Ctx, find, insert, load, new_id, save

BILLING: dict[str, Any] = {
    "address": {"city": None, "country": None, "line1": None, "line2": None,
                "postal_code": None, "state": None},
    "email": None, "name": None, "phone": None, "tax_id": None}


def create_customer(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    customer: dict[str, Any] = {
        "id": new_id("cus", 14), "object": "customer", "address": None, "balance": 0,
        "created": ctx.ts, "currency": None, "default_source": None, "delinquent": False,
        "description": p.get("description"), "email": p.get("email"),
        "invoice_prefix": new_id("X", 6)[2:].upper(), "invoice_settings": {
            "custom_fields": None, "default_payment_method": None, "footer": None,
            "rendering_options": None},
        "livemode": False, "metadata": p.get("metadata") or {}, "name": p.get("name"),
        "phone": p.get("phone"), "preferred_locales": [], "shipping": None,
        "tax_exempt": "none", "test_clock": None,
    }
    return insert(ctx, customer)


def _card_pm(ctx: Ctx, card: cards.TestCard, exp_month: int, exp_year: int,
             billing: dict[str, Any] | None = None) -> dict[str, Any]:
    details = {**BILLING, **(billing or {})}
    details["address"] = {**BILLING["address"], **(details.get("address") or {})}
    pm = {
        "id": new_id("pm"), "object": "payment_method", "allow_redisplay": "unspecified",
        "billing_details": details,
        "card": {
            "brand": card.brand, "checks": {"address_line1_check": None,
                                             "address_postal_code_check": None,
                                             "cvc_check": "unchecked"},
            "country": card.country, "display_brand": card.brand, "exp_month": exp_month,
            "exp_year": exp_year,
            "fingerprint": hashlib.sha256(card.number.encode()).hexdigest()[:16],
            "funding": card.funding, "generated_from": None, "last4": card.last4,
            "networks": {"available": [card.brand], "preferred": None},
            "regulated_status": "unregulated",
            "three_d_secure_usage": {"supported": True}, "wallet": None,
        },
        "created": ctx.ts, "customer": None, "livemode": False, "metadata": {},
        "type": "card", "_number": card.number, "_offsession_ready": False,
    }
    return insert(ctx, pm)


def from_card_details(ctx: Ctx, data: dict[str, Any], param: str) -> dict[str, Any]:
    """A PaymentMethod from raw card fields (only Stripe.js, i.e. a publishable key, sends them)."""
    if data.get("type") != "card":
        raise invalid("Only card payment methods are available in the sandbox.",
                      param=f"{param}[type]")
    card = data.get("card") or {}
    number = str(card.get("number", "")).replace(" ", "")
    if not ctx.publishable:
        raise invalid("Sending credit card numbers directly to the Stripe API is generally "
                      "unsafe. Use Stripe.js or test tokens such as pm_card_visa.",
                      param=f"{param}[card][number]")
    if not cards.luhn_ok(number):
        raise _card_field_error("incorrect_number", "Your card number is incorrect.",
                                f"{param}[card][number]")
    try:
        month, year = int(card.get("exp_month", "")), int(card.get("exp_year", ""))
    except ValueError:
        raise _card_field_error("invalid_expiry_month", "Your card's expiration date is "
                                "incomplete.", f"{param}[card][exp_month]") from None
    if year < 100:
        year += 2000
    if not 1 <= month <= 12:
        raise _card_field_error("invalid_expiry_month", "Your card's expiration month is "
                                "invalid.", f"{param}[card][exp_month]")
    if (year, month) < (ctx.now.year, ctx.now.month):
        raise _card_field_error("invalid_expiry_year", "Your card's expiration year is in the "
                                "past.", f"{param}[card][exp_year]")
    cvc = str(card.get("cvc", ""))
    if not cvc.isdigit() or len(cvc) not in (3, 4):
        raise _card_field_error("invalid_cvc", "Your card's security code is invalid.",
                                f"{param}[card][cvc]")
    return _card_pm(ctx, cards.card_for_number(number), month, year,
                    data.get("billing_details"))


def _card_field_error(code: str, message: str, param: str) -> ApiError:
    return ApiError(402, message, type="card_error", code=code, param=param, stored=False)


def resolve(ctx: Ctx, ident: str, param: str = "payment_method") -> dict[str, Any]:
    """The PaymentMethod named `ident`; a `pm_card_*` shortcut makes a new one, like Stripe."""
    if ident in cards.SHORTCUTS:
        card = cards.CARDS[cards.SHORTCUTS[ident]]
        return _card_pm(ctx, card, 12, ctx.now.year + 3)
    pm = find(ctx, ident, "payment_method")
    if pm is None:
        raise missing("PaymentMethod", ident, param)
    return pm


def attach(ctx: Ctx, pm: dict[str, Any], customer_id: str, *, set_up: bool = False) -> None:
    from fxorleans.sandbox.store import emit

    if pm.get("customer") and pm["customer"] != customer_id:
        raise invalid("The payment method you provided has already been attached to a "
                      "customer.", code="payment_method_unexpected_state", param="customer",
                      stored=True)
    newly = pm.get("customer") is None
    pm["customer"] = customer_id
    if set_up:
        pm["_offsession_ready"] = True
    save(ctx, pm, parent=customer_id)
    if newly:
        emit(ctx, "payment_method.attached", pm)


def automatic_payment_methods(p: dict[str, Any]) -> dict[str, Any] | None:
    """The `automatic_payment_methods` an intent shows, with Stripe's defaults filled in;
    None when explicit `payment_method_types` were given."""
    if p.get("payment_method_types"):
        return None
    apm = p.get("automatic_payment_methods") or {}
    return {"allow_redirects": apm.get("allow_redirects", "always"),
            "enabled": apm.get("enabled", True)}


def check_customer(ctx: Ctx, customer_id: str | None) -> None:
    if customer_id:
        load(ctx, customer_id, "customer", label="customer", param="customer")


@dataclass(frozen=True)
class Outcome:
    kind: str  # "ok", "action", "decline"
    code: str | None = None
    decline_code: str | None = None

    @property
    def message(self) -> str:
        return cards.DECLINE_MESSAGES.get(self.decline_code or "", "Your card was declined.")


OK = Outcome("ok")
ACTION = Outcome("action")


def charge_outcome(pm: dict[str, Any], *, off_session: bool) -> Outcome:
    card = cards.card_for_number(pm["_number"])
    if card.behaviour in ("decline", "attach_then_fail"):
        return Outcome("decline", card.code, card.decline_code)
    ready = pm.get("_offsession_ready", False)
    if card.behaviour == "auth_on_setup" and not ready or card.behaviour == "auth_always":
        if off_session:
            return Outcome("decline", "authentication_required", "authentication_required")
        return ACTION
    return OK


def setup_outcome(pm: dict[str, Any]) -> Outcome:
    card = cards.card_for_number(pm["_number"])
    if card.behaviour == "decline":
        return Outcome("decline", card.code, card.decline_code)
    if card.behaviour == "auth_always" or (
        card.behaviour == "auth_on_setup" and not pm.get("_offsession_ready")
    ):
        return ACTION
    return OK
