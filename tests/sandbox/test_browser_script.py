"""The sandbox's Stripe.js in real Chromium: mounted under a prefix, as the app mounts it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Mount, Route

from fxorleans.sandbox.server import create_app

from .conftest import Running, serve
from .helpers import PUBLISHABLE_KEY, new_intent

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARTIFACT = Path(__file__).resolve().parents[2] / "test-artifacts" / "sandbox-card-form.png"

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Pay</title>
<script src="/sandbox/stripe/v3/"></script></head>
<body style="margin:0;background:#f3f5f8;font-family:system-ui,sans-serif">
<main style="max-width:440px;margin:0 auto;padding:20px 16px">
<h1 style="font-size:20px;color:#1a1f36">Pay for your session</h1>
<form id="pay-form" style="background:#fff;padding:18px;border-radius:12px;
 box-shadow:0 2px 10px rgba(0,0,0,.06)">
<div id="payment-element"></div>
<button id="pay" style="width:100%;height:46px;margin-top:8px;border:0;border-radius:8px;
 background:#0570de;color:#fff;font-size:16px;font-weight:600">Authorize $800.00</button>
<p id="result" role="status" style="margin:12px 0 0"></p></form></main>
<script>
const cs = new URLSearchParams(location.search).get("cs");
const stripe = Stripe("__PK__");
const elements = stripe.elements({clientSecret: cs, appearance: {theme: "stripe"}});
const element = elements.create("payment");
element.mount("#payment-element");
element.on("ready", () => { document.body.dataset.ready = "1"; });
element.on("change", (e) => { document.body.dataset.complete = e.complete ? "1" : "0"; });
const result = document.getElementById("result");
document.getElementById("pay-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const submitted = await elements.submit();
  if (submitted.error) {
    result.dataset.state = "invalid"; result.textContent = submitted.error.message; return;
  }
  const {error, paymentIntent} = await stripe.confirmPayment(
    {elements, confirmParams: {return_url: location.href}, redirect: "if_required"});
  if (error) {
    Object.assign(result.dataset, {state: "error", type: error.type, code: error.code || "",
                                   decline: error.decline_code || ""});
    result.textContent = error.message;
  } else {
    Object.assign(result.dataset, {state: "ok", status: paymentIntent.status});
    result.textContent = "Card authorized.";
  }
});
</script></body></html>""".replace("__PK__", PUBLISHABLE_KEY)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    db = tmp_path_factory.mktemp("browser") / "stripe.db"
    sandbox = create_app(f"sqlite:///{db}", deliver_in_background=False)

    async def page(request: Request) -> HTMLResponse:
        return HTMLResponse(PAGE)

    host = Starlette(routes=[Route("/pay", page), Mount("/sandbox/stripe", app=sandbox)])
    host.state.sandbox = sandbox.state.sandbox
    running = serve(host)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield b
        b.close()


def _client(site: Running):
    """The SDK, pointed at the sandbox mounted under the host app's prefix."""
    return Running(site.app, f"{site.url}/sandbox/stripe", site.server, site.thread).client()


def _open(browser, site: Running, client_secret: str):
    page = browser.new_page(viewport={"width": 375, "height": 760})
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(site.url) else outside.append(r.url))
    page.goto(f"{site.url}/pay?cs={client_secret}")
    page.wait_for_selector("body[data-ready='1']")
    return page, outside


def _fill(page, number: str, expiry: str = "12 / 34", cvc: str = "123", postal: str = "10001"):
    page.get_by_label("Card number").fill(number)
    page.get_by_label("Expiry (MM / YY)").fill(expiry)
    page.get_by_label("CVC", exact=True).fill(cvc)
    page.get_by_label("Postal code").fill(postal)


def _result(page) -> dict[str, str]:
    page.wait_for_selector("#result[data-state]", timeout=10_000)
    return page.eval_on_selector("#result", "r => ({...r.dataset, text: r.textContent})")


def test_card_form_authorizes_a_payment(browser, site) -> None:
    client = _client(site)
    pi = new_intent(client)
    page, outside = _open(browser, site, pi.client_secret)
    assert page.get_by_text("SANDBOX", exact=True).first.is_visible()
    _fill(page, "4242 4242 4242 4242")
    assert page.get_by_label("Card number").input_value() == "4242 4242 4242 4242"
    assert page.evaluate("document.body.dataset.complete") == "1"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375  # no horizontal scrolling on a phone
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACT), full_page=True)
    page.get_by_role("button", name="Authorize $800.00").click()
    assert _result(page)["status"] == "requires_capture"
    assert client.v1.payment_intents.retrieve(pi.id).status == "requires_capture"
    assert outside == []
    page.close()


def test_declined_card_shows_the_error(browser, site) -> None:
    client = _client(site)
    pi = new_intent(client)
    page, _ = _open(browser, site, pi.client_secret)
    _fill(page, "4000000000000002")
    page.get_by_role("button", name="Authorize $800.00").click()
    result = _result(page)
    assert (result["state"], result["type"], result["code"], result["decline"]) == (
        "error", "card_error", "card_declined", "generic_decline")
    assert page.get_by_role("alert").filter(has_text="Your card was declined.").is_visible()
    assert client.v1.payment_intents.retrieve(pi.id).status == "requires_payment_method"
    page.close()


def test_inline_validation(browser, site) -> None:
    pi = new_intent(_client(site))
    page, _ = _open(browser, site, pi.client_secret)
    _fill(page, "4242 4242 4242 4241", expiry="01 / 20")
    page.get_by_role("button", name="Authorize $800.00").click()
    assert _result(page)["state"] == "invalid"
    number = page.get_by_label("Card number")
    assert number.get_attribute("aria-invalid") == "true"
    form = page.locator("#payment-element")
    assert form.get_by_text("Your card number is invalid.").is_visible()
    assert form.get_by_text("Your card's expiration date is in the past.").is_visible()
    assert _client(site).v1.payment_intents.retrieve(pi.id).status == "requires_payment_method"
    page.close()


@pytest.mark.parametrize(("keys", "expected"), [(["Enter"], "requires_capture"),
                                                (["Tab", "Enter"], "error")])
def test_3d_secure_dialog_by_keyboard(browser, site, keys, expected) -> None:
    client = _client(site)
    pi = new_intent(client)
    page, _ = _open(browser, site, pi.client_secret)
    _fill(page, "4000 0025 0000 3155")
    page.get_by_role("button", name="Authorize $800.00").click()
    dialog = page.get_by_role("dialog", name="3-D Secure authentication")
    dialog.wait_for()
    assert dialog.get_by_text("SANDBOX", exact=True).is_visible()
    for key in keys:
        page.keyboard.press(key)
    result = _result(page)
    if expected == "error":
        assert result["code"] == "payment_intent_authentication_failure"
        assert client.v1.payment_intents.retrieve(pi.id).status == "requires_payment_method"
    else:
        assert result["status"] == "requires_capture"
        assert client.v1.payment_intents.retrieve(pi.id).status == "requires_capture"
    page.close()
