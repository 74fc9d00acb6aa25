"""Exports staff open in a spreadsheet: what a shopper typed is never a formula there."""

import csv
import io

import pytest
from django.urls import reverse

from shop.tests.helpers import make_order  # noqa: F401 - fixture
from store.exports import neutralise

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_shop_order:list"


@pytest.mark.parametrize(
    "typed", ['=HYPERLINK("https://evil.example","Click")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"]
)
def test_text_a_spreadsheet_would_run_becomes_plain_text(typed):
    assert neutralise(typed) == "'" + typed


@pytest.mark.parametrize("value", ["Asha", "", 42, None])
def test_other_values_are_left_alone(value):
    assert neutralise(value) == value


def test_order_csv_export_neutralises_a_formula_typed_at_checkout(
    admin_client,
    store,
    make_order,  # noqa: F811 - the fixture imported above
):
    make_order([store.products[0]], first_name='=HYPERLINK("https://evil.example","Hi")')

    response = admin_client.get(reverse(LIST), {"export": "csv"})

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0]["First name"] == '\'=HYPERLINK("https://evil.example","Hi")'
    assert rows[0]["Total"] == "2975.00"  # numbers stay numbers
