"""Shopper accounts through the test client: register, sign in and out, reset, profile, orders."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from accounts.models import Profile
from shop.tests.helpers import PASSWORD

User = get_user_model()

pytestmark = pytest.mark.django_db


def signed_in_user(client):
    return client.session.get("_auth_user_id")


# --- Register -------------------------------------------------------------------------------


def register_data(**overrides):
    data = {
        "email": "New.Shopper@Example.com",
        "first_name": "Mira",
        "last_name": "Shrestha",
        "password1": "quiet-rosewater-41",
        "password2": "quiet-rosewater-41",
    }
    data.update(overrides)
    return data


def test_register_creates_the_account_and_signs_in(client):
    response = client.post(reverse("accounts:register"), register_data())

    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    user = User.objects.get()
    assert user.email == "new.shopper@example.com"
    assert (user.first_name, user.last_name) == ("Mira", "Shrestha")
    assert user.check_password("quiet-rosewater-41")
    assert signed_in_user(client) == str(user.pk)


def test_register_follows_a_local_next(client):
    response = client.post(reverse("accounts:register"), register_data(next="/checkout/"))
    assert response.url == "/checkout/"


def test_register_ignores_an_offsite_next(client):
    response = client.post(
        reverse("accounts:register"), register_data(next="https://evil.example/")
    )
    assert response.url == reverse("accounts:profile")


def test_register_refuses_mismatched_passwords(client):
    response = client.post(
        reverse("accounts:register"), register_data(password2="something-else-41")
    )

    assert response.status_code == 200
    assert not User.objects.exists()
    assert "The two passwords don’t match." in response.content.decode()
    assert 'aria-describedby="id_password2_error"' in response.content.decode()


def test_register_refuses_a_weak_password(client):
    response = client.post(
        reverse("accounts:register"), register_data(password1="12345678", password2="12345678")
    )

    assert response.status_code == 200
    assert not User.objects.exists()
    assert "This password is entirely numeric." in response.content.decode()


def test_register_refuses_an_email_already_used_in_any_case(client, shopper):
    response = client.post(reverse("accounts:register"), register_data(email=shopper.email.upper()))

    assert response.status_code == 200
    assert User.objects.count() == 1
    assert "already exists" in response.content.decode()


def test_register_errors_are_summarised_with_links_to_fields(client):
    response = client.post(reverse("accounts:register"), register_data(first_name="", email="x"))

    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_first_name"' in html
    assert 'href="#id_email"' in html
    assert 'id="id_first_name_error"' in html


# --- Sign in and out ------------------------------------------------------------------------


def login(client, email, password, **extra):
    return client.post(
        reverse("accounts:login") + extra.pop("query", ""),
        {"username": email, "password": password, **extra},
    )


def test_login_with_email_and_password(client, shopper):
    response = login(client, "Shopper@Example.com", PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    assert signed_in_user(client) == str(shopper.pk)


def test_login_with_a_wrong_password_says_so(client, shopper):
    response = login(client, shopper.email, "wrong password")

    assert response.status_code == 200
    assert signed_in_user(client) is None
    assert "don’t match an account" in response.content.decode()


def test_login_follows_a_local_next(client, shopper):
    response = login(client, shopper.email, PASSWORD, next="/accounts/orders/")
    assert response.url == "/accounts/orders/"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/steal",
        "//evil.example/steal",
        "http://testserver.evil.example/",
        "javascript:alert(1)",
        "/\\evil.example",
    ],
)
def test_login_never_redirects_off_site(client, shopper, target):
    response = login(client, shopper.email, PASSWORD, next=target)

    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")


def test_login_page_keeps_next_in_the_form(client):
    response = client.get(reverse("accounts:login") + "?next=/accounts/orders/")
    assert 'name="next" value="/accounts/orders/"' in response.content.decode()


def test_logout_get_only_asks(client, shopper):
    client.force_login(shopper)

    response = client.get(reverse("accounts:logout"))

    assert response.status_code == 200
    assert "Sign out?" in response.content.decode()
    assert signed_in_user(client) == str(shopper.pk)


def test_logout_post_signs_out(client, shopper):
    client.force_login(shopper)

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert signed_in_user(client) is None


def test_header_links_to_sign_in_or_to_the_account(client, shopper):
    assert "Sign in" in client.get(reverse("accounts:login")).content.decode()
    client.force_login(shopper)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert f'class="account-link" href="{reverse("accounts:profile")}"' in html
    assert "Your account" in html


# --- Pages behind sign-in -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["profile", "password_change", "orders"])
def test_account_pages_send_strangers_to_the_login_page(client, name):
    response = client.get(reverse(f"accounts:{name}"))

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={reverse(f'accounts:{name}')}"


# --- Password reset -------------------------------------------------------------------------


def test_password_reset_by_email(client, shopper):
    response = client.post(reverse("accounts:password_reset"), {"email": "SHOPPER@example.com"})
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [shopper.email]
    assert "Vantor" in message.subject
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", message.body).group(1)

    # Django swaps the token for a session marker and redirects to the form.
    form_url = client.get(link).url
    response = client.post(
        form_url, {"new_password1": "linen-and-cedar-72", "new_password2": "linen-and-cedar-72"}
    )

    assert response.url == reverse("accounts:password_reset_complete")
    shopper.refresh_from_db()
    assert shopper.check_password("linen-and-cedar-72")
    assert client.get(link).context["validlink"] is False


def test_password_reset_for_an_unknown_email_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.com"})

    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


# --- Profile --------------------------------------------------------------------------------


def test_profile_saves_name_phone_and_address(client, shopper):
    client.force_login(shopper)

    response = client.post(
        reverse("accounts:profile"),
        {
            "first_name": "Asha",
            "last_name": "Gurung",
            "phone": "+977 9811111111",
            "address_line1": "Lazimpat 4",
            "address_line2": "",
            "city": "Kathmandu",
            "state_province": "Bagmati",
            "postal_code": "44600",
            "country": "NP",
        },
    )

    assert response.status_code == 302
    shopper.refresh_from_db()
    assert shopper.last_name == "Gurung"
    profile = Profile.objects.get(user=shopper)
    assert profile.phone == "+977 9811111111"
    assert profile.checkout_initial() == {
        "email": shopper.email,
        "first_name": "Asha",
        "last_name": "Gurung",
        "phone": "+977 9811111111",
        "address_line1": "Lazimpat 4",
        "city": "Kathmandu",
        "state_province": "Bagmati",
        "postal_code": "44600",
        "country": "NP",
    }


def test_profile_requires_a_name(client, shopper):
    client.force_login(shopper)

    response = client.post(reverse("accounts:profile"), {"first_name": "", "country": "NP"})

    assert response.status_code == 200
    assert 'href="#id_first_name"' in response.content.decode()


def test_password_change_keeps_the_shopper_signed_in(client, shopper):
    client.force_login(shopper)

    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "saffron-and-oud-93",
            "new_password2": "saffron-and-oud-93",
        },
    )

    assert response.url == reverse("accounts:profile")
    shopper.refresh_from_db()
    assert shopper.check_password("saffron-and-oud-93")
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_password_change_needs_the_old_password(client, shopper):
    client.force_login(shopper)

    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "not it",
            "new_password1": "saffron-and-oud-93",
            "new_password2": "saffron-and-oud-93",
        },
    )

    assert response.status_code == 200
    shopper.refresh_from_db()
    assert shopper.check_password(PASSWORD)


# --- Order history --------------------------------------------------------------------------


def test_order_history_lists_only_own_orders_newest_first(
    client, store, shopper, make_user, make_order
):
    product = store.products[0]
    older = make_order([product], user=shopper)
    newer = make_order([(product, 2)], user=shopper)
    someone_elses = make_order([product], user=make_user(email="other@example.com"))
    guest_with_same_email = make_order([product], email=shopper.email)
    client.force_login(shopper)

    response = client.get(reverse("accounts:orders"))

    assert list(response.context["orders"]) == [newer, older]
    html = response.content.decode()
    assert reverse("shop:order_detail", args=[newer.order_number]) in html
    assert str(someone_elses.order_number) not in html
    assert str(guest_with_same_email.order_number) not in html
    assert html.index(newer.short_number) < html.index(older.short_number)


def test_order_history_when_there_are_none(client, shopper):
    client.force_login(shopper)
    response = client.get(reverse("accounts:orders"))
    assert "You haven’t placed an order" in response.content.decode()


def test_own_order_page_is_visible_to_its_owner(client, store, shopper, make_order):
    order = make_order([store.products[0]], user=shopper)
    client.force_login(shopper)

    response = client.get(reverse("shop:order_detail", args=[order.order_number]))

    assert response.status_code == 200


def test_another_shoppers_order_page_is_404(client, store, shopper, make_user, make_order):
    order = make_order([store.products[0]], user=make_user(email="other@example.com"))
    client.force_login(shopper)

    response = client.get(reverse("shop:order_detail", args=[order.order_number]))

    assert response.status_code == 404
