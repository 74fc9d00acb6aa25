"""Background tasks in the admin: failures visible to staff, read-only, only for those allowed."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/django_tasks_database/dbtaskresult/"  # the app's label


@pytest.fixture
def failed_task():
    return DBTaskResult.objects.create(
        status="FAILED",
        args_kwargs={"args": ["0b1c"], "kwargs": {}},
        task_path="shop.tasks.send_order_email",
        backend_name="default",
        queue_name="default",
        run_after=timezone.now(),
        finished_at=timezone.now(),
        exception_class_path="smtplib.SMTPServerDisconnected",
        traceback="Traceback (most recent call last):\n  ...\nSMTPServerDisconnected: gone",
    )


def test_a_failed_task_is_listed_with_its_error(admin_client, store, failed_task):
    response = admin_client.get(LIST, {"status": "FAILED"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "shop.tasks.send_order_email" in html
    assert "smtplib.SMTPServerDisconnected" in html


def test_its_traceback_is_on_the_inspect_page(admin_client, store, failed_task):
    response = admin_client.get(f"{LIST}inspect/{failed_task.pk}/")
    assert "SMTPServerDisconnected: gone" in response.content.decode()


def test_nobody_edits_or_deletes_a_task_result(admin_client, store, failed_task):
    assert admin_client.get(f"{LIST}edit/{failed_task.pk}/").status_code in (302, 403)
    assert admin_client.post(f"{LIST}delete/{failed_task.pk}/").status_code in (302, 403)
    assert DBTaskResult.objects.filter(pk=failed_task.pk).exists()


def test_staff_without_the_view_permission_do_not_see_tasks(client, store, failed_task):
    user = get_user_model().objects.create_user(
        email="editor@vantor.example", password="x" * 12, is_staff=True
    )
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(LIST).status_code in (302, 403)
