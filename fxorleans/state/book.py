"""The payment page: summary, policy, Payment Element, and the server-side check."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json

import reflex as rx

from fxorleans import clock, config, routes
from fxorleans.accounts.service import UserDTO
from fxorleans.booking import holds, payment, queries, uow, worker
from fxorleans.domain import booking as bk
from fxorleans.domain.display import format_slot
from fxorleans.domain.money import Money
from fxorleans.domain.refunds import describe
from fxorleans.state.auth import AuthState, Events, allowed


@dataclasses.dataclass(frozen=True)
class BookingCard:
    booking_id: str = ""
    partner_id: str = ""
    partner_name: str = ""
    partner_title: str = ""
    partner_href: str = ""  # to pick a time again
    when: str = ""
    duration: str = ""
    total: str = ""
    status: str = ""
    problem: str = ""
    hold_until: str = ""
    hold_live: bool = False


def _card(detail: queries.BookingDetail, tz: str) -> BookingCard:
    minutes = int((detail.end - detail.start).total_seconds() // 60)
    return BookingCard(
        booking_id=detail.booking_id, partner_id=detail.partner_id,
        partner_name=detail.partner_name, partner_title=detail.partner_title,
        partner_href=routes.partner(detail.partner_id),
        when=format_slot(detail.start, tz), duration=f"{minutes} minutes",
        total=Money(detail.amount, detail.currency).format(), status=detail.status,
        problem=detail.problem, hold_until=format_slot(detail.hold_expires_at, tz),
        hold_live=detail.status in bk.OPEN and clock.now() < detail.hold_expires_at,
    )


def _visible(user: UserDTO, booking_id: str) -> queries.BookingDetail | None:
    """The booking if `user` may see it. Another client's booking looks like a missing one."""
    detail = queries.booking_detail(booking_id) if booking_id else None
    if detail is None or (user.role == "client" and detail.client_id != user.id):
        return None
    return detail


class BookState(AuthState):
    found: bool = False
    booking: BookingCard = BookingCard()
    policy: list[str] = []
    policy_ok: bool = False
    pay_phase: str = "idle"  # idle | loading | ready | processing | failed-to-load
    pay_error: str = ""
    is_sandbox: bool = False

    @rx.var
    def can_pay(self) -> bool:
        return self.pay_phase == "ready" and self.policy_ok

    @rx.event(background=True)
    async def load(self) -> Events:
        user = await self._caller()
        async with self:
            booking_id = self.booking_id
            returned = self.router.url.query_parameters.get("payment_intent", "")
        detail = await asyncio.to_thread(_visible, user, booking_id) \
            if allowed(user, "client", "admin") else None
        async with self:
            self._copy(user)
            self.found, self.booking, self.policy_ok = False, BookingCard(), False
            self.pay_phase, self.pay_error = "idle", ""
            follow, pay = None, False
            if not allowed(user, "client", "admin"):
                follow = self._deny()
            elif detail is not None:
                self.found = True
                self.booking = _card(detail, detail.client_timezone or user.timezone)
                self.policy = describe(config.get().refund_policy)
                if detail.status == bk.Status.CONFIRMED:
                    follow = rx.redirect(routes.confirmation(detail.booking_id))
                # A partner or an admin sees the booking; only its client gets a payment form.
                pay = user.role == "client" and self.booking.hold_live
                if pay:
                    self.pay_phase = "processing" if returned else "loading"
        if follow is not None:
            yield follow
        elif pay and user is not None:
            # Back from a redirect-based method: check it like any other result.
            steps = self._check_payment(user, {"intentId": returned}) if returned \
                else self._prepare_payment(user)
            async for event in steps:
                yield event

    async def _prepare_payment(self, user: UserDTO) -> Events:
        """The intent, then the browser mounts the Payment Element for it."""
        async with self:
            booking_id = self.booking.booking_id
        try:
            start = await payment.start_payment(booking_id, user.id, user.email)
        except payment.PaymentRefused as exc:
            async with self:
                self.pay_phase, self.pay_error = "failed-to-load", str(exc)
            return
        except payment.PaymentError as exc:
            async with self:
                self.pay_phase, self.pay_error = "failed-to-load", exc.failure.message
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

    @rx.event(background=True)
    async def complete(self) -> Events:
        user = await self._caller()
        async with self:
            self._copy(user)
            denied, booking_id = self._deny(), self.booking.booking_id
            # Claimed under the lock: a second click while processing does nothing.
            ready = allowed(user, "client") and self.pay_phase == "ready"
            if ready and not self.policy_ok:
                self.pay_error = "Please accept the cancellation policy to continue."
            elif ready:
                self.pay_phase, self.pay_error = "processing", ""
            go = ready and self.policy_ok
        if not allowed(user, "client"):
            yield denied
            return
        if not go:
            return
        try:
            await asyncio.to_thread(payment.accept_policy, booking_id, user.id)
        except (payment.PaymentRefused, bk.BookingError) as exc:
            async with self:
                self.pay_phase, self.pay_error = "ready", str(exc)
            return
        return_url = config.get().public_url + routes.book(booking_id)
        yield rx.call_script(f"window.fxoPay.confirm({json.dumps(return_url)})",
                             callback=BookState.payment_result)

    @rx.event(background=True)
    async def payment_result(self, result: dict) -> Events:
        user = await self._caller()
        if allowed(user, "client"):
            async for event in self._check_payment(user, result):
                yield event

    async def _check_payment(self, user: UserDTO, result: dict) -> Events:
        """What the browser reported, checked with the provider by the server."""
        async with self:
            booking_id = self.booking.booking_id
        result = result if isinstance(result, dict) else {}
        error = result.get("error") if isinstance(result.get("error"), dict) else None
        intent_id = str(result.get("intentId") or (error or {}).get("intentId") or "")
        if error and (error.get("type") == "validation_error" or not intent_id):
            # Nothing reached the card network: the form says what to fix.
            message = str(error.get("message") or "") if error.get("type") == \
                "validation_error" else payment.browser_error_message(
                    str(error.get("code") or ""), str(error.get("decline_code") or ""))
            async with self:
                self.pay_phase, self.pay_error = "ready", message or "Please check your card."
            return
        try:
            b = await payment.verify(booking_id, intent_id, uow.Actor(user.id, "client"))
        except payment.PaymentRefused as exc:
            detail = await asyncio.to_thread(queries.booking_detail, booking_id)
            async with self:
                self.pay_phase, self.pay_error = "ready", str(exc)
                if detail is not None and detail.status not in bk.OPEN:  # closed for good
                    self.booking = dataclasses.replace(self.booking, status=detail.status,
                                                       hold_live=False)
            return
        except payment.PaymentError as exc:
            async with self:
                self.pay_phase, self.pay_error = "ready", exc.failure.message
            return
        if b.status == bk.Status.CONFIRMED:
            worker.wake()  # the meeting link is the next job: no need to wait for a poll
            yield rx.redirect(routes.confirmation(booking_id))
            return
        async with self:
            self.pay_phase = "ready"
            self.pay_error = b.last_error or "The payment was not completed. Please try again."

    @rx.event(background=True)
    async def release(self) -> Events:
        user = await self._caller()
        async with self:
            self._copy(user)
            denied = self._deny()
            booking_id, partner_id = self.booking.booking_id, self.booking.partner_id
        if not allowed(user, "client"):
            yield denied
            return
        # Already gone is fine: either way the slot is not held any more.
        with contextlib.suppress(holds.SlotUnavailable, bk.BookingError):
            await asyncio.to_thread(holds.release_hold, booking_id, user.id)
        yield rx.redirect(routes.partner(partner_id))
