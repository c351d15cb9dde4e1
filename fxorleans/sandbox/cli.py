"""`fxorleans sandbox stripe …`: serve the Stripe sandbox on its own port with uvicorn."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register `sandbox` (with its `stripe` sub-command) on the top-level subparsers."""
    sandbox = subparsers.add_parser("sandbox", help="offline stand-ins for outside services")
    sub = sandbox.add_subparsers(dest="sandbox_command", metavar="SERVICE")
    sub.required = True
    stripe = sub.add_parser("stripe", help="serve the offline Stripe stand-in (API + Stripe.js)")
    stripe.add_argument("--host", default="127.0.0.1")
    stripe.add_argument("--port", type=int, default=12111)
    stripe.add_argument("--database", default=None,
                        help="SQLAlchemy URL for the sandbox's state (default: "
                             "$SANDBOX_STRIPE_DATABASE_URL, else a temporary SQLite file)")
    stripe.add_argument("--webhook-url", default=None,
                        help="POST every event here, signed like Stripe")
    stripe.add_argument("--webhook-secret", default=None,
                        help="signing secret for --webhook-url (default: $STRIPE_WEBHOOK_SECRET)")
    stripe.set_defaults(func=run)
    sub.add_parser("key", help="print the in-app sandbox's secret API key (same DATABASE_URL "
                   "and FXO_SECRET_KEY as the app)").set_defaults(func=print_key)
    return sandbox


def print_key(_args: argparse.Namespace) -> int:
    from fxorleans import config
    from fxorleans.sandbox import keys

    settings = config.get()
    if settings.production:
        print("error: the Stripe sandbox does not exist in production", file=sys.stderr)
        return 1
    if not settings.uses_sandbox:
        print("error: STRIPE_SECRET_KEY is set, so the app uses Stripe, not the sandbox",
              file=sys.stderr)
        return 1
    print(keys.for_database(settings.database_url, settings.secret_key).secret)
    return 0


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from fxorleans import config
    from fxorleans.sandbox.runtime import LiveKeyRefused
    from fxorleans.sandbox.server import create_app

    settings = config.get()
    database = args.database or settings.sandbox_stripe_database_url or None
    webhook_secret = args.webhook_secret or settings.stripe_webhook_secret or None
    if args.webhook_url and not webhook_secret:
        print("--webhook-url needs --webhook-secret (or STRIPE_WEBHOOK_SECRET)", file=sys.stderr)
        return 2
    try:
        app = create_app(database, args.webhook_url, webhook_secret)
    except LiveKeyRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc
    print(f"Stripe SANDBOX on http://{args.host}:{args.port}  (API: /v1, Stripe.js: /v3/)",
          file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry (`python -m fxorleans.sandbox.cli sandbox stripe …`)."""
    parser = argparse.ArgumentParser(prog="fxorleans")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
