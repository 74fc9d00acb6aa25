"""`python manage.py load_demo_store [--products N]`: build the whole demo shop from code."""

import logging

from django.core.management.base import BaseCommand, CommandError

from demo import builder, bulk, library
from demo.products import PRODUCTS

SITE_URL = "http://127.0.0.1:8000/"


class Command(BaseCommand):
    help = (
        "Build the Vantor demo store: settings, home, shop, categories, products with pictures "
        "and stock, a campaign page and an admin user. Safe to run again; it only adds what is "
        "missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--products",
            type=int,
            default=len(PRODUCTS),
            help=(
                f"How many published products the shop should have (default {len(PRODUCTS)}, "
                "the hand-written ones). Beyond those, products are generated in bulk."
            ),
        )

    def handle(self, *args, products: int, verbosity: int, **options):
        if products < 0:
            raise CommandError("--products cannot be negative.")
        if verbosity < 2:
            # Wagtail logs every page created and published; for ~45 pages that buries the summary.
            logging.getLogger("wagtail").setLevel(logging.WARNING)
        report = builder.Report(created=[], skipped=[])
        self.say("Building the store…", verbosity)
        categories = builder.build_site(report)
        extra = max(0, products - len(PRODUCTS))
        if extra:
            self.say(f"Generating products up to {extra} beyond the hand-written ones…", verbosity)
            added = bulk.add_generated_products(
                extra,
                list(categories.values()),
                library.pooled_pictures(),
                progress=verbosity > 0,
            )
            (report.made if added else report.kept)(f"{added or extra} generated products")
        password = builder.ensure_admin(report)
        self.summarise(report, password, verbosity)

    def say(self, message: str, verbosity: int) -> None:
        if verbosity > 0:
            self.stdout.write(message)

    def summarise(self, report: builder.Report, password: str | None, verbosity: int) -> None:
        if verbosity > 0:
            if report.created:
                self.stdout.write("Created: " + ", ".join(report.created))
            if report.skipped:
                self.stdout.write("Already there, left as they were: " + ", ".join(report.skipped))
        self.stdout.write(self.style.SUCCESS("The demo store is ready."))
        self.stdout.write(f"  Shop:   {SITE_URL}")
        self.stdout.write(f"  Admin:  {SITE_URL}admin/")
        self.stdout.write(f"  Login:  {builder.ADMIN_EMAIL}")
        if password:
            self.stdout.write(f"  Password: {password}")
        else:
            # We never print a password we did not set.
            self.stdout.write("  Password: unchanged (the admin user already existed)")
