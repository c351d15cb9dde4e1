"""The problem statement and the ranked partners."""

from __future__ import annotations

import dataclasses
import secrets

import reflex as rx

from fxorleans.booking import matching
from fxorleans.domain.availability import format_slot
from fxorleans.state.viewer import ViewerState

ANON_MAX_AGE = 30 * 24 * 3600


class OwnerState(ViewerState):
    """Who owns a match request: the account, or this browser for an anonymous visitor."""

    anon_id: str = rx.Cookie("", name="fxo_anon", max_age=ANON_MAX_AGE, same_site="lax", path="/")

    def _owners(self) -> list[str]:
        owners = [f"anon:{self.anon_id}"] if len(self.anon_id) >= 20 else []
        if self.user_id:
            owners.insert(0, f"user:{self.user_id}")
        return owners

    def _owner(self) -> str:
        if self.user_id:
            return f"user:{self.user_id}"
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
        return matching.PROBLEM_MIN <= len(self.problem.strip()) <= matching.PROBLEM_MAX

    @rx.event
    def on_load(self) -> None:
        self._copy(self._user())
        self.home_error, self.submitting = "", False

    @rx.event
    def set_problem(self, value: str) -> None:
        self.problem = value[: matching.PROBLEM_MAX + 200]

    @rx.event
    def set_industry(self, value: str) -> None:
        self.industry = "" if value == "Any industry" else value

    @rx.event
    def set_urgency(self, value: str) -> None:
        self.urgency = "" if value == "No rush" else value

    @rx.event
    def start_submit(self) -> None:
        self.submitting = True

    @rx.event
    def submit(self, form: dict) -> rx.event.EventSpec | None:
        self._copy(self._user())
        problem = form.get("problem", self.problem)
        try:
            request_id = matching.submit(owner=self._owner(), problem=problem,
                                         industry=self.industry, urgency=self.urgency,
                                         address=self.client_address)
        except matching.MatchRequestError as exc:
            self.home_error, self.submitting = str(exc), False
            return None
        self.home_error, self.submitting = "", False
        return rx.redirect(f"/match/{request_id}")


@dataclasses.dataclass
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


class MatchState(OwnerState):
    found: bool = False
    problem_text: str = ""
    match_rows: list[RankedRow] = []
    _result: matching.MatchResult | None = None

    @rx.event
    def browser_zone(self, tz: str) -> None:
        if self._accept_browser_zone(tz):
            self._render_rows()

    @rx.event
    def choose_zone(self, tz: str) -> None:
        if self._accept_choice(tz):
            self._render_rows()

    def _render_rows(self) -> None:
        result = self._result
        if result is None:
            self.match_rows = []
            return
        tz = self.viewer_tz or "UTC"
        self.match_rows = [
            RankedRow(
                partner_id=p.partner_id, name=p.name, title=p.title, initials=p.initials,
                photo_url=p.photo_url, score_pct=round(p.score * 100), reasons=list(p.reasons),
                skills=list(p.skills[:6]), matched=list(p.matched_skills),
                next_slot=format_slot(p.next_slot, tz) if p.next_slot else "",
                href=f"/partner/{p.partner_id}?request={result.request_id}",
            )
            for p in result.partners
        ]

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        self._copy(self._user())
        request_id = str(self.router.url.path).rstrip("/").rsplit("/", 1)[-1]
        self._result = matching.load(request_id, self._owners())
        self.found = self._result is not None
        self.problem_text = self._result.problem if self._result else ""
        script = self._init_viewer_zone()
        self._render_rows()
        return script
