"""Staff groups and the rights they share: every staff role reaches the back office."""

from django.db import migrations

from hub.roles import EDITORS, MODERATORS, OFFICERS, STAFF_GROUPS, ensure_permissions, grant_permissions

EDITOR_PERMISSIONS = [
    "hub.add_department",
    "hub.change_department",
    "hub.add_district",
    "hub.change_district",
]
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


# Wagtail's own starter groups would overlap our roles (its "Moderators" may publish any page).
WAGTAIL_STARTER_GROUPS = ["Editors", "Moderators"]


def create_roles(apps, schema_editor):
    ensure_permissions(apps)
    apps.get_model("auth", "Group").objects.filter(name__in=WAGTAIL_STARTER_GROUPS).delete()
    for name in STAFF_GROUPS:
        grant_permissions(apps, name, ["wagtailadmin.access_admin"])
    editors = grant_permissions(apps, EDITORS, EDITOR_PERMISSIONS)
    _grant_page_and_collection_rights(apps, editors)


def _grant_page_and_collection_rights(apps, group):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in PAGE_PERMISSIONS:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, codename in COLLECTION_PERMISSIONS:
            permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, OFFICERS, MODERATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0002_pages"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
