"""Fail closed: in production every unsafe setting stops the app and the worker, all named at
once; `fxorleans config check` prints the same report; demo data never reaches production."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fxorleans import config, safety

ROOT = Path(__file__).resolve().parents[2]
SAFE_PRODUCTION = {
    "FXO_ENV": "production",
    "PUBLIC_URL": "https://book.fx-orleans.example",
    "STRIPE_SECRET_KEY": "sk_test_production_like_0001",
    "STRIPE_PUBLISHABLE_KEY": "pk_test_production_like_0001",
    "STRIPE_WEBHOOK_SECRET": "whsec_production_like",
    "METRICS_TOKEN": "scrape-token-0123456789",
    "FXO_SECRET_KEY": "x" * 48,
    "SMTP_HOST": "smtp.example.net",
}
UNSAFE_NAMES = ("FXO_DEMO", "FXO_TEST_CLOCK", "FXO_SANDBOX_API_BASE", "STRIPE_API_BASE",
                "STRIPE_JS_URL", "FXO_SECRET_KEY", "SMTP_TLS", "HOLD_MINUTES", "REFUND_POLICY")


@pytest.fixture
def production(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in UNSAFE_NAMES:
        monkeypatch.delenv(name, raising=False)
    for name, value in SAFE_PRODUCTION.items():
        monkeypatch.setenv(name, value)
    config.reload()
    yield


def _report() -> list[str]:
    return safety.report()[1]


def test_a_complete_production_configuration_passes(production: None) -> None:
    assert _report() == []
    settings = config.get()
    assert settings.production and not settings.demo_mode and not settings.uses_sandbox


@pytest.mark.parametrize("name", ["STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY",
                                  "STRIPE_WEBHOOK_SECRET", "METRICS_TOKEN", "FXO_SECRET_KEY",
                                  "SMTP_HOST"])
def test_each_missing_variable_is_named(production: None, monkeypatch: pytest.MonkeyPatch,
                                        name: str) -> None:
    monkeypatch.delenv(name)
    found = _report()
    assert any(p.startswith(f"{name} is missing") for p in found), found


def test_every_problem_is_listed_at_once(production: None,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET",
                 "METRICS_TOKEN", "FXO_SECRET_KEY", "SMTP_HOST"):
        monkeypatch.delenv(name)
    monkeypatch.setenv("PUBLIC_URL", "http://book.fx-orleans.example")
    monkeypatch.setenv("FXO_DEMO", "1")
    monkeypatch.setenv("FXO_TEST_CLOCK", "1")
    monkeypatch.setenv("HOLD_MINUTES", "0")
    found = "\n".join(_report())
    for name in ("STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET",
                 "METRICS_TOKEN", "FXO_SECRET_KEY", "SMTP_HOST", "PUBLIC_URL", "FXO_DEMO",
                 "FXO_TEST_CLOCK", "HOLD_MINUTES"):
        assert name in found, name


@pytest.mark.parametrize(("name", "value"), [
    ("FXO_DEMO", "1"), ("FXO_TEST_CLOCK", "1"), ("FXO_SANDBOX_API_BASE", "http://127.0.0.1:9"),
    ("STRIPE_API_BASE", "http://127.0.0.1:9"), ("STRIPE_JS_URL", "http://127.0.0.1:9/v3/"),
    ("PUBLIC_URL", "http://book.fx-orleans.example"), ("FXO_SECRET_KEY", "short"),
    ("SMTP_TLS", "none"),
])
def test_development_switches_are_refused_in_production(
        production: None, monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    found = _report()
    assert len(found) == 1 and name in found[0], found


def test_demo_mode_is_off_by_default_in_production_without_keys(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FXO_ENV", "production")
    assert not config.reload().demo_mode
    monkeypatch.setenv("FXO_ENV", "development")
    assert config.reload().demo_mode


@pytest.mark.parametrize(("name", "value"), [
    ("HOLD_MINUTES", "0"), ("HOLD_MINUTES", "600"), ("AUTHORIZATION_WINDOW_DAYS", "7"),
    ("OFFSESSION_AUTH_LEAD_DAYS", "5"), ("CAPTURE_DELAY_MINUTES", "-1"),
    ("SESSION_DURATION_MINUTES", "5"), ("CONSULTATION_PRICE", "0"),
    ("CONSULTATION_PRICE", "800.001"), ("CONSULTATION_PRICE", "-5"),
    ("REFUND_POLICY", "[[24, 50], [2, 100]]"), ("MAX_HOLDS_PER_ADDRESS", "0"),
])
def test_numbers_out_of_range_are_wrong_in_any_environment(
        monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    found = _report()
    assert found and all(name in p or "CONSULTATION_PRICE" in p for p in found), found
    monkeypatch.setenv("FXO_ENV", "production")
    assert any(name in p or "CONSULTATION_PRICE" in p for p in _report())


def test_the_default_development_configuration_is_fine() -> None:
    assert safety.report() == ("development", [])


def test_unreadable_values_are_all_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOLD_MINUTES", "fifteen")
    monkeypatch.setenv("SMTP_PORT", "smtp")
    monkeypatch.setenv("FXO_ENV", "staging")
    env, found = safety.report()
    text = "\n".join(found)
    assert env == "unknown" and "HOLD_MINUTES" in text and "SMTP_PORT" in text
    assert "FXO_ENV" in text


@pytest.mark.parametrize(("secret", "publishable"), [
    ("sk_live_abc123", "pk_test_abc123"), ("sk_test_abc123", "pk_live_abc123"),
    ("pk_test_abc123", "pk_test_abc123"), ("sk_test_abc123", ""),
])
def test_mismatched_stripe_keys_are_refused_anywhere(
        monkeypatch: pytest.MonkeyPatch, secret: str, publishable: str) -> None:
    monkeypatch.setenv("STRIPE_SECRET_KEY", secret)
    monkeypatch.setenv("STRIPE_PUBLISHABLE_KEY", publishable)
    assert any("STRIPE_" in p for p in _report())


@pytest.mark.parametrize("key", ["sk_live_abc123", "rk_live_abc123"])
def test_demo_mode_is_refused_beside_a_live_key(monkeypatch: pytest.MonkeyPatch,
                                                key: str) -> None:
    monkeypatch.setenv("STRIPE_SECRET_KEY", key)
    monkeypatch.setenv("STRIPE_PUBLISHABLE_KEY", "pk_live_abc123")
    monkeypatch.setenv("FXO_DEMO", "1")
    assert any("FXO_DEMO" in p for p in _report())


def test_repr_of_the_settings_shows_no_secret(production: None,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMTP_PASSWORD", "smtp-pass-secret")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai-secret")
    monkeypatch.setenv("STRIPE_CONNECT_WEBHOOK_SECRET", "whsec_connect_secret")
    text = repr(config.reload())
    for secret in ("sk_test_production_like_0001", "whsec_production_like", "scrape-token",
                   "x" * 48, "smtp-pass-secret", "sk-openai-secret", "whsec_connect_secret"):
        assert secret not in text
    assert "book.fx-orleans.example" in text  # the rest is still there to debug with


# --- the commands, run as an operator would ---------------------------------------------

def _cli(tmp_path: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith(("FXO_", "STRIPE_"))}
    full.update({"DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", **env})
    return subprocess.run([sys.executable, "-m", "fxorleans.cli", *args], cwd=ROOT, env=full,
                          capture_output=True, text=True, timeout=120)


def test_config_check_reports_and_exits_1(tmp_path: Path) -> None:
    bad = _cli(tmp_path, {"FXO_ENV": "production"}, "config", "check")
    assert bad.returncode == 1
    for name in ("STRIPE_SECRET_KEY", "METRICS_TOKEN", "FXO_SECRET_KEY", "SMTP_HOST",
                 "PUBLIC_URL"):
        assert name in bad.stderr
    assert "Traceback" not in bad.stderr
    good = _cli(tmp_path, SAFE_PRODUCTION, "config", "check")
    assert good.returncode == 0 and "configuration OK (production)" in good.stdout
    dev = _cli(tmp_path, {"HOLD_MINUTES": "abc"}, "config", "check")
    assert dev.returncode == 1 and "HOLD_MINUTES must be a whole number" in dev.stderr


def test_config_check_warns_about_a_missing_webhook_secret_in_development(
        tmp_path: Path) -> None:
    done = _cli(tmp_path, {"STRIPE_SECRET_KEY": "sk_test_abc123",
                           "STRIPE_PUBLISHABLE_KEY": "pk_test_abc123"}, "config", "check")
    assert done.returncode == 0
    assert "warning: STRIPE_WEBHOOK_SECRET is missing" in done.stdout


def test_the_worker_refuses_to_start_in_unsafe_production(tmp_path: Path) -> None:
    result = _cli(tmp_path, {"FXO_ENV": "production", "FXO_DEMO": "1"}, "worker", "--once")
    assert result.returncode == 1
    assert "the worker refuses to start" in result.stderr and "FXO_DEMO" in result.stderr
    assert "ran" not in result.stdout


@pytest.mark.parametrize("env", [SAFE_PRODUCTION,
                                 {"STRIPE_SECRET_KEY": "rk_live_abc",
                                  "STRIPE_PUBLISHABLE_KEY": "pk_live_abc"}])
def test_seed_refuses_in_production_and_beside_a_live_key(tmp_path: Path,
                                                         env: dict[str, str]) -> None:
    result = _cli(tmp_path, env, "seed")
    assert result.returncode == 1 and "never seeded" in result.stderr
    assert not (tmp_path / "cli.db").exists() or "admin@demo" not in result.stdout


def test_seed_works_in_development(tmp_path: Path) -> None:
    result = _cli(tmp_path, {}, "seed")
    assert result.returncode == 0 and "admin@demo.fx-orleans.test" in result.stdout


def test_reflex_run_refuses_to_start_in_unsafe_production(tmp_path: Path) -> None:
    """The real start command: it stops before building anything, naming the problems."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FXO_", "STRIPE_"))}
    env.update({"DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}", "FXO_ENV": "production",
                "REFLEX_TELEMETRY_ENABLED": "false", "REFLEX_CHECK_LATEST_VERSION": "false"})
    result = subprocess.run([str(Path(sys.executable).with_name("reflex")), "run", "--env",
                             "prod", "--backend-only"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "the app refuses to start" in output
    for name in ("STRIPE_SECRET_KEY", "METRICS_TOKEN", "SMTP_HOST"):
        assert name in output
