"""Disputes, as Stripe's test card 4000 0000 0000 0259 makes them: the charge succeeds, then the
client's bank disputes it as fraudulent (`charge.dispute.created`)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fxorleans.sandbox import cards
from fxorleans.sandbox.store import Ctx, emit, insert, load, new_id, save

EVIDENCE_WINDOW = timedelta(days=7)  # Stripe's test disputes give about a week


def open_if_disputed(ctx: Ctx, charge: dict[str, Any]) -> dict[str, Any] | None:
    """After a capture: a charge of the disputing card is disputed for what it took."""
    pm = load(ctx, charge["payment_method"], "payment_method")
    if cards.card_for_number(pm["_number"]).behaviour != "dispute" or charge["disputed"]:
        return None
    dispute = {
        "id": new_id("dp"), "object": "dispute", "amount": charge["amount_captured"],
        "balance_transactions": [], "charge": charge["id"], "created": ctx.ts,
        "currency": charge["currency"],
        "evidence": {"uncategorized_text": None, "cancellation_policy_disclosure": None,
                     "service_date": None},
        "evidence_details": {"due_by": int((ctx.now + EVIDENCE_WINDOW).timestamp()),
                             "has_evidence": False, "past_due": False, "submission_count": 0},
        "is_charge_refundable": False, "livemode": False, "metadata": {},
        "payment_intent": charge["payment_intent"], "reason": "fraudulent",
        "status": "needs_response",
    }
    insert(ctx, dispute, parent=charge["payment_intent"])
    charge.update(disputed=True)
    save(ctx, charge)
    emit(ctx, "charge.dispute.created", dispute)
    return dispute


# Stripe's test evidence: this text in `uncategorized_text` wins or loses the dispute at once.
OUTCOMES = {"winning_evidence": "won", "losing_evidence": "lost"}
EVIDENCE = {"uncategorized_text": "str", "cancellation_policy_disclosure": "str",
            "service_date": "str"}


def _closed(ctx: Ctx, dispute: dict[str, Any], status: str) -> dict[str, Any]:
    previous = {"status": dispute["status"]}
    dispute.update(status=status)
    save(ctx, dispute)
    emit(ctx, "charge.dispute.closed", dispute, previous)
    return dispute


def update(ctx: Ctx, dispute: dict[str, Any], p: dict[str, Any]) -> dict[str, Any]:
    """Evidence for a dispute: the test texts decide it at once, anything else is reviewed."""
    if dispute["status"] in ("won", "lost"):
        return dispute
    evidence = {**dispute["evidence"], **(p.get("evidence") or {})}
    dispute["evidence"] = evidence
    dispute["evidence_details"]["has_evidence"] = True
    dispute["evidence_details"]["submission_count"] += 1
    outcome = OUTCOMES.get(str(evidence.get("uncategorized_text") or ""))
    if outcome:
        return _closed(ctx, dispute, outcome)
    dispute.update(status="under_review")
    save(ctx, dispute)
    emit(ctx, "charge.dispute.updated", dispute)
    return dispute


def close(ctx: Ctx, dispute: dict[str, Any]) -> dict[str, Any]:
    """Accepting the dispute: it is lost."""
    return dispute if dispute["status"] in ("won", "lost") else _closed(ctx, dispute, "lost")
