"""Strings of Django and the libraries that readers meet, listed so that ``make messages`` keeps them.

The project catalogue (``locale/``) comes first in ``LOCALE_PATHS``, so an entry here replaces the
library's own translation. This is how Kazakh gets lower-case month and weekday names in running text
("2026 жылғы 28 желтоқсан", "жұма", where Django's catalogue has "Желтоқсан" and "Жума"), and how
messages that the libraries leave in English on Kazakh pages get translated. Nothing here is called:
the module only holds the marked strings, exactly as the libraries spell them.
"""

from django.utils.translation import gettext_lazy, ngettext_lazy, pgettext_lazy

# django.utils.dates: MONTHS ("F"), MONTHS_ALT ("E", the form used after a day) and WEEKDAYS ("l").
MONTHS = [
    gettext_lazy("January"),
    gettext_lazy("February"),
    gettext_lazy("March"),
    gettext_lazy("April"),
    gettext_lazy("May"),
    gettext_lazy("June"),
    gettext_lazy("July"),
    gettext_lazy("August"),
    gettext_lazy("September"),
    gettext_lazy("October"),
    gettext_lazy("November"),
    gettext_lazy("December"),
]
MONTHS_ALT = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
WEEKDAYS = [
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
]

# django.contrib.auth.password_validation: the rules under the password field and the errors, which
# Django's Kazakh catalogue leaves in English on the sign-up and password pages.
PASSWORD_RULES = [
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
    ),
    gettext_lazy("The password is too similar to the %(verbose_name)s."),
    gettext_lazy("Your password can’t be too similar to your other personal information."),
    gettext_lazy("This password is too common."),
    gettext_lazy("Your password can’t be a commonly used password."),
    gettext_lazy("This password is entirely numeric."),
    gettext_lazy("Your password can’t be entirely numeric."),
    gettext_lazy("The two password fields didn’t match."),
]

# django.core.validators and django.forms: errors on public forms and in the back office.
FORM_ERRORS = [
    gettext_lazy("Enter a valid email address."),
    gettext_lazy("File extension “%(extension)s” is not allowed. Allowed extensions are: %(allowed_extensions)s."),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
    ),
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
    ),
    ngettext_lazy(
        "Ensure this filename has at most %(max)d character (it has %(length)d).",
        "Ensure this filename has at most %(max)d characters (it has %(length)d).",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit in total.",
        "Ensure that there are no more than %(max)s digits in total.",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s decimal place.",
        "Ensure that there are no more than %(max)s decimal places.",
    ),
    gettext_lazy("Value %(value)r is not a valid choice."),
    gettext_lazy("“%(value)s” is not a valid UUID."),
    # Missing from Django's Kazakh catalogue: the back office showed them in English.
    gettext_lazy("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
    gettext_lazy("Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or hyphens."),
    gettext_lazy("Enter a valid integer."),
    gettext_lazy("Null characters are not allowed."),
    gettext_lazy("Enter a complete value."),
    gettext_lazy("“%(pk)s” is not a valid value."),
    gettext_lazy("%(model)s instance with %(field)s %(value)r is not a valid choice."),
    gettext_lazy("Constraint “%(name)s” is violated."),
    gettext_lazy(
        "%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; "
        "it may be ambiguous or it may not exist."
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit before the decimal point.",
        "Ensure that there are no more than %(max)s digits before the decimal point.",
    ),
    ngettext_lazy("Please submit at most %(num)d form.", "Please submit at most %(num)d forms."),
    ngettext_lazy("Please submit at least %(num)d form.", "Please submit at least %(num)d forms."),
    # Django's Kazakh has these, wrongly ("Толық сан" is not a whole number; "тандау", "сүрет" misspelt).
    gettext_lazy("Enter a whole number."),
    gettext_lazy("Enter a valid URL."),
    gettext_lazy("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_lazy("Upload a valid image. The file you uploaded was either not an image or a corrupted image."),
    gettext_lazy("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_lazy("Ensure this value is less than or equal to %(limit_value)s."),
]

# A unique value already taken. Django's sentences put our model and field names in the middle
# ("ответственный орган с таким адрес"), where Russian needs a case and Kazakh a suffix; ours keep the
# names apart, as the Wagtail sentences below do.
UNIQUE_ERRORS = [
    gettext_lazy("%(model_name)s with this %(field_label)s already exists."),
    gettext_lazy("%(model_name)s with this %(field_labels)s already exists."),
]

# django-allauth, which has no Kazakh catalogue; the adapter's own messages are in hub/accounts.py.
ALLAUTH = [
    gettext_lazy("You must type the same password each time."),
    gettext_lazy("Invalid login."),
]

# django.contrib.auth's user fields: Django's Kazakh calls the last name "Жөні"; a surname is "тегі".
USER_FIELDS = [gettext_lazy("first name"), gettext_lazy("last name")]

# Wagtail's screens put the project's model names into their own sentences ("Choose %(object)s").
# Without these, staff who choose Kazakh read Wagtail's Russian around a Kazakh name ("Выбрать
# жауапты орган"); Wagtail's Russian also gives every model the feminine ("создана"). Each sentence
# is built so that the name stands apart and needs no case ending or gender.
WAGTAIL_WITH_MODEL_NAMES = [
    gettext_lazy("Choose %(object)s"),
    gettext_lazy("Choose another %(object)s"),
    gettext_lazy("Edit this %(object)s"),
    gettext_lazy("Add %(model_name)s"),
    gettext_lazy("New: %(model_name)s"),
    gettext_lazy("Create a new %(model_name)s"),
    gettext_lazy("%(model_name)s '%(object)s' created."),
    gettext_lazy("%(model_name)s '%(object)s' updated."),
    gettext_lazy("%(model_name)s '%(object)s' deleted."),
    gettext_lazy("The %(model_name)s could not be created due to errors."),
    gettext_lazy("The %(model_name)s could not be saved due to errors."),
    gettext_lazy("There are no %(model_name)s to display."),
    gettext_lazy("No %(model_name)s match your query."),
    gettext_lazy("Are you sure you want to delete this %(model_name)s?"),
    gettext_lazy("Delete %(snippet_type_name)s"),
    gettext_lazy("Select %(title)s"),
]

# Wagtail's own words inside the project's error banner (kk would read them in Russian, mid-sentence).
WAGTAIL_FORM_ERRORS = [gettext_lazy("Go to the first error")]
