"""Put back in the queue the tasks a killed worker left "running".

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again: a
worker killed mid-task (OOM, SIGKILL, power) leaves it RUNNING for ever, and the email it was
sending is lost. The worker's systemd unit runs this before each start (ExecStartPre) so such
tasks run again. Tasks are run at least once: one killed after its work but before it was
marked done runs twice, which order emails tolerate better than never.
"""

from datetime import timedelta

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils import timezone


class Command(BaseCommand):
    help = "Re-queue tasks left RUNNING by a worker that died (django-tasks-db)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=600,
            help="seconds a task must have been running (longer than any task takes); 0 when "
            "no other worker is running",
        )

    def handle(self, *args, older_than, **options):
        if not apps.is_installed("django_tasks_db"):
            self.stdout.write("django_tasks_db is not installed: nothing to do")
            return
        from django_tasks_db.models import DBTaskResult, TaskResultStatus

        cutoff = timezone.now() - timedelta(seconds=older_than)
        count = DBTaskResult.objects.filter(
            status=TaskResultStatus.RUNNING, started_at__lte=cutoff
        ).update(status=TaskResultStatus.READY, started_at=None)
        self.stdout.write(f"{count} interrupted task(s) re-queued")
