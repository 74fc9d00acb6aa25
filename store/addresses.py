"""Postal addresses, shared by orders (where a sale ships) and profiles (where a shopper ships
by default): the countries we ship to, the address fields in form order, and the HTML
autocomplete tokens that let browsers fill them."""

from django.db import models

# ISO 3166-1 alpha-2 codes we ship to; Nepal first because most orders go there.
COUNTRIES = [
    ("NP", "Nepal"),
    ("IN", "India"),
    ("BD", "Bangladesh"),
    ("BT", "Bhutan"),
    ("LK", "Sri Lanka"),
    ("AU", "Australia"),
    ("CA", "Canada"),
    ("DE", "Germany"),
    ("FR", "France"),
    ("JP", "Japan"),
    ("SG", "Singapore"),
    ("AE", "United Arab Emirates"),
    ("GB", "United Kingdom"),
    ("US", "United States"),
]
DEFAULT_COUNTRY = "NP"

# The address, in form order; checkout, the profile and the admin export share them.
ADDRESS_FIELDS = (
    "address_line1",
    "address_line2",
    "city",
    "state_province",
    "postal_code",
    "country",
)

# HTML autocomplete tokens, so browsers and password managers fill the address correctly.
ADDRESS_AUTOCOMPLETE = {
    "address_line1": "address-line1",
    "address_line2": "address-line2",
    "city": "address-level2",
    "state_province": "address-level1",
    "postal_code": "postal-code",
    "country": "country",
}
CONTACT_AUTOCOMPLETE = {
    "email": "email",
    "first_name": "given-name",
    "last_name": "family-name",
    "phone": "tel",
}
AUTOCOMPLETE = {**CONTACT_AUTOCOMPLETE, **ADDRESS_AUTOCOMPLETE}


class AddressFields(models.Model):
    """The address columns of a model that ships somewhere. The first line and the city are
    required; a model that may be saved without an address (a profile) redeclares those two
    with `blank=True`."""

    address_line1 = models.CharField("address", max_length=200)
    address_line2 = models.CharField("apartment, suite, etc.", max_length=200, blank=True)
    city = models.CharField(max_length=100)
    state_province = models.CharField("state or province", max_length=100, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=2, choices=COUNTRIES, default=DEFAULT_COUNTRY)

    class Meta:
        abstract = True
