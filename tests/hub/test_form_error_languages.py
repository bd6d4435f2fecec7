"""Every form's error messages come out in the reader's language: Kazakh for kk, Russian for ru.

Staff who choose Kazakh or Russian in the back office and residents on /kk/ and /ru/ pages submit each
form with bad input: required fields left empty, text too long, a bad email, address, date or number, a
value that must be unique and is taken, a file of a forbidden type. The walk reads the forms' fields
from the form itself, so a new field or a new snippet is covered without touching this test. Every
error shown (field errors, error summaries, the admin's banner) must be in the expected language.
"""

import functools
import re
from html.parser import HTMLParser

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.snippets.models import get_snippet_models
from wagtail.users.models import UserProfile

from hub.i18n import KAZAKH_LETTERS
from hub.models import User

OWN_APPS = {"hub", "ngos", "roadmaps", "meetings", "anticorruption", "follows"}
# English from Django's and Wagtail's catalogues that a missing translation leaves on the page.
ENGLISH_PHRASES = re.compile(
    r"This field|is required|Enter a valid|Enter a whole|Ensure this|Ensure that|already exists|not a valid"
    r"|Select a valid|is not allowed|could not be|due to errors|Give |must be|cannot be|Please ",
    re.IGNORECASE,
)
WORD = r"(?:[A-Z]?[a-z][a-z'’]*)"
ENGLISH_RUN = re.compile(rf"{WORD}(?:[ ,:;]+{WORD}){{2,}}")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Values typed into bad fields: Cyrillic or digits, so that an error quoting them is not read as English.
TOO_LONG_LETTER = "ж"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "option", "source", "wbr"}
# Field errors and error summaries (the site's and Wagtail's), and the admin's error banner.
ERROR_CLASSES = {"error-message", "help-critical", "errorlist", "error-summary", "error", "message-error"}


