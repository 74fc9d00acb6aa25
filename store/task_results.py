"""Background tasks in the Wagtail admin: what the queue did, and every failure with its
traceback, for staff to see without a shell. Read-only: the worker owns these rows.

Registered by `store/wagtail_hooks.py` when the production queue (`django_tasks_db`) is
installed. Who sees it is the model's `view` permission (superusers, or a group given it).
"""

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Rows written by the worker: staff may look, never add, change or delete."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission({"view"} & set(actions))


def task_results_viewset():
    """The viewset, built only when the queue app is installed (its model imports then)."""
    from django_tasks_db.models import DBTaskResult

    register_permission_policy(DBTaskResult, ReadOnlyPermissionPolicy(DBTaskResult))

    class TaskResultViewSet(SnippetViewSet):
        model = DBTaskResult
        icon = "history"
        menu_label = "Background tasks"
        menu_name = "background-tasks"
        menu_order = 900
        add_to_admin_menu = True
        copy_view_enabled = False
        inspect_view_enabled = True
        list_filter = ["status", "queue_name"]
        search_fields = ["task_path", "exception_class_path"]
        ordering = ["-enqueued_at"]
        list_per_page = 50
        list_display = [
            Column("task_path", label="Task"),
            Column("status", label="Status", accessor="get_status_display", sort_key="status"),
            DateColumn("enqueued_at", label="Enqueued", sort_key="enqueued_at"),
            DateColumn("finished_at", label="Finished", sort_key="finished_at"),
            Column("exception_class_path", label="Error"),
        ]
        inspect_view_fields = [
            "task_path",
            "status",
            "args_kwargs",
            "queue_name",
            "enqueued_at",
            "started_at",
            "finished_at",
            "run_after",
            "worker_ids",
            "exception_class_path",
            "traceback",
        ]

    return TaskResultViewSet
