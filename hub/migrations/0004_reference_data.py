from django.db import migrations

from hub.reference_data import seed_reference_data


def seed(apps, schema_editor):
    seed_reference_data(apps.get_model("hub", "District"), apps.get_model("hub", "Department"))
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in ("kk", "ru", "en"):
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("hub", "0003_staff_roles")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
