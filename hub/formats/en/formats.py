# English for partners in Almaty: day before month and a 24-hour clock, never "12/05/2026" (which half the
# readers take for 12 May) nor "9:28 a.m.".
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d M Y"
SHORT_DATETIME_FORMAT = "d M Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
