"""Match requests: validated, rate-limited, ranked, kept as their own stream."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from fxorleans import clock
from fxorleans.booking import directory, matching, projections
from fxorleans.domain import events as ev
from fxorleans.services.matcher import LocalMatcher
from fxorleans.store import db, eventstore
from fxorleans.store.tables import MatchRequestView

DEV = Path("/work/shared/eval/dev/partners.json")
PROBLEM = ("We run a B2B SaaS on AWS and our Kubernetes clusters keep running out of capacity; "
           "we need help with the cloud architecture and the Terraform setup.")
ME = "anon:browser-token-1"


def records() -> list[dict]:
    return json.loads(DEV.read_text())


@pytest.fixture
def partners(database, frozen):  # type: ignore[no-untyped-def]
    directory.import_partners(records())
    return directory.load_partners(active_only=True)


def test_submit_and_load_round_trip_keeps_the_ranking(partners, frozen) -> None:  # type: ignore[no-untyped-def]
    rid = matching.submit(owner=ME, problem=f"  {PROBLEM}  ", industry="B2B SaaS",
                          urgency="This week", address="10.0.0.1")
    result = matching.load(rid, [ME, "user:someone"])
    assert result is not None
    assert (result.request_id, result.problem) == (rid, PROBLEM)
    assert (result.industry, result.urgency, result.created_at) == ("B2B SaaS", "This week",
                                                                     frozen)
    expected = LocalMatcher().rank(PROBLEM, partners, industry="B2B SaaS", top=10)
    assert [p.partner_id for p in result.partners] == [m.partner_id for m in expected]
    assert len(result.partners) == 10
    top = result.partners[0]
    assert top.score == expected[0].score and top.reasons == expected[0].reasons
    assert top.matched_skills == expected[0].matched_skills
    assert top.skills[:len(top.matched_skills)] == top.matched_skills[:len(top.skills)]
    profile = next(p for p in partners if p.id == top.partner_id)
    assert top.name == profile.full_name and top.title == profile.title
    assert top.initials == (profile.first_name[0] + profile.last_name[0]).upper()
    assert top.next_slot is not None and top.next_slot >= frozen + timedelta(hours=2)
    with db.reading() as s:
        stream = eventstore.read_stream(s, projections.match_stream(rid))
    assert [type(e.event) for e in stream] == [ev.MatchRequested, ev.PartnersMatched]
    assert "browser-token-1" not in json.dumps([e.event.to_data() for e in stream])


def test_another_owner_gets_nothing(partners) -> None:  # type: ignore[no-untyped-def]
    rid = matching.submit(owner=ME, problem=PROBLEM, address="10.0.0.1")
    assert matching.load(rid, ["anon:someone-else", "user:u1"]) is None
    assert matching.load(rid, []) is None
    assert matching.load("missing", [ME]) is None
    mine = matching.submit(owner="user:u1", problem=PROBLEM, address="10.0.0.1")
    assert matching.load(mine, ["user:u1"]) is not None
    assert matching.load(mine, ["user:u2", ME]) is None


@pytest.mark.parametrize(("kw", "needle"), [
    ({"problem": "   short problem      "}, "at least 20 characters"),
    ({"problem": "x" * 5001}, "5000 characters or fewer"),
    ({"industry": "Aerospace"}, "Pick an industry"),
    ({"urgency": "Yesterday"}, "Pick how soon"),
    ({"owner": "mallory"}, "could not tell who is asking"),
])
def test_invalid_requests_are_refused(partners, kw, needle) -> None:  # type: ignore[no-untyped-def]
    args = {"owner": ME, "problem": PROBLEM, "address": "10.0.0.1"} | kw
    with pytest.raises(matching.MatchRequestError, match=needle) as info:
        matching.submit(**args)
    assert not isinstance(info.value, matching.MatchRateLimited)
    with db.reading() as s:
        assert s.exec(select(MatchRequestView)).all() == []


def test_anonymous_requests_are_limited_per_address(partners) -> None:  # type: ignore[no-untyped-def]
    for i in range(10):
        matching.submit(owner=f"anon:tab-{i}", problem=PROBLEM, address="10.0.0.1")
        clock.advance(timedelta(minutes=1))
    with pytest.raises(matching.MatchRateLimited,
                       match=r"^You have asked for many matches in a short time\. "
                             r"Try again in 50 minutes\.$"):
        matching.submit(owner="anon:fresh-tab", problem=PROBLEM, address="10.0.0.1")
    matching.submit(owner="anon:fresh-tab", problem=PROBLEM, address="10.0.0.2")
    # A signed-in client is counted per account, not per address.
    matching.submit(owner="user:u1", problem=PROBLEM, address="10.0.0.1")
    clock.advance(timedelta(minutes=49))
    with pytest.raises(matching.MatchRateLimited, match="Try again in 1 minute\\.$"):
        matching.submit(owner="anon:fresh-tab", problem=PROBLEM, address="10.0.0.1")
    clock.advance(timedelta(minutes=1))  # an hour after the first request
    matching.submit(owner="anon:fresh-tab", problem=PROBLEM, address="10.0.0.1")
    with db.reading() as s:
        assert len(s.exec(select(MatchRequestView)).all()) == 13


def test_signed_in_requests_are_limited_per_account(partners) -> None:  # type: ignore[no-untyped-def]
    for i in range(30):
        matching.submit(owner="user:u1", problem=PROBLEM, address=f"10.0.1.{i}")
    with pytest.raises(matching.MatchRateLimited, match="Try again in 60 minutes"):
        matching.submit(owner="user:u1", problem=PROBLEM, address="10.9.9.9")
    matching.submit(owner="user:u2", problem=PROBLEM, address="10.9.9.9")


def test_inactive_partners_never_appear(database, frozen) -> None:  # type: ignore[no-untyped-def]
    recs = records()
    directory.import_partners(recs)
    first = matching.submit(owner=ME, problem=PROBLEM, address="a")
    before = matching.load(first, [ME])
    assert before is not None
    gone = before.partners[0].partner_id
    inactive = {r["id"] for r in recs if not r.get("active", True)} | {gone}
    directory.import_partners([r | {"active": r["id"] not in inactive} for r in recs])
    after = matching.load(first, [ME])
    assert after is not None
    assert [p.partner_id for p in after.partners] == \
        [p.partner_id for p in before.partners if p.partner_id != gone]
    fresh = matching.load(matching.submit(owner=ME, problem=PROBLEM, address="a"), [ME])
    assert fresh is not None and fresh.partners
    assert not {p.partner_id for p in fresh.partners} & inactive


def test_rebuild_keeps_the_match_request(partners) -> None:  # type: ignore[no-untyped-def]
    rid = matching.submit(owner=ME, problem=PROBLEM, industry="Other", address="a")
    before = matching.load(rid, [ME])
    with db.transaction() as s:
        counts = projections.rebuild(s)
    assert counts["match_requests"] == 1
    assert matching.load(rid, [ME]) == before
    assert matching.owned_by(ME) == [rid]
