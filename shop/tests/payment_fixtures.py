"""Fixtures that start a local fake of each payment provider and point the settings at it.

Import the ones you use by name into the test module (as with `shop.tests.helpers`).
"""

import pytest

from testing.payment_fakes import EsewaFake
from testing.payment_pages import KhaltiWithPage, StripeWithPage

# Short enough that a "slow" fake (1 s) times out quickly; long enough for a loaded machine.
FAKE_TIMEOUT = 0.5


@pytest.fixture
def khalti(settings):
    """A Khalti fake with its payment page, configured as the shop's Khalti."""
    fake = KhaltiWithPage()
    settings.KHALTI_SECRET_KEY = fake.secret_key
    settings.KHALTI_BASE_URL = fake.base_url
    settings.PAYMENT_TIMEOUT = FAKE_TIMEOUT
    yield fake
    fake.close()


@pytest.fixture
def esewa(settings):
    """An eSewa fake (test merchant EPAYTEST), configured and enabled."""
    fake = EsewaFake()
    settings.ESEWA_ENABLED = True
    settings.ESEWA_PRODUCT_CODE = fake.product_code
    settings.ESEWA_SECRET_KEY = fake.secret_key
    settings.ESEWA_FORM_URL = fake.form_url
    settings.ESEWA_STATUS_URL = fake.status_url
    settings.PAYMENT_TIMEOUT = FAKE_TIMEOUT
    yield fake
    fake.close()


@pytest.fixture
def stripe_fake(settings):
    """A Stripe fake with its checkout page and a webhook secret, configured as the shop's
    Stripe."""
    fake = StripeWithPage()
    settings.STRIPE_SECRET_KEY = fake.secret_key
    settings.STRIPE_WEBHOOK_SECRET = "whsec_vantor_test"
    settings.STRIPE_API_BASE = fake.url
    settings.PAYMENT_TIMEOUT = FAKE_TIMEOUT
    yield fake
    fake.close()
