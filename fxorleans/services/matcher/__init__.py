"""Partner matching: rank partners for a client's problem (`Matcher` protocol, local ranker)."""

from fxorleans.services.matcher.base import Match, Matcher
from fxorleans.services.matcher.local import LocalMatcher

__all__ = ["LocalMatcher", "Match", "Matcher"]