class _Forms(HTMLParser):
    """The POST forms of a page (the data a browser would send untouched) and the texts of its errors.

    ``errors`` holds each error element's text; ``error_texts`` each text inside one, with the
    language of the nearest ``lang`` attribute (a language's name in its own language is no error).
    """

    def __init__(self):
        super().__init__()
        self.forms, self.errors, self.error_texts = [], [], []
        self._error_depth, self._stack, self._select, self._textarea = 0, [], None, None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        is_error = bool(ERROR_CLASSES & set(attributes.get("class", "").split()))
        if tag not in VOID:
            lang = attributes.get("lang") or (self._stack[-1][2] if self._stack else "")
            self._stack.append((tag, is_error, lang))
            self._error_depth += is_error
            if is_error:
                self.errors.append("")
        if tag == "form":
            self.forms.append({"method": attributes.get("method", "get").lower(), "data": []})
        if self.forms:
            self._form_input(tag, attributes, self.forms[-1]["data"])

    def _form_input(self, tag, attributes, data):
        name, kind = attributes.get("name"), attributes.get("type", "text")
        if tag == "input" and name and kind not in ("submit", "button", "file", "image"):
            if kind not in ("checkbox", "radio") or "checked" in attributes:
                data.append((name, attributes.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attributes:
            data.append((self._select, attributes.get("value", "")))
        elif tag == "textarea" and name:
            data.append((name, ""))
            self._textarea = len(data) - 1

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None
        while self._stack:
            name, is_error, _lang = self._stack.pop()
            self._error_depth -= is_error
            if name == tag:
                break

    def handle_data(self, data):
        if self._error_depth and self.errors:
            self.errors[-1] += data
            if data.strip() and self._stack[-1][0] not in ("script", "style"):
                self.error_texts.append((" ".join(data.split()), self._stack[-1][2]))
        if self._textarea is not None and self.forms:
            name, value = self.forms[-1]["data"][self._textarea]
            self.forms[-1]["data"][self._textarea] = (name, value + data.lstrip("\n") if not value else value + data)


def page_forms(html):
    parser = _Forms()
    parser.feed(html)
    return parser


def wrong_language(text, language):
    """Why ``text`` is not in ``language`` (kk or ru), or "" when it is (or is only figures and names)."""
    if ENGLISH_PHRASES.search(text) or ENGLISH_RUN.search(text):
        return "English"
    if not CYRILLIC.search(text):
        return ""
    kazakh = any(char in KAZAKH_LETTERS for char in text)
    # A short Kazakh label may have no Kazakh-only letter ("Кездесу"); a sentence always has one.
    if language == "kk" and not kazakh and (len(text.split()) >= 3 or text.strip(" .:") in russian_strings()):
        return "Russian, not Kazakh"
    if language == "ru" and kazakh:
        return "Kazakh, not Russian"
    return ""


@functools.cache
def russian_strings():
    """Every Russian translation Django, Wagtail and the project know: what a Kazakh page must not show."""
    from django.utils.translation import trans_real

    catalogue = trans_real.translation("ru")
    found = set()
    while catalogue is not None:
        found |= {str(value).strip(" .:") for value in catalogue._catalog.values() if isinstance(value, str)}
        catalogue = getattr(catalogue, "_fallback", None)
    return found - {""}


def form_data(html, field_names):
    """The data the page's form (the POST form holding these fields) would send as it stands."""
    posted = [form["data"] for form in page_forms(html).forms if form["method"] == "post"]
    if not posted:
        return {}
    best = max(posted, key=lambda items: (len({name for name, _ in items} & set(field_names)), len(items)))
    data = {}
    for name, value in best:
        data.setdefault(name, []).append(value)
    return data


def bad_values(form, prefix=""):
    """(case, field, value) for each way a field of this form can be filled wrongly."""
    cases = []
    for name, field in form.fields.items():
        key = f"{prefix}{name}"
        if field.disabled or isinstance(field.widget, forms.HiddenInput):
            continue
        if isinstance(field, forms.EmailField):
            cases.append(("bad email", key, "жоқ@"))
        elif isinstance(field, forms.URLField):
            cases.append(("bad URL", key, "http://жоқ жоқ"))
        elif isinstance(field, forms.DateTimeField | forms.SplitDateTimeField):
            cases.append(("bad date", key, "32.13.2026 25:61"))
        elif isinstance(field, forms.DateField):
            cases.append(("bad date", key, "32.13.2026"))
        elif isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
            cases.append(("bad number", key, "бір"))
            if field.min_value is not None:
                cases.append(("number too small", key, str(field.min_value - 1)))
        elif isinstance(field, forms.FileField):
            cases.append(("bad file type", key, SimpleUploadedFile("virus.exe", b"MZ\x90\x00", "application/x-msdos")))
        elif isinstance(field, forms.CharField) and field.max_length:
            cases.append(("too long", key, TOO_LONG_LETTER * (field.max_length + 1)))
    return cases


def errors_in(response, language):
    """[(text, why)] for every error text on the page not in ``language``; and whether the page shows any error."""
    parser = page_forms(response.content.decode())
    wrong = [(text, wrong_language(text, language)) for text, lang in parser.error_texts if lang in ("", language)]
    return [item for item in wrong if item[1]], any(m.strip() for m in parser.errors)


def context_forms(response, key):
    value = response.context.get(key)
    return [form for form in (value if isinstance(value, list | tuple) else [value]) if form is not None]


def form_cases(forms_shown):
    """The empty submission, then every bad value of every form (and inline form) on the page."""
    required = any(field.required for form in forms_shown for field in form.fields.values())
    cases = [("empty required", None, None)] if required else []
    for form in forms_shown:
        prefix = f"{form.prefix}-" if form.prefix else ""
        cases += bad_values(form, prefix)
        for formset in getattr(form, "formsets", {}).values():
            cases += bad_values(formset.forms[0], f"{formset.forms[0].prefix}-") if formset.forms else []
    return cases


def check_form(client, url, language, problems, *, form_key="form", post_url=None, extra=None, extra_cases=()):
    """Submit the form shown at ``url`` empty and with each bad value; record errors not in ``language``."""
    response = client.get(url)
    forms_shown = context_forms(response, form_key) if response.status_code == 200 else []
    if not forms_shown:
        problems.append(f"{url}: no {form_key} shown ({response.status_code})")
        return
    names = [f"{form.prefix}-{n}" if form.prefix else n for form in forms_shown for n in form.fields]
    base = form_data(response.content.decode(), names)
    empty = {key: value for key, value in base.items() if key not in names}
    for case, key, value in form_cases(forms_shown) + list(extra_cases):
        data = {**(dict(empty) if key is None else {**base, key: value}), **(extra or {})}
        response = client.post(post_url or url, data, follow=True)
        wrong, shown = errors_in(response, language)
        where = f"{post_url or url} [{case} {key}]"
        if not shown:
            problems.append(f"{where}: no error shown ({response.status_code})")
        problems += [f"{where}: {why}: {message!r}" for message, why in wrong]


@pytest.fixture
def demo_site(db, settings):
    settings.DEBUG = False
    call_command("seed_demo")


def staff_in(language, client):
    admin = User.objects.filter(is_superuser=True).first()
    UserProfile.objects.update_or_create(user=admin, defaults={"preferred_language": language})
    client.force_login(admin)
    return client


def own_snippet_models():
    return sorted((m for m in get_snippet_models() if m._meta.app_label in OWN_APPS), key=lambda m: m._meta.label_lower)


def duplicate_cases(model, edited):
    """Set each unique field of ``edited`` to another object's value."""
    other = model.objects.exclude(pk=edited.pk).first()
    if other is None:
        return []
    return [
        ("duplicate unique value", field.name, getattr(other, field.attname))
        for field in model._meta.fields
        if field.unique and not field.primary_key and field.editable and getattr(other, field.attname)
    ]


def desk_forms():
    """(page, the form's name in the page, where it posts) for the project's own admin views."""
    from anticorruption.models import Report
    from ngos.models import Initiative, Organisation
    from roadmaps.models import RoadMap
    from roadmaps.services import ROADMAP_TRANSITIONS

    roadmap = next(r for r in RoadMap.objects.order_by("pk") if ROADMAP_TRANSITIONS[r.status])
    initiative = Initiative.objects.filter(status=Initiative.Status.SUBMITTED).order_by("pk").first()
    organisation = Organisation.objects.order_by("pk").first()
    case = reverse("anticorruption_admin:case", args=[Report.objects.order_by("pk").first().case_number])
    return [
        (reverse("ngos_admin:initiative_handle", args=[initiative.pk]), "form", None),
        (reverse("ngos_admin:initiative_translations", args=[initiative.pk]), "form", None),
        (reverse("ngos_admin:organisation_translations", args=[organisation.pk]), "form", None),
        (reverse("roadmaps_admin:status", args=[roadmap.pk]), "form", None),
        (case, "note_form", f"{case}note/"),
        (case, "question_form", f"{case}question/"),
    ]


# One walk per test for both languages: seeding the demo site is the slow part.
def test_back_office_create_and_edit_forms_explain_errors_in_the_staff_language(demo_site, client):
    problems, models = [], own_snippet_models()
    assert len(models) >= 15
    for language in ("kk", "ru"):
        staff_in(language, client)
        for model in models:
            viewset = model.snippet_viewset
            check_form(client, reverse(viewset.get_url_name("add")), language, problems)
            edited = model.objects.order_by("pk").first()
            if edited is not None:
                url = reverse(viewset.get_url_name("edit"), args=[edited.pk])
                check_form(client, url, language, problems, extra_cases=duplicate_cases(model, edited))
        for url, form_key, post_url in desk_forms():
            check_form(client, url, language, problems, form_key=form_key, post_url=post_url)
    assert not problems, "\n".join(problems)


def public_forms():
    """(who, page with the form, the form's name in the page, where it posts) for each public form."""
    from meetings.models import Meeting
    from ngos.models import Initiative, Organisation
    from roadmaps.models import Action, RoadMap

    leader = User.objects.get(email="leader@demo.hub.kz")
    editor = User.objects.get(email="editor@demo.hub.kz")
    organisation = Organisation.objects.led_by(leader).first()
    draft = Initiative.objects.filter(organisation=organisation, status=Initiative.Status.DRAFT).first()
    roadmap = next((r for r in RoadMap.objects.all() if r.accepts_proposals()), None)
    meeting_url = Meeting.objects.upcoming().filter(live=True).first().get_absolute_url()[3:]
    action = Action.objects.order_by("pk").first()
    action_url = f"/roadmaps/{action.section.roadmap.slug}/actions/{action.code}/"
    forms_ = [
        (None, "/{lang}/adaldyq-alany/", "form", None),
        (None, "/{lang}/adaldyq-alany/track/", "form", None),
        (None, "/{lang}/accounts/signup/", "form", None),
        (None, "/{lang}/accounts/login/", "form", None),
        (None, "/{lang}/accounts/password/reset/", "form", None),
        (leader, "/{lang}/accounts/password/change/", "form", None),
        (leader, "/{lang}/accounts/email/", "form", None, {"action_add": ""}),
        (leader, "/{lang}/ngos/register/", "form", None),
        (leader, f"/{{lang}}/ngos/{organisation.slug}/edit/", "forms", None),
        (leader, f"/{{lang}}/ngos/{organisation.slug}/initiatives/new/", "form", None),
        (leader, f"/{{lang}}{meeting_url}", "question_form", f"/{{lang}}{meeting_url}questions/"),
        (editor, f"/{{lang}}{action_url}", "form", f"/{{lang}}{action_url}update/"),
    ]
    if draft is not None:
        forms_.append((leader, f"/{{lang}}/initiatives/{draft.pk}/edit/", "form", None))
    if roadmap is not None:
        forms_.append((leader, f"/{{lang}}/roadmaps/{roadmap.slug}/propose/", "form", None))
    return forms_


def case_page(client, language):
    """A reporter back on their case page with the demo receipt (the reply form is there)."""
    from anticorruption.demo import DEMO_RECEIPT, _case_number

    track = f"/{language}/adaldyq-alany/track/"
    response = client.post(track, {"case_number": _case_number(0), "receipt_code": DEMO_RECEIPT})
    assert response.status_code == 302, response.status_code
    return response["Location"]


def test_public_forms_explain_errors_in_the_page_language(demo_site, client):
    problems, walked = [], 0
    for language in ("kk", "ru"):
        client.logout()
        page = case_page(client, language)
        check_form(client, page, language, problems, form_key="reply_form", post_url=f"{page}reply/")
    for user, url, form_key, post_url, *extra in public_forms():
        for language in ("kk", "ru"):
            client.logout()
            if user is not None:
                client.force_login(user)
            page, posted = url.format(lang=language), post_url and post_url.format(lang=language)
            check_form(client, page, language, problems, form_key=form_key, post_url=posted, extra=extra and extra[0])
        walked += 1
    assert walked >= 12
    assert not problems, "\n".join(problems)
