"""Money in integer minor units. Never floats."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# ISO 4217 currencies Stripe treats as zero-decimal: the amount is already in whole units.
ZERO_DECIMAL = frozenset(
    "BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF".split()
)
SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "CA$", "AUD": "A$"}


class MoneyError(ValueError):
    """An amount or currency that cannot be money."""


def exponent(currency: str) -> int:
    return 0 if currency.upper() in ZERO_DECIMAL else 2


@dataclass(frozen=True, order=True)
class Money:
    amount: int  # minor units
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.amount, int) or isinstance(self.amount, bool):
            raise MoneyError(f"amount must be an int of minor units, got {self.amount!r}")
        if len(self.currency) != 3 or not self.currency.isalpha() or not self.currency.isupper():
            raise MoneyError(f"currency must be an upper-case ISO code, got {self.currency!r}")

    @classmethod
    def parse(cls, text: str, currency: str) -> Money:
        """'800.00' USD -> 80000 cents; refuses more precision than the currency has."""
        currency = currency.upper()
        try:
            value = Decimal(text.strip())
        except (InvalidOperation, AttributeError) as exc:
            raise MoneyError(f"not an amount: {text!r}") from exc
        if not value.is_finite():
            raise MoneyError(f"not an amount: {text!r}")
        minor = value.scaleb(exponent(currency))
        if minor != minor.to_integral_value():
            raise MoneyError(f"{text!r} has more decimals than {currency} allows")
        return cls(int(minor), currency)

    def _same(self, other: Money) -> None:
        if self.currency != other.currency:
            raise MoneyError(f"cannot mix {self.currency} and {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def percent(self, pct: int) -> Money:
        """pct % of this amount, rounded half up to the minor unit."""
        if not 0 <= pct <= 100:
            raise MoneyError(f"percent out of range: {pct}")
        return Money((self.amount * pct + 50) // 100, self.currency)

    def zero(self) -> Money:
        return Money(0, self.currency)

    @property
    def decimal(self) -> Decimal:
        return Decimal(self.amount).scaleb(-exponent(self.currency))

    def format(self) -> str:
        """'$800.00', '¥8,000', 'CHF 800.00'."""
        places = exponent(self.currency)
        number = f"{abs(self.decimal):,.{places}f}"
        sign = "-" if self.amount < 0 else ""
        symbol = SYMBOLS.get(self.currency)
        return f"{sign}{symbol}{number}" if symbol else f"{sign}{self.currency} {number}"


PARTNER_SHARE_PERCENT = 80


@dataclass(frozen=True)
class Split:
    partner: Money
    platform: Money


def split(captured: Money, partner_percent: int = PARTNER_SHARE_PERCENT) -> Split:
    """Partner and platform shares of a captured amount; they always add up exactly.

    The partner's share is rounded down, so a leftover minor unit goes to the platform.
    """
    if captured.amount < 0:
        raise MoneyError("cannot split a negative amount")
    partner = Money(captured.amount * partner_percent // 100, captured.currency)
    return Split(partner=partner, platform=captured - partner)
