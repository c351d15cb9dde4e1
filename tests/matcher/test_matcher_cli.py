"""`fxorleans match` in both modes, through a subprocess and through argparse, plus the dev
set scored with the eval scorer's own logic."""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import types
from pathlib import Path

import pytest
import sqlalchemy as sa

from fxorleans import cli as fxorleans_cli
from fxorleans.booking import directory
from fxorleans.services.matcher import cli

ROOT = Path(__file__).resolve().parents[2]
EVAL = Path("/work/shared/eval")
PARTNERS = EVAL / "dev" / "partners.json"
QUERIES = EVAL / "dev" / "queries.jsonl"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fxorleans.services.matcher.cli", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)


def test_single_problem_json() -> None:
    out = run_cli("--partners", str(PARTNERS), "--top", "3", "--json",
                  "our cloud bill doubled")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert len(rows) == 3 and rows[0]["partner_id"] == "daniel-brandt"
    assert set(rows[0]) == {"partner_id", "score", "reasons", "matched_skills"}
    assert rows[0]["reasons"] and 0 <= rows[0]["score"] <= 1


def test_single_problem_table() -> None:
    out = run_cli("--partners", str(PARTNERS), "we got hit by ransomware")
    assert out.returncode == 0, out.stderr
    lines = [ln for ln in out.stdout.splitlines() if ln[:3].strip().rstrip(".").isdigit()]
    assert len(lines) == 5 and "Marcus Reyes" in lines[0]


def test_queries_mode_ranks_every_active_partner(tmp_path: Path) -> None:
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"id": "a", "text": "SOC 2 report"}\n\n{"id": "b", "text": "churn"}\n')
    out = run_cli("--partners", str(PARTNERS), "--queries", str(queries), "--json")
    assert out.returncode == 0, out.stderr
    rows = [json.loads(ln) for ln in out.stdout.splitlines()]
    active = {p["id"] for p in json.loads(PARTNERS.read_text()) if p["active"]}
    assert [r["query_id"] for r in rows] == ["a", "b"]
    for r in rows:
        assert sorted(r["ranking"]) == sorted(active)


def test_bad_directory_and_usage(tmp_path: Path) -> None:
    bad = tmp_path / "p.json"
    bad.write_text('[{"id": "x"}]')
    out = run_cli("--partners", str(bad), "anything")
    assert out.returncode == 1 and "x" in out.stderr
    assert run_cli("--partners", str(PARTNERS)).returncode == 2


def test_the_fxorleans_command_ranks_the_app_directory(
        sqlite_db: sa.Engine, capsys: pytest.CaptureFixture[str]) -> None:
    # A real (SQLite) database with the dev directory imported, and the real command.
    directory.import_partners(json.loads(PARTNERS.read_text()))
    assert fxorleans_cli.main(["match", "--json", "--top", "1",
                               "Salesforce forecast is wrong"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["partner_id"] == "peter-novak"


def test_registers_on_a_parent_parser_with_the_loader_it_is_given(
        capsys: pytest.CaptureFixture[str]) -> None:
    partners = cli.parse_directory(json.loads(PARTNERS.read_text()))
    parser = argparse.ArgumentParser(prog="fxorleans")
    cli.add_parser(parser.add_subparsers(dest="command"), load_app_partners=lambda: partners)
    args = parser.parse_args(["match", "--json", "--top", "1", "Salesforce forecast is wrong"])
    assert args.func(args) == 0
    assert json.loads(capsys.readouterr().out)[0]["partner_id"] == "peter-novak"


def test_on_its_own_it_needs_a_directory_file() -> None:
    out = run_cli("our cloud bill doubled")
    assert out.returncode == 2 and "--partners" in out.stderr


def _scorer() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("eval_score", EVAL / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not QUERIES.exists(), reason="shared eval set not present")
def test_dev_set_scores() -> None:
    out = run_cli("--partners", str(PARTNERS), "--queries", str(QUERIES), "--json")
    assert out.returncode == 0, out.stderr
    preds = {r["query_id"]: r["ranking"] for r in map(json.loads, out.stdout.splitlines())}
    score = _scorer()
    queries = score.load_jsonl(str(QUERIES))
    inactive = {p["id"] for p in json.loads(PARTNERS.read_text()) if not p["active"]}
    top1 = sum(score.score_one(q, preds[q["id"]])["top1"] for q in queries) / len(queries)
    assert top1 >= 0.9
    assert not inactive & {pid for ranking in preds.values() for pid in ranking}
