"""`safe_next_url` and `redirect_back`: the browser is only ever sent back to this site."""

from django.test import RequestFactory

from store.http import redirect_back, safe_next_url

factory = RequestFactory()


def test_safe_next_url_accepts_a_path_on_this_site():
    request = factory.get("/")
    assert safe_next_url(request, ["/cart/"], "/") == "/cart/"


def test_safe_next_url_refuses_another_host():
    request = factory.get("/")
    assert safe_next_url(request, ["https://evil.example/"], "/home/") == "/home/"


def test_safe_next_url_refuses_a_scheme_relative_url_to_another_host():
    request = factory.get("/")
    assert safe_next_url(request, ["//evil.example/"], "/home/") == "/home/"


def test_safe_next_url_refuses_plain_http_on_a_secure_request():
    request = factory.get("/", secure=True)
    assert safe_next_url(request, ["http://testserver/cart/"], "/") == "/"


def test_safe_next_url_takes_the_first_safe_candidate():
    request = factory.get("/")
    candidates = [None, "", "https://evil.example/", "/shop/", "/cart/"]
    assert safe_next_url(request, candidates, "/") == "/shop/"


def test_safe_next_url_defaults_to_an_empty_string():
    assert safe_next_url(factory.get("/"), [None]) == ""


def test_redirect_back_prefers_the_posted_next():
    request = factory.post("/", {"next": "/shop/"}, headers={"Referer": "/cart/"})
    assert redirect_back(request, "/").url == "/shop/"


def test_redirect_back_falls_back_to_the_referer_on_this_site():
    request = factory.post("/", headers={"Referer": "http://testserver/cart/"})
    assert redirect_back(request, "/").url == "http://testserver/cart/"


def test_redirect_back_ignores_a_referer_from_another_site():
    request = factory.post("/", headers={"Referer": "https://evil.example/"})
    assert redirect_back(request, "/cart/").url == "/cart/"
