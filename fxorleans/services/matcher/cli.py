"""`fxorleans match`: rank partners for a problem, or for a JSONL file of queries (evaluation).

With `--partners FILE` the directory comes from that file and the database is never touched;
without it, from `load_app_partners`, which the `fxorleans` command passes in (it reads the
app's directory). An adapter does not reach up into the application layer for it; run on its
own (`python -m fxorleans.services.matcher.cli`), the command needs `--partners`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from fxorleans.domain.partners import PartnerProfile, PartnerValidationError, parse_directory
from fxorleans.services.matcher.local import LocalMatcher

PartnerLoader = Callable[[], Sequence[PartnerProfile]]


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], *,
    load_app_partners: PartnerLoader | None = None,
) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("match", help="rank partners for a problem statement",
                                   description=__doc__)
    parser.add_argument("problem", nargs="?", help="the client's problem, in their words")
    parser.add_argument("--partners", type=Path, help="partner directory JSON (import format)")
    parser.add_argument("--queries", type=Path,
                        help='JSONL of {"id", "text"}; prints {"query_id", "ranking"} lines')
    parser.add_argument("--top", type=int, default=5, help="how many partners to show (5)")
    parser.add_argument("--industry", help="the client's industry, if known")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(func=run, load_app_partners=load_app_partners)
    return parser


def _load(path: Path | None, load_app_partners: PartnerLoader) -> list[PartnerProfile]:
    if path is not None:
        return parse_directory(json.loads(path.read_text(encoding="utf-8")))
    return list(load_app_partners())


def run(args: argparse.Namespace) -> int:
    if bool(args.problem) == bool(args.queries):
        print("match: give either a problem statement or --queries FILE", file=sys.stderr)
        return 2
    load_app_partners: PartnerLoader | None = getattr(args, "load_app_partners", None)
    if args.partners is None and load_app_partners is None:
        print("match: give --partners FILE (the app's directory is read only by the "
              "fxorleans command)", file=sys.stderr)
        return 2
    try:
        partners = _load(args.partners, load_app_partners or list)
    except (OSError, json.JSONDecodeError, PartnerValidationError) as exc:
        print(f"match: cannot read the partner directory: {exc}", file=sys.stderr)
        return 1
    matcher = LocalMatcher()
    if args.queries:
        for line in args.queries.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            query = json.loads(line)
            ranking = [m.partner_id for m in matcher.rank(query["text"], partners,
                                                          industry=query.get("industry"))]
            print(json.dumps({"query_id": query["id"], "ranking": ranking}))
        return 0
    matches = matcher.rank(args.problem, partners, industry=args.industry, top=args.top)
    if args.json:
        print(json.dumps([{"partner_id": m.partner_id, "score": m.score,
                           "reasons": list(m.reasons), "matched_skills": list(m.matched_skills)}
                          for m in matches], indent=2))
        return 0
    names = {p.id: p for p in partners}
    for rank, m in enumerate(matches, 1):
        p = names[m.partner_id]
        print(f"{rank:>2}. {p.full_name:<22} {p.title[:40]:<40} {m.score:5.2f}")
        for reason in m.reasons:
            print(f"      - {reason}")
    if not matches:
        print("no active partners")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="fxorleans")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["match", *(sys.argv[1:] if argv is None else argv)])
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
