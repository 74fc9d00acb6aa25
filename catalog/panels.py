from django.core.exceptions import ObjectDoesNotExist
from django.urls import NoReverseMatch, reverse
from wagtail.admin.panels import Panel

# The inventory is the shop's; catalog may not import it, so it names the shop's one-record
# stock screen and permission by string. The screen saves through the shop's stock service.
STOCK_EDIT_URL_NAME = "wagtailsnippets_shop_stockrecord:edit"
STOCK_CHANGE_PERMISSION = "shop.change_stockrecord"


class StockPanel(Panel):
    """Shows the product's stock in the page editor, read-only, with a link to the inventory.

    Stock is not a page field (publishing an old revision must never restore old stock), so
    editors see it here and change it in the inventory, outside page revisions. The link opens
    this product's stock record, where the quantity is changed, and only for someone allowed to.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "catalog/panels/stock_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            record = None
            if self.instance.pk:
                try:
                    record = self.instance.stock
                except ObjectDoesNotExist:
                    record = None
            context["quantity"] = record.quantity if record else None
            context["edit_url"] = None
            if record is not None and self.request.user.has_perm(STOCK_CHANGE_PERMISSION):
                try:
                    context["edit_url"] = reverse(STOCK_EDIT_URL_NAME, args=[record.pk])
                except NoReverseMatch:
                    pass  # the shop app is not installed: nothing to link to
            return context
