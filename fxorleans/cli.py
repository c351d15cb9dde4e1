"""The `fxorleans` command: migrate, seed, partners, users, projections, worker, match, sandbox."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fxorleans.domain.partners import PartnerProfile


def _migrate(_args: argparse.Namespace) -> int:
    from fxorleans.store import migrate

    migrate.upgrade()
    print("database schema is up to date")
    return 0


def _seed(args: argparse.Namespace) -> int:
    from fxorleans import config
    from fxorleans.booking import seed
    from fxorleans.store import migrate

    settings = config.get()
    if settings.production or settings.live_stripe:
        print("error: demo data (with its published passwords) is never seeded in production "
              "or beside a live Stripe key", file=sys.stderr)
        return 1
    migrate.upgrade()
    if seed.seed(force=args.force):
        print("seeded the demo directory and accounts:")
        for acct in seed.demo_accounts():
            print(f"  {acct.role:<8} {acct.email}  password: {acct.password}")
    else:
        print("the database already has data; nothing seeded (use --force to add the demo data)")
    return 0


def _partners_import(args: argparse.Namespace) -> int:
    from fxorleans.booking import directory
    from fxorleans.domain.partners import PartnerValidationError
    from fxorleans.store import migrate

    try:
        with open(args.file, encoding="utf-8") as fh:
            records = json.load(fh)
    except (OSError, json.JSONDecodeError) as exc:
        print(f"error: cannot read {args.file}: {exc}", file=sys.stderr)
        return 2
    migrate.upgrade()
    try:
        created, updated = directory.import_partners(records)
    except PartnerValidationError as exc:
        print(f"error: nothing imported: {exc}", file=sys.stderr)
        return 1
    print(f"imported {created + updated} partners ({created} new, {updated} updated)")
    return 0


def _invite_partner(args: argparse.Namespace) -> int:
    from fxorleans.accounts.service import AccountError, invite_partner

    try:
        invite_partner(args.partner_id)
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"invitation mailed to partner {args.partner_id} "
          "(the embedded default shows it at /admin/mail)")
    return 0


def _create_admin(args: argparse.Namespace) -> int:
    from fxorleans.accounts.service import AccountError, create_admin

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password for the new admin: ")
        if getpass.getpass("Repeat it: ") != password:
            print("error: the passwords differ", file=sys.stderr)
            return 1
    try:
        user = create_admin(args.email, password)
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"admin {user.email} created")
    return _enrol_second_factor(argparse.Namespace(email=user.email))


def _enrol_second_factor(args: argparse.Namespace) -> int:
    """Enrol an admin's second factor and print, once, what only the admin may keep."""
    from fxorleans.accounts.service import AccountError, enrol_second_factor

    try:
        enrolment = enrol_second_factor(args.email)
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print("Second factor: add this secret to an authenticator app (it is shown only now).")
    print(f"  secret (base32): {enrolment.secret}")
    print(f"  otpauth URI:     {enrolment.uri}")
    print("Recovery codes, each usable once; keep them offline:")
    for code in enrolment.recovery_codes:
        print(f"  {code}")
    return 0


def _config_check(_args: argparse.Namespace) -> int:
    from fxorleans import config, safety

    env, found = safety.report()
    if not found:
        print(f"configuration OK ({env})")
        for warning in safety.warnings(config.get()):
            print(f"  warning: {warning}")
        return 0
    print(f"configuration NOT safe ({env}), {len(found)} problem(s):", file=sys.stderr)
    for problem in found:
        print(f"  - {problem}", file=sys.stderr)
    return 1


def _rebuild(_args: argparse.Namespace) -> int:
    from fxorleans.booking import projections
    from fxorleans.store import db

    with db.transaction() as session:
        counts = projections.rebuild(session)
    print(f"rebuilt {counts['bookings']} bookings and {counts['match_requests']} match requests")
    return 0


def _worker(args: argparse.Namespace) -> int:
    from fxorleans import safety
    from fxorleans.booking import worker

    safety.require_safe("the worker")

    if args.once:
        print(f"ran {worker.tick()} jobs")
        return 0
    while True:
        ran = worker.tick()
        worker.reconcile_if_due()
        if not ran:
            time.sleep(args.interval)


def _app_partners() -> list[PartnerProfile]:
    """The app's partner directory, for `fxorleans match` without --partners."""
    from fxorleans.booking import directory

    return directory.load_partners()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fxorleans", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=_migrate)
    p = sub.add_parser("seed", help="seed demo partners and accounts into an empty database")
    p.add_argument("--force", action="store_true", help="add the demo data even if not empty")
    p.set_defaults(func=_seed)

    partners = sub.add_parser("partners", help="the partner directory").add_subparsers(
        dest="partners_command", required=True)
    p = partners.add_parser("import", help="import partners from a JSON file (all or nothing)")
    p.add_argument("file")
    p.set_defaults(func=_partners_import)

    users = sub.add_parser("users", help="accounts").add_subparsers(dest="users_command",
                                                                    required=True)
    p = users.add_parser("invite-partner", help="mail a partner a link to set a password")
    p.add_argument("partner_id")
    p.set_defaults(func=_invite_partner)
    p = users.add_parser("create-admin", help="create an admin account")
    p.add_argument("email")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.set_defaults(func=_create_admin)
    p = users.add_parser("second-factor",
                         help="(re-)enrol an admin's second factor: new secret and codes")
    p.add_argument("email")
    p.set_defaults(func=_enrol_second_factor)

    conf = sub.add_parser("config", help="the configuration").add_subparsers(
        dest="config_command", required=True)
    conf.add_parser("check", help="report every unsafe or missing setting (exit 1 if any)"
                    ).set_defaults(func=_config_check)

    proj = sub.add_parser("projections", help="read models").add_subparsers(
        dest="projections_command", required=True)
    proj.add_parser("rebuild", help="rebuild every projection from the event log").set_defaults(
        func=_rebuild)

    p = sub.add_parser("worker", help="run the outbox worker")
    p.add_argument("--once", action="store_true")
    p.add_argument("--interval", type=float, default=2.0)
    p.set_defaults(func=_worker)

    for module, options in (
        ("fxorleans.services.matcher.cli", {"load_app_partners": _app_partners}),
        ("fxorleans.sandbox.cli", {}),
    ):
        try:
            __import__(module, fromlist=["add_parser"]).add_parser(sub, **options)
        except ImportError as exc:  # a half-installed tree should still offer the rest
            logging.getLogger(__name__).debug("%s unavailable: %s", module, exc)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
