"""The payment page: summary, policy, Payment Element, and the server-side check."""

from __future__ import annotations

import contextlib
import json

import reflex as rx

from fxorleans import clock, config
from fxorleans.booking import holds, payment, queries, uow, worker
from fxorleans.domain import booking as bk
from fxorleans.domain.availability import format_slot
from fxorleans.domain.money import Money
from fxorleans.domain.refunds import describe
from fxorleans.services.payments import PaymentError, failure_from_stripe_error
from fxorleans.state.auth import AuthState


class BookState(AuthState):
    b_found: bool = False
    b_id: str = ""
    b_partner: str = ""
    b_partner_id: str = ""
    b_partner_title: str = ""
    b_when: str = ""
    b_minutes: int = 60
    b_total: str = ""
    b_status: str = ""
    b_problem: str = ""
    b_hold_until: str = ""
    b_hold_live: bool = False
    policy: list[str] = []
    policy_ok: bool = False
    pay_phase: str = "idle"  # idle | loading | ready | processing | failed-to-load
    pay_error: str = ""
    is_sandbox: bool = False

    @rx.var
    def can_pay(self) -> bool:
        return self.pay_phase == "ready" and self.policy_ok

    def _fill(self, detail: queries.BookingDetail, tz: str) -> None:
        self.b_found, self.b_id = True, detail.booking_id
        self.b_partner, self.b_partner_id = detail.partner_name, detail.partner_id
        self.b_partner_title = detail.partner_title
        self.b_when = format_slot(detail.start, tz)
        self.b_minutes = int((detail.end - detail.start).total_seconds() // 60)
        self.b_total = Money(detail.amount, detail.currency).format()
        self.b_status, self.b_problem = detail.status, detail.problem
        self.b_hold_live = detail.status in ("Held", "Awaiting payment") and \
            clock.now() < detail.hold_expires_at
        self.b_hold_until = format_slot(detail.hold_expires_at, tz)
        self.policy = describe(config.get().refund_policy)

    @rx.event
    def load(self) -> rx.event.EventSpec | list | None:
        self.b_found, self.pay_phase, self.pay_error, self.policy_ok = False, "idle", "", False
        user = self._require("client", "admin")
        if user is None:
            return self._deny()
        booking_id = str(self.router.url.path).rstrip("/").rsplit("/", 1)[-1]
        detail = queries.booking_detail(booking_id)
        # Another client's booking looks exactly like a missing one.
        if detail is None or (user.role == "client" and detail.client_id != user.id):
            return None
        self._fill(detail, detail.client_timezone or user.timezone)
        if detail.status not in ("Held", "Awaiting payment"):
            return rx.redirect(f"/confirmation/{detail.booking_id}") \
                if detail.status == "Confirmed" else None
        if user.role != "client" or not self.b_hold_live:
            return None
        returned = self.router.url.query_parameters.get("payment_intent", "")
        self.pay_phase = "loading"
        if returned:  # back from a redirect-based method: check it like any other result
            self.pay_phase = "processing"
            return BookState.payment_result({"intentId": returned})
        return BookState.prepare_payment

    @rx.event(background=True)
    async def prepare_payment(self):  # type: ignore[no-untyped-def]
        async with self:
            user = self._require("client")
            booking_id = self.b_id
        if user is None:
            return
        try:
            start = await payment.start_payment(booking_id, user.id, user.email)
        except (payment.PaymentRefused, PaymentError) as exc:
            message = exc.failure.message if isinstance(exc, PaymentError) else str(exc)
            async with self:
                self.pay_phase, self.pay_error = "failed-to-load", message
            return
        async with self:
            self.is_sandbox = start.is_sandbox
        args = ", ".join(json.dumps(v) for v in (start.js_url, start.publishable_key,
                                                    start.client_secret))
        yield rx.call_script(f"window.fxoPay.mount({args})", callback=BookState.form_mounted)

    @rx.event
    def form_mounted(self, result: dict) -> None:
        if isinstance(result, dict) and result.get("ready"):
            self.pay_phase = "ready"
        else:
            self.pay_phase = "failed-to-load"
            self.pay_error = "The payment form could not be loaded. Please reload the page."

    @rx.event
    def set_policy_ok(self, value: bool) -> None:
        self.policy_ok = bool(value)

    @rx.event
    def complete(self) -> rx.event.EventSpec | None:
        user = self._require("client")
        if user is None:
            return self._deny()
        if self.pay_phase != "ready":
            return None  # a second click while processing does nothing
        if not self.policy_ok:
            self.pay_error = "Please accept the cancellation policy to continue."
            return None
        try:
            payment.accept_policy(self.b_id, user.id)
        except (payment.PaymentRefused, bk.BookingError) as exc:
            self.pay_error = str(exc)
            return None
        self.pay_phase, self.pay_error = "processing", ""
        return_url = f"{config.get().public_url}/book/{self.b_id}"
        return rx.call_script(f"window.fxoPay.confirm({json.dumps(return_url)})",
                              callback=BookState.payment_result)

    @rx.event(background=True)
    async def payment_result(self, result: dict):  # type: ignore[no-untyped-def]
        async with self:
            user = self._require("client")
            booking_id = self.b_id
        if user is None:
            return
        result = result if isinstance(result, dict) else {}
        error = result.get("error") if isinstance(result.get("error"), dict) else None
        intent_id = str(result.get("intentId") or (error or {}).get("intentId") or "")
        if error and (error.get("type") == "validation_error" or not intent_id):
            # Nothing reached the card network: the form says what to fix.
            message = str(error.get("message") or "") if error.get("type") == \
                "validation_error" else failure_from_stripe_error(
                    str(error.get("code") or ""), str(error.get("decline_code") or "")).message
            async with self:
                self.pay_phase, self.pay_error = "ready", message or "Please check your card."
            return
        try:
            b = await payment.verify(booking_id, intent_id, uow.Actor(user.id, "client"))
        except payment.PaymentRefused as exc:
            async with self:
                self.pay_phase, self.pay_error = "ready", str(exc)
                detail = queries.booking_detail(booking_id)
                if detail is not None and detail.status not in ("Held", "Awaiting payment"):
                    self.b_status, self.b_hold_live = detail.status, False  # closed for good
            return
        except PaymentError as exc:
            async with self:
                self.pay_phase, self.pay_error = "ready", exc.failure.message
            return
        if b.status == bk.Status.CONFIRMED:
            worker.wake()  # the meeting link is the next job: no need to wait for a poll
            yield rx.redirect(f"/confirmation/{booking_id}")
            return
        async with self:
            self.pay_phase = "ready"
            self.pay_error = b.last_error or "The payment was not completed. Please try again."

    @rx.event
    def release(self) -> rx.event.EventSpec | None:
        user = self._require("client")
        if user is None:
            return self._deny()
        # Already gone is fine: either way the slot is not held any more.
        with contextlib.suppress(holds.SlotUnavailable, bk.BookingError):
            holds.release_hold(self.b_id, user.id)
        return rx.redirect(f"/partner/{self.b_partner_id}")
