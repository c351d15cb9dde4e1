"""With REFLEX_REDIS_URL the UI state lives in Redis: our state vars must survive the trip."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from tests.conftest import REDIS_URL

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_url() -> str:
    if not REDIS_URL:
        pytest.skip("Redis test: set FXO_TEST_REDIS_URL (CI does)")
    return REDIS_URL


async def test_partner_and_match_state_round_trip_through_redis(redis_url, sqlite_db) -> None:  # type: ignore[no-untyped-def]
    import redis.asyncio as aioredis
    from reflex.istate.manager.redis import StateManagerRedis
    from reflex.istate.manager.token import BaseStateToken
    from reflex.state import State

    import fxorleans.fxorleans  # noqa: F401 - registers every state class
    from fxorleans.booking.matching import MatchResult, RankedPartner
    from fxorleans.state.matching import MatchState
    from fxorleans.state.partner import DayRow, PartnerState, SlotChip

    token = BaseStateToken(ident=f"test-{uuid.uuid4().hex}", cls=State)
    day = DayRow("Tue 8 Dec", [SlotChip("2026-12-08T13:00:00Z", "14:00")])
    result = MatchResult(
        request_id="r1", problem="Our AWS bill doubled", industry="", urgency="",
        created_at=datetime(2026, 12, 1, tzinfo=UTC),
        partners=(RankedPartner("p1", "Ada Lovelace", "Fractional CTO", "CTO", "AL", "", 0.9,
                                ("Knows FinOps",), ("FinOps",), ("FinOps", "AWS"),
                                datetime(2026, 12, 8, 13, tzinfo=UTC)),))

    writer = StateManagerRedis(redis=aioredis.from_url(redis_url))
    async with writer.modify_state(token) as root:
        partner_state = await root.get_state(PartnerState)
        partner_state.days = [day]
        partner_state.selected = day.slots[0].value
        match_state = await root.get_state(MatchState)
        match_state._result = result
        match_state.viewer_tz = "Asia/Kolkata"
    await writer.close()

    reader = StateManagerRedis(redis=aioredis.from_url(redis_url))
    try:
        root = await reader.get_state(token)
        partner_state = await root.get_state(PartnerState)
        match_state = await root.get_state(MatchState)
        assert partner_state.days == [day]
        assert partner_state.selected == "2026-12-08T13:00:00Z"
        assert match_state._result == result
        assert match_state.viewer_tz == "Asia/Kolkata"
    finally:
        await reader.redis.delete(*[k async for k in reader.redis.scan_iter(f"{token.ident}*")])
        await reader.close()
