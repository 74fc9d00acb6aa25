from django.core.exceptions import ObjectDoesNotExist
from django.urls import NoReverseMatch, reverse
from wagtail.admin.panels import Panel


class StockPanel(Panel):
    """Shows the product's stock in the page editor, read-only, with a link to the inventory.

    Stock is not a page field (publishing an old revision must never restore old stock), so
    editors see it here and change it in the inventory, outside page revisions.
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
            if record is not None:
                try:
                    context["edit_url"] = reverse(
                        "wagtailsnippets_shop_stockrecord:edit", args=[record.pk]
                    )
                except NoReverseMatch:
                    pass
            return context
