"""The failed outbox jobs for admins: retry one, or dismiss it with a reason. Every handler
checks on the server that the caller is an admin."""

from __future__ import annotations

import asyncio
import dataclasses

import reflex as rx
from reflex.event import EventSpec

from fxorleans import routes
from fxorleans.accounts.service import UserDTO
from fxorleans.booking import closing, desk_jobs
from fxorleans.domain.display import format_slot
from fxorleans.state.auth import AuthState, Events, allowed

NOT_ADMIN = "Only an admin can act on jobs."
REASON_MAX = 500


@dataclasses.dataclass(frozen=True)
class JobRow:
    id: int
    kind: str
    booking_id: str
    booking_href: str
    attempts: int
    error: str
    when: str


def _rows(user: UserDTO) -> list[JobRow]:
    tz = user.timezone or "UTC"
    return [JobRow(j.id, j.kind, j.booking_id,
                   routes.admin_booking(j.booking_id) if j.booking_id else "", j.attempts,
                   j.error, format_slot(j.failed_at, tz)) for j in desk_jobs.failed()]


def _retry(user: UserDTO | None, job_id: int) -> str | None:
    if not allowed(user, "admin"):
        return NOT_ADMIN
    return closing.retry_job(job_id, user)


def _dismiss(user: UserDTO | None, job_id: int, reason: str) -> str | None:
    if not allowed(user, "admin"):
        return NOT_ADMIN
    return closing.dismiss_job(job_id, user, reason)


class AdminJobsState(AuthState):
    rows: rx.Field[list[JobRow]] = rx.field(default_factory=list)
    retrying: int = 0
    dismissing: int = 0  # the job whose dialog is open
    reason: str = ""
    busy: bool = False
    error: str = ""  # in the dialog
    page_error: str = ""  # a refused retry
    notice: str = ""

    async def _reload(self, user: UserDTO | None) -> None:
        rows = await asyncio.to_thread(_rows, user) if allowed(user, "admin") else []
        async with self:
            self.rows = rows

    @rx.event(background=True)
    async def load(self) -> Events:
        user = await self._caller()
        rows = await asyncio.to_thread(_rows, user) if allowed(user, "admin") else []
        async with self:
            self._copy(user)
            self.rows = rows
            self.dismissing, self.reason, self.busy = 0, "", False
            self.error = self.page_error = self.notice = ""
            denied = None if allowed(user, "admin") else self._deny()
        if denied is not None:
            yield denied

    @rx.event
    def retry(self, job_id: int) -> EventSpec | None:
        if self.busy:
            return None
        self.retrying, self.busy, self.notice, self.page_error = int(job_id), True, "", ""
        return AdminJobsState.run_retry

    @rx.event(background=True)
    async def run_retry(self) -> None:
        async with self:
            job_id = self.retrying
        user = await self._caller()
        refusal = await asyncio.to_thread(_retry, user, int(job_id))
        await self._reload(user)
        async with self:
            self.busy = False
            if refusal is None:
                self.notice = f"Job {job_id} queued again."
            else:
                self.page_error = refusal

    @rx.event
    def open_dismiss(self, job_id: int) -> None:
        if not self.busy:
            self.dismissing, self.reason, self.error = int(job_id), "", ""
            self.notice = self.page_error = ""

    @rx.event
    def set_reason(self, value: str) -> None:
        self.reason = value[:REASON_MAX]
        if value.strip():
            self.error = ""

    @rx.event
    def dialog_changed(self, open_: bool) -> None:
        if not open_ and not self.busy:
            self.dismissing, self.error = 0, ""

    @rx.event
    def close_dialog(self) -> None:
        if not self.busy:
            self.dismissing, self.error = 0, ""

    @rx.event(background=True)
    async def confirm_dismiss(self) -> None:
        async with self:
            if self.busy or not self.dismissing:
                return
            job_id, reason = self.dismissing, self.reason
            self.busy, self.error = True, ""
        user = await self._caller()
        refusal = await asyncio.to_thread(_dismiss, user, job_id, reason)
        if refusal is None:
            await self._reload(user)
        async with self:
            self.busy = False
            if refusal is not None:
                self.error = refusal
                return
            self.dismissing, self.reason = 0, ""
            self.notice = f"Job {job_id} dismissed."
