"""Staff roles. Administrators are superusers; the others are groups with permissions.

Each app's data migration grants its own permissions to these groups through
:func:`grant_permissions`, so a role's rights are written down next to the data
they cover.
"""

EDITORS = "Akimat editors"
OFFICERS = "Anticorruption officers"
MODERATORS = "NGO moderators"
STAFF_GROUPS = [EDITORS, OFFICERS, MODERATORS]


def ensure_permissions(apps):
    """Create Permission rows now: post_migrate has not run yet inside a migration."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant_permissions(apps, group_name, codenames):
    """Give a group permissions named ``app_label.codename``."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=group_name)
    for dotted in codenames:
        app_label, codename = dotted.split(".")
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return group
