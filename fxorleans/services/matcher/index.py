"""The per-directory index: BM25F postings, concept affinities and industry sets.

Built once per directory (cached by the identity of its partner objects) so that a query only
walks short postings lists. Everything a query needs that depends on partners alone — how well
each partner covers each vocabulary concept, which partners work in which regulated industry —
is computed here.
"""

from __future__ import annotations

import math
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from fxorleans.domain.partners import PartnerProfile
from fxorleans.services.matcher.text import Speller, content_stems, raw_tokens, stems
from fxorleans.services.matcher.vocabulary import TECH, Concept
from fxorleans.services.matcher.vocabulary_business import BUSINESS, INDUSTRIES, ROLES
from fxorleans.services.matcher.vocabulary_ops import MORE

CONCEPTS: tuple[Concept, ...] = TECH + BUSINESS + MORE
FIELD_WEIGHTS = {"skills": 3.0, "title": 2.0, "bio": 1.0, "industries": 1.5}
K1, B = 1.2, 0.6
LEVEL_FACTOR = {"Expert": 1.0, "Proficient": 0.85, "Intermediate": 0.65}
MAX_NGRAM = 4

Phrase = tuple[str, ...]


def split_phrases(text: str) -> list[tuple[Phrase, float]]:
    """'a | b~' -> [(stems of a, 1.0), (stems of b, 0.5)]; '~' marks a weak phrase."""
    out: list[tuple[Phrase, float]] = []
    for chunk in text.replace("\n", " ").split("|"):
        chunk = chunk.strip()
        weight = 0.5 if chunk.endswith("~") else 1.0
        phrase = tuple(stems(chunk.rstrip("~")))
        if phrase:
            out.append((phrase, weight))
    return out


@dataclass(frozen=True)
class CompiledConcept:
    concept: Concept
    index: int
    triggers: tuple[tuple[Phrase, float], ...]
    skills: tuple[Phrase, ...]
    practices: tuple[str, ...]


@lru_cache(maxsize=1)
def compiled_concepts() -> tuple[CompiledConcept, ...]:
    out = []
    for i, c in enumerate(CONCEPTS):
        skills = tuple(p for p, _ in split_phrases(c.skills))
        triggers = dict(split_phrases(c.triggers))
        for p in skills:
            triggers.setdefault(p, 1.0)
        out.append(CompiledConcept(c, i, tuple(triggers.items()), skills,
                                   tuple(c.practices.split())))
    return tuple(out)


@lru_cache(maxsize=1)
def compiled_industries() -> tuple[tuple[str, tuple[tuple[Phrase, float], ...], tuple[Phrase, ...]],
                                   ...]:
    return tuple((key, tuple(split_phrases(q)), tuple(p for p, _ in split_phrases(d)))
                 for key, q, d in INDUSTRIES)


@lru_cache(maxsize=1)
def compiled_roles() -> tuple[tuple[Phrase, str], ...]:
    return tuple((tuple(stems(phrase)), practice) for phrase, practice in ROLES.items())


@lru_cache(maxsize=1)
def vocabulary_words() -> frozenset[str]:
    words: set[str] = set()
    for c in CONCEPTS:
        words.update(raw_tokens(c.triggers.replace("~", " ") + " " + c.skills))
    for _, q, d in INDUSTRIES:
        words.update(raw_tokens(q.replace("~", " ") + " " + d))
    return frozenset(words)


def _ngrams(tokens: Sequence[str]) -> set[Phrase]:
    return {tuple(tokens[i:i + n]) for n in range(1, MAX_NGRAM + 1)
            for i in range(len(tokens) - n + 1)}


@dataclass
class Affinity:
    """How well one partner covers one concept, and which of their skills show it."""

    value: float
    skills: tuple[str, ...] = ()


@dataclass
class PartnerIndex:
    partners: tuple[PartnerProfile, ...]
    postings: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    affinity: list[dict[int, Affinity]] = field(default_factory=list)  # per concept
    industry_docs: dict[str, set[int]] = field(default_factory=dict)
    skill_stems: list[list[tuple[str, set[str]]]] = field(default_factory=list)
    speller: Speller | None = None
    source: tuple[PartnerProfile, ...] = ()  # keeps the cached key's objects alive


