"""Names, titles and addresses typed before the forms made them one line (issue 15): line breaks and
tabs become one space, control and direction characters are dropped (``hub.text.single_line_stored``)."""

from django.db import migrations

from hub.text import single_line_operation

# The single-line text columns of each model, as the forms treat them.
SINGLE_LINE = {
    "User": ["first_name", "last_name"],
    "District": ["name_kk", "name_ru", "name_en"],
    "Department": ["name_kk", "name_ru", "name_en"],
}


class Migration(migrations.Migration):
    dependencies = [("hub", "0007_merge_i14")]

    operations = [single_line_operation("hub", SINGLE_LINE)]
