"""Names, titles and addresses typed before the forms made them one line (issue 15): line breaks and
tabs become one space, control and direction characters are dropped (``hub.text.single_line_stored``)."""

from django.db import migrations

from hub.text import single_line_operation

# The single-line text columns of each model, as the forms treat them.
SINGLE_LINE = {
    "FieldOfActivity": ["name_kk", "name_ru", "name_en"],
    "TargetGroup": ["name_kk", "name_ru", "name_en"],
    "Organisation": ["name_kk", "name_ru", "name_en", "short_name", "address", "phone"],
    "IdentityChange": ["name_kk", "name_ru", "name_en"],
    "OrganisationActivity": ["description"],
    "Initiative": ["title_kk", "title_ru", "title_en"],
    "InitiativeAttachment": ["title"],
}


class Migration(migrations.Migration):
    dependencies = [("ngos", "0007_initiative_official_answer_languages")]

    operations = [single_line_operation("ngos", SINGLE_LINE)]
