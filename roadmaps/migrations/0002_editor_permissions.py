"""Akimat editors run road maps: every road-map permission goes to their group."""

from django.db import migrations

from hub.roles import EDITORS, ensure_permissions, grant_permissions

MODELS = ["roadmap", "section", "action", "proposal", "progressupdate"]


def grant(apps, schema_editor):
    ensure_permissions(apps)
    codenames = [f"roadmaps.{verb}_{model}" for model in MODELS for verb in ("add", "change", "delete", "view")]
    grant_permissions(apps, EDITORS, [*codenames, "roadmaps.publish_roadmap"])


class Migration(migrations.Migration):
    dependencies = [
        ("roadmaps", "0001_initial"),
        ("hub", "0004_reference_data"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
