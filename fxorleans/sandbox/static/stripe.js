/*
 * FX-Orleans Stripe sandbox: a stand-in for the part of Stripe.js (v3) the app uses.
 *
 *   Stripe(pk, {apiBase}) · stripe.elements({clientSecret, appearance}) ·
 *   elements.create("payment") · element.mount/on/unmount/destroy/focus/clear ·
 *   elements.submit() · stripe.confirmPayment({elements, confirmParams, redirect}) ·
 *   stripe.confirmSetup(...) · stripe.retrievePaymentIntent(clientSecret)
 *
 * It talks to the sandbox's /v1 API (derived from this script's own URL) and nothing else.
 * Everything it draws is marked SANDBOX.
 */
(function () {
  "use strict";

  var SCRIPT = document.currentScript;
  var DEFAULT_BASE = SCRIPT && SCRIPT.src ? SCRIPT.src.replace(/\/v3(\/.*)?(\?.*)?$/, "") : "";

  // ---------------------------------------------------------------- helpers

  function encodeForm(obj, prefix, out) {
    out = out || [];
    Object.keys(obj).forEach(function (key) {
      var value = obj[key];
      var name = prefix ? prefix + "[" + key + "]" : key;
      if (value === undefined || value === null) return;
      if (Array.isArray(value)) {
        value.forEach(function (v, i) {
          if (typeof v === "object") encodeForm(v, name + "[" + i + "]", out);
          else out.push(encodeURIComponent(name + "[" + i + "]") + "=" + encodeURIComponent(v));
        });
      } else if (typeof value === "object") {
        encodeForm(value, name, out);
      } else {
        out.push(encodeURIComponent(name) + "=" + encodeURIComponent(String(value)));
      }
    });
    return out.join("&");
  }

  function intentId(clientSecret) {
    var m = /^((?:pi|seti)_[A-Za-z0-9]+)_secret_/.exec(clientSecret || "");
    return m ? m[1] : null;
  }

  function digits(s) { return String(s || "").replace(/\D+/g, ""); }

  function luhn(number) {
    var sum = 0;
    for (var i = 0; i < number.length; i++) {
      var d = +number[number.length - 1 - i];
      if (i % 2) { d *= 2; if (d > 9) d -= 9; }
      sum += d;
    }
    return sum % 10 === 0;
  }

  function brandOf(number) {
    if (/^3[47]/.test(number)) return "amex";
    if (/^4/.test(number)) return "visa";
    if (/^(5[1-5]|2[2-7])/.test(number)) return "mastercard";
    if (/^6(011|5)/.test(number)) return "discover";
    return "unknown";
  }

  var BRAND_LABEL = { visa: "Visa", mastercard: "Mastercard", amex: "American Express",
                      discover: "Discover", unknown: "" };
  var BRAND_SHORT = { visa: "VISA", mastercard: "MC", amex: "AMEX", discover: "DISC", unknown: "" };

  function formatNumber(number) {
    if (brandOf(number) === "amex") {
      return [number.slice(0, 4), number.slice(4, 10), number.slice(10, 15)]
        .filter(Boolean).join(" ");
    }
    return (number.match(/.{1,4}/g) || []).join(" ");
  }

  function formatMoney(amount, currency) {
    try {
      var zero = ["jpy", "krw", "vnd", "clp"].indexOf(currency) >= 0;
      return new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() })
        .format(zero ? amount : amount / 100);
    } catch (e) {
      return amount + " " + currency;
    }
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }

  var uid = 0;
  function nextId(name) { uid += 1; return "fxsb-" + name + "-" + uid; }

  // ---------------------------------------------------------------- styles

  function themeVars(appearance) {
    var a = appearance || {};
    var v = a.variables || {};
    var night = a.theme === "night";
    return {
      "--fx-primary": v.colorPrimary || (night ? "#85a2ff" : "#0570de"),
      "--fx-bg": v.colorBackground || (night ? "#30313d" : "#ffffff"),
      "--fx-text": v.colorText || (night ? "#e6e6e6" : "#30313d"),
      "--fx-muted": v.colorTextSecondary || (night ? "#a3a3b5" : "#6d6e78"),
      "--fx-danger": v.colorDanger || (night ? "#fe87a1" : "#df1b41"),
      "--fx-border": night ? "#424353" : "#d3d6dc",
      "--fx-font": v.fontFamily || "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
      "--fx-radius": v.borderRadius || "6px",
      "--fx-space": v.spacingUnit || "4px"
    };
  }

  var CSS = [
    ":host{all:initial;display:block;}",
    "*{box-sizing:border-box;}",
    ".root{font-family:var(--fx-font);color:var(--fx-text);font-size:15px;line-height:1.4;}",
    ".banner{display:flex;align-items:center;gap:8px;margin:0 0 14px;padding:8px 10px;",
    "border:1px solid #f0c24b;background:#fff8e1;color:#5c4400;border-radius:var(--fx-radius);font-size:13px;}",
    ".tag{font-weight:700;letter-spacing:.08em;font-size:11px;background:#5c4400;color:#fff8e1;",
    "padding:2px 6px;border-radius:4px;}",
    ".field{margin:0 0 12px;}",
    ".row{display:grid;grid-template-columns:1fr 1fr;gap:12px;align-items:start;}",
    "label{display:block;font-size:14px;font-weight:500;margin:0 0 5px;color:var(--fx-text);}",
    ".box{position:relative;}",
    "input{width:100%;height:44px;padding:10px 12px;font:inherit;font-size:16px;color:var(--fx-text);",
    "background:var(--fx-bg);border:1px solid var(--fx-border);border-radius:var(--fx-radius);",
    "box-shadow:0 1px 1px rgba(0,0,0,.03),0 3px 6px rgba(0,0,0,.02);outline:none;",
    "transition:border-color .15s,box-shadow .15s;}",
    "input::placeholder{color:#9a9ca6;}",
    "input:focus{border-color:var(--fx-primary);box-shadow:0 0 0 3px color-mix(in srgb,var(--fx-primary) 25%,transparent);}",
    "input[aria-invalid=true]{border-color:var(--fx-danger);}",
    "input[aria-invalid=true]:focus{box-shadow:0 0 0 3px color-mix(in srgb,var(--fx-danger) 25%,transparent);}",
    "input:disabled{opacity:.6;}",
    ".brand{position:absolute;right:10px;top:50%;transform:translateY(-50%);font-size:12px;",
    "font-weight:700;letter-spacing:.04em;color:var(--fx-muted);pointer-events:none;}",
    ".number input{padding-right:64px;}",
    ".msg{min-height:0;margin:5px 0 0;font-size:13px;color:var(--fx-danger);}",
    ".msg:empty{display:none;}",
    ".general{margin:4px 0 10px;padding:8px 10px;border-radius:var(--fx-radius);",
    "background:color-mix(in srgb,var(--fx-danger) 8%,transparent);color:var(--fx-danger);font-size:14px;}",
    ".general:empty{display:none;}",
    ".hint{margin:2px 0 0;font-size:12.5px;color:var(--fx-muted);}",
    ".hint code{font-family:ui-monospace,Menlo,monospace;font-size:12px;}",
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;}"
  ].join("");

  var MODAL_CSS = [
    ":host{all:initial;}",
    ".backdrop{position:fixed;inset:0;background:rgba(20,22,30,.55);display:flex;align-items:center;",
    "justify-content:center;padding:16px;z-index:2147483647;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;}",
    ".dialog{background:#fff;color:#30313d;max-width:400px;width:100%;border-radius:12px;padding:22px;",
    "box-shadow:0 20px 50px rgba(0,0,0,.3);}",
    ".tag{display:inline-block;font-weight:700;letter-spacing:.08em;font-size:11px;background:#5c4400;",
    "color:#fff8e1;padding:2px 6px;border-radius:4px;}",
    "h2{font-size:18px;margin:10px 0 6px;}",
    "p{font-size:14px;line-height:1.45;margin:0 0 16px;color:#4f5160;}",
    ".buttons{display:flex;flex-direction:column;gap:10px;}",
    "button{font:inherit;font-size:15px;font-weight:600;height:44px;border-radius:8px;cursor:pointer;}",
    ".ok{background:#0570de;color:#fff;border:0;}",
    ".fail{background:#fff;color:#df1b41;border:1px solid #df1b41;}",
    "button:focus-visible{outline:3px solid #85a2ff;outline-offset:2px;}"
  ].join("");

  // ---------------------------------------------------------------- 3-D Secure modal

  function challenge(intent) {
    return new Promise(function (resolve) {
      var host = el("div", { "data-fxsb": "3ds" });
      var shadow = host.attachShadow({ mode: "open" });
      var titleId = nextId("title");
      var descId = nextId("desc");
      var ok = el("button", { type: "button", "class": "ok", text: "Complete authentication" });
      var fail = el("button", { type: "button", "class": "fail", text: "Fail authentication" });
      var amount = intent.amount != null ? formatMoney(intent.amount, intent.currency) : "";
      var dialog = el("div", { "class": "dialog", role: "dialog", "aria-modal": "true",
                               "aria-labelledby": titleId, "aria-describedby": descId }, [
        el("span", { "class": "tag", text: "SANDBOX" }),
        el("h2", { id: titleId, text: "3-D Secure authentication" }),
        el("p", { id: descId, text: "Your bank asks you to confirm " +
          (amount ? "this payment of " + amount : "this card") +
          ". In the sandbox you choose the outcome; no bank is contacted." }),
        el("div", { "class": "buttons" }, [ok, fail])
      ]);
      shadow.appendChild(el("style", { text: MODAL_CSS }));
      shadow.appendChild(el("div", { "class": "backdrop" }, [dialog]));
      var previous = document.activeElement;
      function done(success) {
        document.removeEventListener("keydown", onKey, true);
        host.remove();
        if (previous && previous.focus) previous.focus();
        resolve(success);
      }
      function onKey(e) {
        if (e.key === "Escape") { e.preventDefault(); done(false); }
        if (e.key === "Tab") {  // keep focus inside the dialog
          e.preventDefault();
          var active = shadow.activeElement;
          (active === ok ? fail : ok).focus();
        }
      }
      ok.addEventListener("click", function () { done(true); });
      fail.addEventListener("click", function () { done(false); });
      document.addEventListener("keydown", onKey, true);
      document.body.appendChild(host);
      ok.focus();
    });
  }

  // ---------------------------------------------------------------- Payment Element

  function PaymentElement(elements, options) {
    this._elements = elements;
    this._options = options || {};
    this._handlers = {};
    this._host = null;
    this._touched = {};
    this._destroyed = false;
  }

  PaymentElement.prototype.on = function (event, handler) {
    (this._handlers[event] = this._handlers[event] || []).push(handler);
    return this;
  };
  PaymentElement.prototype.off = function (event, handler) {
    var list = this._handlers[event] || [];
    this._handlers[event] = handler ? list.filter(function (h) { return h !== handler; }) : [];
    return this;
  };
  PaymentElement.prototype._emit = function (event, payload) {
    (this._handlers[event] || []).forEach(function (h) { h(payload); });
  };

  PaymentElement.prototype.mount = function (target) {
    var node = typeof target === "string" ? document.querySelector(target) : target;
    if (!node) throw new Error("PaymentElement.mount(): no element matches " + target);
    if (this._destroyed) throw new Error("This Element has been destroyed.");
    this._host = el("div", { "class": "fxsb-payment-element", "data-fxsb": "payment" });
    var shadow = this._host.attachShadow({ mode: "open" });
    var vars = themeVars(this._elements._options.appearance);
    var root = el("div", { "class": "root" });
    Object.keys(vars).forEach(function (k) { root.style.setProperty(k, vars[k]); });
    shadow.appendChild(el("style", { text: CSS }));
    shadow.appendChild(root);

    root.appendChild(el("div", { "class": "banner", role: "note" }, [
      el("span", { "class": "tag", text: "SANDBOX" }),
      el("span", { text: "Test mode: use a test card, no real money moves." })
    ]));
    this._general = el("div", { "class": "general", role: "alert" });
    root.appendChild(this._general);

    var self = this;
    function field(name, labelText, attrs, extraClass) {
      var id = nextId(name);
      var msgId = id + "-msg";
      var input = el("input", Object.assign({ id: id, name: name, type: "text",
        spellcheck: "false", "aria-describedby": msgId, "aria-invalid": "false" }, attrs));
      var box = el("div", { "class": "box" }, [input]);
      var msg = el("p", { "class": "msg", id: msgId, "aria-live": "polite" });
      var wrap = el("div", { "class": "field " + (extraClass || "") },
                    [el("label", { "for": id, text: labelText }), box, msg]);
      input.addEventListener("input", function () { self._onInput(name); });
      input.addEventListener("blur", function () {
        self._touched[name] = true; self._showErrors(false); self._emit("blur", {});
      });
      input.addEventListener("focus", function () { self._emit("focus", {}); });
      self._inputs[name] = input;
      self._msgs[name] = msg;
      return { wrap: wrap, box: box };
    }
    this._inputs = {};
    this._msgs = {};
    var number = field("number", "Card number", { inputmode: "numeric",
      autocomplete: "cc-number", placeholder: "1234 1234 1234 1234" }, "number");
    this._brand = el("span", { "class": "brand", "aria-hidden": "true" });
    number.box.appendChild(this._brand);
    root.appendChild(number.wrap);
    var expiry = field("expiry", "Expiry (MM / YY)", { inputmode: "numeric",
      autocomplete: "cc-exp", placeholder: "MM / YY" });
    var cvc = field("cvc", "CVC", { inputmode: "numeric",
      autocomplete: "cc-csc", placeholder: "CVC" });
    root.appendChild(el("div", { "class": "row" }, [expiry.wrap, cvc.wrap]));
    var postal = field("postal", "Postal code", { autocomplete: "postal-code",
      placeholder: "12345" });
    root.appendChild(postal.wrap);
    var hint = el("p", { "class": "hint" });
    hint.appendChild(document.createTextNode("Try "));
    hint.appendChild(el("code", { text: "4242 4242 4242 4242" }));
    hint.appendChild(document.createTextNode(" (success) or "));
    hint.appendChild(el("code", { text: "4000 0000 0000 0002" }));
    hint.appendChild(document.createTextNode(" (declined), any future date and CVC."));
    root.appendChild(hint);

    node.appendChild(this._host);
    this._elements._element = this;
    setTimeout(function () { self._emit("ready", { elementType: "payment" }); }, 0);
    return this;
  };

  PaymentElement.prototype._onInput = function (name) {
    var input = this._inputs[name];
    if (name === "number") {
      var n = digits(input.value).slice(0, brandOf(digits(input.value)) === "amex" ? 15 : 19);
      input.value = formatNumber(n);
      this._brand.textContent = BRAND_SHORT[brandOf(n)] || "";
      this._brand.title = BRAND_LABEL[brandOf(n)] || "";
    } else if (name === "expiry") {
      var d = digits(input.value);
      if (d.length === 1 && +d > 1) d = "0" + d;
      d = d.slice(0, 4);
      input.value = d.length > 2 ? d.slice(0, 2) + " / " + d.slice(2) : d;
    } else if (name === "cvc") {
      input.value = digits(input.value).slice(0, 4);
    }
    this._general.textContent = "";
    this._showErrors(false);
    var state = this._validate();
    this._emit("change", { elementType: "payment", empty: state.empty,
                           complete: state.errors.length === 0, collapsed: false,
                           value: { type: "card" } });
  };

  PaymentElement.prototype._values = function () {
    var exp = digits(this._inputs.expiry.value);
    return { number: digits(this._inputs.number.value), month: exp.slice(0, 2),
             year: exp.slice(2, 4), cvc: digits(this._inputs.cvc.value),
             postal: this._inputs.postal.value.trim() };
  };

  PaymentElement.prototype._validate = function () {
    var v = this._values();
    var errors = [];
    function add(field, code, message) { errors.push({ field: field, code: code, message: message }); }
    var amex = brandOf(v.number) === "amex";
    if (!v.number) add("number", "incomplete_number", "Your card number is incomplete.");
    else if (v.number.length < (amex ? 15 : 16))
      add("number", "incomplete_number", "Your card number is incomplete.");
    else if (!luhn(v.number)) add("number", "invalid_number", "Your card number is invalid.");
    var now = new Date();
    var year = 2000 + (+v.year);
    if (v.month.length < 2 || v.year.length < 2)
      add("expiry", "incomplete_expiry", "Your card's expiration date is incomplete.");
    else if (+v.month < 1 || +v.month > 12)
      add("expiry", "invalid_expiry_month", "Your card's expiration month is invalid.");
    else if (year < now.getFullYear() || (year === now.getFullYear() && +v.month < now.getMonth() + 1))
      add("expiry", "invalid_expiry_year_past", "Your card's expiration date is in the past.");
    else if (year > now.getFullYear() + 50)
      add("expiry", "invalid_expiry_year", "Your card's expiration year is invalid.");
    if (v.cvc.length < (amex ? 4 : 3))
      add("cvc", "incomplete_cvc", "Your card's security code is incomplete.");
    if (!v.postal) add("postal", "incomplete_zip", "Your postal code is incomplete.");
    var empty = !v.number && !v.month && !v.cvc && !v.postal;
    return { errors: errors, empty: empty, values: v };
  };

  PaymentElement.prototype._showErrors = function (all) {
    var self = this;
    var errors = this._validate().errors;
    Object.keys(this._inputs).forEach(function (name) {
      var err = errors.filter(function (e) { return e.field === name; })[0];
      var show = err && (all || self._touched[name]);
      self._msgs[name].textContent = show ? err.message : "";
      self._inputs[name].setAttribute("aria-invalid", show ? "true" : "false");
    });
    return errors;
  };

  PaymentElement.prototype._submit = function () {
    var errors = this._showErrors(true);
    if (errors.length) {
      this._inputs[errors[0].field].focus();
      return { error: { type: "validation_error", code: errors[0].code,
                        message: errors[0].message } };
    }
    return {};
  };

  PaymentElement.prototype._busy = function (busy) {
    var self = this;
    Object.keys(this._inputs).forEach(function (k) { self._inputs[k].disabled = busy; });
  };

  PaymentElement.prototype._showGeneral = function (message) {
    if (this._general) this._general.textContent = message || "";
  };

  PaymentElement.prototype.focus = function () { if (this._inputs) this._inputs.number.focus(); };
  PaymentElement.prototype.blur = function () {
    var a = this._host && this._host.shadowRoot.activeElement;
    if (a) a.blur();
  };
  PaymentElement.prototype.clear = function () {
    var self = this;
    Object.keys(this._inputs || {}).forEach(function (k) { self._inputs[k].value = ""; });
    this._touched = {};
    this._showErrors(false);
  };
  PaymentElement.prototype.update = function () { return this; };
  PaymentElement.prototype.unmount = function () {
    if (this._host) this._host.remove();
    this._host = null;
  };
  PaymentElement.prototype.destroy = function () {
    this.unmount();
    this._destroyed = true;
    if (this._elements._element === this) this._elements._element = null;
  };

  // ---------------------------------------------------------------- Elements group

  function Elements(stripe, options) {
    this._stripe = stripe;
    this._options = options || {};
    this._element = null;
  }

  Elements.prototype.create = function (type, options) {
    if (type !== "payment") {
      throw new Error("The sandbox supports only elements.create(\"payment\"), not \"" + type + "\".");
    }
    if (this._element) throw new Error("Only one Payment Element can be created per elements group.");
    var element = new PaymentElement(this, options);
    this._element = element;
    return element;
  };
  Elements.prototype.getElement = function (type) {
    return type === "payment" ? this._element : null;
  };
  Elements.prototype.update = function (options) {
    Object.assign(this._options, options || {});
  };
  Elements.prototype.fetchUpdates = function () { return Promise.resolve({}); };
  Elements.prototype.submit = function () {
    if (!this._element || !this._element._host) {
      return Promise.resolve({ error: { type: "validation_error", code: "incomplete",
                                        message: "The Payment Element is not mounted." } });
    }
    return Promise.resolve(this._element._submit());
  };

  // ---------------------------------------------------------------- Stripe

  function Stripe(key, options) {
    if (!(this instanceof Stripe)) return new Stripe(key, options);
    if (typeof key !== "string" || key.indexOf("pk_test_") !== 0) {
      throw new Error("The Stripe sandbox accepts only test publishable keys (pk_test_...).");
    }
    this._key = key;
    this._base = String((options && options.apiBase) || DEFAULT_BASE).replace(/\/+$/, "");
  }

  Stripe.prototype.elements = function (options) { return new Elements(this, options); };

  Stripe.prototype._request = function (method, path, params) {
    var url = this._base + path;
    var init = { method: method, headers: { Authorization: "Bearer " + this._key } };
    var body = encodeForm(params || {});
    if (method === "GET") url += (body ? "?" + body : "");
    else {
      init.headers["Content-Type"] = "application/x-www-form-urlencoded";
      init.body = body;
    }
    return fetch(url, init).then(function (resp) {
      return resp.json().then(function (json) { return { ok: resp.ok, json: json }; });
    }, function (err) {
      return { ok: false, json: { error: { type: "api_connection_error",
        message: "Could not reach the Stripe sandbox: " + err.message } } };
    });
  };

  Stripe.prototype._cardData = function (element, confirmParams) {
    var v = element._validate().values;
    var billing = ((confirmParams || {}).payment_method_data || {}).billing_details || {};
    var address = Object.assign({}, billing.address || {}, { postal_code: v.postal });
    return { type: "card",
             card: { number: v.number, exp_month: v.month, exp_year: v.year, cvc: v.cvc },
             billing_details: Object.assign({}, billing, { address: address }) };
  };

  Stripe.prototype._confirm = function (kind, opts) {
    var self = this;
    opts = opts || {};
    var elements = opts.elements;
    var confirmParams = opts.confirmParams || {};
    var redirect = opts.redirect || "always";
    var clientSecret = opts.clientSecret || (elements && elements._options.clientSecret);
    var id = intentId(clientSecret);
    var element = elements && elements._element;
    if (!id) return Promise.reject(new Error("confirm: a clientSecret is required."));
    if (redirect !== "if_required" && !confirmParams.return_url) {
      return Promise.reject(new Error("confirm: confirmParams.return_url is required unless " +
                                      "redirect is \"if_required\"."));
    }
    if (!element || !element._host) {
      return Promise.reject(new Error("confirm: mount the Payment Element first."));
    }
    var checked = element._submit();
    if (checked.error) return Promise.resolve(checked);
    var resource = kind === "payment" ? "payment_intents" : "setup_intents";
    var field = kind === "payment" ? "paymentIntent" : "setupIntent";
    var params = { client_secret: clientSecret, expected_payment_method_type: "card",
                   use_stripe_sdk: "true",
                   payment_method_data: this._cardData(element, confirmParams) };
    if (confirmParams.return_url) params.return_url = confirmParams.return_url;
    if (confirmParams.receipt_email) params.receipt_email = confirmParams.receipt_email;
    element._busy(true);
    element._showGeneral("");

    function finish(result) {
      element._busy(false);
      if (result.error) {
        element._showGeneral(result.error.message);
        return { error: result.error };
      }
      var intent = result.intent;
      var done = ["succeeded", "requires_capture", "processing"].indexOf(intent.status) >= 0;
      if (done && redirect !== "if_required") {
        var q = kind === "payment"
          ? "payment_intent=" + intent.id + "&payment_intent_client_secret=" + intent.client_secret
          : "setup_intent=" + intent.id + "&setup_intent_client_secret=" + intent.client_secret;
        var url = confirmParams.return_url;
        window.location.assign(url + (url.indexOf("?") >= 0 ? "&" : "?") + q +
                               "&redirect_status=succeeded");
        return new Promise(function () {});  // the page is going away
      }
      var out = {};
      out[field] = intent;
      return out;
    }

    function asResult(r) {
      return r.ok ? { intent: r.json } : { error: r.json.error };
    }

    return this._request("POST", "/v1/" + resource + "/" + id + "/confirm", params)
      .then(function (r) {
        var res = asResult(r);
        if (res.error || res.intent.status !== "requires_action") return res;
        return challenge(res.intent).then(function (success) {
          var form = { intent: id, client_secret: clientSecret,
                       outcome: success ? "complete" : "fail" };
          return self._authenticate(form).then(asResult);
        });
      })
      .then(finish);
  };

  Stripe.prototype._authenticate = function (form) {
    return fetch(this._base + "/v3/authenticate", {
      method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: encodeForm(form)
    }).then(function (resp) {
      return resp.json().then(function (json) { return { ok: resp.ok, json: json }; });
    }, function (err) {
      return { ok: false, json: { error: { type: "api_connection_error", message: err.message } } };
    });
  };

  Stripe.prototype.confirmPayment = function (opts) { return this._confirm("payment", opts); };
  Stripe.prototype.confirmSetup = function (opts) { return this._confirm("setup", opts); };

  Stripe.prototype._retrieve = function (resource, field, clientSecret) {
    var id = intentId(clientSecret);
    if (!id) return Promise.reject(new Error("retrieve: invalid client secret."));
    return this._request("GET", "/v1/" + resource + "/" + id, { client_secret: clientSecret })
      .then(function (r) {
        var out = {};
        if (r.ok) out[field] = r.json; else out.error = r.json.error;
        return out;
      });
  };
  Stripe.prototype.retrievePaymentIntent = function (clientSecret) {
    return this._retrieve("payment_intents", "paymentIntent", clientSecret);
  };
  Stripe.prototype.retrieveSetupIntent = function (clientSecret) {
    return this._retrieve("setup_intents", "setupIntent", clientSecret);
  };

  Stripe.sandbox = true;
  window.Stripe = Stripe;
})();
