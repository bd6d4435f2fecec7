# Initiative attachments move out of MEDIA_ROOT into the private storage (ngos.storage).

import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations, models

import ngos.models
import ngos.storage


def _move(apps, *, to_private):
    media_root = Path(settings.MEDIA_ROOT)
    private_root = Path(ngos.storage.private_storage().location)
    source_root, target_root = (media_root, private_root) if to_private else (private_root, media_root)
    InitiativeAttachment = apps.get_model("ngos", "InitiativeAttachment")
    for name in InitiativeAttachment.objects.exclude(file="").values_list("file", flat=True).iterator():
        source, target = source_root / name, target_root / name
        if source.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, target)
            if to_private:
                target.chmod(0o600)


def to_private_storage(apps, schema_editor):
    _move(apps, to_private=True)


def to_media(apps, schema_editor):
    _move(apps, to_private=False)


class Migration(migrations.Migration):
    dependencies = [
        ("ngos", "0002_reference_data_and_roles"),
    ]

    operations = [
        migrations.AlterField(
            model_name="initiativeattachment",
            name="file",
            field=models.FileField(
                storage=ngos.storage.private_storage,
                upload_to=ngos.models.initiative_attachment_path,
                verbose_name="file",
            ),
        ),
        migrations.RunPython(to_private_storage, to_media),
    ]
