"""The offline matcher: BM25F over partner profiles plus the problem vocabulary.

A query is read three ways. Lexically, its words are scored against skills > title > industries
> bio. Conceptually, its phrases switch on vocabulary concepts ("bill doubled" -> cloud cost),
and each partner scores by how well their profile covers those concepts, whatever role the
client asked for. Contextually, a regulated industry it names lifts the relevant partners who
work in that industry to the top. Scores are absolute (1 - e^-x), so a weak best match stays
well below 1.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from fxorleans.domain.partners import PartnerProfile
from fxorleans.services.matcher.base import Match
from fxorleans.services.matcher.index import (
    PartnerIndex,
    Phrase,
    compiled_concepts,
    compiled_industries,
    compiled_roles,
    index_for,
)
from fxorleans.services.matcher.text import ROLE_TOKENS, STOPWORDS, raw_tokens, stem

LEXICAL_WEIGHT = 0.35
CONCEPT_WEIGHT = 2.2
ROLE_PRIOR = 0.25  # small: the role a client names is often the wrong one
INDUSTRY_GATE = 0.45  # only partners this close to the best get the industry lift
INDUSTRY_LIFT = 0.5
SCORE_SCALE = 4.0  # raw score at which a match reads as ~63 %
MAX_REASONS = 3


@dataclass
class Query:
    terms: dict[str, float] = field(default_factory=dict)
    concepts: dict[int, float] = field(default_factory=dict)
    industries: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)


def _found(phrase: Phrase, positions: dict[str, list[int]]) -> bool:
    """All words of the phrase occur close together, in any order ("bill has doubled")."""
    first = positions.get(phrase[0])
    if not first:
        return False
    if len(phrase) == 1:
        return True
    window = len(phrase) + 2
    return any(all(any(abs(q - p) <= window for q in positions.get(t, ())) for t in phrase[1:])
               for p in first)


def analyze(text: str, idx: PartnerIndex) -> Query:
    speller = idx.speller
    words = [speller.correct(t) if speller else t for t in raw_tokens(text)]
    all_stems = [stem(w) for w in words]
    positions: dict[str, list[int]] = {}
    for i, s in enumerate(all_stems):
        positions.setdefault(s, []).append(i)
    q = Query()
    for w in words:
        if w not in STOPWORDS and w not in ROLE_TOKENS and len(w) > 1:
            s = stem(w)
            q.terms[s] = 1.0 if s not in q.terms else 1.3
    for cc in compiled_concepts():
        weights = [w for phrase, w in cc.triggers if _found(phrase, positions)]
        if weights:
            best = max(weights)
            q.concepts[cc.index] = min(1.6, best + 0.2 * (sum(weights) - best))
    for key, triggers, _ in compiled_industries():
        if any(w >= 1.0 and _found(phrase, positions) for phrase, w in triggers):
            q.industries.add(key)
    q.roles = {practice for phrase, practice in compiled_roles() if _found(phrase, positions)}
    return q


class LocalMatcher:
    """Offline ranker; no model, standard library only. Thread-safe for reads."""

    def rank(self, problem: str, partners: Sequence[PartnerProfile], *,
             industry: str | None = None, top: int | None = None) -> list[Match]:
        idx = index_for(partners)
        n = len(idx.partners)
        if n == 0:
            return []
        q = analyze(problem, idx)
        lexical = [0.0] * n
        for term, weight in q.terms.items():
            for doc, contribution in idx.postings.get(term, ()):
                lexical[doc] += weight * contribution
        # Sharpen towards the query's dominant concept, then count a partner's best concept in
        # full and the rest at half: overlapping concepts must not outvote the main problem.
        top_strength = max(q.concepts.values(), default=1.0)
        per_doc: dict[int, list[float]] = {}
        for ci, strength in q.concepts.items():
            sharpened = strength * strength / top_strength
            for doc, aff in idx.affinity[ci].items():
                per_doc.setdefault(doc, []).append(sharpened * aff.value)
        conceptual = [0.0] * n
        for doc, parts in per_doc.items():
            best = max(parts)
            conceptual[doc] = best + 0.5 * (sum(parts) - best)
        raw = [LEXICAL_WEIGHT * lexical[d] + CONCEPT_WEIGHT * conceptual[d] for d in range(n)]
        for d, p in enumerate(idx.partners):
            if p.practice in q.roles:
                raw[d] += ROLE_PRIOR
        lifted = self._industry_docs(idx, q, industry)
        best = max(raw)
        if lifted and best > 0:
            for d in lifted:
                if raw[d] >= INDUSTRY_GATE * best:
                    raw[d] += INDUSTRY_LIFT * best
        order = sorted(range(n), key=lambda d: (-raw[d], idx.partners[d].id))
        if top is not None:
            order = order[:max(top, 0)]
        return [self._match(idx, q, d, raw[d], d in lifted, industry) for d in order]

    @staticmethod
    def _industry_docs(idx: PartnerIndex, q: Query, industry: str | None) -> set[int]:
        docs: set[int] = set()
        for key in q.industries:
            docs |= idx.industry_docs.get(key, set())
        if industry and industry.strip():
            wanted = industry.strip().casefold()
            docs |= {d for d, p in enumerate(idx.partners)
                     if any(wanted in i.casefold() or i.casefold() in wanted
                            for i in p.industries)}
            docs |= {d for key in analyze(industry, idx).industries
                     for d in idx.industry_docs.get(key, set())}
        return docs

    @staticmethod
    def _match(idx: PartnerIndex, q: Query, doc: int, raw: float, lifted: bool,
               industry: str | None) -> Match:
        p = idx.partners[doc]
        skills_by_name = {s.name: s for s in p.skills}
        concepts = compiled_concepts()
        ranked = sorted(((q.concepts[ci] * idx.affinity[ci][doc].value, ci)
                         for ci in q.concepts if doc in idx.affinity[ci]), reverse=True)
        reasons: list[str] = []
        matched: list[str] = []
        for _, ci in ranked:
            aff, need = idx.affinity[ci][doc], concepts[ci].concept.need
            fresh = [s for s in aff.skills if s not in matched]
            if fresh:
                s = skills_by_name[fresh[0]]
                also = f", also {', '.join(fresh[1:3])}" if len(fresh) > 1 else ""
                reasons.append(f"{s.level} in {s.name} ({s.years} years){also} — "
                               f"matches your {need}.")
                matched.extend(fresh)
            elif not aff.skills and aff.value >= 0.4:
                reasons.append(f"Works on this as {p.title} — relevant to your {need}.")
            if len(reasons) >= MAX_REASONS:
                break
        lexical_skills = [name for name, st in idx.skill_stems[doc]
                          if st and st <= set(q.terms) and name not in matched]
        if lexical_skills and len(reasons) < MAX_REASONS:
            reasons.append(f"Lists {', '.join(lexical_skills[:3])} among their skills, "
                           "which you mentioned.")
        matched.extend(lexical_skills)
        if lifted:
            where = ", ".join(p.industries[:2])
            reasons.insert(0, f"Has worked in {where} — the regulated context you described.")
        if not reasons:
            reasons.append(f"{p.title}: the closest profile to the words you used, "
                           "though not a strong fit.")
        score = round(1 - math.exp(-max(raw, 0.0) / SCORE_SCALE), 4)
        return Match(partner_id=p.id, score=score, reasons=tuple(reasons[:MAX_REASONS + 1]),
                     matched_skills=tuple(matched))
