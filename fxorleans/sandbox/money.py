"""Currency facts Stripe checks: minor units and minimum charge amounts."""

from __future__ import annotations

ZERO_DECIMAL = {"bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx",
                "vnd", "vuv", "xaf", "xof", "xpf"}

# Stripe's minimum charge amounts, in minor units (https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts)
MINIMUM = {"usd": 50, "eur": 50, "gbp": 30, "cad": 50, "aud": 50, "chf": 50, "jpy": 50,
           "dkk": 250, "nok": 300, "sek": 300, "nzd": 50, "sgd": 50, "hkd": 400, "mxn": 1000,
           "pln": 200, "czk": 1500, "huf": 17500, "ron": 200, "bgn": 100, "inr": 50,
           "brl": 50, "aed": 200, "thb": 1000, "myr": 200}
MAXIMUM = 99_999_999

SYMBOL = {"usd": "$", "eur": "€", "gbp": "£", "jpy": "¥", "cad": "$", "aud": "$"}


def format_amount(amount: int, currency: str) -> str:
    cur = currency.lower()
    sym = SYMBOL.get(cur, "")
    if cur in ZERO_DECIMAL:
        return f"{sym}{amount}"
    return f"{sym}{amount // 100}.{amount % 100:02d}"


def minimum(currency: str) -> int:
    return MINIMUM.get(currency.lower(), 50)
