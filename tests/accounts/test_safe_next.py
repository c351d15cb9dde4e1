"""The target after sign-in stays on this site, whatever the link carried."""

from __future__ import annotations

import pytest

from fxorleans import routes


@pytest.mark.parametrize("target", [
    "/bookings", "/match/abc?x=1#top", "/partner/nia-osei?slot=2026-12-07T09:00", "/a:b",
])
def test_same_site_paths_pass(target: str) -> None:
    assert routes.safe_next(target, "/fallback") == target


@pytest.mark.parametrize("target", [
    "", None, "bookings", "//evil.example", "/\\evil.example", "\\\\evil.example",
    "https://evil.example/", "javascript:alert(1)", "/\t/evil.example", "/\n/evil.example",
    "/ok\x00", "/ok\x7f", "/%2F%2Fevil.example", "/%5Cevil.example", "/%09/evil.example",
    "http:/evil.example",
])
def test_anything_else_falls_back(target: str | None) -> None:
    assert routes.safe_next(target, "/fallback") == "/fallback"


def test_login_links_carry_only_a_safe_next() -> None:
    assert routes.login("//evil.example") == "/login?next=/"
    assert routes.login("/bookings") == "/login?next=/bookings"
