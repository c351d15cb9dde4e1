// The Payment Element glue: the same code drives real Stripe.js and the in-app sandbox.
// The server decides what a payment is; this only mounts the form and reports back.
window.fxoPay = (function () {
  var stripe = null;
  var elements = null;

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      if (window.Stripe) { resolve(); return; }
      var s = document.createElement("script");
      s.src = url;
      s.onload = function () { resolve(); };
      s.onerror = function () { reject(new Error("The payment form could not be loaded. Please reload the page.")); };
      document.head.appendChild(s);
    });
  }

  function waitFor(selector, ms) {
    return new Promise(function (resolve, reject) {
      var started = Date.now();
      (function look() {
        var el = document.querySelector(selector);
        if (el) { resolve(el); return; }
        if (Date.now() - started > ms) { reject(new Error("The payment form could not be shown.")); return; }
        setTimeout(look, 50);
      })();
    });
  }

  function plain(error) {
    return {
      type: error.type || "", code: error.code || "", decline_code: error.decline_code || "",
      message: error.message || "",
      intentId: (error.payment_intent && error.payment_intent.id) || ""
    };
  }

  async function mount(jsUrl, publishableKey, clientSecret) {
    try {
      await loadScript(jsUrl);
      var host = await waitFor("#payment-element", 10000);
      host.innerHTML = "";
      stripe = window.Stripe(publishableKey);
      elements = stripe.elements({
        clientSecret: clientSecret,
        appearance: { theme: "stripe", variables: { colorPrimary: "#3e63dd", borderRadius: "6px" } }
      });
      var element = elements.create("payment");
      var ready = new Promise(function (resolve) {
        element.on("ready", function () { resolve(true); });
        setTimeout(function () { resolve(true); }, 5000);
      });
      element.mount("#payment-element");
      await ready;
      return { ready: true };
    } catch (e) {
      return { error: { message: e.message } };
    }
  }

  async function confirm(returnUrl) {
    if (!stripe || !elements) {
      return { error: { type: "validation_error", message: "The payment form is not ready yet." } };
    }
    try {
      var submitted = await elements.submit();
      if (submitted && submitted.error) { return { error: plain(submitted.error) }; }
      var result = await stripe.confirmPayment({
        elements: elements, confirmParams: { return_url: returnUrl }, redirect: "if_required"
      });
      if (result.error) { return { error: plain(result.error) }; }
      return { intentId: result.paymentIntent.id, status: result.paymentIntent.status };
    } catch (e) {
      return { error: { type: "api_connection_error", message: String(e && e.message || e) } };
    }
  }

  return { mount: mount, confirm: confirm };
})();
