"""Paying for a held booking: starting the payment, reconciling it, and its jobs.

- `start`: the intent for a held booking and the accepted cancellation policy;
- `reconcile`: what the provider says of an intent, folded into the booking (the rule is
  `fxorleans.domain.payment.reconcile`);
- `jobs`: releasing authorizations and authorizing again off-session (outbox handlers).
"""

from fxorleans.booking.payment.reconcile import apply_intent, intent_of, verify
from fxorleans.booking.payment.start import PaymentStart, accept_policy, start_payment
from fxorleans.booking.payment.terms import PaymentRefused, browser_error_message, terms
from fxorleans.booking.uow import load
from fxorleans.domain.payment import MAX_DECLINES
from fxorleans.services.payments import PaymentError

__all__ = [
    "MAX_DECLINES", "PaymentError", "PaymentRefused", "PaymentStart", "accept_policy",
    "apply_intent", "browser_error_message", "intent_of", "load", "start_payment", "terms",
    "verify",
]
