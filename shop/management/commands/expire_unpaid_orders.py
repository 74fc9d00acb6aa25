"""`python manage.py expire_unpaid_orders`: give back the stock of unpaid online orders."""

from django.core.management.base import BaseCommand

from shop.payments.verification import expire_unpaid_orders


class Command(BaseCommand):
    help = (
        "Cancel orders still awaiting payment after the store's payment hold and put their "
        "stock back. Run it every few minutes (cron, systemd timer)."
    )

    def handle(self, *args, **options):
        cancelled = expire_unpaid_orders()
        self.stdout.write(f"Cancelled {cancelled} unpaid order(s) whose hold expired.")
