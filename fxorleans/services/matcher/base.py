"""What every matcher returns and promises: ranked `Match`es for a client's problem."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from fxorleans.domain.partners import PartnerProfile


@dataclass(frozen=True)
class Match:
    partner_id: str
    score: float  # 0..1; near 1 only for a strong match
    reasons: tuple[str, ...]  # sentences a client understands
    matched_skills: tuple[str, ...]


class Matcher(Protocol):
    def rank(self, problem: str, partners: Sequence[PartnerProfile], *,
             industry: str | None = None, top: int | None = None) -> list[Match]:
        """Active partners only, best first, ties broken by partner id."""
        ...
