"""Whether the configuration is safe to run on: one report naming every problem at once.

In production (`FXO_ENV=production`) the app (`reflex run`) and the worker refuse to start
while the report is not empty; in development only settings that are wrong anywhere (a number
out of range, a key of the wrong kind) stop them. `fxorleans config check` prints the report.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from fxorleans import config
from fxorleans.domain.money import Money, MoneyError

# (variable, attribute, lowest, highest): each whole-number setting's safe range.
RANGES: tuple[tuple[str, str, int, int], ...] = (
    ("SESSION_DURATION_MINUTES", "session_minutes", 15, 240),
    ("HOLD_MINUTES", "hold_minutes", 5, 60),
    ("MIN_NOTICE_HOURS", "min_notice_hours", 0, 168),
    ("BOOKING_HORIZON_DAYS", "booking_horizon_days", 1, 90),
    # A card authorization lives 7 days when the customer is present: keep a day in hand.
    ("AUTHORIZATION_WINDOW_DAYS", "authorization_window_days", 1, 6),
    # An off-session (merchant-initiated) authorization lives 4 days 18 hours.
    ("OFFSESSION_AUTH_LEAD_DAYS", "offsession_auth_lead_days", 1, 4),
    ("CAPTURE_DELAY_MINUTES", "capture_delay_minutes", 0, 24 * 60),
    ("CANCEL_GRACE_MINUTES", "cancel_grace_minutes", 0, 24 * 60),
    ("UNCOVERED_CANCEL_HOURS", "uncovered_cancel_hours", 1, 72),
    ("SMTP_PORT", "smtp_port", 1, 65535),
    ("FXO_TRUSTED_PROXIES", "trusted_proxies", 0, 10),
    ("MAX_HOLDS_PER_ADDRESS", "address_hold_limit", 1, 1000),
    ("SESSION_IDLE_HOURS", "session_idle_hours", 1, 14 * 24),
)
MAX_PRICE_MINOR = 99_999_999  # Stripe's largest amount for a two-decimal currency
SMTP_TLS_MODES = ("starttls", "tls", "none")
MIN_SECRET_KEY_LENGTH = 32
LOOPBACK = ("127.0.0.1", "::1", "localhost")

log = logging.getLogger("fxorleans.safety")


def _numbers(s: config.Settings) -> list[str]:
    found = [f"{name} must be between {low} and {high}, got {getattr(s, attr)}"
             for name, attr, low, high in RANGES if not low <= getattr(s, attr) <= high]
    try:
        price = Money.parse(s.consultation_price, s.currency)
        if not 0 < price.amount <= MAX_PRICE_MINOR:
            found.append(f"CONSULTATION_PRICE must be above zero and at most "
                         f"{MAX_PRICE_MINOR} minor units, got {s.consultation_price!r}")
    except MoneyError as exc:
        found.append(f"CONSULTATION_PRICE / DEFAULT_CURRENCY: {exc}")
    if s.offsession_auth_lead_days > s.authorization_window_days:
        found.append("OFFSESSION_AUTH_LEAD_DAYS must not exceed AUTHORIZATION_WINDOW_DAYS")
    if s.uncovered_cancel_hours >= s.offsession_auth_lead_days * 24:
        found.append("UNCOVERED_CANCEL_HOURS must be shorter than OFFSESSION_AUTH_LEAD_DAYS, "
                     "or a booking is cancelled before its card is even tried again")
    percents = [percent for _hours, percent in s.refund_policy]  # sorted by hours, descending
    if not percents or percents != sorted(percents, reverse=True):
        found.append("REFUND_POLICY must refund less (never more) the closer the session is")
    if s.smtp_tls not in SMTP_TLS_MODES:
        found.append(f"SMTP_TLS must be one of {', '.join(SMTP_TLS_MODES)}, got {s.smtp_tls!r}")
    return found


def _stripe(s: config.Settings) -> list[str]:
    found: list[str] = []
    if s.stripe_secret_key and not s.stripe_secret_key.startswith(("sk_", "rk_")):
        found.append("STRIPE_SECRET_KEY must be a secret (sk_…) or restricted (rk_…) key")
    if s.stripe_secret_key and not s.stripe_publishable_key:
        found.append("STRIPE_PUBLISHABLE_KEY must be set together with STRIPE_SECRET_KEY")
    if s.stripe_publishable_key and not s.stripe_publishable_key.startswith("pk_"):
        found.append("STRIPE_PUBLISHABLE_KEY must be a publishable key (pk_…)")
    if s.stripe_secret_key and s.stripe_publishable_key.startswith("pk_") and \
            s.live_stripe != s.stripe_publishable_key.startswith("pk_live_"):
        found.append("STRIPE_SECRET_KEY and STRIPE_PUBLISHABLE_KEY must both be live or both "
                     "be test keys")
    if s.stripe_webhook_secret and not s.stripe_webhook_secret.startswith("whsec_"):
        found.append("STRIPE_WEBHOOK_SECRET must be an endpoint signing secret (whsec_…)")
    if s.live_stripe and s.demo_mode:
        found.append("FXO_DEMO=1 is refused while a live Stripe key is configured")
    return found


def _production(s: config.Settings) -> list[str]:
    required = (
        ("STRIPE_SECRET_KEY", s.stripe_secret_key, "the Stripe sandbox exists only in "
                                                   "development"),
        ("STRIPE_PUBLISHABLE_KEY", s.stripe_publishable_key, "the card form needs it"),
        ("STRIPE_WEBHOOK_SECRET", s.stripe_webhook_secret, "every Stripe webhook would be "
                                                           "refused"),
        ("METRICS_TOKEN", s.metrics_token, "/metrics needs a bearer token in production"),
        ("FXO_SECRET_KEY", s.secret_key, "it keys the sealed secrets and address hashes"),
        ("SMTP_HOST", s.smtp_host, "nobody would get their confirmations"),
    )
    found = [f"{name} is missing: {why}" for name, value, why in required if not value]
    if s.secret_key and len(s.secret_key) < MIN_SECRET_KEY_LENGTH:
        found.append(f"FXO_SECRET_KEY must be at least {MIN_SECRET_KEY_LENGTH} characters "
                     "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe(48))'`)")
    if urlsplit(s.public_url).scheme != "https":
        found.append(f"PUBLIC_URL must be an https:// address in production, got "
                     f"{s.public_url!r}")
    switched_on = (
        ("FXO_DEMO", s.demo_mode, "demo accounts and the demo inbox"),
        ("FXO_TEST_CLOCK", s.test_clock, "the test clock"),
        ("FXO_SANDBOX_API_BASE", bool(s.sandbox_api_base), "the Stripe sandbox"),
        ("STRIPE_API_BASE", bool(s.stripe_api_base), "a Stripe API other than Stripe's"),
        ("STRIPE_JS_URL", bool(s.stripe_js_url), "a Stripe.js other than Stripe's"),
    )
    found += [f"{name} must be unset in production ({what} exist only in development)"
              for name, on, what in switched_on if on]
    if s.smtp_tls == "none" and s.smtp_host not in LOOPBACK:
        found.append("SMTP_TLS=none sends mail unencrypted to a remote host: use starttls or tls")
    return found


def problems(settings: config.Settings) -> list[str]:
    """Every problem of these settings, each naming its variable (empty: safe to run)."""
    found = _numbers(settings) + _stripe(settings)
    if settings.production:
        found += _production(settings)
    return found


def warnings(settings: config.Settings) -> list[str]:
    """What works in development but will surprise: said at start, never stopping it."""
    found: list[str] = []
    if settings.stripe_secret_key and not settings.stripe_webhook_secret:
        found.append("STRIPE_WEBHOOK_SECRET is missing: every Stripe webhook will be refused "
                     "with 400 (payments are still verified when the client returns)")
    return found


def report() -> tuple[str, list[str]]:
    """(environment, problems) of the process's environment, unreadable values included."""
    try:
        settings = config.reload()
    except config.ConfigError as exc:
        return "unknown", exc.problems
    return settings.env, problems(settings)


def require_safe(what: str) -> None:
    """Stop `what` (e.g. "the app") with the whole report when the configuration is unsafe:
    SystemExit prints it on stderr and exits with status 1."""
    env, found = report()
    if not found:
        for warning in warnings(config.get()):
            log.warning("%s", warning)
    if found:
        lines = "\n".join(f"  - {p}" for p in found)
        raise SystemExit(f"FX-Orleans: {what} refuses to start ({env} configuration), "
                         f"{len(found)} problem(s):\n{lines}")
