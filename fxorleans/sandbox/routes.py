"""The endpoint table: path, parameters each accepts, and what a publishable key may call."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from fxorleans.sandbox import charges, db, disputes, intents, methods, setups
from fxorleans.sandbox.errors import invalid, missing
from fxorleans.sandbox.forms import merge_metadata
from fxorleans.sandbox.store import Ctx, all_of, children, emit, load, save
from fxorleans.sandbox.views import created_filter, page

Handler = Callable[..., dict[str, Any]]

OFF_SESSION = ("true", "false", "one_off", "recurring")
ADDRESS = {k: "str" for k in ("city", "country", "line1", "line2", "postal_code", "state")}
PM_DATA = {
    "type": ("card",),
    "card": {"number": "str", "exp_month": "str", "exp_year": "str", "cvc": "str"},
    "billing_details": {"name": "str", "email": "str", "phone": "str", "address": ADDRESS},
    "allow_redisplay": ("always", "limited", "unspecified"), "metadata": "metadata",
}
PM_OPTIONS = {"card": {"request_three_d_secure": ("automatic", "any", "challenge"),
                       "capture_method": ("manual",),
                       "setup_future_usage": ("none", "off_session", "on_session")}}
APM = {"enabled": "bool", "allow_redirects": ("always", "never")}
LIST = {"limit": "int", "starting_after": "str", "ending_before": "str", "created": "any",
        "expand": "list"}
E = {"expand": "list"}

PI_CREATE = {
    "amount": "int", "currency": "str", "automatic_payment_methods": APM,
    "capture_method": ("automatic", "automatic_async", "manual"), "confirm": "bool",
    "confirmation_method": ("automatic", "manual"), "customer": "str", "description": "str",
    "error_on_requires_action": "bool", "metadata": "metadata", "off_session": OFF_SESSION,
    "payment_method": "str", "payment_method_data": PM_DATA,
    "payment_method_options": PM_OPTIONS, "payment_method_types": "list",
    "receipt_email": "str", "return_url": "str",
    "setup_future_usage": ("off_session", "on_session"), "statement_descriptor": "str",
    "statement_descriptor_suffix": "str", "transfer_group": "str", "use_stripe_sdk": "bool",
    "mandate_data": "any", **E,
}
PI_UPDATE = {k: PI_CREATE[k] for k in (
    "amount", "currency", "customer", "description", "metadata", "payment_method",
    "receipt_email", "setup_future_usage", "statement_descriptor",
    "statement_descriptor_suffix", "transfer_group", "capture_method",
    "payment_method_options", "expand")}
PI_CONFIRM = {k: PI_CREATE[k] for k in (
    "payment_method", "payment_method_data", "return_url", "off_session",
    "setup_future_usage", "receipt_email", "capture_method", "error_on_requires_action",
    "use_stripe_sdk", "payment_method_options", "mandate_data", "expand")}
PI_CONFIRM |= {"client_secret": "str", "expected_payment_method_type": "str"}
PI_CAPTURE = {"amount_to_capture": "int", "metadata": "metadata", "final_capture": "bool",
              "statement_descriptor": "str", "statement_descriptor_suffix": "str", **E}
PI_CANCEL = {"cancellation_reason": intents.CANCEL_REASONS, **E}
REFUND_CREATE = {"amount": "int", "charge": "str", "payment_intent": "str",
                 "reason": charges.REFUND_REASONS, "metadata": "metadata",
                 "instructions_email": "str", "refund_application_fee": "bool",
                 "reverse_transfer": "bool", **E}
CUSTOMER = {"email": "str", "name": "str", "description": "str", "metadata": "metadata",
            "phone": "str", "payment_method": "str",
            "invoice_settings": {"default_payment_method": "str"}, **E}
SI_CREATE = {"customer": "str", "payment_method": "str", "usage": ("off_session", "on_session"),
             "confirm": "bool", "metadata": "metadata", "description": "str",
             "automatic_payment_methods": APM, "payment_method_types": "list",
             "return_url": "str", "use_stripe_sdk": "bool", "mandate_data": "any",
             "payment_method_options": PM_OPTIONS, **E}
SI_CONFIRM = {"payment_method": "str", "payment_method_data": PM_DATA, "return_url": "str",
              "use_stripe_sdk": "bool", "client_secret": "str", "mandate_data": "any",
              "expected_payment_method_type": "str", **E}
PM_CREATE = {"type": ("card",), "card": PM_DATA["card"],
             "billing_details": PM_DATA["billing_details"], "metadata": "metadata",
             "allow_redisplay": PM_DATA["allow_redisplay"], **E}


@dataclass(frozen=True)
class Route:
    method: str
    pattern: re.Pattern[str]
    handler: Handler
    schema: dict[str, Any]
    publishable: bool = False  # Stripe.js may call it (with the intent's client_secret)


def _pi(ctx: Ctx, pid: str) -> dict[str, Any]:
    return load(ctx, pid, "payment_intent", label="payment_intent", param="intent")


def _si(ctx: Ctx, sid: str) -> dict[str, Any]:
    return load(ctx, sid, "setup_intent", label="setup_intent", param="intent")


def _offsession(p: dict[str, Any]) -> dict[str, Any]:
    if "off_session" in p:
        p["off_session"] = {"true": True, "false": False}.get(p["off_session"], p["off_session"])
    return p


def pi_list(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    items = all_of(ctx, "payment_intent")
    if p.get("customer"):
        items = [i for i in items if i.get("customer") == p["customer"]]
    return page(created_filter(items, p.get("created")), p, "/v1/payment_intents")


def charge_list(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    items = (children(ctx, "charge", p["payment_intent"]) if p.get("payment_intent")
             else all_of(ctx, "charge"))
    if p.get("customer"):
        items = [i for i in items if i.get("customer") == p["customer"]]
    return page(created_filter(items, p.get("created")), p, "/v1/charges")


def refund_list(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    items = (children(ctx, "refund", p["payment_intent"]) if p.get("payment_intent")
             else all_of(ctx, "refund"))
    if p.get("charge"):
        items = [i for i in items if i["charge"] == p["charge"]]
    return page(created_filter(items, p.get("created")), p, "/v1/refunds")


def refund_update(ctx: Ctx, p: dict[str, Any], rid: str) -> dict[str, Any]:
    refund = load(ctx, rid, "refund", label="refund")
    if "metadata" in p:
        previous = {"metadata": refund["metadata"]}
        refund["metadata"] = merge_metadata(refund["metadata"], p["metadata"])
        save(ctx, refund)
        emit(ctx, "refund.updated", refund, previous)
    return refund


def customer_create(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    customer = methods.create_customer(ctx, p)
    if p.get("payment_method"):
        methods.attach(ctx, methods.resolve(ctx, p["payment_method"]), customer["id"])
    emit(ctx, "customer.created", customer)
    return customer


def customer_update(ctx: Ctx, p: dict[str, Any], cid: str) -> dict[str, Any]:
    customer = load(ctx, cid, "customer", label="customer")
    for key in ("email", "name", "description", "phone"):
        if key in p:
            customer[key] = p[key] or None
    if "metadata" in p:
        customer["metadata"] = merge_metadata(customer["metadata"], p["metadata"])
    default = (p.get("invoice_settings") or {}).get("default_payment_method")
    if default:
        pm = load(ctx, default, "payment_method", label="PaymentMethod",
                  param="invoice_settings[default_payment_method]")
        if pm.get("customer") != cid:
            raise invalid("The customer does not have a payment method with the ID "
                          f"{default}. The payment method must be attached to the customer.",
                          param="invoice_settings[default_payment_method]")
        customer["invoice_settings"]["default_payment_method"] = default
    save(ctx, customer)
    emit(ctx, "customer.updated", customer)
    return customer


def customer_pms(ctx: Ctx, p: dict[str, Any], cid: str) -> dict[str, Any]:
    load(ctx, cid, "customer", label="customer")
    return page(children(ctx, "payment_method", cid), p, f"/v1/customers/{cid}/payment_methods")


def pm_create(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    pm = methods.from_card_details(ctx, {"type": p.get("type"), "card": p.get("card"),
                                         "billing_details": p.get("billing_details")}, "")
    if p.get("metadata"):
        pm["metadata"] = p["metadata"]
        save(ctx, pm)
    return pm


def pm_retrieve(ctx: Ctx, p: dict[str, Any], pid: str) -> dict[str, Any]:
    return methods.resolve(ctx, pid, "id") if pid.startswith("pm_card_") else load(
        ctx, pid, "payment_method", label="PaymentMethod")


def pm_attach(ctx: Ctx, p: dict[str, Any], pid: str) -> dict[str, Any]:
    from fxorleans.sandbox.forms import require

    require(p, "customer")
    methods.check_customer(ctx, p["customer"])
    pm = methods.resolve(ctx, pid, "payment_method")
    methods.attach(ctx, pm, p["customer"])
    return pm


def pm_detach(ctx: Ctx, p: dict[str, Any], pid: str) -> dict[str, Any]:
    pm = load(ctx, pid, "payment_method", label="PaymentMethod")
    if not pm.get("customer"):
        raise invalid("The payment method you provided is not attached to a customer so "
                      "detachment is impossible.", code="payment_method_unexpected_state",
                      stored=True)
    previous = {"customer": pm["customer"]}
    pm.update(customer=None, _offsession_ready=False)
    save(ctx, pm, parent=None)
    emit(ctx, "payment_method.detached", pm, previous)
    return pm


def event_retrieve(ctx: Ctx, p: dict[str, Any], eid: str) -> dict[str, Any]:
    row = ctx.conn.execute(select(db.events.c.data).where(db.events.c.id == eid)).first()
    if row is None:
        raise missing("event", eid)
    return json.loads(row.data)


def event_list(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    rows = ctx.conn.execute(select(db.events.c.data).order_by(db.events.c.seq.desc()))
    items = [json.loads(r.data) for r in rows]
    types = ([p["type"]] if p.get("type") else []) + list(p.get("types") or [])
    if types:
        items = [e for e in items if any(_type_match(t, e["type"]) for t in types)]
    return page(created_filter(items, p.get("created")), p, "/v1/events")


def _type_match(pattern: str, value: str) -> bool:
    return pattern == value or pattern.endswith(".*") and value.startswith(pattern[:-1])


R = Route
_ID = r"([A-Za-z0-9_]+)"
ROUTES: list[Route] = [
    R("POST", re.compile(r"/v1/payment_intents"),
      lambda c, p: intents.create(c, _offsession(p)), PI_CREATE),
    R("GET", re.compile(r"/v1/payment_intents"), pi_list, {**LIST, "customer": "str"}),
    R("GET", re.compile(rf"/v1/payment_intents/{_ID}"), lambda c, p, i: _pi(c, i),
      {"client_secret": "str", **E}, publishable=True),
    R("POST", re.compile(rf"/v1/payment_intents/{_ID}"),
      lambda c, p, i: intents.update(c, _pi(c, i), p), PI_UPDATE),
    R("POST", re.compile(rf"/v1/payment_intents/{_ID}/confirm"),
      lambda c, p, i: intents.confirm(c, _pi(c, i), _offsession(p)), PI_CONFIRM,
      publishable=True),
    R("POST", re.compile(rf"/v1/payment_intents/{_ID}/capture"),
      lambda c, p, i: intents.capture(c, _pi(c, i), p), PI_CAPTURE),
    R("POST", re.compile(rf"/v1/payment_intents/{_ID}/cancel"),
      lambda c, p, i: intents.cancel(c, _pi(c, i), p.get("cancellation_reason")), PI_CANCEL),
    R("GET", re.compile(rf"/v1/charges/{_ID}"),
      lambda c, p, i: load(c, i, "charge", label="charge"), E),
    R("GET", re.compile(r"/v1/charges"), charge_list,
      {**LIST, "payment_intent": "str", "customer": "str"}),
    R("POST", re.compile(r"/v1/refunds"), lambda c, p: charges.create_refund(c, p),
      REFUND_CREATE),
    R("GET", re.compile(rf"/v1/refunds/{_ID}"),
      lambda c, p, i: load(c, i, "refund", label="refund"), E),
    R("POST", re.compile(rf"/v1/refunds/{_ID}"), refund_update, {"metadata": "metadata", **E}),
    R("GET", re.compile(r"/v1/refunds"), refund_list,
      {**LIST, "payment_intent": "str", "charge": "str"}),
    R("POST", re.compile(r"/v1/customers"), customer_create, CUSTOMER),
    R("GET", re.compile(rf"/v1/customers/{_ID}"),
      lambda c, p, i: load(c, i, "customer", label="customer"), E),
    R("POST", re.compile(rf"/v1/customers/{_ID}"), customer_update, CUSTOMER),
    R("GET", re.compile(rf"/v1/customers/{_ID}/payment_methods"), customer_pms,
      {**LIST, "type": ("card",)}),
    R("POST", re.compile(r"/v1/payment_methods"), pm_create, PM_CREATE, publishable=True),
    R("GET", re.compile(rf"/v1/payment_methods/{_ID}"), pm_retrieve, E),
    R("POST", re.compile(rf"/v1/payment_methods/{_ID}/attach"), pm_attach,
      {"customer": "str", **E}),
    R("POST", re.compile(rf"/v1/payment_methods/{_ID}/detach"), pm_detach, E),
    R("POST", re.compile(r"/v1/setup_intents"), lambda c, p: setups.create(c, p), SI_CREATE),
    R("GET", re.compile(rf"/v1/setup_intents/{_ID}"), lambda c, p, i: _si(c, i),
      {"client_secret": "str", **E}, publishable=True),
    R("POST", re.compile(rf"/v1/setup_intents/{_ID}"),
      lambda c, p, i: setups.update(c, _si(c, i), p),
      {"metadata": "metadata", "description": "str", **E}),
    R("POST", re.compile(rf"/v1/setup_intents/{_ID}/confirm"),
      lambda c, p, i: setups.confirm(c, _si(c, i), p), SI_CONFIRM, publishable=True),
    R("POST", re.compile(rf"/v1/setup_intents/{_ID}/cancel"),
      lambda c, p, i: setups.cancel(c, _si(c, i), p.get("cancellation_reason")),
      {"cancellation_reason": ("abandoned", "duplicate", "requested_by_customer"), **E}),
    R("GET", re.compile(rf"/v1/disputes/{_ID}"),
      lambda c, p, i: load(c, i, "dispute", label="dispute"), E),
    R("POST", re.compile(rf"/v1/disputes/{_ID}"), lambda c, p, i: disputes.update(
        c, load(c, i, "dispute", label="dispute"), p), {"evidence": disputes.EVIDENCE, **E}),
    R("POST", re.compile(rf"/v1/disputes/{_ID}/close"),
      lambda c, p, i: disputes.close(c, load(c, i, "dispute", label="dispute")), E),
    R("GET", re.compile(rf"/v1/events/{_ID}"), event_retrieve, E),
    R("GET", re.compile(r"/v1/events"), event_list,
      {**LIST, "type": "str", "types": "list", "delivery_success": "bool"}),
]


def match(method: str, path: str) -> tuple[Route, tuple[str, ...]] | None:
    for route in ROUTES:
        if route.method == method:
            m = route.pattern.fullmatch(path)
            if m:
                return route, m.groups()
    return None
