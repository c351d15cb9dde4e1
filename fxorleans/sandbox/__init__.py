"""Offline stand-in for the part of Stripe FX-Orleans uses: the API (`/v1`) and Stripe.js (`/v3/`).

It speaks Stripe's wire protocol so the official SDK and our browser code run unchanged against
it and against real Stripe. Import `create_app` from `fxorleans.sandbox.server`.
"""

from __future__ import annotations

__all__ = ["create_app", "deliver_due", "expire_due"]


def __getattr__(name: str):  # lazy, so importing the package stays cheap
    if name == "create_app":
        from fxorleans.sandbox.server import create_app

        return create_app
    if name in ("deliver_due", "expire_due"):
        from fxorleans.sandbox import runtime

        return getattr(runtime, name)
    raise AttributeError(name)
