"""Build a real Reflex state tree for handler tests: the caller's cookie, path and address."""

from __future__ import annotations

import asyncio
import inspect
import re
from typing import Any, TypeVar
from urllib.parse import urlencode

import reflex as rx
from reflex.istate.data import RouterData
from reflex.state import State

import fxorleans.fxorleans  # noqa: F401 - registers the pages, and with them the route vars
from fxorleans import routes

S = TypeVar("S", bound=rx.State)

_DYNAMIC = [getattr(routes, name) for name in dir(routes)
            if name.isupper() and "[" in str(getattr(routes, name))]


def _route(path: str) -> tuple[str, dict[str, str]]:
    """The route pattern `path` matches and its dynamic segments, as the browser sends them."""
    for pattern in _DYNAMIC:
        regex = re.sub(r"\\\[(\w+)\\\]", r"(?P<\1>[^/]+)", re.escape(pattern))
        if found := re.fullmatch(regex + "/?", path):
            return pattern, found.groupdict()
    return path, {}


def make_state(cls: type[S], *, token: str = "", path: str = "/", query: dict | None = None,
               ip: str = "127.0.0.1") -> S:
    root = State(_reflex_internal_init=True)
    pattern, params = _route(path)
    query = query or {}
    root.router = RouterData.from_router_data({
        "pathname": pattern, "asPath": path + (f"?{urlencode(query)}" if query else ""),
        "query": {**query, **params}, "ip": ip, "headers": {}, "token": "test-client",
        "sid": "sid",
    })
    state = root.get_substate(cls.get_full_name().split("."))
    state.session_token = token  # type: ignore[attr-defined]
    return state  # type: ignore[return-value]


async def _run(result: Any) -> Any:
    if inspect.isawaitable(result):
        return await result
    if inspect.isasyncgen(result):  # a background handler that yields events
        return [event async for event in result]
    return result


def call(state: rx.State, handler: str, *args: Any) -> Any:
    """Run an event handler the way Reflex does: the plain function on the instance.

    A background handler runs to its end; what it yielded comes back as a list. Outside an
    app `async with self` takes no lock, so the state is read and written directly.
    """
    return asyncio.run(_run(getattr(type(state), handler).fn(state, *args)))
