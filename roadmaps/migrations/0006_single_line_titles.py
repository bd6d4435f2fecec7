"""Names, titles and addresses typed before the forms made them one line (issue 15): line breaks and
tabs become one space, control and direction characters are dropped (``hub.text.single_line_stored``)."""

from django.db import migrations

from hub.text import single_line_operation

# The single-line text columns of each model, as the forms treat them.
SINGLE_LINE = {
    "RoadMap": ["title_kk", "title_ru", "title_en"],
    "Section": ["title_kk", "title_ru", "title_en"],
    "Action": ["title_kk", "title_ru", "title_en"],
    "Indicator": ["name_kk", "name_ru", "name_en", "unit"],
    "Evidence": ["title"],
    "Proposal": ["title"],
}


class Migration(migrations.Migration):
    dependencies = [("roadmaps", "0005_i13c_expected_result_languages")]

    operations = [single_line_operation("roadmaps", SINGLE_LINE)]
