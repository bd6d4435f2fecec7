"""Names, titles and addresses typed before the forms made them one line (issue 15): line breaks and
tabs become one space, control and direction characters are dropped (``hub.text.single_line_stored``)."""

from django.db import migrations

from hub.text import single_line_operation

# The single-line text columns of each model, as the forms treat them.
SINGLE_LINE = {
    "Official": ["name_kk", "name_ru", "name_en", "position_kk", "position_ru", "position_en"],
    "Meeting": ["title_kk", "title_ru", "title_en", "venue_kk", "venue_ru", "venue_en"],
    "AgendaItem": ["title_kk", "title_ru", "title_en", "speaker"],
    "MeetingPhoto": ["caption"],
}


class Migration(migrations.Migration):
    dependencies = [("meetings", "0005_i19b_personal_calendar")]

    operations = [single_line_operation("meetings", SINGLE_LINE)]
