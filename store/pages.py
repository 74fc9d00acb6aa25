"""Behaviour shared by every page type of the store."""

from .wagtail.view_restrictions import OneQueryViewRestrictionsMixin


class StorePageMixin(OneQueryViewRestrictionsMixin):
    """Mixed into each of our page models, before `Page`."""
