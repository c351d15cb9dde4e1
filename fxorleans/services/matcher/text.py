"""Text handling shared by the index and the queries: normalise, tokenise, stem, fix typos.

Both sides of a comparison go through the same functions, so a crude stemmer is enough:
it only has to send "billing"/"bills"/"billed" to the same key, not produce real words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

STOPWORDS = frozenset("""
a an the and or of to for in on at by as is are be been being am was were it its it's this that
these those there their they them we our ours us you your i me my mine he she his her who whom
which what when where why how all any each every some no not nor so but if then than too very
can could should would will shall may might must do does did done doing have has had having
with without into onto from about above below over under again further once here just also
only own same other such up down out off more most much many few both between through during
before after while because until against get gets got getting make makes made let lets go
going gone need needs needed want wants wanted looking look like help helps someone somebody
anyone experienced experience expert person people thing things way ways lot lots really
actually basically honestly currently right now soon asap please thanks hi hello know think
sure use using used able new one two three four five six seven eight nine ten first last
next week weeks month months year years day days time company companies business firm team
teams us work working works set setting fix fixing advice advise figure whether even still
keep keeps kept good great bad better best big small fast quickly well also around across
r u ur pls im ive we're we've don't can't doesn't isn't won't it's i'm i've they're
""".replace("'", "").split())

# Words that name a role, not a problem; they only set a weak prior (clients pick wrong roles).
ROLE_TOKENS = frozenset("""
cto cio ciso cpo cdo cfo coo cro caio chief officer fractional vp head director executive
interim part-time leader
""".split())

_TOKEN = re.compile(r"[a-z0-9]+")
_JOINS = (
    (re.compile(r"\bIT\b"), " infotech "),  # the department, not the pronoun; case decides
    (re.compile(r"\bm\s*&\s*a\b", re.I), " mna "),
    (re.compile(r"\b(soc|iso|asc|hl|nist|ifrs|k)\s*-?\s*(\d+)\b", re.I), r" \1\2 "),
    (re.compile(r"\b([a-z])[-/]([a-z]{2,})\b", re.I), r"\1\2"),  # e-commerce, a/b
    (re.compile(r"\bci\s*/\s*cd\b", re.I), " cicd "),
    (re.compile(r"\bp\s*&\s*l\b", re.I), " pnl "),
    (re.compile(r"\bfp\s*&\s*a\b", re.I), " fpa "),
    (re.compile(r"\bq\s*&\s*a\b", re.I), " qa "),
)
_PLURALS = (("sses", "ss"), ("ies", "y"), ("xes", "x"), ("ches", "ch"), ("shes", "sh"))
_SUFFIXES = (
    "izations", "ization", "isations", "isation", "ations", "ation", "itions", "ition",
    "izing", "ising", "ating", "izers", "izer", "ized", "ised", "ated", "izes", "ises",
    "ates", "ize", "ise", "ate", "ements", "ement", "ments", "ment", "ness", "ities", "ity",
    "ances", "ance", "ences", "ence", "ings", "ing", "ions", "ion", "ers", "er", "ied", "ed",
    "ly", "ant",
)


def normalize(text: str) -> str:
    for pattern, repl in _JOINS:
        text = pattern.sub(repl, text)
    return text.lower().replace("'", "")


def raw_tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalize(text))


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, repl in _PLURALS:
        if word.endswith(suffix):
            word = word[: -len(suffix)] + repl
            break
    else:
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
    for _ in range(2):  # "engineering" and "engineers" both need two steps to meet
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                    word = word[:-1]  # logged -> log, running -> run
                break
        else:
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def stems(text: str) -> list[str]:
    return [stem(t) for t in raw_tokens(text)]


def content_stems(tokens: Iterable[str]) -> list[str]:
    """Stems of the tokens that carry meaning (no stopwords, no role names)."""
    return [stem(t) for t in tokens if t not in STOPWORDS and t not in ROLE_TOKENS and len(t) > 1]


# --- typo tolerance: symmetric deletes (SymSpell-style) against a known vocabulary ------------


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein (optimal string alignment), stopping early past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


class Speller:
    """Maps an unknown word to the closest target word (skills, vocabulary), or leaves it."""

    def __init__(self, targets: Iterable[str], known: Iterable[str] = ()) -> None:
        self.targets = {t for t in targets if len(t) >= 3 and t.isalpha()}
        self.known = set(known) | self.targets | STOPWORDS | ROLE_TOKENS
        # "trusting" is no typo when "trusts" is known: compare stems too
        self.known_stems = {stem(w) for w in self.known}
        self._index: dict[str, set[str]] = {}
        for word in self.targets:
            self._index.setdefault(word, set()).add(word)
            for d in _deletes(word):
                self._index.setdefault(d, set()).add(word)

    @lru_cache(maxsize=20_000)  # noqa: B019 - one Speller per directory index, kept with it
    def correct(self, word: str) -> str:
        if len(word) < 5 or word in self.known or not word.isalpha():
            return word
        if stem(word) in self.known_stems:
            return word
        # without a dictionary a real word can look like a typo; two edits only for long words
        limit = 1 if len(word) < 9 else 2
        probes = {word} | _deletes(word)
        if limit == 2:
            probes |= {d2 for d in _deletes(word) for d2 in _deletes(d)}
        candidates: set[str] = set()
        for probe in probes:
            candidates |= self._index.get(probe, set())
        # typos rarely hit the first letter; "killing" must not become "billing"
        candidates = {c for c in candidates if c[0] == word[0]}
        best = sorted((edit_distance(word, c, limit), c) for c in candidates)
        if best and best[0][0] <= limit:
            return best[0][1]
        return word
