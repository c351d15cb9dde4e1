"""PaymentIntents: create, update, confirm (server or browser), 3-D Secure, capture, cancel,
expiry."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from sqlalchemy import select

from fxorleans.sandbox import charges, db, methods
from fxorleans.sandbox.errors import ApiError, invalid, unexpected_state
from fxorleans.sandbox.methods import Outcome
from fxorleans.sandbox.money import MAXIMUM, format_amount, minimum
from fxorleans.sandbox.store import Ctx, emit, insert, load, new_id, public, save

CANCELABLE = ("requires_payment_method", "requires_capture", "requires_confirmation",
              "requires_action", "processing")
CONFIRMABLE = ("requires_payment_method", "requires_confirmation", "requires_action")
AMOUNT_UPDATABLE = CONFIRMABLE
CANCEL_REASONS = ("duplicate", "fraudulent", "requested_by_customer", "abandoned")
CLIENT_FIELDS = ("id", "object", "amount", "amount_details", "automatic_payment_methods",
                 "canceled_at", "cancellation_reason", "capture_method", "client_secret",
                 "confirmation_method", "created", "currency", "description",
                 "last_payment_error", "livemode", "next_action", "payment_method",
                 "payment_method_types", "processing", "receipt_email", "setup_future_usage",
                 "shipping", "status")
REDIRECT_MESSAGE = (
    "This PaymentIntent is configured to accept payment methods enabled in your Dashboard. "
    "Because some of these payment methods might redirect your customer off of your page, you "
    "must provide a `return_url`. If you don't want to accept redirect-based payment methods, "
    "set `automatic_payment_methods[enabled]` to `true` and "
    "`automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and "
    "Payment Intents."
)


def client_view(pi: dict[str, Any]) -> dict[str, Any]:
    """What a publishable key may see."""
    return {k: pi.get(k) for k in CLIENT_FIELDS}


def check_amount(amount: int, currency: str, param: str = "amount") -> None:
    low = minimum(currency)
    if amount < low:
        raise invalid(f"Amount must be at least {format_amount(low, currency)} "
                      f"{currency.lower()}", code="amount_too_small", param=param)
    if amount > MAXIMUM:
        raise invalid(f"Amount must be no more than {format_amount(MAXIMUM, currency)}",
                      code="amount_too_large", param=param)


def create(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    from fxorleans.sandbox.forms import require

    require(p, "amount", "currency")
    currency = p["currency"].lower()
    check_amount(p["amount"], currency)
    if p.get("off_session") not in (None, False) and not p.get("confirm"):
        raise invalid("You may only specify `off_session` when `confirm=true`.",
                      param="off_session")
    methods.check_customer(ctx, p.get("customer"))
    apm = methods.automatic_payment_methods(p)
    if apm is not None and not apm["enabled"]:
        apm = None
    pm = methods.resolve(ctx, p["payment_method"]) if p.get("payment_method") else None
    pi_id = new_id("pi")
    pi = {
        "id": pi_id, "object": "payment_intent", "amount": p["amount"],
        "amount_capturable": 0, "amount_details": {"tip": {}}, "amount_received": 0,
        "application": None, "application_fee_amount": None,
        "automatic_payment_methods": apm, "canceled_at": None, "cancellation_reason": None,
        "capture_method": p.get("capture_method", "automatic_async"),
        "client_secret": f"{pi_id}_secret_{new_id('x', 25)[2:]}",
        "confirmation_method": p.get("confirmation_method", "automatic"),
        "created": ctx.ts, "currency": currency, "customer": p.get("customer"),
        "description": p.get("description"), "last_payment_error": None,
        "latest_charge": None, "livemode": False, "metadata": p.get("metadata") or {},
        "next_action": None, "on_behalf_of": None,
        "payment_method": pm["id"] if pm else None,
        "payment_method_configuration_details": None,
        "payment_method_options": {"card": {
            "installments": None, "mandate_options": None, "network": None,
            "request_three_d_secure": "automatic",
            **((p.get("payment_method_options") or {}).get("card") or {})}},
        "payment_method_types": p.get("payment_method_types") or ["card"],
        "processing": None, "receipt_email": p.get("receipt_email"), "review": None,
        "setup_future_usage": p.get("setup_future_usage"), "shipping": None,
        "source": None, "statement_descriptor": p.get("statement_descriptor"),
        "statement_descriptor_suffix": p.get("statement_descriptor_suffix"),
        "status": "requires_confirmation" if pm else "requires_payment_method",
        "transfer_data": None, "transfer_group": p.get("transfer_group"),
        "_return_url": p.get("return_url"),
    }
    insert(ctx, pi)
    emit(ctx, "payment_intent.created", pi)
    if p.get("confirm"):
        confirm(ctx, pi, {k: p[k] for k in ("off_session", "return_url", "use_stripe_sdk",
                                             "error_on_requires_action", "payment_method_data")
                          if k in p})
    return pi


def update(ctx: Ctx, pi: dict[str, Any], p: dict[str, Any]) -> dict[str, Any]:
    from fxorleans.sandbox.forms import merge_metadata

    if ("amount" in p or "currency" in p or "payment_method" in p) and (
        pi["status"] not in AMOUNT_UPDATABLE
    ):
        field = next(k for k in ("amount", "currency", "payment_method") if k in p)
        raise unexpected_state(
            f"This PaymentIntent's {field} could not be updated because it has a status of "
            f"{pi['status']}. You may only update the {field} of a PaymentIntent with one of "
            f"the following statuses: {', '.join(AMOUNT_UPDATABLE)}.", obj=public(pi))
    currency = p.get("currency", pi["currency"]).lower()
    if "amount" in p or "currency" in p:
        check_amount(p.get("amount", pi["amount"]), currency)
    if p.get("customer"):
        methods.check_customer(ctx, p["customer"])
    if "payment_method" in p:
        pm = methods.resolve(ctx, p["payment_method"]) if p["payment_method"] else None
        pi["payment_method"] = pm["id"] if pm else None
        pi["status"] = "requires_confirmation" if pm else "requires_payment_method"
        pi["next_action"] = None
    previous: dict[str, Any] = {}
    for key in ("amount", "description", "receipt_email", "customer", "setup_future_usage",
                "statement_descriptor", "statement_descriptor_suffix", "transfer_group"):
        if key in p and p[key] != pi.get(key):
            previous[key] = pi.get(key)
            pi[key] = p[key] if p[key] != "" else None
    if "currency" in p:
        pi["currency"] = currency
    if "metadata" in p:
        previous["metadata"] = pi["metadata"]
        pi["metadata"] = merge_metadata(pi["metadata"], p["metadata"])
    save(ctx, pi)
    if previous.keys() - {"metadata"} or pi["metadata"] != previous.get("metadata", pi["metadata"]):
        emit(ctx, "payment_intent.updated", pi, previous)
    return pi


def confirm(ctx: Ctx, pi: dict[str, Any], p: dict[str, Any]) -> dict[str, Any]:
    if pi["status"] not in CONFIRMABLE:
        raise unexpected_state(
            f"You cannot confirm this PaymentIntent because it has a status of {pi['status']}. "
            f"Only a PaymentIntent with one of the following statuses may be confirmed: "
            f"{', '.join(CONFIRMABLE)}.", obj=public(pi))
    if p.get("return_url"):
        pi["_return_url"] = p["return_url"]
    apm = pi.get("automatic_payment_methods")
    if (not ctx.publishable and apm and apm["allow_redirects"] != "never"
            and not pi.get("_return_url")):
        raise invalid(REDIRECT_MESSAGE, param="return_url")
    if p.get("payment_method_data"):
        pm = methods.from_card_details(ctx, p["payment_method_data"], "payment_method_data")
    elif p.get("payment_method"):
        pm = methods.resolve(ctx, p["payment_method"])
    elif pi.get("payment_method"):
        pm = load(ctx, pi["payment_method"], "payment_method")
    else:
        raise unexpected_state(
            "You cannot confirm this PaymentIntent because it's missing a payment method. To "
            "confirm a PaymentIntent with requires_payment_method, provide a payment_method or "
            "payment_method_data.", obj=public(pi))
    if pm.get("customer") and pi.get("customer") and pm["customer"] != pi["customer"]:
        raise invalid("The provided PaymentMethod belongs to a different Customer.",
                      param="payment_method", stored=True)
    for key in ("receipt_email", "setup_future_usage", "capture_method"):
        if key in p:
            pi[key] = p[key]
    off_session = p.get("off_session") not in (None, False)
    pi["_off_session"] = off_session
    pi["_use_stripe_sdk"] = bool(p.get("use_stripe_sdk"))
    outcome = methods.charge_outcome(pm, off_session=off_session)
    if outcome.kind == "action" and p.get("error_on_requires_action"):
        outcome = Outcome("decline", "authentication_required", "authentication_required")
    if outcome.kind == "action":
        return _require_action(ctx, pi, pm)
    return _attempt(ctx, pi, pm, outcome, off_session=off_session)


def _require_action(ctx: Ctx, pi: dict[str, Any], pm: dict[str, Any]) -> dict[str, Any]:
    url = challenge_url(ctx, pi)
    if pi.get("_use_stripe_sdk"):
        pi["next_action"] = {"type": "use_stripe_sdk", "use_stripe_sdk": {
            "type": "three_d_secure_redirect", "stripe_js": url, "source": pm["id"]}}
    else:
        pi["next_action"] = {"type": "redirect_to_url", "redirect_to_url": {
            "return_url": pi.get("_return_url"), "url": url}}
    pi.update(status="requires_action", payment_method=pm["id"], last_payment_error=None)
    save(ctx, pi)
    emit(ctx, "payment_intent.requires_action", pi)
    return pi


def challenge_url(ctx: Ctx, intent: dict[str, Any]) -> str:
    query = {"intent": intent["id"], "client_secret": intent["client_secret"]}
    if intent.get("_return_url"):
        query["return_url"] = intent["_return_url"]
    return f"{ctx.root_url}/v3/authenticate?{urlencode(query)}"


def _attempt(ctx: Ctx, pi: dict[str, Any], pm: dict[str, Any], outcome: Outcome, *,
             off_session: bool, three_d_secure: bool = False) -> dict[str, Any]:
    charge = charges.create(ctx, pi, pm, off_session=off_session, outcome=outcome)
    pi["latest_charge"] = charge["id"]
    pi["next_action"] = None
    if outcome.kind != "ok":
        return _fail(ctx, pi, pm, outcome.code or "card_declined", outcome.decline_code,
                     outcome.message, charge_id=charge["id"])
    if three_d_secure:
        charge["payment_method_details"]["card"]["three_d_secure"] = {
            "authentication_flow": "challenge", "result": "authenticated",
            "result_reason": None, "version": "2.2.0"}
        save(ctx, charge)
    pi.update(payment_method=pm["id"], last_payment_error=None)
    if pi.get("setup_future_usage") and pi.get("customer"):
        methods.attach(ctx, pm, pi["customer"],
                       set_up=pi["setup_future_usage"] == "off_session" or three_d_secure)
    if pi["capture_method"] == "manual":
        pi.update(status="requires_capture", amount_capturable=pi["amount"])
        deadline = charge["payment_method_details"]["card"]["capture_before"]
        save(ctx, pi, expires_at=float(deadline))
        emit(ctx, "payment_intent.amount_capturable_updated", pi, {"amount_capturable": 0})
    else:
        pi.update(status="succeeded", amount_received=pi["amount"])
        save(ctx, pi)
        emit(ctx, "payment_intent.succeeded", pi)
    return pi


def _fail(ctx: Ctx, pi: dict[str, Any], pm: dict[str, Any], code: str,
          decline_code: str | None, message: str, *, charge_id: str | None,
          error_type: str = "card_error") -> dict[str, Any]:
    error: dict[str, Any] = {
        "code": code, "doc_url": f"https://stripe.com/docs/error-codes/{code.replace('_', '-')}",
        "message": message, "payment_method": public(pm), "type": error_type}
    if charge_id:
        error["charge"] = charge_id
    if decline_code:
        error["decline_code"] = decline_code
    pi.update(status="requires_payment_method", payment_method=None, last_payment_error=error,
              next_action=None)
    save(ctx, pi)
    emit(ctx, "payment_intent.payment_failed", pi)
    extra: dict[str, Any] = {"payment_intent": public(pi), "payment_method": public(pm)}
    if charge_id:
        extra["charge"] = charge_id
    raise ApiError(402 if error_type == "card_error" else 400, message, type=error_type,
                   code=code, decline_code=decline_code, extra=extra)


def authenticate(ctx: Ctx, pi: dict[str, Any], success: bool) -> dict[str, Any]:
    """The customer completed (or failed) the sandbox's 3-D Secure challenge."""
    if pi["status"] != "requires_action":
        raise unexpected_state(f"This PaymentIntent has a status of {pi['status']}; there is "
                               "no authentication to complete.", obj=public(pi))
    pm = load(ctx, pi["payment_method"], "payment_method")
    if not success:
        return _fail(ctx, pi, pm, "payment_intent_authentication_failure", None,
                     "The provided PaymentMethod has failed authentication. You can provide "
                     "payment_method_data or a new PaymentMethod to attempt to fulfill this "
                     "PaymentIntent again.", charge_id=None, error_type="invalid_request_error")
    return _attempt(ctx, pi, pm, methods.OK, off_session=False, three_d_secure=True)


