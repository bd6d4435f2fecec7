"""Names, titles and addresses typed before the forms made them one line (issue 15): line breaks and
tabs become one space, control and direction characters are dropped (``hub.text.single_line_stored``)."""

from django.db import migrations

from hub.text import single_line_operation

# The single-line text columns of each model, as the forms treat them.
SINGLE_LINE = {
    "Category": ["name_kk", "name_ru", "name_en"],
    "AnswerTemplate": ["title"],
    "Holiday": ["name_kk", "name_ru", "name_en", "decree"],
    "Report": ["concerned_body", "occurred", "location", "reporter_name", "reporter_phone", "redirected_to"],
    "PublishedOutcome": ["title_kk", "title_ru", "title_en"],
}


class Migration(migrations.Migration):
    dependencies = [("anticorruption", "0009_merge_20261206_0730")]

    operations = [single_line_operation("anticorruption", SINGLE_LINE)]
