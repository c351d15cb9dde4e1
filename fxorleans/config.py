"""Configuration from the environment. Every variable has a working default.

This is the only module that reads the environment; everything else asks `get()`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = ROOT / "data"

DEFAULT_REFUND_POLICY: tuple[tuple[int, int], ...] = ((24, 100), (4, 50), (2, 25), (0, 0))


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


class ConfigError(ValueError):
    """Every setting that could not be read, each naming its variable."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _int(name: str, default: int, errors: list[str]) -> int:
    raw = _env(name, str(default))
    try:
        return int(raw)
    except ValueError:
        errors.append(f"{name} must be a whole number, got {raw!r}")
        return default


def _refund_policy(raw: str) -> tuple[tuple[int, int], ...]:
    if not raw:
        return DEFAULT_REFUND_POLICY
    try:
        rows = json.loads(raw)
        policy = tuple(sorted(((int(h), int(p)) for h, p in rows), reverse=True))
    except (ValueError, TypeError) as exc:
        raise ValueError(f"REFUND_POLICY must be a JSON list of [hours, percent]: {exc}") from exc
    if any(not 0 <= p <= 100 or h < 0 for h, p in policy):
        raise ValueError("REFUND_POLICY: hours >= 0 and 0 <= percent <= 100")
    return policy


ENVIRONMENTS = ("development", "production")


@dataclass(frozen=True)
class Settings:
    env: str
    public_url: str
    database_url: str
    redis_url: str
    consultation_price: str
    currency: str
    session_minutes: int
    hold_minutes: int
    min_notice_hours: int
    booking_horizon_days: int
    authorization_window_days: int
    offsession_auth_lead_days: int
    capture_delay_minutes: int
    refund_policy: tuple[tuple[int, int], ...]
    stripe_secret_key: str = field(repr=False)
    stripe_publishable_key: str
    stripe_webhook_secret: str = field(repr=False)
    stripe_api_base: str
    stripe_js_url: str
    meeting_base_url: str
    openai_api_key: str = field(repr=False)
    openai_base_url: str
    openai_model: str
    smtp_host: str
    smtp_port: int
    smtp_username: str
    smtp_password: str = field(repr=False, default="")
    smtp_from: str = "FX-Orleans <no-reply@fx-orleans.local>"
    smtp_tls: str = "starttls"
    test_clock: bool = False
    demo_mode: bool = True
    secret_key: str = field(repr=False, default="")
    metrics_token: str = field(repr=False, default="")
    # The Stripe sandbox: where the gateway reaches one running elsewhere (tests), and the
    # database `fxorleans sandbox stripe` keeps its state in.
    sandbox_api_base: str = ""
    sandbox_stripe_database_url: str = ""
    google_service_account_file: str = ""
    google_calendar_api_base: str = ""
    google_calendar_subject: str = ""
    stripe_connect_webhook_secret: str = field(repr=False, default="")
    # How many reverse proxies in front of the app append to X-Forwarded-For.
    trusted_proxies: int = 0
    # Live (unpaid) holds one client address may keep at once.
    address_hold_limit: int = 10
    session_idle_hours: int = 24
    cancel_grace_minutes: int = 10
    # A booking whose card could not be authorized again is cancelled this long before it.
    uncovered_cancel_hours: int = 24

    @property
    def production(self) -> bool:
        return self.env == "production"

    @property
    def server_url(self) -> str:
        """The address the server uses to reach itself: "localhost" may resolve to ::1 first
        while the app listens on IPv4 only."""
        return self.public_url.replace("://localhost", "://127.0.0.1", 1)

    @property
    def uses_sandbox(self) -> bool:
        return not self.stripe_secret_key

    @property
    def live_stripe(self) -> bool:
        return self.stripe_secret_key.startswith(("sk_live_", "rk_live_"))


def _default_database_url() -> str:
    DEFAULT_DATA_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_DATA_DIR / 'fxorleans.db'}"


