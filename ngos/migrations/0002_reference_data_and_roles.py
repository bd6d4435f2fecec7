from django.db import migrations

from hub.roles import EDITORS, MODERATORS, ensure_permissions, grant_permissions
from ngos.reference_data import seed_reference_data

MODERATOR_PERMISSIONS = [
    "ngos.view_organisation",
    "ngos.change_organisation",
    "ngos.verify_organisation",
    "ngos.import_organisation",
    "ngos.view_organisationstatuschange",
    "ngos.view_profilechange",
    "ngos.view_membership",
    "ngos.view_initiative",
]
EDITOR_PERMISSIONS = [
    "ngos.view_organisation",
    "ngos.view_initiative",
    "ngos.change_initiative",
    "ngos.view_initiativetransition",
    "ngos.add_fieldofactivity",
    "ngos.change_fieldofactivity",
    "ngos.view_fieldofactivity",
    "ngos.add_targetgroup",
    "ngos.change_targetgroup",
    "ngos.view_targetgroup",
]


def seed(apps, schema_editor):
    seed_reference_data(apps.get_model("ngos", "FieldOfActivity"), apps.get_model("ngos", "TargetGroup"))
    ensure_permissions(apps)
    grant_permissions(apps, MODERATORS, MODERATOR_PERMISSIONS)
    grant_permissions(apps, EDITORS, EDITOR_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("ngos", "0001_initial"), ("hub", "0004_reference_data")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
