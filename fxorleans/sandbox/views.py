"""Shaping responses: `expand[]`, list envelopes with cursor pagination."""

from __future__ import annotations

from typing import Any

from fxorleans.sandbox.errors import invalid
from fxorleans.sandbox.store import Ctx, find, public

EXPANDABLE = {"latest_charge": "charge", "payment_method": "payment_method",
              "customer": "customer", "payment_intent": "payment_intent", "charge": "charge"}


def render(ctx: Ctx, obj: dict[str, Any], expand: list[str]) -> dict[str, Any]:
    out = public(obj)
    for path in expand:
        out = _expand(ctx, out, path.split("."), path)
    return out


def _expand(ctx: Ctx, node: Any, steps: list[str], full: str) -> Any:
    if not steps or node is None:
        return node
    head, rest = steps[0], steps[1:]
    if isinstance(node, dict) and node.get("object") == "list" and head == "data":
        node["data"] = [_expand(ctx, item, rest, full) for item in node["data"]]
        return node
    if not isinstance(node, dict) or head not in node:
        raise invalid(f"This property cannot be expanded ({full}).", param="expand")
    value = node[head]
    if isinstance(value, str):
        kind = EXPANDABLE.get(head)
        target = find(ctx, value, kind) if kind else None
        if target is None:
            raise invalid(f"This property cannot be expanded ({full}).", param="expand")
        value = public(target)
    node[head] = _expand(ctx, value, rest, full)
    return node


def page(items: list[dict[str, Any]], p: dict[str, Any], url: str) -> dict[str, Any]:
    """Stripe's list envelope; `items` newest first."""
    limit = p.get("limit", 10)
    if not 1 <= limit <= 100:
        raise invalid("Invalid integer: limit must be between 1 and 100", param="limit")
    ids = [i["id"] for i in items]
    if p.get("starting_after"):
        cursor = p["starting_after"]
        if cursor not in ids:
            raise invalid(f"No such object: '{cursor}'", code="resource_missing",
                          param="starting_after")
        items = items[ids.index(cursor) + 1:]
        chosen = items[:limit]
    elif p.get("ending_before"):
        cursor = p["ending_before"]
        if cursor not in ids:
            raise invalid(f"No such object: '{cursor}'", code="resource_missing",
                          param="ending_before")
        items = items[:ids.index(cursor)]
        chosen = items[-limit:]
    else:
        chosen = items[:limit]
    return {"object": "list", "data": [public(i) for i in chosen],
            "has_more": len(items) > len(chosen), "url": url}


def created_filter(items: list[dict[str, Any]], created: Any) -> list[dict[str, Any]]:
    if created in (None, ""):
        return items
    if isinstance(created, str):
        return [i for i in items if str(i["created"]) == created]
    ops = {"gt": int.__gt__, "gte": int.__ge__, "lt": int.__lt__, "lte": int.__le__}
    for op, bound in created.items():
        if op not in ops:
            raise invalid(f"Received unknown parameter: created[{op}]",
                          code="parameter_unknown", param=f"created[{op}]")
        items = [i for i in items if ops[op](i["created"], int(bound))]
    return items
