"""The `fxorleans` command, run as a newcomer would: a subprocess on a fresh database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD = {
    "id": "lena-park", "email": "lena.park@example.com", "first_name": "Lena", "last_name": "Park",
    "title": "Fractional CFO", "practice": "CFO", "bio": "Runs FP&A for Series A companies.",
    "skills": [{"name": "FP&A", "years": 10, "level": "Expert"}], "industries": ["B2B SaaS"],
    "location": "Seoul", "timezone": "Asia/Seoul", "active": True,
}


@pytest.fixture
def run(tmp_path):  # type: ignore[no-untyped-def]
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}

    def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "fxorleans.cli", *args], cwd=ROOT, env=env,
                              input=stdin, capture_output=True, text=True, timeout=120)
    return _run


def test_import_is_all_or_nothing_and_names_the_record_and_field(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = dict(GOOD, id="bad-one", timezone="Mars/Olympus")
    path = tmp_path / "partners.json"
    path.write_text(json.dumps([GOOD, bad]))
    result = run("partners", "import", str(path))
    assert result.returncode == 1
    assert "bad-one" in result.stderr and "timezone" in result.stderr
    assert "nothing imported" in result.stderr
    path.write_text(json.dumps([GOOD]))
    assert "1 new" in run("partners", "import", str(path)).stdout
    path.write_text(json.dumps([dict(GOOD, title="Fractional CFO & COO")]))
    assert "1 updated" in run("partners", "import", str(path)).stdout


@pytest.mark.parametrize(("change", "field"), [
    ({"timezone": "Factory"}, "timezone"),
    ({"working_hours": {"tue": [["09:00", "12:00"], ["11:00", "13:00"]]}}, "working_hours.tue"),
])
def test_import_refuses_what_the_slot_maths_would(
        run: Callable[..., subprocess.CompletedProcess[str]], tmp_path: Path,
        change: dict[str, object], field: str) -> None:
    path = tmp_path / "partners.json"
    path.write_text(json.dumps([GOOD, dict(GOOD, id="no-zone", email="nz@example.com",
                                           **change)]))
    result = run("partners", "import", str(path))
    assert result.returncode == 1, result.stdout
    assert f"partner no-zone: {field}:" in result.stderr and "nothing imported" in result.stderr
    assert "Traceback" not in result.stderr
    ok = dict(GOOD, working_hours={"fri": [["20:00", "24:00"]]})
    path.write_text(json.dumps([ok]))
    assert "1 new" in run("partners", "import", str(path)).stdout


def test_unreadable_file_is_a_clear_error(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "broken.json").write_text("[{")
    result = run("partners", "import", str(tmp_path / "broken.json"))
    assert result.returncode == 2 and "cannot read" in result.stderr
    assert "Traceback" not in result.stderr


def test_seed_then_admin_then_invite_then_rebuild(run) -> None:  # type: ignore[no-untyped-def]
    seeded = run("seed")
    assert seeded.returncode == 0 and "client@demo.fx-orleans.test" in seeded.stdout
    assert "nothing seeded" in run("seed").stdout  # only into an empty database
    made = run("users", "create-admin", "ops@example.com", "--password-stdin",
               stdin="a long admin password\n")
    assert made.returncode == 0, made.stderr
    weak = run("users", "create-admin", "ops2@example.com", "--password-stdin", stdin="short\n")
    assert weak.returncode == 1 and "10 characters" in weak.stderr
    invited = run("users", "invite-partner", "nonexistent-partner")
    assert invited.returncode == 1 and "No partner" in invited.stderr
    rebuilt = run("projections", "rebuild")
    assert rebuilt.returncode == 0 and "rebuilt 0 bookings" in rebuilt.stdout


def test_match_reads_a_file_without_the_database(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "partners.json"
    path.write_text(json.dumps([GOOD]))
    result = run("match", "--partners", str(path), "--json", "We need a budget and a forecast "
                 "before the board meeting")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["partner_id"] == "lena-park"
    assert not (tmp_path / "cli.db").exists()
