"""The problem statement and the ranked partners."""

from __future__ import annotations

import asyncio
import dataclasses
import secrets

import reflex as rx

from fxorleans import routes
from fxorleans.accounts.service import UserDTO
from fxorleans.booking import matching
from fxorleans.domain.display import format_slot
from fxorleans.domain.problem import PROBLEM_MAX, acceptable_length
from fxorleans.state.auth import Events
from fxorleans.state.viewer import ViewerState

ANON_MAX_AGE = 30 * 24 * 3600


class OwnerState(ViewerState):
    """Who owns a match request: the account, or this browser for an anonymous visitor."""

    anon_id: str = rx.Cookie("", name="fxo_anon", max_age=ANON_MAX_AGE, same_site="lax", path="/")

    def _owners(self, user: UserDTO | None) -> list[str]:
        owners = [f"anon:{self.anon_id}"] if len(self.anon_id) >= 20 else []
        if user is not None:
            owners.insert(0, f"user:{user.id}")
        return owners

    def _owner(self, user: UserDTO | None) -> str:
        if user is not None:
            return f"user:{user.id}"
        if len(self.anon_id) < 20:
            self.anon_id = secrets.token_urlsafe(24)
        return f"anon:{self.anon_id}"


class HomeState(OwnerState):
    problem: str = ""
    industry: str = ""
    urgency: str = ""
    home_error: str = ""
    submitting: bool = False

    @rx.var
    def problem_length(self) -> int:
        return len(self.problem.strip())

    @rx.var
    def problem_ok(self) -> bool:
        return acceptable_length(self.problem)

    @rx.event(background=True)
    async def on_load(self) -> None:
        user = await self._caller()
        async with self:
            self._copy(user)
            self.home_error, self.submitting = "", False

    @rx.event
    def set_problem(self, value: str) -> None:
        self.problem = value[: PROBLEM_MAX + 200]

    @rx.event
    def set_industry(self, value: str) -> None:
        self.industry = "" if value == "Any industry" else value

    @rx.event
    def set_urgency(self, value: str) -> None:
        self.urgency = "" if value == "No rush" else value

    @rx.event
    def start_submit(self) -> None:
        self.submitting = True

    @rx.event(background=True)
    async def submit(self, form: dict) -> Events:
        user = await self._caller()
        async with self:
            self._copy(user)
            request = {"owner": self._owner(user), "problem": form.get("problem", self.problem),
                       "industry": self.industry, "urgency": self.urgency,
                       "address": self.client_address}
        try:
            request_id = await asyncio.to_thread(matching.submit, **request)
        except matching.MatchRequestError as exc:
            async with self:
                self.home_error, self.submitting = str(exc), False
            return
        async with self:
            self.home_error, self.submitting = "", False
        yield rx.redirect(routes.match(request_id))


@dataclasses.dataclass(frozen=True)
class RankedRow:
    partner_id: str
    name: str
    title: str
    initials: str
    photo_url: str
    score_pct: int
    reasons: list[str]
    skills: list[str]
    matched: list[str]
    next_slot: str
    href: str


def _rows(result: matching.MatchResult | None, tz: str) -> list[RankedRow]:
    if result is None:
        return []
    return [
        RankedRow(
            partner_id=p.partner_id, name=p.name, title=p.title, initials=p.initials,
            photo_url=p.photo_url, score_pct=round(p.score * 100), reasons=list(p.reasons),
            skills=list(p.skills[:6]), matched=list(p.matched_skills),
            next_slot=format_slot(p.next_slot, tz) if p.next_slot else "",
            href=routes.partner(p.partner_id, request_id=result.request_id),
        )
        for p in result.partners
    ]


class MatchState(OwnerState):
    found: bool = False
    problem_text: str = ""
    match_rows: rx.Field[list[RankedRow]] = rx.field(default_factory=list)
    _result: matching.MatchResult | None = None

    @rx.event
    def browser_zone(self, tz: str) -> None:
        if self._accept_browser_zone(tz):
            self.match_rows = _rows(self._result, self.viewer_tz or "UTC")

    @rx.event(background=True)
    async def choose_zone(self, tz: str) -> None:
        if await self._choose_zone(tz):
            async with self:
                self.match_rows = _rows(self._result, self.viewer_tz or "UTC")

    @rx.event(background=True)
    async def load(self) -> Events:
        user = await self._caller()
        async with self:
            request_id, owners = self.request_id, self._owners(user)
        result = await asyncio.to_thread(matching.load, request_id, owners)
        async with self:
            self._copy(user)
            self._result = result
            self.found = result is not None
            self.problem_text = result.problem if result else ""
            script = self._init_viewer_zone(MatchState.browser_zone)
            self.match_rows = _rows(result, self.viewer_tz or "UTC")
        if script is not None:
            yield script
