"""Build a real Reflex state tree for handler tests: the caller's cookie, path and address."""

from __future__ import annotations

from typing import Any, TypeVar

import reflex as rx
from reflex.istate.data import RouterData
from reflex.state import State

S = TypeVar("S", bound=rx.State)


def make_state(cls: type[S], *, token: str = "", path: str = "/", query: dict | None = None,
               ip: str = "127.0.0.1") -> S:
    root = State(_reflex_internal_init=True)
    root.router = RouterData.from_router_data({
        "pathname": path, "asPath": path, "query": query or {}, "ip": ip, "headers": {},
        "token": "test-client", "sid": "sid",
    })
    state = root.get_substate(cls.get_full_name().split("."))
    state.session_token = token  # type: ignore[attr-defined]
    return state  # type: ignore[return-value]


def call(state: rx.State, handler: str, *args: Any) -> Any:
    """Run an event handler the way Reflex does: the plain function on the instance."""
    return getattr(type(state), handler).fn(state, *args)
