"""The `/v1` HTTP layer: API-key auth, form parsing, idempotency, one transaction per request.

Idempotency follows Stripe: a POST's `Idempotency-Key` (scoped to the API key, kept 24 hours)
replays the first response byte for byte once the endpoint has started executing; the same key
with different parameters is an `idempotency_error`. Validation failures are not stored.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qsl

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Engine

from fxorleans import clock
from fxorleans.sandbox import db, intents, setups
from fxorleans.sandbox.errors import ApiError, invalid, missing
from fxorleans.sandbox.forms import check, parse_form
from fxorleans.sandbox.routes import match
from fxorleans.sandbox.store import API_VERSION, Ctx, find, new_id
from fxorleans.sandbox.views import render

IDEMPOTENCY_TTL = timedelta(hours=24)
log = logging.getLogger("fxorleans.sandbox")


@dataclass
class Reply:
    status: int
    body: bytes
    headers: dict[str, str]


@dataclass(frozen=True)
class Request:
    method: str
    path: str  # relative to the sandbox root, e.g. /v1/payment_intents
    query: str
    body: bytes
    headers: dict[str, str]  # lower-case names
    root_url: str


def _json(obj: Any) -> bytes:
    return json.dumps(obj, indent=2).encode()


def _error(err: ApiError, request_id: str) -> Reply:
    return Reply(err.status, _json(err.body(request_id)), dict(err.headers))


def api_key(headers: dict[str, str], accepted: frozenset[str] | None = None) -> str:
    """The key from `Authorization: Bearer …` or HTTP basic (key as user); with `accepted`,
    only those keys, else any test key."""
    auth = headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer":
        key = value.strip()
    elif scheme.lower() == "basic":
        try:
            key = base64.b64decode(value.strip()).decode().partition(":")[0]
        except (ValueError, UnicodeDecodeError):
            key = ""
    else:
        key = ""
    if not key:
        raise ApiError(401, "You did not provide an API key. You need to provide your API key "
                       "in the Authorization header, using Bearer auth (e.g. 'Authorization: "
                       "Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication "
                       "for details, or we can help at https://support.stripe.com/.",
                       stored=False)
    test_key = key.startswith(("sk_test_", "pk_test_", "rk_test_")) and len(key) > 8
    if not test_key or (accepted is not None and key not in accepted):
        shown = (key[:8] if len(key) > 16 else "") + "****" + key[-4:]
        raise ApiError(401, f"Invalid API Key provided: {shown}", stored=False)
    return key


def handle(engine: Engine, req: Request, webhook_url: str | None,
           accepted: frozenset[str] | None = None) -> Reply:
    request_id = new_id("req", 14)
    base_headers = {"Request-Id": request_id, "Stripe-Version": API_VERSION}
    try:
        reply = _handle(engine, req, webhook_url, request_id, accepted)
    except Exception:  # a sandbox bug: answer like Stripe's 500 instead of a bare HTML page
        log.exception("sandbox request %s %s failed", req.method, req.path)
        reply = _error(ApiError(500, "An unknown error occurred in the Stripe sandbox.",
                                type="api_error", stored=False), request_id)
    reply.headers = {**base_headers, **reply.headers}
    return reply


def _handle(engine: Engine, req: Request, webhook_url: str | None, request_id: str,
            accepted: frozenset[str] | None) -> Reply:
    try:
        key = api_key(req.headers, accepted)
    except ApiError as err:
        return _error(err, request_id)
    found = match(req.method, req.path)
    if found is None:
        return _error(ApiError(404, f"Unrecognized request URL ({req.method}: {req.path}). "
                               "Please see https://stripe.com/docs or we can help at "
                               "https://support.stripe.com/.", stored=False), request_id)
    route, groups = found
    publishable = key.startswith("pk_")
    if publishable and not route.publishable:
        return _error(ApiError(401, "This API call cannot be made with a publishable API key. "
                               "Please use a secret API key. You can find a list of your API "
                               "keys at https://dashboard.stripe.com/account/apikeys.",
                               stored=False), request_id)
    raw = req.body.decode() if req.method == "POST" else req.query
    pairs = parse_qsl(raw, keep_blank_values=True)
    idem_key = req.headers.get("idempotency-key") if req.method == "POST" else None
    account = hashlib.sha256(key.encode()).hexdigest()[:32]
    fingerprint = hashlib.sha256(
        json.dumps([req.method, req.path, sorted(pairs)]).encode()).hexdigest()
    try:
        with db.write_transaction(engine) as conn:
            ctx = Ctx(conn, clock.now(), request_id, idem_key, publishable, webhook_url,
                      req.root_url)
            if idem_key:
                replay = _replay(ctx, account, idem_key, fingerprint)
                if replay:
                    return replay
            intents.expire_due(ctx)
            try:
                params = check(parse_form(pairs), route.schema)
                if publishable and groups:
                    _check_client_secret(ctx, groups[0], params)
                result = route.handler(ctx, params, *groups)
                if publishable:
                    result = _client_view(result)
                status, body = 200, _json(render(ctx, result, params.get("expand") or []))
            except ApiError as err:
                if not err.stored:
                    raise  # nothing began executing: roll back, remember nothing
                if publishable:
                    err.extra = {k: _client_view(v) if isinstance(v, dict) else v
                                 for k, v in err.extra.items()}
                status, body = err.status, _json(err.body(request_id))
            if idem_key:
                conn.execute(insert(db.idempotency).values(
                    account=account, key=idem_key, fingerprint=fingerprint,
                    request_id=request_id, status=status, body=body.decode(),
                    created=ctx.now.timestamp()))
    except ApiError as err:
        return _error(err, request_id)
    headers = {"Idempotency-Key": idem_key} if idem_key else {}
    return Reply(status, body, headers)


def _replay(ctx: Ctx, account: str, key: str, fingerprint: str) -> Reply | None:
    cutoff = (ctx.now - IDEMPOTENCY_TTL).timestamp()
    ctx.conn.execute(delete(db.idempotency).where(db.idempotency.c.account == account,
                                                  db.idempotency.c.key == key,
                                                  db.idempotency.c.created < cutoff))
    row = ctx.conn.execute(select(db.idempotency).where(
        db.idempotency.c.account == account, db.idempotency.c.key == key)).first()
    if row is None:
        return None
    if row.fingerprint != fingerprint:
        raise ApiError(400, "Keys for idempotent requests can only be used with the same "
                       "parameters they were first used with. Try using a key other than "
                       f"'{key}' if you meant to execute a different request.",
                       type="idempotency_error", stored=False)
    return Reply(row.status, row.body.encode(), {
        "Idempotent-Replayed": "true", "Original-Request": row.request_id,
        "Idempotency-Key": key})


def _check_client_secret(ctx: Ctx, ident: str, params: dict[str, Any]) -> None:
    """Publishable keys reach an intent only with its client secret."""
    kind = "payment_intent" if ident.startswith("pi_") else "setup_intent"
    obj = find(ctx, ident, kind)
    if obj is None:
        raise missing(kind, ident)
    secret = params.get("client_secret")
    if not secret:
        raise invalid("You must provide the client_secret of this intent when using a "
                      "publishable key.", code="parameter_missing", param="client_secret")
    if secret != obj["client_secret"]:
        raise invalid("The client_secret provided does not match the client_secret "
                      "associated with this intent.",
                      code=f"{kind}_invalid_parameter", param="client_secret")


def _client_view(obj: dict[str, Any]) -> dict[str, Any]:
    """The public half of an intent, as Stripe shows it to a publishable key."""
    if obj.get("object") == "payment_intent":
        return intents.client_view(obj)
    if obj.get("object") == "setup_intent":
        return setups.client_view(obj)
    return obj


def authenticate(engine: Engine, form: dict[str, str], webhook_url: str | None,
                 root_url: str) -> tuple[Reply, dict[str, Any] | None]:
    """The sandbox's 3-D Secure challenge answered: `outcome` is `complete` or `fail`.

    The intent's client secret is the credential, as on Stripe's own challenge page. Returns the
    reply (client view of the intent, or the error) and the intent's client view.
    """
    request_id = new_id("req", 14)
    ident = form.get("intent", "")
    try:
        with db.write_transaction(engine) as conn:
            ctx = Ctx(conn, clock.now(), request_id, None, True, webhook_url, root_url)
            intents.expire_due(ctx)
            _check_client_secret(ctx, ident, {"client_secret": form.get("client_secret")})
            kind = "payment_intent" if ident.startswith("pi_") else "setup_intent"
            obj = find(ctx, ident, kind)
            assert obj is not None
            success = form.get("outcome") == "complete"
            try:
                module = intents if kind == "payment_intent" else setups
                result = _client_view(module.authenticate(ctx, obj, success))
                return Reply(200, _json(result), {"Request-Id": request_id}), result
            except ApiError as err:
                if not err.stored:
                    raise
                err.extra = {k: _client_view(v) if isinstance(v, dict) else v
                             for k, v in err.extra.items()}
                view = err.extra.get(kind)
                return _error(err, request_id), view
    except ApiError as err:
        return _error(err, request_id), None
