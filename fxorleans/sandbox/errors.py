"""Stripe's error envelope: `ApiError`, raised anywhere inside a request, rendered by the router."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An error response. `stored=False` for errors Stripe does not keep for idempotent replay
    (validation failures that happen before the endpoint starts executing)."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        type: str = "invalid_request_error",
        code: str | None = None,
        param: str | None = None,
        decline_code: str | None = None,
        extra: dict[str, Any] | None = None,
        stored: bool = True,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type
        self.code = code
        self.param = param
        self.decline_code = decline_code
        self.extra = dict(extra or {})
        self.stored = stored
        self.headers = dict(headers or {})

    def body(self, request_id: str) -> dict[str, Any]:
        err: dict[str, Any] = {"message": self.message, "type": self.type}
        if self.code:
            err["code"] = self.code
            err["doc_url"] = f"https://stripe.com/docs/error-codes/{self.code.replace('_', '-')}"
        if self.decline_code:
            err["decline_code"] = self.decline_code
        if self.param:
            err["param"] = self.param
        err.update(self.extra)
        err["request_log_url"] = (
            f"https://dashboard.stripe.com/test/logs/{request_id}?t=sandbox"
        )
        return {"error": err}


def invalid(message: str, *, code: str | None = None, param: str | None = None,
            stored: bool = False) -> ApiError:
    """A 400 raised while validating parameters (not stored for idempotent replay)."""
    return ApiError(400, message, code=code, param=param, stored=stored)


def missing(kind: str, ident: str, param: str = "id") -> ApiError:
    return ApiError(
        404, f"No such {kind}: '{ident}'", code="resource_missing", param=param, stored=False
    )


def unexpected_state(message: str, *, obj: dict[str, Any] | None = None,
                     key: str = "payment_intent") -> ApiError:
    return ApiError(
        400,
        message,
        code=f"{key}_unexpected_state",
        extra={key: obj} if obj is not None else None,
    )
