"""Match requests: a client's problem, ranked partners, kept as their own event stream.

`submit` validates the request, rate-limits it, ranks the active partners and records
MatchRequested + PartnersMatched with the match-request projection in one transaction.
The events keep only ids, scores and the reasons given at the time; `load` joins the live
directory, so a renamed partner shows their new name and a partner who stopped taking
bookings drops out of old results.

Choices made here (DESIGN.md is silent on them):

- An anonymous owner's browser token is stored hashed: whoever reads the database or the
  event log cannot use it to open somebody's problem statement. Callers never see this;
  `submit` and `load` take the owner as the browser has it.
- "Other" as industry means "no industry preference" for the ranking; it is still stored.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import uuid4

from sqlmodel import Session, col, select

from fxorleans import bootstrap, clock
from fxorleans.accounts import ratelimit
from fxorleans.booking import directory, holds, projections
from fxorleans.domain import events as ev
from fxorleans.domain.partners import LEVELS, PartnerProfile
from fxorleans.domain.problem import (  # noqa: F401 - PROBLEM_* re-exported for the pages
    INDUSTRIES,
    PROBLEM_MAX,
    PROBLEM_MIN,
    URGENCIES,
    ProblemInvalid,
    clean_problem,
)
from fxorleans.store import db, eventstore
from fxorleans.store.tables import MatchRequestView

TOP = 10
SKILL_CHIPS = 6
RATE_WINDOW = timedelta(hours=1)
ANON_LIMIT = 10  # per address: anonymous tokens are free to mint, addresses are not
USER_LIMIT = 30  # per account
_OWNER_KINDS = ("user:", "anon:")


class MatchRequestError(Exception):
    """The request cannot be matched; the message is safe to show."""


class MatchRateLimited(MatchRequestError):
    pass


@dataclass(frozen=True)
class RankedPartner:
    partner_id: str
    name: str
    title: str
    practice: str
    initials: str
    photo_url: str
    score: float
    reasons: tuple[str, ...]
    matched_skills: tuple[str, ...]
    skills: tuple[str, ...]  # the partner's top skills for chips (matched first)
    next_slot: datetime | None


@dataclass(frozen=True)
class MatchResult:
    request_id: str
    problem: str
    industry: str
    urgency: str
    created_at: datetime
    partners: tuple[RankedPartner, ...]


# --- owners -------------------------------------------------------------------------------


def _stored_owner(owner: str) -> str:
    """The owner as the log keeps it: anonymous browser tokens hashed, user ids as they are."""
    if owner.startswith("anon:"):
        digest = hashlib.sha256(owner.removeprefix("anon:").encode()).hexdigest()
        return f"anon:{digest[:40]}"
    return owner


def _check_owner(owner: str) -> str:
    if not isinstance(owner, str) or not owner.startswith(_OWNER_KINDS) or len(owner) <= 5:
        raise MatchRequestError("We could not tell who is asking. Reload the page and try again.")
    if owner.startswith("user:") and len(owner) > 80:
        raise MatchRequestError("We could not tell who is asking. Reload the page and try again.")
    return owner


# --- validation ---------------------------------------------------------------------------


def _clean_problem(problem: str) -> str:
    try:
        return clean_problem(problem)
    except ProblemInvalid as exc:
        raise MatchRequestError(str(exc)) from exc


def _choice(value: str, choices: tuple[str, ...], what: str) -> str:
    value = (value or "").strip() if isinstance(value, str) else ""
    if value and value not in choices:
        raise MatchRequestError(f"Pick {what} from the list, or leave it empty.")
    return value


# --- rate limit ---------------------------------------------------------------------------


def _rate_key(owner: str, address: str) -> tuple[str, int]:
    if owner.startswith("user:"):
        return f"match:{owner}", USER_LIMIT
    return f"match:addr:{(address or '').strip() or 'unknown'}", ANON_LIMIT


def _admit(session: Session, key: str, limit: int) -> None:
    if ratelimit.allow(session, key, limit, RATE_WINDOW):
        return
    wait = ratelimit.retry_after(session, key, limit, RATE_WINDOW)
    minutes = max(1, math.ceil(wait.total_seconds() / 60))
    unit = "minute" if minutes == 1 else "minutes"
    raise MatchRateLimited(
        f"You have asked for many matches in a short time. Try again in {minutes} {unit}.")


# --- submit / load ------------------------------------------------------------------------


def submit(*, owner: str, problem: str, industry: str = "", urgency: str = "",
           address: str) -> str:
    """Rank partners for `problem` and record the request; returns its id.

    `owner` is "user:<id>" or "anon:<browser token>"; `address` is the client's IP address,
    which limits anonymous requests. Raises MatchRequestError (MatchRateLimited when asking
    too often) with a message safe to show.
    """
    owner = _check_owner(owner)
    text = _clean_problem(problem)
    industry = _choice(industry, INDUSTRIES, "an industry")
    urgency = _choice(urgency, URGENCIES, "how soon you need help")

    key, limit = _rate_key(owner, address)
    # Its own transaction: a refused request must still leave nothing else behind, and a
    # counted attempt stays counted even if ranking or the append fails afterwards.
    with db.transaction() as session:
        _admit(session, key, limit)

    partners = directory.load_partners(active_only=True)
    ranked = bootstrap.matcher().rank(text, partners,
                                 industry=industry if industry not in ("", "Other") else None,
                                 top=TOP)
    now = clock.now()
    request_id = uuid4().hex
    events: list[ev.Event] = [
        ev.MatchRequested(request_id=request_id, owner=_stored_owner(owner), problem=text,
                          industry=industry, urgency=urgency, requested_at=now),
        ev.PartnersMatched(ranking=[
            {"partner_id": m.partner_id, "score": m.score, "reasons": list(m.reasons),
             "matched_skills": list(m.matched_skills)}
            for m in ranked
        ], matched_at=now),
    ]
    with db.transaction() as session:
        eventstore.append(session, projections.match_stream(request_id), 0, events,
                          {"actor": _stored_owner(owner), "correlation_id": request_id})
        projections.project_match(session, events)
    return request_id


_LEVEL_RANK = {level: i for i, level in enumerate(LEVELS)}


def _chips(p: PartnerProfile, matched: tuple[str, ...]) -> tuple[str, ...]:
    names = {s.name for s in p.skills}
    first = [m for m in matched if m in names]
    rest = sorted((s for s in p.skills if s.name not in first),
                  key=lambda s: (_LEVEL_RANK.get(s.level, len(LEVELS)), -s.years))
    return tuple((first + [s.name for s in rest])[:SKILL_CHIPS])


def load(request_id: str, owners: Collection[str]) -> MatchResult | None:
    """The request and its ranked partners, or None unless one of `owners` made it."""
    if not request_id or not owners:
        return None
    with db.reading() as session:
        view = session.get(MatchRequestView, request_id)
        if view is None or view.owner not in {_stored_owner(o) for o in owners}:
            return None
        ids = [r["partner_id"] for r in view.ranking]
        live = {p.id: p for p in directory.load_partners(session, active_only=True)
                if p.id in ids}
    now = clock.now()
    partners: list[RankedPartner] = []
    for row in view.ranking:
        p = live.get(row["partner_id"])
        if p is None:  # went inactive (or was removed) since the match
            continue
        matched = tuple(row.get("matched_skills") or ())
        partners.append(RankedPartner(
            partner_id=p.id, name=p.full_name, title=p.title, practice=p.practice,
            initials=p.initials, photo_url=p.photo_url, score=float(row["score"]),
            reasons=tuple(row.get("reasons") or ()), matched_skills=matched,
            skills=_chips(p, matched), next_slot=holds.next_available(p, now),
        ))
    return MatchResult(request_id=view.request_id, problem=view.problem,
                       industry=view.industry, urgency=view.urgency,
                       created_at=view.created_at, partners=tuple(partners))


def owned_by(owner: str) -> list[str]:
    """Ids of `owner`'s match requests, newest first (for "your recent matches")."""
    with db.reading() as session:
        return list(session.exec(
            select(MatchRequestView.request_id)
            .where(MatchRequestView.owner == _stored_owner(owner))
            .order_by(col(MatchRequestView.created_at).desc())
        ).all())
