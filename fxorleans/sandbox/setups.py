"""SetupIntents: save a card to a customer for later off-session payments."""

from __future__ import annotations

from typing import Any

from fxorleans.sandbox import methods
from fxorleans.sandbox.errors import ApiError, invalid, unexpected_state
from fxorleans.sandbox.forms import merge_metadata
from fxorleans.sandbox.intents import REDIRECT_MESSAGE, challenge_url
from fxorleans.sandbox.store import Ctx, emit, insert, load, new_id, public, save

CONFIRMABLE = ("requires_payment_method", "requires_confirmation", "requires_action")
CLIENT_FIELDS = ("id", "object", "automatic_payment_methods", "cancellation_reason",
                 "client_secret", "created", "description", "last_setup_error", "livemode",
                 "next_action", "payment_method", "payment_method_types", "status", "usage")


def client_view(si: dict[str, Any]) -> dict[str, Any]:
    return {k: si.get(k) for k in CLIENT_FIELDS}


def create(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    methods.check_customer(ctx, p.get("customer"))
    apm = methods.automatic_payment_methods(p)
    pm = methods.resolve(ctx, p["payment_method"]) if p.get("payment_method") else None
    si_id = new_id("seti")
    si = {
        "id": si_id, "object": "setup_intent", "application": None,
        "automatic_payment_methods": apm, "cancellation_reason": None,
        "client_secret": f"{si_id}_secret_{new_id('x', 25)[2:]}", "created": ctx.ts,
        "customer": p.get("customer"), "description": p.get("description"),
        "flow_directions": None, "last_setup_error": None, "latest_attempt": None,
        "livemode": False, "mandate": None, "metadata": p.get("metadata") or {},
        "next_action": None, "on_behalf_of": None,
        "payment_method": pm["id"] if pm else None,
        "payment_method_options": {"card": {"mandate_options": None, "network": None,
                                            "request_three_d_secure": "automatic"}},
        "payment_method_types": p.get("payment_method_types") or ["card"],
        "single_use_mandate": None,
        "status": "requires_confirmation" if pm else "requires_payment_method",
        "usage": p.get("usage", "off_session"), "_return_url": p.get("return_url"),
    }
    insert(ctx, si)
    emit(ctx, "setup_intent.created", si)
    if p.get("confirm"):
        confirm(ctx, si, {k: p[k] for k in ("return_url", "use_stripe_sdk") if k in p})
    return si


def update(ctx: Ctx, si: dict[str, Any], p: dict[str, Any]) -> dict[str, Any]:
    if "metadata" in p:
        si["metadata"] = merge_metadata(si["metadata"], p["metadata"])
    if "description" in p:
        si["description"] = p["description"] or None
    return save(ctx, si)


def confirm(ctx: Ctx, si: dict[str, Any], p: dict[str, Any]) -> dict[str, Any]:
    if si["status"] not in CONFIRMABLE:
        raise unexpected_state(
            f"You cannot confirm this SetupIntent because it has a status of {si['status']}. "
            f"Only a SetupIntent with one of the following statuses may be confirmed: "
            f"{', '.join(CONFIRMABLE)}.", obj=public(si), key="setup_intent")
    if p.get("return_url"):
        si["_return_url"] = p["return_url"]
    apm = si.get("automatic_payment_methods")
    if (not ctx.publishable and apm and apm["allow_redirects"] != "never"
            and not si.get("_return_url")):
        raise invalid(REDIRECT_MESSAGE.replace("PaymentIntent", "SetupIntent"),
                      param="return_url")
    if p.get("payment_method_data"):
        pm = methods.from_card_details(ctx, p["payment_method_data"], "payment_method_data")
    elif p.get("payment_method"):
        pm = methods.resolve(ctx, p["payment_method"])
    elif si.get("payment_method"):
        pm = load(ctx, si["payment_method"], "payment_method")
    else:
        raise unexpected_state("You cannot confirm this SetupIntent because it's missing a "
                               "payment method.", obj=public(si), key="setup_intent")
    outcome = methods.setup_outcome(pm)
    si["payment_method"] = pm["id"]
    if outcome.kind == "ok":
        return _succeed(ctx, si, pm)
    if outcome.kind == "action":
        url = challenge_url(ctx, si)
        si["next_action"] = (
            {"type": "use_stripe_sdk", "use_stripe_sdk": {"type": "three_d_secure_redirect",
                                                          "stripe_js": url}}
            if p.get("use_stripe_sdk") else
            {"type": "redirect_to_url", "redirect_to_url": {
                "return_url": si.get("_return_url"), "url": url}})
        si["status"] = "requires_action"
        save(ctx, si)
        emit(ctx, "setup_intent.requires_action", si)
        return si
    return _fail(ctx, si, pm, outcome.code or "card_declined", outcome.decline_code,
                 outcome.message)


def _succeed(ctx: Ctx, si: dict[str, Any], pm: dict[str, Any]) -> dict[str, Any]:
    if si.get("customer"):
        methods.attach(ctx, pm, si["customer"], set_up=si["usage"] == "off_session")
    else:
        pm["_offsession_ready"] = si["usage"] == "off_session"
        save(ctx, pm)
    si.update(status="succeeded", next_action=None, last_setup_error=None)
    save(ctx, si)
    emit(ctx, "setup_intent.succeeded", si)
    return si


def _fail(ctx: Ctx, si: dict[str, Any], pm: dict[str, Any], code: str,
          decline_code: str | None, message: str, error_type: str = "card_error"
          ) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message, "payment_method": public(pm),
                             "type": error_type}
    if decline_code:
        error["decline_code"] = decline_code
    si.update(status="requires_payment_method", payment_method=None, next_action=None,
              last_setup_error=error)
    save(ctx, si)
    emit(ctx, "setup_intent.setup_failed", si)
    raise ApiError(402 if error_type == "card_error" else 400, message, type=error_type,
                   code=code, decline_code=decline_code,
                   extra={"setup_intent": public(si), "payment_method": public(pm)})


def authenticate(ctx: Ctx, si: dict[str, Any], success: bool) -> dict[str, Any]:
    if si["status"] != "requires_action":
        raise unexpected_state(f"This SetupIntent has a status of {si['status']}; there is no "
                               "authentication to complete.", obj=public(si), key="setup_intent")
    pm = load(ctx, si["payment_method"], "payment_method")
    if success:
        pm["_offsession_ready"] = True
        return _succeed(ctx, si, pm)
    return _fail(ctx, si, pm, "setup_intent_authentication_failure", None,
                 "The latest attempt to set up the payment method has failed because "
                 "authentication failed.", error_type="invalid_request_error")


def cancel(ctx: Ctx, si: dict[str, Any], reason: str | None) -> dict[str, Any]:
    if si["status"] not in CONFIRMABLE:
        raise unexpected_state(f"You cannot cancel this SetupIntent because it has a status of "
                               f"{si['status']}.", obj=public(si), key="setup_intent")
    si.update(status="canceled", cancellation_reason=reason, next_action=None)
    save(ctx, si)
    emit(ctx, "setup_intent.canceled", si)
    return si