def capture(ctx: Ctx, pi: dict[str, Any], p: dict[str, Any]) -> dict[str, Any]:
    if pi["status"] != "requires_capture":
        raise unexpected_state(
            f"This PaymentIntent could not be captured because it has a status of "
            f"{pi['status']}. Only a PaymentIntent with one of the following statuses may be "
            f"captured: requires_capture.", obj=public(pi))
    amount = p.get("amount_to_capture", pi["amount_capturable"])
    if amount > pi["amount_capturable"]:
        raise invalid(f"The amount_to_capture ({amount}) must be less than or equal to the "
                      f"amount_capturable ({pi['amount_capturable']}).",
                      code="amount_too_large", param="amount_to_capture")
    if amount <= 0:
        raise invalid("Invalid positive integer", code="parameter_invalid_integer",
                      param="amount_to_capture")
    if "metadata" in p:
        from fxorleans.sandbox.forms import merge_metadata

        pi["metadata"] = merge_metadata(pi["metadata"], p["metadata"])
    charges.capture(ctx, load(ctx, pi["latest_charge"], "charge"), amount)
    pi.update(status="succeeded", amount_received=amount, amount_capturable=0)
    save(ctx, pi, expires_at=None)
    emit(ctx, "payment_intent.succeeded", pi)
    return pi


