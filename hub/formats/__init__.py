"""Date, time and number formats per language (``FORMAT_MODULE_PATH``).

Django ships no formats for Kazakh, so kk pages fell back to the American ones ("12/05/2026 9:28 Т.Ж.",
read as 12 May). Each language here gets a 24-hour clock and a day-month order nobody can misread; month
and weekday names come from the project catalogue (``hub/library_strings.py``), lower case in Kazakh.
"""
