"""`python manage.py expire_unpaid_orders`: give back the stock of unpaid online orders."""

from django.core.management.base import BaseCommand

from shop.payments.attempts import recheck_open_payments
from shop.payments.verification import expire_unpaid_orders


class Command(BaseCommand):
    help = (
        "Cancel orders still awaiting payment after the store's payment hold and put their "
        "stock back. Run it every few minutes (cron, systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--recheck",
            action="store_true",
            help="First ask the providers about attempts still started or pending, so a "
            "payment that went through is applied before its hold expires.",
        )

    def handle(self, *args, **options):
        if options["recheck"]:
            checked = recheck_open_payments()
            self.stdout.write(f"Re-checked {checked} open payment attempt(s).")
        cancelled = expire_unpaid_orders()
        self.stdout.write(f"Cancelled {cancelled} unpaid order(s) whose hold expired.")
