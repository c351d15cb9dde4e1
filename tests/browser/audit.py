"""What people see: an axe-core audit and a sideways-scroll check, at 1280 px and at 375 px.

`look(page, name)` is called after every navigation or important state in the browser tests:
it audits the page as it is, saves a screenshot, then does the same at a phone's 375 px and
puts the viewport back. A serious or critical axe violation, or a page wider than the
viewport, fails the test with a readable list.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, ViewportSize

from tests.browser.conftest import shot

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".tools/node_modules/axe-core/axe.min.js"
PHONE: ViewportSize = {"width": 375, "height": 800}
FAILING_IMPACTS = ("serious", "critical")


def _ensure_axe(page: Page) -> None:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing ({AXE.relative_to(ROOT)}): `make install` installs it")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))


def _settle(page: Page) -> None:
    """Let fonts, layout and Radix's entry animations finish before measuring."""
    page.wait_for_load_state("load")
    page.evaluate("""async () => {
        await document.fonts.ready;
        const finite = document.getAnimations().filter(
            a => a.effect && a.effect.getComputedTiming().endTime !== Infinity);
        await Promise.race([Promise.all(finite.map(a => a.finished.catch(() => null))),
                            new Promise(r => setTimeout(r, 2000))]);
        await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    }""")


def _format(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}  [{v['helpUrl']}]")
        for node in v["nodes"][:8]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    at {target}: {summary[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


def audit(page: Page, name: str) -> None:
    """Fail on serious or critical axe-core violations and on sideways scroll, as it is now."""
    _settle(page)
    _ensure_axe(page)
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    bad = [v for v in violations if v.get("impact") in FAILING_IMPACTS]
    width = page.evaluate("() => innerWidth")
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    problems = []
    if page.locator("main").count() != 1:  # the skip link and screen readers land there
        problems.append("the page needs exactly one <main> landmark")
    if bad:
        problems.append(f"axe-core: serious or critical violations:\n{_format(bad)}")
    if scroll > width:
        wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
            .slice(0, 6).map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}`
                + `${typeof e.className === 'string' && e.className
                     ? '.' + e.className.trim().split(/\\s+/).join('.') : ''}`
                + ` (right ${Math.round(e.getBoundingClientRect().right)}px)`)""")
        problems.append(f"the page scrolls sideways: {scroll}px wide at {width}px; widest: "
                        + "; ".join(wide))
    if problems:
        pytest.fail(f"{name} ({page.url}, {width}px):\n" + "\n".join(problems), pytrace=False)


def _shot(page: Page, name: str) -> None:
    page.evaluate("() => window.scrollTo(0, 0)")  # else the sticky header lands mid-picture
    shot(page, name)


def look(page: Page, name: str) -> None:
    """Audit and screenshot the page as it is, then at 375 px, then restore the viewport."""
    size = page.viewport_size
    audit(page, name)
    _shot(page, name)
    if size and size["width"] <= PHONE["width"]:
        return
    page.set_viewport_size(PHONE)
    try:
        audit(page, f"{name} on a phone")
        _shot(page, f"{name}-phone")
    finally:
        if size:
            page.set_viewport_size(size)
