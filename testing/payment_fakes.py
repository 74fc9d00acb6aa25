"""Local fakes of Khalti, eSewa and Stripe that speak each provider's documented protocol over
real HTTP on 127.0.0.1, so the suite exercises our real clients (requests, the `stripe`
package), timeouts included, without the network.

Each fake is a `ThreadingHTTPServer` in a daemon thread. Tests decide what the provider will
say (`KhaltiFake.set_outcome`, `EsewaFake.set_status`, `StripeFake.pay`) and can make it
`mode = "down"` (every call answers 503) or `mode = "slow"` (answers after `delay` seconds).

Protocols:
- Khalti ePayment: https://docs.khalti.com/khalti-epayment/
- eSewa ePay v2: https://developer.esewa.com.np/pages/Epay
- Stripe Checkout Sessions and webhook signatures: https://docs.stripe.com/api/checkout/sessions
  and https://docs.stripe.com/webhooks#verify-manually
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

# eSewa's published test key (merchant EPAYTEST), not a secret.
ESEWA_TEST_SECRET = "8gBm/:&EnhH.1/q"  # noqa: S105
ESEWA_ANSWER_FIELDS = (
    "transaction_code",
    "status",
    "total_amount",
    "transaction_uuid",
    "product_code",
    "signed_field_names",
)


class _Handler(BaseHTTPRequestHandler):
    fake: FakeProvider

    def log_message(self, format, *args):  # quiet: the test output is for failures
        pass

    def _handle(self, method: str) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        url = urlsplit(self.path)
        fake = self.fake
        with fake.lock:
            fake.calls.append((method, url.path))
        if fake.mode == "slow":
            time.sleep(fake.delay)
        if fake.mode == "down":
            status, payload, headers = 503, {"detail": "Service temporarily unavailable"}, {}
        else:
            with fake.lock:
                status, payload, headers = fake.respond(
                    method, url.path, parse_qs(url.query), self.headers, body
                )
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", headers.pop("Content-Type", "application/json"))
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting ("slow" mode): what a timeout looks like

    def do_GET(self):
        self._handle("GET")

    def do_POST(self):
        self._handle("POST")


class FakeProvider:
    """A provider's HTTP API on 127.0.0.1; subclasses answer in `respond`."""

    def __init__(self):
        self.mode = "up"
        self.delay = 1.0
        self.calls: list[tuple[str, str]] = []
        self.lock = threading.RLock()
        handler = type("Handler", (_Handler,), {"fake": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def respond(self, method, path, query, headers, body) -> tuple[int, object, dict]:
        raise NotImplementedError


# --- Khalti -----------------------------------------------------------------------------------


class KhaltiFake(FakeProvider):
    """`POST /api/v2/epayment/initiate/` and `/lookup/`, with `Authorization: Key <secret>`.

    A lookup answers what `set_outcome(pidx, status)` said (default "Initiated"); "Expired"
    and "User canceled" answer HTTP 400 with the status in the body, as Khalti does."""

    def __init__(self, secret_key: str = "test_secret_key_khalti"):  # noqa: S107 - a fake's
        super().__init__()
        self.secret_key = secret_key
        self.payments: dict[str, dict] = {}

    @property
    def base_url(self) -> str:
        return f"{self.url}/api/v2/"

    def set_outcome(self, pidx: str, status: str, total_amount: int | None = None) -> None:
        payment = self.payments[pidx]
        payment["status"] = status
        if total_amount is not None:
            payment["total_amount"] = total_amount

    def respond(self, method, path, query, headers, body):
        if headers.get("Authorization") != f"Key {self.secret_key}":
            return 401, {"detail": "Invalid token.", "status_code": 401}, {}
        data = json.loads(body or b"{}")
        if method == "POST" and path == "/api/v2/epayment/initiate/":
            return self._initiate(data)
        if method == "POST" and path == "/api/v2/epayment/lookup/":
            return self._lookup(data)
        return 404, {"detail": "Not found."}, {}

    def _initiate(self, data):
        missing = [
            name
            for name in ("return_url", "website_url", "amount", "purchase_order_id")
            if not data.get(name)
        ]
        if missing:
            errors = {name: ["This field is required."] for name in missing}
            return 400, {**errors, "error_key": "validation_error"}, {}
        if int(data["amount"]) < 1000:
            message = "Amount should be greater than Rs. 10, that is 1000 paisa."
            return 400, {"amount": [message], "error_key": "validation_error"}, {}
        pidx = secrets.token_urlsafe(16)
        self.payments[pidx] = {
            "request": data,
            "status": "Initiated",
            "total_amount": int(data["amount"]),
            "transaction_id": "TX" + secrets.token_hex(8).upper(),
        }
        return (
            200,
            {
                "pidx": pidx,
                "payment_url": f"{self.url}/pay/?pidx={pidx}",
                "expires_at": "2030-01-01T00:30:00+05:45",
                "expires_in": 1800,
            },
            {},
        )

    def _lookup(self, data):
        payment = self.payments.get(data.get("pidx"))
        if payment is None:
            return 404, {"detail": "Not found.", "error_key": "validation_error"}, {}
        status = payment["status"]
        answer = {
            "pidx": data["pidx"],
            "total_amount": payment["total_amount"],
            "status": status,
            "transaction_id": payment["transaction_id"] if status == "Completed" else None,
            "fee": 0,
            "refunded": status in ("Refunded", "Partially Refunded"),
        }
        return (400 if status in ("Expired", "User canceled") else 200), answer, {}


# --- eSewa ------------------------------------------------------------------------------------


def esewa_signature(fields: dict, names, secret: str = ESEWA_TEST_SECRET) -> str:
    message = ",".join(f"{name}={fields[name]}" for name in names)
    return base64.b64encode(hmac.new(secret.encode(), message.encode(), "sha256").digest()).decode()


def esewa_answer(
    *,
    transaction_uuid: str,
    total_amount,
    status: str = "COMPLETE",
    product_code: str = "EPAYTEST",
    secret: str = ESEWA_TEST_SECRET,
    transaction_code: str = "000AWEO",
) -> str:
    """The `data` query parameter eSewa appends to `success_url`: base64 JSON signed over its
    own `signed_field_names`, in order."""
    answer = {
        "transaction_code": transaction_code,
        "status": status,
        "total_amount": total_amount,
        "transaction_uuid": transaction_uuid,
        "product_code": product_code,
        "signed_field_names": ",".join(ESEWA_ANSWER_FIELDS),
    }
    answer["signature"] = esewa_signature(answer, ESEWA_ANSWER_FIELDS, secret)
    return base64.b64encode(json.dumps(answer).encode()).decode()


class EsewaFake(FakeProvider):
    """eSewa's form (`POST /api/epay/main/v2/form`, checks the signature and redirects to
    `success_url?data=` or `failure_url`) and status API
    (`GET /api/epay/transaction/status/?product_code&total_amount&transaction_uuid`)."""

    def __init__(self, product_code: str = "EPAYTEST", secret_key: str = ESEWA_TEST_SECRET):
        super().__init__()
        self.product_code = product_code
        self.secret_key = secret_key
        # transaction_uuid -> {"status": ..., "total_amount": float}
        self.transactions: dict[str, dict] = {}
        self.form_outcome = "COMPLETE"

    @property
    def form_url(self) -> str:
        return f"{self.url}/api/epay/main/v2/form"

    @property
    def status_url(self) -> str:
        return f"{self.url}/api/epay/transaction/status/"

    def set_status(self, transaction_uuid: str, status: str, total_amount) -> None:
        self.transactions[transaction_uuid] = {"status": status, "total_amount": total_amount}

    def respond(self, method, path, query, headers, body):
        if method == "GET" and path == "/api/epay/transaction/status/":
            return self._status({name: values[0] for name, values in query.items()})
        if method == "POST" and path == "/api/epay/main/v2/form":
            form = {name: values[0] for name, values in parse_qs(body.decode()).items()}
            return self._form(form)
        return 404, {"error_message": "Not found"}, {}

    def _status(self, query):
        uuid = query.get("transaction_uuid", "")
        known = self.transactions.get(uuid)
        amount = float(query.get("total_amount", "0").replace(",", ""))
        if known is None or float(known["total_amount"]) != amount:
            status, amount_out, ref = "NOT_FOUND", amount, None
        else:
            status, amount_out = known["status"], float(known["total_amount"])
            ref = "000AWEO" if status == "COMPLETE" else None
        answer = {
            "product_code": query.get("product_code"),
            "transaction_uuid": uuid,
            "total_amount": amount_out,
            "status": status,
            "ref_id": ref,
        }
        return 200, answer, {}

    def _form(self, form):
        names = form.get("signed_field_names", "").split(",")
        try:
            expected = esewa_signature(form, names, self.secret_key)
        except KeyError:
            expected = ""
        if not hmac.compare_digest(expected, form.get("signature", "")):
            return 400, b"Invalid payload signature.", {"Content-Type": "text/plain"}
        uuid, total = form["transaction_uuid"], float(form["total_amount"])
        self.set_status(uuid, self.form_outcome, total)
        if self.form_outcome != "COMPLETE":
            return 302, b"", {"Location": form["failure_url"]}
        data = esewa_answer(
            transaction_uuid=uuid,
            total_amount=total,
            product_code=self.product_code,
            secret=self.secret_key,
        )
        separator = "&" if "?" in form["success_url"] else "?"
        location = f"{form['success_url']}{separator}{urlencode({'data': data})}"
        return 302, b"", {"Location": location}


# --- Stripe -----------------------------------------------------------------------------------


def stripe_signature_header(body: bytes, secret: str, timestamp: int | None = None) -> str:
    """`Stripe-Signature` as Stripe sends it: `t=<ts>,v1=<hex HMAC-SHA256 of "<ts>.<body>">`."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    signed = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def stripe_event(event_type: str, session: dict, event_id: str | None = None) -> bytes:
    """A webhook body as Stripe posts it: an event wrapping the Checkout Session."""
    event = {
        "id": event_id or "evt_" + secrets.token_hex(12),
        "object": "event",
        "api_version": "2025-01-27.acacia",
        "created": int(time.time()),
        "type": event_type,
        "livemode": False,
        "pending_webhooks": 1,
        "data": {"object": session},
    }
    return json.dumps(event).encode()


LINE_ITEM = re.compile(r"^line_items\[(\d+)\]\[(quantity|price_data\]\[unit_amount)\]$")


class StripeFake(FakeProvider):
    """`POST /v1/checkout/sessions` (form-encoded, `Authorization: Bearer <key>`, honours
    `Idempotency-Key`) and `GET /v1/checkout/sessions/<id>`."""

    def __init__(self, secret_key: str = "sk_test_vantor"):  # noqa: S107 - a fake's
        super().__init__()
        self.secret_key = secret_key
        self.sessions: dict[str, dict] = {}
        self.idempotent: dict[str, str] = {}

    def pay(self, session_id: str, amount_total: int | None = None) -> dict:
        session = self.sessions[session_id]
        session.update(status="complete", payment_status="paid")
        session["payment_intent"] = "pi_" + secrets.token_hex(12)
        if amount_total is not None:
            session["amount_total"] = amount_total
        return dict(session)

    def expire(self, session_id: str) -> dict:
        self.sessions[session_id].update(status="expired")
        return dict(self.sessions[session_id])

    def respond(self, method, path, query, headers, body):
        if headers.get("Authorization") != f"Bearer {self.secret_key}":
            return 401, self._error("Invalid API Key provided.", "invalid_request_error"), {}
        if method == "POST" and path == "/v1/checkout/sessions":
            key = headers.get("Idempotency-Key")
            if key and key in self.idempotent:
                return 200, self.sessions[self.idempotent[key]], {"Idempotent-Replayed": "true"}
            session = self._create({k: v[0] for k, v in parse_qs(body.decode()).items()})
            if key:
                self.idempotent[key] = session["id"]
            return 200, session, {}
        if method == "GET" and path.startswith("/v1/checkout/sessions/"):
            session = self.sessions.get(path.rsplit("/", 1)[1])
            if session is None:
                return 404, self._error("No such checkout.session", "invalid_request_error"), {}
            return 200, session, {}
        return 404, self._error("Unrecognized request URL.", "invalid_request_error"), {}

    @staticmethod
    def _error(message: str, kind: str) -> dict:
        return {"error": {"message": message, "type": kind}}

    def _create(self, form: dict) -> dict:
        lines: dict[str, dict] = {}
        for name, value in form.items():
            match = LINE_ITEM.match(name)
            if match:
                lines.setdefault(match[1], {})[match[2].split("][")[-1]] = int(value)
        session_id = "cs_test_" + secrets.token_hex(16)
        session = {
            "id": session_id,
            "object": "checkout.session",
            "amount_total": sum(line["unit_amount"] * line["quantity"] for line in lines.values()),
            "currency": form.get("line_items[0][price_data][currency]"),
            "client_reference_id": form.get("client_reference_id"),
            "customer_email": form.get("customer_email"),
            "metadata": {
                name[len("metadata[") : -1]: value
                for name, value in form.items()
                if name.startswith("metadata[")
            },
            "mode": form.get("mode"),
            "payment_intent": None,
            "payment_status": "unpaid",
            "status": "open",
            "success_url": form.get("success_url"),
            "cancel_url": form.get("cancel_url"),
            "url": f"{self.url}/c/pay/{session_id}",
        }
        self.sessions[session_id] = session
        return session
