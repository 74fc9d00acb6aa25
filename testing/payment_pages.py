"""The providers' hosted payment pages, for the Khalti and Stripe fakes of
`testing.payment_fakes`: what the real sandbox does after the shopper logs in and pays (or
gives up), reduced to a redirect back to our return URL.

- Khalti: `GET /pay/?pidx=` settles the payment as `page_outcome` ("Completed" by default,
  or e.g. "User canceled") and redirects to `return_url?pidx=&status=&...`, as Khalti does.
- Stripe: `GET /c/pay/<session id>` pays the session (or not, when `page_outcome` is
  "cancel") and redirects to `success_url` with `{CHECKOUT_SESSION_ID}` filled in, or to
  `cancel_url`.
"""

from __future__ import annotations

from urllib.parse import urlencode

from .payment_fakes import KhaltiFake, StripeFake


def _redirect(url: str, query: dict | None = None) -> tuple[int, bytes, dict]:
    if query:
        url = f"{url}{'&' if '?' in url else '?'}{urlencode(query)}"
    return 302, b"", {"Location": url}


class KhaltiWithPage(KhaltiFake):
    page_outcome = "Completed"

    def respond(self, method, path, query, headers, body):
        if method == "GET" and path == "/pay/":
            return self._page(query.get("pidx", [""])[0])
        return super().respond(method, path, query, headers, body)

    def _page(self, pidx: str):
        payment = self.payments.get(pidx)
        if payment is None:
            return 404, b"No such payment.", {"Content-Type": "text/plain"}
        payment["status"] = self.page_outcome
        request = payment["request"]
        completed = self.page_outcome == "Completed"
        return _redirect(
            request["return_url"],
            {
                "pidx": pidx,
                "status": self.page_outcome,
                "transaction_id": payment["transaction_id"] if completed else "",
                "amount": payment["total_amount"],
                "total_amount": payment["total_amount"],
                "purchase_order_id": request["purchase_order_id"],
                "purchase_order_name": request.get("purchase_order_name", ""),
            },
        )


class StripeWithPage(StripeFake):
    page_outcome = "pay"

    def respond(self, method, path, query, headers, body):
        if method == "GET" and path.startswith("/c/pay/"):
            session = self.sessions.get(path.rsplit("/", 1)[1])
            if session is None:
                return 404, b"No such session.", {"Content-Type": "text/plain"}
            if self.page_outcome != "pay":
                return _redirect(session["cancel_url"])
            self.pay(session["id"])
            return _redirect(session["success_url"].replace("{CHECKOUT_SESSION_ID}", session["id"]))
        return super().respond(method, path, query, headers, body)
