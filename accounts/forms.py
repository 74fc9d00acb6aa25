from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)

from store.addresses import ADDRESS_FIELDS, AUTOCOMPLETE

from .models import Profile

User = get_user_model()


class AccessibleErrorsMixin:
    """Points each invalid field at its error message, so screen readers announce it.

    The template renders the message as `<p id="<field id>_error">`; Django already marks the
    input `aria-invalid` and links its help text.
    """

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            described = [f"{bound.auto_id}_error"]
            if bound.help_text:
                described.append(f"{bound.auto_id}_helptext")
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)


class LoginForm(AccessibleErrorsMixin, AuthenticationForm):
    """Email and password. The field keeps Django's name, `username`, which axes reads."""

    username = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That email address and password don’t match an account.",
    }


class RegistrationForm(AccessibleErrorsMixin, forms.ModelForm):
    """A new shopper: email, name, and a password typed twice and checked by the validators."""

    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Confirm password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = User
        fields = ["email", "first_name", "last_name"]
        labels = {"email": "Email address"}
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account with this email address already exists. Sign in, or reset your "
                "password if you have forgotten it."
            )
        return email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The two passwords don’t match.")
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        # Validate against the filled-in user so "too similar to your email" can be caught.
        password = self.cleaned_data.get("password2")
        if password and "password2" not in self.errors:
            try:
                password_validation.validate_password(password, self.instance)
            except forms.ValidationError as error:
                self.add_error("password1", error)

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_password(self.cleaned_data["password1"])
        if commit:
            user.save()
        return user


class ProfileForm(AccessibleErrorsMixin, forms.ModelForm):
    """The shopper's name (on the user) with phone and default address (on the profile)."""

    first_name = forms.CharField(
        max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )

    class Meta:
        model = Profile
        fields = ["phone", *ADDRESS_FIELDS]
        widgets = {
            "phone": forms.TextInput(attrs={"autocomplete": AUTOCOMPLETE["phone"], "type": "tel"}),
            **{
                name: forms.TextInput(attrs={"autocomplete": AUTOCOMPLETE[name]})
                for name in ADDRESS_FIELDS
                if name != "country"
            },
            "country": forms.Select(attrs={"autocomplete": AUTOCOMPLETE["country"]}),
        }
        help_texts = {"phone": "For the courier, if they can’t find you."}

    field_order = ["first_name", "last_name", *Meta.fields]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance.user
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name

    def save(self, commit=True):
        profile = super().save(commit=False)
        user = profile.user
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        if commit:
            user.save(update_fields=["first_name", "last_name"])
            profile.save()
        return profile


class AccountPasswordChangeForm(AccessibleErrorsMixin, PasswordChangeForm):
    pass


class AccountPasswordResetForm(AccessibleErrorsMixin, PasswordResetForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class AccountSetPasswordForm(AccessibleErrorsMixin, SetPasswordForm):
    pass
