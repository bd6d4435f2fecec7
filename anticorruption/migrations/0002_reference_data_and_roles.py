from django.db import migrations

from hub.roles import EDITORS, OFFICERS, ensure_permissions, grant_permissions

DEPARTMENT_STAFF_GROUP = "Department staff"

OFFICER_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "anticorruption.view_report",
    "anticorruption.change_report",
    "anticorruption.handle_all_reports",
    "anticorruption.view_auditentry",
    "anticorruption.view_category",
    *[f"anticorruption.{action}_{model}" for model in ("answertemplate", "holiday", "departmentstaff") for action in ("add", "change", "delete", "view")],
]
EDITOR_PERMISSIONS = [
    f"anticorruption.{action}_{model}" for model in ("category", "answertemplate") for action in ("add", "change", "delete", "view")
]
DEPARTMENT_STAFF_PERMISSIONS = ["wagtailadmin.access_admin", "anticorruption.view_report"]

# Only on PostgreSQL: the database itself refuses to change or delete audit lines.
AUDIT_TRIGGER = """
CREATE OR REPLACE FUNCTION anticorruption_audit_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'The audit log is append-only.'; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER anticorruption_audit_append_only BEFORE UPDATE OR DELETE ON anticorruption_auditentry
FOR EACH ROW EXECUTE FUNCTION anticorruption_audit_append_only();
"""
DROP_AUDIT_TRIGGER = """
DROP TRIGGER IF EXISTS anticorruption_audit_append_only ON anticorruption_auditentry;
DROP FUNCTION IF EXISTS anticorruption_audit_append_only();
"""


def seed(apps, schema_editor):
    from anticorruption.reference_data import seed_reference_data

    seed_reference_data(
        apps.get_model("anticorruption", "Category"), apps.get_model("hub", "Department")
    )
    ensure_permissions(apps)
    grant_permissions(apps, OFFICERS, OFFICER_PERMISSIONS)
    grant_permissions(apps, EDITORS, EDITOR_PERMISSIONS)
    grant_permissions(apps, DEPARTMENT_STAFF_GROUP, DEPARTMENT_STAFF_PERMISSIONS)


def add_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(AUDIT_TRIGGER)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_AUDIT_TRIGGER)


class Migration(migrations.Migration):
    dependencies = [
        ("anticorruption", "0001_initial"),
        ("hub", "0004_reference_data"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(add_trigger, drop_trigger),
    ]
