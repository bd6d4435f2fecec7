from django.db import migrations

from hub.roles import EDITORS, ensure_permissions, grant_permissions

# Editors schedule meetings, moderate questions, mark attendance, record outcomes and minutes.
EDITOR_PERMISSIONS = [
    f"meetings.{action}_{model}"
    for model in ["meeting", "official", "assignment", "registration", "question", "minutesversion"]
    for action in ["add", "change", "delete", "view"]
] + ["meetings.publish_meeting"]


def grant(apps, schema_editor):
    ensure_permissions(apps)
    # Wagtail creates the snippet "publish" permission after migrations; the group needs it now.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label="meetings", model="meeting")
    Permission.objects.get_or_create(
        content_type=content_type, codename="publish_meeting", defaults={"name": "Can publish meeting"}
    )
    grant_permissions(apps, EDITORS, EDITOR_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial"), ("hub", "0004_reference_data"), ("contenttypes", "0002_remove_content_type_name")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
