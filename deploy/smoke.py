"""End-to-end smoke test of the running stack (`python -m deploy.stack smoke`, `make stack-smoke`).

Over HTTPS through nginx, as a shopper: place an order and see its email arrive through the
worker, see a product image served from the S3 fake; then the faults, each checking what the
shopper saw and that nothing was lost. Each check prints one line; the exit status is the number
of checks that failed.
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import time
import traceback
from html import unescape
from html.parser import HTMLParser

import psycopg
import requests

from deploy.stack import DEPLOY_DIR, Stack, wait_for

CUSTOMER = {
    "first_name": "Asha",
    "last_name": "Gurung",
    "phone": "+977 9800000000",
    "address_line1": "Jhamsikhel Road 12",
    "address_line2": "",
    "city": "Lalitpur",
    "state_province": "Bagmati",
    "postal_code": "44600",
    "country": "NP",
    "notes": "",
}
CHECKOUT_WITHIN_SECONDS = 2.0
ADMIN_EMAIL = "admin@vantor.example"  # the user load_demo_store creates
BASH = shutil.which("bash") or "/bin/bash"


class FormParser(HTMLParser):
    """The forms of a page: action, and each field's current value."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.forms.append({"action": attrs.get("action", ""), "fields": {}})
        elif self.forms and tag in ("input", "select", "textarea") and attrs.get("name"):
            fields = self.forms[-1]["fields"]
            kind = attrs.get("type", "text")
            if kind in ("radio", "checkbox") and "checked" not in attrs:
                fields.setdefault(attrs["name"], attrs.get("value", ""))
            elif kind not in ("submit", "button"):
                fields[attrs["name"]] = attrs.get("value", "")


def forms_of(html: str) -> list[dict]:
    parser = FormParser()
    parser.feed(html)
    return parser.forms


class SourceAddressAdapter(requests.adapters.HTTPAdapter):
    """Connect from a given loopback address (127.0.0.2, ...): another client, as nginx sees it."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


class Shopper:
    """One browser: a cookie jar talking HTTPS to nginx, trusting the stack's certificate."""

    def __init__(self, stack: Stack, address: str | None = None) -> None:
        self.stack = stack
        self.http = requests.Session()
        # Per request: a session-wide `verify` loses to REQUESTS_CA_BUNDLE from the environment.
        self.verify = str(stack.cert)
        if address:
            self.http.mount("https://", SourceAddressAdapter(address))

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.http.get(self.stack.url + path, timeout=90, verify=self.verify, **kwargs)

    def post_form(self, page: str, action_pattern: str, data: dict) -> requests.Response:
        html = self.get(page).text
        form = next(f for f in forms_of(html) if re.search(action_pattern, f["action"]))
        fields = {**form["fields"], **data}
        action = unescape(form["action"]) or page
        return self.http.post(
            self.stack.url + action,
            data=fields,
            headers={"Referer": self.stack.url + page},
            verify=self.verify,
            timeout=90,
        )

    def add_to_cart(self, product_url: str) -> requests.Response:
        response = self.post_form(product_url, r"/cart/add/\d+/", {})
        assert response.status_code == 200, response.status_code
        return response

    def checkout(self, email: str) -> tuple[requests.Response, float]:
        started = time.monotonic()
        response = self.post_form("/checkout/", r"checkout|^$", {**CUSTOMER, "email": email})
        return response, time.monotonic() - started

    def cart_count(self) -> int:
        html = self.get("/cart/").text
        return len(re.findall(r'action="/cart/remove/\d+/"', html))


def product_urls(stack: Stack) -> list[str]:
    home = requests.get(stack.url + "/", verify=str(stack.cert), timeout=90).text
    categories = sorted(set(re.findall(r'href="(/shop/[\w-]+/)"', home)))
    urls: list[str] = []
    for category in categories[:3]:
        page = requests.get(stack.url + category, verify=str(stack.cert), timeout=90).text
        urls += re.findall(rf'href="({re.escape(category)}[\w-]+/)"', page)
    assert urls, "no product links found"
    return sorted(set(urls))


def mail_to(stack: Stack, address: str) -> list[str]:
    return [
        path.read_text(errors="replace")
        for path in stack.mail.glob("*.eml")
        if address in path.read_text(errors="replace")
    ]


