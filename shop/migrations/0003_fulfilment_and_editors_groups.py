"""Staff groups: Fulfilment works orders and inventory (no pages); Editors work pages and images
(no orders). Editors is Wagtail's own group, completed here; Fulfilment is new."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

FULFILMENT = "Fulfilment"
EDITORS = "Editors"

FULFILMENT_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("shop", "view_order"),
    ("shop", "change_order"),
    ("shop", "view_stockrecord"),
    ("shop", "change_stockrecord"),
]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def make_permissions_exist(apps):
    # Permissions are normally created after migrate finishes; this migration needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_groups(apps, schema_editor):
    make_permissions_exist(apps)
    build_groups(apps)


def build_groups(apps):
    """Create or complete both groups; `apps` may be the real registry (tests whose database
    flush removed what this migration made call it again)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    fulfilment, _ = Group.objects.get_or_create(name=FULFILMENT)
    fulfilment.permissions.add(*(permission(*key) for key in FULFILMENT_PERMISSIONS))

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(permission("wagtailadmin", "access_admin"))
    editors.permissions.remove(*Permission.objects.filter(content_type__app_label="shop"))
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in EDITOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root_page, permission=permission("wagtailcore", codename)
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for key in EDITOR_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=editors, collection=root_collection, permission=permission(*key)
            )


def remove_fulfilment(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=FULFILMENT).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0002_orders"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_groups, remove_fulfilment)]
