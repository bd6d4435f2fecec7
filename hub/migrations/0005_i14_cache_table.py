"""The database cache's table is made here, so that no deploy can forget `createcachetable`."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # Does nothing when the cache is Redis or the table exists already.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("hub", "0004_reference_data")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=True)]
