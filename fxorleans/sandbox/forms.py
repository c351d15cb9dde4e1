"""Stripe's form encoding (`metadata[k]=v`, `expand[]=x`, `expand[0]=x`) and parameter checking.

`parse_form` turns the flat pairs into nested dicts and lists; `check` walks a small schema and
raises Stripe's `parameter_unknown` / `parameter_missing` / `parameter_invalid_*` errors, returning
typed values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from fxorleans.sandbox.errors import invalid

_PART = re.compile(r"\[([^\]]*)\]")


def parse_form(pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    root: dict[str, Any] = {}
    for raw_key, value in pairs:
        head, _, rest = raw_key.partition("[")
        parts = [head] + (_PART.findall("[" + rest) if rest else [])
        node: Any = root
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if part == "":  # `a[]=x` appends
                if not isinstance(node, list):
                    raise invalid(f"Invalid array: {raw_key}", param=raw_key)
                if last:
                    node.append(value)
                else:
                    node.append({})
                    node = node[-1]
                continue
            nxt_is_append = not last and parts[i + 1] == ""
            if isinstance(node, list):
                raise invalid(f"Invalid array: {raw_key}", param=raw_key)
            if last:
                node[part] = value
            else:
                node = node.setdefault(part, [] if nxt_is_append else {})
    return _listify(root, under_metadata=False)


def _listify(node: Any, under_metadata: bool) -> Any:
    # `expand[0]=a&expand[1]=b` arrives as a dict with numeric keys; arrays are lists in Stripe.
    if isinstance(node, list):
        return [_listify(v, False) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: _listify(v, k == "metadata") for k, v in node.items()}
    if out and not under_metadata and all(k.isdigit() for k in out):
        return [out[k] for k in sorted(out, key=int)]
    return out


# Schema kinds: "str", "int", "bool", "metadata", "list", "any", a tuple of allowed strings,
# or a nested dict schema. A "!" prefix on a field name... is not used: required fields are
# checked by the endpoints themselves with `require`.
Schema = dict[str, Any]


def check(params: dict[str, Any], schema: Schema, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in params.items():
        full = f"{prefix}[{name}]" if prefix else name
        if name not in schema:
            raise invalid(f"Received unknown parameter: {full}", code="parameter_unknown",
                          param=full)
        out[name] = _convert(value, schema[name], full)
    return out


def _convert(value: Any, kind: Any, full: str) -> Any:
    if isinstance(kind, dict):
        if value == "":
            return {}
        if not isinstance(value, dict):
            raise invalid(f"Invalid object: {full}", code="parameter_invalid_empty" if value == ""
                          else None, param=full)
        return check(value, kind, full)
    if kind == "any":
        return value
    if kind == "list":
        if not isinstance(value, list):
            raise invalid(f"Invalid array: {full}", param=full)
        return [str(v) for v in value]
    if kind == "metadata":
        return _metadata(value, full)
    if isinstance(value, dict | list):
        raise invalid(f"Invalid {kind if isinstance(kind, str) else 'string'}: {full}",
                      param=full)
    if kind == "str":
        return value
    if kind == "int":
        if not re.fullmatch(r"-?\d+", value):
            raise invalid(f"Invalid integer: {value}", code="parameter_invalid_integer",
                          param=full)
        return int(value)
    if kind == "bool":
        if value not in ("true", "false"):
            raise invalid(f"Invalid boolean: {value}", param=full)
        return value == "true"
    if isinstance(kind, tuple):
        if value not in kind:
            choices = ", ".join(kind[:-1]) + f", or {kind[-1]}" if len(kind) > 1 else kind[0]
            raise invalid(f"Invalid {full}: must be one of {choices}", param=full)
        return value
    raise AssertionError(kind)


def _metadata(value: Any, full: str) -> dict[str, str] | None:
    if value == "":
        return None  # `metadata=` clears all keys on update
    if not isinstance(value, dict):
        raise invalid(f"Invalid hash: {full}", param=full)
    if len(value) > 50:
        raise invalid("Metadata can have up to 50 keys.", param=full)
    for k, v in value.items():
        if not isinstance(v, str):
            raise invalid(f"Invalid value for {full}[{k}]", param=f"{full}[{k}]")
        if len(k) > 40:
            raise invalid(f"Metadata keys can have up to 40 characters: {k}", param=f"{full}[{k}]")
        if len(v) > 500:
            raise invalid(f"Metadata values can have up to 500 characters, but you passed in a "
                          f"value that is {len(v)} characters.", param=f"{full}[{k}]")
    return dict(value)


def merge_metadata(current: dict[str, str], update: dict[str, str] | None) -> dict[str, str]:
    """Stripe's update rule: empty value deletes a key, `metadata=` deletes all."""
    if update is None:
        return {}
    merged = dict(current)
    for k, v in update.items():
        if v == "":
            merged.pop(k, None)
        else:
            merged[k] = v
    return merged


def require(params: dict[str, Any], *names: str) -> None:
    for name in names:
        if name not in params or params[name] in ("", None):
            raise invalid(f"Missing required param: {name}.", code="parameter_missing",
                          param=name)