def order_exists(database_url: str, address: str) -> bool:
    with psycopg.connect(database_url, autocommit=True) as connection:
        row = connection.execute("SELECT 1 FROM shop_order WHERE email = %s", (address,))
        return row.fetchone() is not None


def place_order(stack: Stack, product: str, address: str) -> tuple[requests.Response, float]:
    shopper = Shopper(stack)
    shopper.add_to_cart(product)
    response, seconds = shopper.checkout(address)
    assert response.status_code == 200, response.status_code
    assert "/orders/" in response.url, f"checkout did not reach the order page: {response.url}"
    return response, seconds


# --- the checks ------------------------------------------------------------------------------


def check_order_email_arrives_through_the_worker(stack, products):
    place_order(stack, products[0], "first@example.com")
    wait_for(lambda: mail_to(stack, "first@example.com"), "confirmation email", 120)
    return "order placed over HTTPS; confirmation email delivered by the worker"


def check_http_redirects_to_https_with_hsts(stack, products):
    plain = requests.get(
        f"http://127.0.0.1:{stack.ports['http']}/", allow_redirects=False, timeout=90
    )
    assert plain.status_code == 301 and plain.headers["Location"].startswith("https://")
    secure = Shopper(stack).get("/")
    assert "max-age=" in secure.headers.get("Strict-Transport-Security", "")
    return "HTTP answers 301 to HTTPS; HTTPS carries HSTS"


def check_product_image_is_served_from_s3(stack, products):
    html = Shopper(stack).get(products[0]).text
    prefix = f"http://127.0.0.1:{stack.ports['s3']}/"
    images = re.findall(rf'(?:src|srcset)="({re.escape(prefix)}[^" ]+)', html)
    assert images, "no image URL on the S3 fake in the product page"
    response = requests.get(unescape(images[0]), timeout=90)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("image/")
    return f"product image uploaded to the S3 fake and served ({len(response.content)} bytes)"


def check_two_app_servers_share_sessions_and_carts(stack, products):
    shopper = Shopper(stack)
    shopper.add_to_cart(products[1])
    cookie = "; ".join(f"{c.name}={c.value}" for c in shopper.http.cookies)
    headers = {"Cookie": cookie, "X-Forwarded-Proto": "https", "Host": "localhost"}
    counts = []
    for name in ("app1", "app2"):
        page = requests.get(
            f"http://127.0.0.1:{stack.ports[name]}/cart/", headers=headers, timeout=90
        )
        counts.append(len(re.findall(r'action="/cart/remove/\d+/"', page.text)))
    assert counts == [1, 1], counts
    return "one session cookie sees the same cart on both gunicorn instances"


def check_redis_stopped(stack, products):
    shopper = Shopper(stack)
    shopper.add_to_cart(products[2])
    stack.stop("redis")
    try:
        for path in ("/", products[0], "/cart/", "/search/?q=serum"):
            status = shopper.get(path).status_code
            assert status == 200, f"{path} answered {status} with Redis stopped"
        assert shopper.cart_count() == 1, "cart lost with Redis stopped"
        place_order(stack, products[3], "redis-down@example.com")
    finally:
        stack.start_redis()
    assert shopper.cart_count() == 1
    return "Redis stopped: pages 200, cart kept, an order placed; Redis back"


def check_postgres_stopped_and_started(stack, products):
    shopper = Shopper(stack)
    shopper.add_to_cart(products[4])
    stack.postgres.pause()
    try:
        page = shopper.get("/")
        assert page.status_code == 503, page.status_code
        assert page.headers.get("Retry-After"), "no Retry-After"
        assert "back in a moment" in page.text
        assert shopper.get("/healthz/").status_code == 200
        ready = shopper.get("/readyz/")
        assert ready.status_code == 503 and "database" in ready.json()["down"], ready.text[:300]
    finally:
        stack.postgres.resume()
    wait_for(lambda: shopper.get("/").status_code == 200, "recovery after PostgreSQL", 30)
    assert shopper.get("/readyz/").status_code == 200
    assert shopper.cart_count() == 1, "cart lost across the database outage"
    return (
        "PostgreSQL stopped: 503 + Retry-After, /healthz/ 200, /readyz/ 503; back without restart"
    )


