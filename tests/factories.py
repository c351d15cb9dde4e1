"""Records for tests: a partner who works around the clock, so every test finds a slot."""

from __future__ import annotations

from typing import Any

ALL_DAY = {d: [["00:00", "23:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def partner_record(pid: str, first: str, last: str, practice: str, skill: str, tz: str,
                   **extra: Any) -> dict[str, Any]:
    return {
        "id": pid, "email": f"{pid.replace('-', '.')}@example.com", "first_name": first,
        "last_name": last, "title": f"Fractional {practice}", "practice": practice,
        "bio": f"An experienced fractional {practice}.",
        "skills": [{"name": skill, "years": 10, "level": "Expert"}],
        "industries": ["B2B SaaS"], "location": "", "timezone": tz, "active": True,
        "working_hours": ALL_DAY, **extra,
    }
