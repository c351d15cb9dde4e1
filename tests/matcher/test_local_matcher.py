"""LocalMatcher behaviour on the dev directory and on synthetic ones."""

from __future__ import annotations

import dataclasses
import json
import sys
import time
from pathlib import Path

import pytest

from fxorleans.domain.partners import PartnerProfile, parse_directory
from fxorleans.services.matcher import LocalMatcher, Match, Matcher
from fxorleans.services.matcher.index import index_for
from fxorleans.services.matcher.text import Speller, stem

sys.path.insert(0, str(Path(__file__).parent))
from heldout_queries import HELDOUT  # noqa: E402

DEV = Path("/work/shared/eval/dev/partners.json")


@pytest.fixture(scope="module")
def partners() -> list[PartnerProfile]:
    return parse_directory(json.loads(DEV.read_text()))


@pytest.fixture(scope="module")
def matcher() -> LocalMatcher:
    return LocalMatcher()


def top_id(matcher: LocalMatcher, text: str, partners: list[PartnerProfile], **kw) -> str:
    return matcher.rank(text, partners, top=1, **kw)[0].partner_id


def test_is_a_matcher(matcher: LocalMatcher) -> None:
    assert isinstance(matcher, LocalMatcher)
    check: Matcher = matcher  # the Protocol is structural
    assert check is matcher


def test_inactive_never_returned(matcher, partners) -> None:
    inactive = {p.id for p in partners if not p.active}
    assert inactive
    for text in ["FinOps AWS cost optimization Kubernetes Terraform unit economics",
                 "SOC 2 HIPAA HITRUST security questionnaires risk assessments", ""]:
        ranked = matcher.rank(text, partners)
        assert not inactive & {m.partner_id for m in ranked}
        assert len(ranked) == len(partners) - len(inactive)


def test_deterministic_with_ties_by_id(matcher, partners) -> None:
    first = matcher.rank("help", partners)
    assert first == matcher.rank("help", list(reversed(partners)))
    same = [m for m in first if m.score == first[-1].score]
    assert [m.partner_id for m in same] == sorted(m.partner_id for m in same)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("customers keep getting logged out", "hannah-cho"),
        ("procurement wants our security report", "sarah-lindqvist"),
        ("the big customer's security team wants an audit report first", "sarah-lindqvist"),
        ("our bill doubled since we moved to the cloud", "daniel-brandt"),
        ("we were hacked and they want a ransom", "marcus-reyes"),
        ("we might run out of cash before the next raise", "fatima-haddad"),
        ("the books take weeks to close every month", "owen-gallagher"),
        ("churn is killing us", "jamal-wright"),
        ("nobody agrees on the roadmap", "elena-vasquez"),
    ],
)
def test_everyday_language_maps_to_skills(matcher, partners, text, expected) -> None:
    assert top_id(matcher, text, partners) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kuberntes clusters keep falling over, oncall is exausted", "alex-petrov"),
        ("salesforce is a mes and the forcast is wrong", "peter-novak"),
        ("need soc2 complaince for an enterprize deal", "sarah-lindqvist"),
        ("netsuite implmentation way over budjet", "raj-malhotra"),
    ],
)
def test_typos(matcher, partners, text, expected) -> None:
    assert top_id(matcher, text, partners) == expected


def test_speller_and_stemmer() -> None:
    speller = Speller(["kubernetes", "salesforce", "compliance"], known=["trusts"])
    assert speller.correct("kuberntes") == "kubernetes"
    assert speller.correct("salesfroce") == "salesforce"
    assert speller.correct("trusting") == "trusting"  # a real word, not a typo
    assert speller.correct("zebra") == "zebra"
    assert stem("billing") == stem("bills") == stem("billed")
    assert stem("engineering") == stem("engineers")


def test_regulated_industry_ranks_that_partner_first(matcher, partners) -> None:
    text = "A hospital security team sent us a vendor assessment about how we handle PHI."
    assert top_id(matcher, text, partners) == "grace-whitfield"
    plain = "Our AWS setup needs a review before a big customer pilot."
    assert top_id(matcher, plain, partners, industry="Healthcare") == "grace-whitfield"
    assert top_id(matcher, plain, partners) != "grace-whitfield"


def test_wrong_role_matched_by_problem(matcher, partners) -> None:
    text = "Looking for a fractional CFO to clean up our Salesforce pipeline and lead routing."
    assert top_id(matcher, text, partners) == "peter-novak"


def test_reasons_and_scores(matcher, partners) -> None:
    ranked = matcher.rank("Our Salesforce forecast is a mess and lead routing is manual",
                          partners, top=3)
    best = ranked[0]
    assert isinstance(best, Match) and best.partner_id == "peter-novak"
    assert best.reasons and all(r.endswith(".") for r in best.reasons)
    assert "Salesforce" in best.matched_skills
    assert any(skill in " ".join(best.reasons) for skill in best.matched_skills)
    assert best.score > 0.8
    for m in matcher.rank("anything at all", partners):
        assert 0.0 <= m.score <= 1.0 and m.reasons
    weak = matcher.rank("hello there", partners, top=1)[0]
    assert weak.score < 0.5


def test_top_and_empty(matcher, partners) -> None:
    assert len(matcher.rank("SOC 2", partners, top=3)) == 3
    assert matcher.rank("SOC 2", partners, top=0) == []
    assert matcher.rank("SOC 2", []) == []


def test_heldout_queries_rank_sensibly(matcher, partners) -> None:
    misses = [(text, matcher.rank(text, partners, top=3)[0].partner_id)
              for _, text, ok in HELDOUT if top_id(matcher, text, partners) not in ok]
    assert len(misses) <= len(HELDOUT) // 10, misses
    for _, text, ok in HELDOUT:
        assert ok & {m.partner_id for m in matcher.rank(text, partners, top=3)}, text


def _synthetic(n: int) -> list[PartnerProfile]:
    base = parse_directory(json.loads(DEV.read_text()))
    return [dataclasses.replace(base[i % len(base)], id=f"p-{i:04d}") for i in range(n)]


def test_index_cached_and_fast_on_1000_partners(matcher) -> None:
    directory = _synthetic(1000)
    matcher.rank("warm", directory)
    assert index_for(directory) is index_for(list(directory))
    times = []
    for text in [h[1] for h in HELDOUT]:
        t0 = time.perf_counter()
        matcher.rank(text, directory, top=10)
        times.append(time.perf_counter() - t0)
    times.sort()
    assert times[len(times) // 2] < 0.05