def check_mail_down_then_up(stack, products):
    stack.stop("smtp")
    try:
        place_order(stack, products[5], "mail-down@example.com")
        time.sleep(5)  # the worker's first attempt fails now; shop.tasks queues a retry
        assert not mail_to(stack, "mail-down@example.com")
    finally:
        stack.start_smtp()
    wait_for(lambda: mail_to(stack, "mail-down@example.com"), "email after mail is back", 180, 2)
    return "mail server down: order placed, email delivered by a retry once it was back"


def check_mail_silent_and_worker_killed_mid_task(stack, products):
    stack.stop("smtp")
    stack.start_smtp(silent=True)
    try:
        _, seconds = place_order(stack, products[6], "silent@example.com")
        assert seconds < CHECKOUT_WITHIN_SECONDS, f"checkout took {seconds:.1f} s"
        # The worker is mid-task once the silent server has its connection.
        wait_for(lambda: (stack.mail / "connections.log").exists(), "worker connected", 60)
        stack.stop("worker", signal.SIGKILL)
    finally:
        stack.stop("smtp")
        stack.start_smtp()
    stack.start_worker()  # re-queues the interrupted task first, as the systemd unit does
    wait_for(lambda: mail_to(stack, "silent@example.com"), "email after worker restart", 90, 1)
    return (
        f"silent mail server: checkout answered in {seconds:.2f} s; worker killed mid-task, "
        "email sent after its restart"
    )


def check_lockout_keys_on_the_client_behind_nginx(stack, products):
    def sign_in(shopper: Shopper, password: str) -> requests.Response:
        data = {"username": ADMIN_EMAIL, "password": password}
        return shopper.post_form("/accounts/login/", r"/accounts/login/", data)

    attacker, owner = Shopper(stack, "127.0.0.2"), Shopper(stack, "127.0.0.3")
    for _ in range(5):
        sign_in(attacker, "not-the-password")
    locked = sign_in(attacker, stack.admin_password)
    assert "/accounts/login/" in locked.url or locked.status_code == 429, locked.url
    signed_in = sign_in(owner, stack.admin_password)
    assert signed_in.status_code == 200 and "/accounts/login/" not in signed_in.url, signed_in.url
    return "5 bad passwords from one client lock that client only; another signs in"


def check_backup_restores_into_a_fresh_database(stack, products):
    env = stack.env()
    backups = stack.root / "backups"
    dump = subprocess.run(  # noqa: S603
        [BASH, str(DEPLOY_DIR / "backup.sh"), str(backups)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    cluster = stack.postgres
    subprocess.run(  # noqa: S603
        [str(cluster.bin / "createdb"), "--host", str(cluster.root), "-U", "postgres"]
        + ["vantor_restore"],
        check=True,
        capture_output=True,
    )
    restored_url = stack.database_url.rsplit("/", 1)[0] + "/vantor_restore"
    subprocess.run(  # noqa: S603
        [BASH, str(DEPLOY_DIR / "restore.sh"), dump],
        env={**env, "DATABASE_URL": restored_url},
        capture_output=True,
        check=True,
    )
    assert order_exists(restored_url, "first@example.com")
    return "pg_dump backup restored into a fresh database; the first order is there"


CHECKS = [
    check_order_email_arrives_through_the_worker,
    check_http_redirects_to_https_with_hsts,
    check_product_image_is_served_from_s3,
    check_two_app_servers_share_sessions_and_carts,
    check_redis_stopped,
    check_postgres_stopped_and_started,
    check_mail_down_then_up,
    check_mail_silent_and_worker_killed_mid_task,
    check_lockout_keys_on_the_client_behind_nginx,
    check_backup_restores_into_a_fresh_database,
]


def run_smoke(stack: Stack) -> int:
    products = product_urls(stack)
    failures = 0
    for check in CHECKS:
        started = time.monotonic()
        try:
            result = check(stack, products)
            print(f"PASS {check.__name__} ({time.monotonic() - started:.1f} s): {result}")
        except Exception as error:  # noqa: BLE001 - report every check, then fail
            failures += 1
            lines = traceback.format_exception(error, chain=False, limit=-3)
            print(f"FAIL {check.__name__}:\n{''.join(lines)}")
        print(flush=True, end="")
    print(f"Logs in {stack.logs}")
    # The plain closing line CI reads as this run's verdict.
    print(f"smoke: {len(CHECKS) - failures} passed, {failures} failed")
    return failures
