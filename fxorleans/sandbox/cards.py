"""Stripe's test cards and `pm_card_*` shortcuts, and what each does when charged or set up.

`behaviour` is one of:
  success            – authorizes
  decline            – declines with `code` / `decline_code`
  auth_on_setup      – 3-D Secure on session; no authentication needed once set up (…3155)
  auth_always        – 3-D Secure on every on-session payment, off-session always fails (…3184)
  attach_then_fail   – can be attached / set up, every charge declines (…0341)
  dispute            – authorizes; once captured, the charge is disputed (…0259)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TestCard:
    number: str
    brand: str
    funding: str = "credit"
    behaviour: str = "success"
    code: str | None = None
    decline_code: str | None = None
    country: str = "US"

    @property
    def last4(self) -> str:
        return self.number[-4:]


DECLINE_MESSAGES = {
    "generic_decline": "Your card was declined.",
    "insufficient_funds": "Your card has insufficient funds.",
    "lost_card": "Your card was declined.",
    "stolen_card": "Your card was declined.",
    "expired_card": "Your card has expired.",
    "incorrect_cvc": "Your card's security code is incorrect.",
    "processing_error": "An error occurred while processing your card. Try again in a little bit.",
    "authentication_required": "Your card was declined. This transaction requires authentication.",
    "test_mode_live_card": "Your card was declined. Your request was in test mode, but used a "
                           "non test (live) card. For a list of valid test cards, visit: "
                           "https://stripe.com/docs/testing.",
}


def _decline(number: str, code: str, decline_code: str) -> TestCard:
    return TestCard(number, "visa", behaviour="decline", code=code, decline_code=decline_code)


CARDS: dict[str, TestCard] = {c.number: c for c in [
    TestCard("4242424242424242", "visa"),
    TestCard("5555555555554444", "mastercard"),
    TestCard("378282246310005", "amex"),
    TestCard("4000056655665556", "visa", funding="debit"),
    _decline("4000000000000002", "card_declined", "generic_decline"),
    _decline("4000000000009995", "card_declined", "insufficient_funds"),
    _decline("4000000000009987", "card_declined", "lost_card"),
    _decline("4000000000009979", "card_declined", "stolen_card"),
    _decline("4000000000000069", "expired_card", "expired_card"),
    _decline("4000000000000127", "incorrect_cvc", "incorrect_cvc"),
    _decline("4000000000000119", "processing_error", "processing_error"),
    TestCard("4000002500003155", "visa", behaviour="auth_on_setup"),
    TestCard("4000002760003184", "visa", behaviour="auth_always"),
    TestCard("4000000000000259", "visa", behaviour="dispute"),
    TestCard("4000000000000341", "visa", behaviour="attach_then_fail", code="card_declined",
             decline_code="generic_decline"),
]}

SHORTCUTS: dict[str, str] = {
    "pm_card_visa": "4242424242424242",
    "pm_card_us": "4242424242424242",
    "pm_card_mastercard": "5555555555554444",
    "pm_card_amex": "378282246310005",
    "pm_card_visa_debit": "4000056655665556",
    "pm_card_chargeDeclined": "4000000000000002",
    "pm_card_visa_chargeDeclined": "4000000000000002",
    "pm_card_chargeDeclinedInsufficientFunds": "4000000000009995",
    "pm_card_visa_chargeDeclinedInsufficientFunds": "4000000000009995",
    "pm_card_chargeDeclinedLostCard": "4000000000009987",
    "pm_card_visa_chargeDeclinedLostCard": "4000000000009987",
    "pm_card_chargeDeclinedStolenCard": "4000000000009979",
    "pm_card_visa_chargeDeclinedStolenCard": "4000000000009979",
    "pm_card_chargeDeclinedExpiredCard": "4000000000000069",
    "pm_card_chargeDeclinedIncorrectCvc": "4000000000000127",
    "pm_card_chargeDeclinedProcessingError": "4000000000000119",
    "pm_card_authenticationRequiredOnSetup": "4000002500003155",
    "pm_card_authenticationRequired": "4000002760003184",
    "pm_card_chargeCustomerFail": "4000000000000341",
    "pm_card_createDispute": "4000000000000259",
}

# A card number that is valid but not a test card is a "live" card: test mode declines it.
LIVE_CARD = "live"


def luhn_ok(number: str) -> bool:
    if not number.isdigit() or not 12 <= len(number) <= 19:
        return False
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def brand_of(number: str) -> str:
    if number.startswith("4"):
        return "visa"
    if number[:2] in ("34", "37"):
        return "amex"
    if number[:2] in ("51", "52", "53", "54", "55") or number[:1] == "2":
        return "mastercard"
    return "unknown"


def card_for_number(number: str) -> TestCard:
    known = CARDS.get(number)
    if known:
        return known
    return TestCard(number, brand_of(number), behaviour="decline", code="card_declined",
                    decline_code="test_mode_live_card")
