"""How django-axes names the account being signed in to (see AXES_USERNAME_CALLABLE)."""


def attempted_email(request, credentials=None) -> str:
    """The email address tried, lower-cased, so "A@x.com" and "a@x.com" count as one account.

    Both the shop's login form and the Wagtail admin's post it as `username`.
    """
    source = credentials if credentials else getattr(request, "POST", {})
    return (source.get("username") or source.get("email") or "").strip().lower()
