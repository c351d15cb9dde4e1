"""The sandbox as an ASGI app: `/v1/...` (Stripe's API) and `/v3/` (our Stripe.js).

Works standalone (`fxorleans sandbox stripe`) and mounted under a prefix (the main app mounts it
at `/sandbox/stripe`): every URL it hands out is derived from the request it answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
from collections.abc import AsyncIterator
from importlib import resources
from urllib.parse import parse_qsl, urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from fxorleans.http_limits import BodyLimit
from fxorleans.sandbox import api
from fxorleans.sandbox.db import make_engine
from fxorleans.sandbox.runtime import Sandbox, delivery_loop, refuse_live_key

CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, DELETE, OPTIONS",
    "Access-Control-Allow-Headers": "Authorization, Content-Type, Idempotency-Key, "
                                    "Stripe-Version, Stripe-Account",
    "Access-Control-Expose-Headers": "Request-Id, Idempotent-Replayed, Original-Request, "
                                     "Stripe-Version",
    "Access-Control-Max-Age": "300",
}


def _root_url(request: Request, relative: str) -> str:
    url = str(request.url.replace(query=""))
    return url[: len(url) - len(relative)] if url.endswith(relative) else url


def create_app(database_url: str | None = None, webhook_url: str | None = None,
               webhook_secret: str | None = None, *,
               deliver_in_background: bool = True,
               api_keys: frozenset[str] | None = None) -> Starlette:
    """A Stripe sandbox on `database_url` (a temporary SQLite file if None).

    `api_keys`: the only keys its API accepts (the in-app sandbox's derived keys); None accepts
    any test key (the standalone `fxorleans sandbox stripe`).

    With `deliver_in_background` its lifespan runs `delivery_loop` (webhooks and expiry); a host
    app that ignores mounted lifespans should start `runtime.delivery_loop(app)` itself.
    """
    refuse_live_key()
    box = Sandbox(make_engine(database_url), webhook_url, webhook_secret, api_keys)

    async def v1(request: Request) -> Response:
        relative = "/v1/" + request.path_params["rest"]
        if request.method == "OPTIONS":
            return Response(status_code=204, headers=CORS)
        req = api.Request(
            method=request.method, path=relative.rstrip("/") or relative,
            query=request.url.query, body=await request.body(),
            headers={k.lower(): v for k, v in request.headers.items()},
            root_url=_root_url(request, relative))
        reply = await run_in_threadpool(api.handle, box.engine, req, box.webhook_url,
                                        box.api_keys)
        return Response(reply.body, status_code=reply.status, media_type="application/json",
                        headers={**reply.headers, **CORS})

    async def script(request: Request) -> Response:
        source = resources.files("fxorleans.sandbox").joinpath("static/stripe.js").read_text()
        return Response(source, media_type="application/javascript",
                        headers={"Cache-Control": "no-cache", **CORS})

    async def authenticate(request: Request) -> Response:
        root = _root_url(request, "/v3/authenticate")
        if request.method == "GET":
            return HTMLResponse(_challenge_page(dict(request.query_params)))
        form = dict(parse_qsl((await request.body()).decode(), keep_blank_values=True))
        reply, view = await run_in_threadpool(api.authenticate, box.engine, form,
                                               box.webhook_url, root)
        if form.get("redirect") and view and view.get("next_action") is None:
            return _back_to_merchant(form, view)
        return Response(reply.body, status_code=reply.status, media_type="application/json",
                        headers={**reply.headers, **CORS})

    async def index(request: Request) -> Response:
        return HTMLResponse("<!doctype html><title>Stripe sandbox</title><h1>SANDBOX</h1>"
                            "<p>FX-Orleans offline Stripe stand-in: API at <code>v1/</code>, "
                            "browser script at <code>v3/</code>.</p>")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        task = asyncio.create_task(delivery_loop(box)) if deliver_in_background else None
        if task is None:
            yield
            return
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    app = Starlette(routes=[
        Route("/", index),
        Route("/v1/{rest:path}", v1, methods=["GET", "POST", "DELETE", "OPTIONS"]),
        Route("/v3", script),
        Route("/v3/", script),
        Route("/v3/authenticate", authenticate, methods=["GET", "POST", "OPTIONS"]),
    ], lifespan=lifespan, middleware=[Middleware(BodyLimit)])
    app.state.sandbox = box
    return app


def _back_to_merchant(form: dict[str, str], view: dict) -> Response:
    status = view.get("status")
    redirect_status = "succeeded" if status in ("succeeded", "requires_capture") else "failed"
    prefix = "payment_intent" if view["object"] == "payment_intent" else "setup_intent"
    query = urlencode({prefix: view["id"], f"{prefix}_client_secret": view["client_secret"],
                       "redirect_status": redirect_status})
    target = form.get("return_url") or ""
    if not target:
        return HTMLResponse(f"<p>Authentication finished: {html.escape(redirect_status)}.</p>")
    sep = "&" if "?" in target else "?"
    return RedirectResponse(f"{target}{sep}{query}", status_code=303)


def _challenge_page(q: dict[str, str]) -> str:
    """Stand-in for the bank's 3-D Secure page when a redirect (not Stripe.js) is used."""
    fields = "".join(
        f'<input type="hidden" name="{k}" value="{html.escape(q.get(k, ""))}">'
        for k in ("intent", "client_secret", "return_url"))
    return f"""<!doctype html><html lang="en"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SANDBOX 3-D Secure</title>
<body style="font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem">
<p style="background:#fff4d6;border:1px solid #e0b400;padding:.5rem;border-radius:6px">
<strong>SANDBOX</strong> – no real bank is contacted.</p>
<h1 style="font-size:1.3rem">3-D Secure authentication</h1>
<form method="post">{fields}<input type="hidden" name="redirect" value="1">
<button name="outcome" value="complete">Complete authentication</button>
<button name="outcome" value="fail">Fail authentication</button></form></body></html>"""
