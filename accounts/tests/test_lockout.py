"""django-axes: five failed sign-ins for one email from one address lock that pair out."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from shop.tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db


def attempt(client, email, password, **extra):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, **extra
    )


def fail(client, email, times, **extra):
    for _ in range(times):
        response = attempt(client, email, "wrong password", **extra)
    return response


def test_four_failures_still_allow_the_right_password(client, shopper):
    assert fail(client, shopper.email, 4).status_code == 200

    response = attempt(client, shopper.email, PASSWORD)

    assert response.status_code == 302


def test_fifth_failure_locks_out_with_a_clear_message(client, shopper):
    response = fail(client, shopper.email, 5)

    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many attempts" in html
    assert "for 15 minutes" in html
    assert reverse("accounts:password_reset") in html


def test_locked_out_pair_is_refused_even_with_the_right_password(client, shopper):
    fail(client, shopper.email, 5)

    response = attempt(client, shopper.email, PASSWORD)

    assert response.status_code == 429
    assert client.session.get("_auth_user_id") is None


def test_lockout_ignores_the_case_of_the_email(client, shopper):
    fail(client, shopper.email.upper(), 5)

    assert attempt(client, shopper.email, PASSWORD).status_code == 429


def test_lockout_is_per_address(client, shopper):
    fail(client, shopper.email, 5)

    response = attempt(client, shopper.email, PASSWORD, REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 302


def test_lockout_is_per_account(client, shopper, make_user):
    other = make_user(email="other@example.com")
    fail(client, shopper.email, 5)

    assert attempt(client, other.email, PASSWORD).status_code == 302


def test_lockout_ends_after_fifteen_minutes(client, shopper):
    fail(client, shopper.email, 5)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )

    assert attempt(client, shopper.email, PASSWORD).status_code == 302


def test_wagtail_admin_login_still_works(client, make_user):
    make_user(email="staff@vantor.example", is_staff=True, is_superuser=True)

    response = client.post(
        reverse("wagtailadmin_login"), {"username": "staff@vantor.example", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_wagtail_admin_login_locks_out_too(client, make_user):
    make_user(email="staff@vantor.example", is_staff=True, is_superuser=True)
    for _ in range(5):
        client.post(
            reverse("wagtailadmin_login"), {"username": "staff@vantor.example", "password": "x"}
        )

    response = client.post(
        reverse("wagtailadmin_login"), {"username": "staff@vantor.example", "password": PASSWORD}
    )

    assert response.status_code == 429


def test_test_client_login_still_works_without_a_request(client, shopper):
    # Sign-ins without a request (client.login, scripts) bypass axes rather than crash.
    assert client.login(username=shopper.email, password=PASSWORD)
