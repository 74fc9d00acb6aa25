from django import forms

from store.addresses import AUTOCOMPLETE

from .models import CUSTOMER_FIELDS, Order
from .payments import DEFAULT_METHOD, payment_choices


class CheckoutForm(forms.ModelForm):
    """The shopper's contact details, delivery address and payment method."""

    payment_method = forms.ChoiceField(
        choices=payment_choices, initial=DEFAULT_METHOD, widget=forms.RadioSelect
    )

    class Meta:
        model = Order
        fields = list(CUSTOMER_FIELDS)
        labels = {"email": "Email", "phone": "Phone", "notes": "Notes for the courier (optional)"}
        help_texts = {
            "email": "We send your order confirmation here.",
            "phone": "The courier calls this number before delivery.",
        }
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, token in AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        self.fields["address_line2"].label = "Apartment, suite, etc. (optional)"
        self.fields["state_province"].label = "State or province (optional)"
        self.fields["postal_code"].label = "Postal code (optional)"

    def full_clean(self):
        super().full_clean()
        # Screen readers announce the error with the field (Django adds aria-invalid itself).
        for name in self.errors:
            if name in self.fields and name != "payment_method":
                described_by = [f"id_{name}_error"]
                if self.fields[name].help_text:
                    described_by.append(f"id_{name}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(described_by)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def customer(self) -> dict:
        """The cleaned details for `place_order`."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}
