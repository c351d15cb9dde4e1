"""The client's problem statement and its context: one rule for the match form and the booking."""

from __future__ import annotations

PROBLEM_MIN, PROBLEM_MAX = 20, 5000

# The optional context a client gives with the problem (the match form's two selects).
INDUSTRIES: tuple[str, ...] = (
    "Healthcare", "Financial services", "Insurance", "Public sector", "E-commerce & retail",
    "B2B SaaS", "Manufacturing", "Education", "Media", "Other",
)
URGENCIES: tuple[str, ...] = ("This week", "This month", "Exploring")


class ProblemInvalid(ValueError):
    """The statement is too short or too long; the message is safe to show."""


def clean_problem(problem: object) -> str:
    """The statement without surrounding blanks, or ProblemInvalid saying what to fix."""
    text = problem.strip() if isinstance(problem, str) else ""
    if len(text) < PROBLEM_MIN:
        raise ProblemInvalid(
            f"Describe your problem in at least {PROBLEM_MIN} characters, so we can find the "
            "right partner.")
    if len(text) > PROBLEM_MAX:
        raise ProblemInvalid(
            f"Keep the description to {PROBLEM_MAX} characters or fewer (it has {len(text)}).")
    return text


def acceptable_length(problem: str) -> bool:
    """What the form shows while typing: the same bounds as `clean_problem`."""
    return PROBLEM_MIN <= len(problem.strip()) <= PROBLEM_MAX
