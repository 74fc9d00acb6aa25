from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from store.http import safe_next_url
from store.models import StoreSettings

from .forms import (
    AccountPasswordChangeForm,
    AccountPasswordResetForm,
    AccountSetPasswordForm,
    LoginForm,
    ProfileForm,
    RegistrationForm,
)
from .models import Profile
from .selectors import orders_for_shopper


def _safe_next(request) -> str:
    """The `next` URL if it stays on this site, else an empty string."""
    return safe_next_url(request, [request.POST.get("next") or request.GET.get("next")])


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def register(request):
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome to Vantor, {user.first_name}. You’re signed in.")
        return redirect(_safe_next(request) or reverse("accounts:profile"))
    return render(request, "accounts/register.html", {"form": form, "next": _safe_next(request)})


class LoginView(auth_views.LoginView):
    """Email and password; `next` is honoured only for this site's own URLs (Django checks it
    with url_has_allowed_host_and_scheme). Lockouts are django-axes' (see settings)."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True
    next_page = reverse_lazy("accounts:profile")


@require_http_methods(["GET", "POST"])
def logout_view(request):
    """A GET only asks; signing out is a POST, so a link or an image cannot sign anyone out."""
    if request.method == "POST":
        logout(request)
        messages.success(request, "You’re signed out.")
        return redirect("/")
    return render(request, "accounts/logout.html")


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    instance = Profile.for_user(request.user)
    form = ProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your details are saved.")
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form, "section": "profile"})


@sensitive_post_parameters()
@login_required
@require_http_methods(["GET", "POST"])
def password_change(request):
    form = AccountPasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)  # Stay signed in on this device.
        messages.success(request, "Your password is changed.")
        return redirect("accounts:profile")
    return render(request, "accounts/password_change.html", {"form": form, "section": "password"})


@login_required
def order_history(request):
    """The signed-in shopper's own orders, newest first. Guest orders placed with the same email
    before the account existed are not shown: owning an inbox was never proven."""
    return render(
        request,
        "accounts/orders.html",
        {"orders": orders_for_shopper(user=request.user), "section": "orders"},
    )


class PasswordResetView(auth_views.PasswordResetView):
    form_class = AccountPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # Name the store, not the host, in the email.
        self.extra_email_context = {"site_name": StoreSettings.for_request(self.request).store_name}
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = AccountSetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