def _concept_affinity(cc: CompiledConcept, p: PartnerProfile, skill_grams: list[set[Phrase]],
                      title_grams: set[Phrase], bio_grams: set[Phrase],
                      ind_grams: set[Phrase]) -> Affinity | None:
    hits: list[tuple[float, str]] = []
    for skill, grams in zip(p.skills, skill_grams, strict=True):
        if any(ph in grams for ph in cc.skills):
            hits.append((LEVEL_FACTOR.get(skill.level, 0.7), skill.name))
    hits.sort(key=lambda h: -h[0])
    # depth counts: four reliability skills beat one capacity-planning skill
    value = hits[0][0] + 0.25 * min(len(hits) - 1, 3) if hits else 0.0
    if any(ph in title_grams for ph in cc.skills):
        value += 0.45
    value += 0.1 * min(sum(ph in bio_grams for ph, _ in cc.triggers), 4)
    if any(ph in ind_grams for ph in cc.skills):
        value += 0.2
    if value <= 0:
        return None
    if p.practice in cc.practices:
        value += 0.2 if p.practice == cc.practices[0] else 0.1
    return Affinity(min(value, 2.0), tuple(name for _, name in hits))


def build_index(partners: Sequence[PartnerProfile]) -> PartnerIndex:
    active = tuple(sorted((p for p in partners if p.active), key=lambda p: p.id))
    idx = PartnerIndex(partners=active)
    fields_per_doc: list[dict[str, list[str]]] = []
    known: set[str] = set()
    targets: set[str] = set(vocabulary_words())
    for p in active:
        skill_text = " ; ".join(s.name for s in p.skills)
        raw = {"skills": raw_tokens(skill_text), "title": raw_tokens(p.title),
               "bio": raw_tokens(p.bio), "industries": raw_tokens(" ; ".join(p.industries))}
        targets.update(raw["skills"] + raw["title"] + raw["industries"])
        known.update(raw["bio"])
        fields_per_doc.append({f: content_stems(toks) for f, toks in raw.items()})
    idx.speller = Speller(targets, known)

    n = len(active) or 1
    avg = {f: (sum(len(d[f]) for d in fields_per_doc) / n) or 1.0 for f in FIELD_WEIGHTS}
    tfw_per_doc: list[defaultdict[str, float]] = []
    for d in fields_per_doc:
        tfw: defaultdict[str, float] = defaultdict(float)
        for f, w in FIELD_WEIGHTS.items():
            norm = 1 - B + B * len(d[f]) / avg[f]
            for term, tf in Counter(d[f]).items():
                tfw[term] += w * tf / norm
        tfw_per_doc.append(tfw)
    df = Counter(t for tfw in tfw_per_doc for t in tfw)
    for doc, tfw in enumerate(tfw_per_doc):
        for term, x in tfw.items():
            idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
            idx.postings.setdefault(term, []).append((doc, idf * x * (K1 + 1) / (x + K1)))

    concepts = compiled_concepts()
    idx.affinity = [{} for _ in concepts]
    industries = compiled_industries()
    idx.industry_docs = {key: set() for key, _, _ in industries}
    for doc, p in enumerate(active):
        skill_grams = [_ngrams(stems(s.name)) for s in p.skills]
        title_grams = _ngrams(stems(p.title))
        bio_grams = _ngrams(stems(p.bio))
        ind_grams = set().union(*(_ngrams(stems(i)) for i in p.industries))
        idx.skill_stems.append([(s.name, set(content_stems(raw_tokens(s.name))))
                                for s in p.skills])
        for cc in concepts:
            aff = _concept_affinity(cc, p, skill_grams, title_grams, bio_grams, ind_grams)
            if aff:
                idx.affinity[cc.index][doc] = aff
        # a regulated context counts when the partner's industries (or a skill/title) say so
        profile_grams = ind_grams | title_grams | set().union(*skill_grams)
        for key, _, phrases in industries:
            if any(ph in profile_grams for ph in phrases):
                idx.industry_docs[key].add(doc)
    return idx


_CACHE: OrderedDict[tuple[int, ...], PartnerIndex] = OrderedDict()
_CACHE_SIZE = 8


def index_for(partners: Sequence[PartnerProfile]) -> PartnerIndex:
    """The index of this directory; the same partner objects reuse the cached index."""
    # The index holds the partner objects, so their ids cannot be recycled while cached.
    key = tuple(map(id, partners))
    found = _CACHE.get(key)
    if found is not None:
        _CACHE.move_to_end(key)
        return found
    built = build_index(partners)
    built.source = tuple(partners)
    _CACHE[key] = built
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return built