def load() -> Settings:
    """The settings, or a ConfigError listing every variable that could not be read."""
    errors: list[str] = []
    env = _env("FXO_ENV", "development").lower()
    if env not in ENVIRONMENTS:
        errors.append(f"FXO_ENV must be development or production, got {env!r}")
        env = "production"  # an unknown name is treated as the stricter one
    public_url = _env("PUBLIC_URL", "http://localhost:3000").rstrip("/")
    settings = Settings(
        env=env,
        public_url=public_url,
        database_url=_env("DATABASE_URL", "") or _default_database_url(),
        redis_url=_env("REFLEX_REDIS_URL", ""),
        consultation_price=_env("CONSULTATION_PRICE", "800.00"),
        currency=_env("DEFAULT_CURRENCY", "USD").upper(),
        session_minutes=_int("SESSION_DURATION_MINUTES", 60, errors),
        hold_minutes=_int("HOLD_MINUTES", 15, errors),
        min_notice_hours=_int("MIN_NOTICE_HOURS", 2, errors),
        booking_horizon_days=_int("BOOKING_HORIZON_DAYS", 14, errors),
        authorization_window_days=_int("AUTHORIZATION_WINDOW_DAYS", 6, errors),
        offsession_auth_lead_days=_int("OFFSESSION_AUTH_LEAD_DAYS", 3, errors),
        capture_delay_minutes=_int("CAPTURE_DELAY_MINUTES", 30, errors),
        refund_policy=_policy(errors),
        stripe_secret_key=_env("STRIPE_SECRET_KEY", ""),
        stripe_publishable_key=_env("STRIPE_PUBLISHABLE_KEY", ""),
        stripe_webhook_secret=_env("STRIPE_WEBHOOK_SECRET", ""),
        stripe_api_base=_env("STRIPE_API_BASE", ""),
        stripe_js_url=_env("STRIPE_JS_URL", ""),
        meeting_base_url=_env("MEETING_BASE_URL", "https://meet.jit.si/"),
        openai_api_key=_env("OPENAI_API_KEY", ""),
        openai_base_url=_env("OPENAI_BASE_URL", ""),
        openai_model=_env("OPENAI_MODEL", "gpt-4o-mini"),
        smtp_host=_env("SMTP_HOST", ""),
        smtp_port=_int("SMTP_PORT", 587, errors),
        smtp_username=_env("SMTP_USERNAME", ""),
        smtp_password=_env("SMTP_PASSWORD", ""),
        smtp_from=_env("SMTP_FROM", "FX-Orleans <no-reply@fx-orleans.local>"),
        smtp_tls=_env("SMTP_TLS", "starttls"),
        test_clock=_env("FXO_TEST_CLOCK", "0") == "1",
        # Demo mode is the default only in development without a Stripe key.
        demo_mode=_env("FXO_DEMO", "1" if env == "development"
                       and not _env("STRIPE_SECRET_KEY", "") else "0") == "1",
        secret_key=_env("FXO_SECRET_KEY", ""),
        metrics_token=_env("METRICS_TOKEN", ""),
        sandbox_api_base=_env("FXO_SANDBOX_API_BASE", "").rstrip("/"),
        sandbox_stripe_database_url=_env("SANDBOX_STRIPE_DATABASE_URL", ""),
        google_service_account_file=_env("GOOGLE_SERVICE_ACCOUNT_FILE", ""),
        google_calendar_api_base=_env("GOOGLE_CALENDAR_API_BASE", ""),
        google_calendar_subject=_env("GOOGLE_CALENDAR_SUBJECT", ""),
        stripe_connect_webhook_secret=_env("STRIPE_CONNECT_WEBHOOK_SECRET", ""),
        trusted_proxies=_int("FXO_TRUSTED_PROXIES", 0, errors),
        address_hold_limit=_int("MAX_HOLDS_PER_ADDRESS", 10, errors),
        session_idle_hours=_int("SESSION_IDLE_HOURS", 24, errors),
        cancel_grace_minutes=_int("CANCEL_GRACE_MINUTES", 10, errors),
        uncovered_cancel_hours=_int("UNCOVERED_CANCEL_HOURS", 24, errors),
    )
    if settings.test_clock and settings.live_stripe:
        errors.append("FXO_TEST_CLOCK=1 is refused while a live Stripe key is configured")
    if errors:
        raise ConfigError(errors)
    return settings


def _policy(errors: list[str]) -> tuple[tuple[int, int], ...]:
    try:
        return _refund_policy(_env("REFUND_POLICY", ""))
    except ValueError as exc:
        errors.append(str(exc))
        return DEFAULT_REFUND_POLICY


@lru_cache(maxsize=1)
def get() -> Settings:
    return load()


def reload() -> Settings:
    get.cache_clear()
    return get()