def cancel(ctx: Ctx, pi: dict[str, Any], reason: str | None, *, expired: bool = False
           ) -> dict[str, Any]:
    if pi["status"] not in CANCELABLE:
        raise unexpected_state(
            f"You cannot cancel this PaymentIntent because it has a status of {pi['status']}. "
            f"Only a PaymentIntent with one of the following statuses may be canceled: "
            f"{', '.join(CANCELABLE)}.", obj=public(pi))
    if pi["status"] == "requires_capture":
        charges.release(ctx, load(ctx, pi["latest_charge"], "charge"), expired=expired)
    pi.update(status="canceled", canceled_at=ctx.ts, cancellation_reason=reason,
              amount_capturable=0, next_action=None)
    save(ctx, pi, expires_at=None)
    emit(ctx, "payment_intent.canceled", pi)
    return pi


def expire_due(ctx: Ctx) -> int:
    """Cancel every authorization whose capture deadline has passed (reason `expired`)."""
    rows = ctx.conn.execute(
        select(db.objects.c.id).where(db.objects.c.object == "payment_intent",
                                      db.objects.c.expires_at <= ctx.now.timestamp())
    ).all()
    for row in rows:
        pi = load(ctx, row.id, "payment_intent")
        if pi["status"] == "requires_capture":
            cancel(ctx, pi, "expired", expired=True)
        else:
            save(ctx, pi, expires_at=None)
    return len(rows)
