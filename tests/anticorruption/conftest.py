"""Fixtures of the Adaldyq alany tests: department staff, reports filed through the service."""

import datetime
import io
import itertools

import pytest
from PIL import Image

from anticorruption import services
from anticorruption.files import CheckedFile
from anticorruption.models import Category, Report
from hub.models import Department
from tests.conftest import make_user


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    # The storage is looked up by folder on every use, so a new folder needs no cache reset.
    settings.ANTICORRUPTION_PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture
def education(db):
    return Department.objects.get(slug="education")


@pytest.fixture
def health(db):
    return Department.objects.get(slug="health")


@pytest.fixture
def category(db):
    return Category.objects.get(slug="education")


@pytest.fixture
def department_staff(education):
    user = make_user("teacher.staff@example.kz")
    services.department_staff_add(user=user, department=education)
    return user


@pytest.fixture
def other_department_staff(health):
    user = make_user("clinic.staff@example.kz")
    services.department_staff_add(user=user, department=health)
    return user


_report_numbers = itertools.count(1)


def report_data(category, **overrides):
    """A distinct report each time: identical texts would be linked as near-duplicates."""
    data = {
        "kind": "corruption",
        "category": category,
        "district": None,
        "concerned_body": "School 12",
        "description": f"The director asks parents for money to enrol children (class {next(_report_numbers)}).",
        "occurred": "September",
        "location": "Auezov district",
        "language": "ru",
        "anonymity": "anonymous",
        "reporter_name": "",
        "reporter_email": "",
        "reporter_phone": "",
        "publication_consent": False,
    }
    return {**data, **overrides}


def png_bytes(size=(20, 20), exif=False):
    image = Image.new("RGB", size, (200, 30, 30))
    output = io.BytesIO()
    if exif:
        info = Image.Exif()
        info[0x010F] = "SecretCam"  # Make
        image.save(output, "JPEG", exif=info.tobytes())
    else:
        image.save(output, "PNG")
    return output.getvalue()


@pytest.fixture
def file_report(category):
    """File a report through the service: ``file_report(anonymity=..., now=...)`` -> (report, code)."""

    def make(now=None, files=(), user=None, **overrides):
        return services.report_file(data=report_data(category, **overrides), files=files, user=user, now=now)

    return make


@pytest.fixture
def report_with_code(file_report):
    return file_report()


@pytest.fixture
def report(report_with_code):
    return report_with_code[0]


@pytest.fixture
def attachment_report(file_report):
    report, code = file_report(files=[CheckedFile("photo.png", png_bytes(), "image/png")])
    return report, code


def assign(report, officer, department):
    report = services.report_transition(report=report, to_status=Report.Status.ACKNOWLEDGED, actor=officer)
    return services.report_assign(report=report, department=department, actor=officer)


ALMATY = datetime.timezone(datetime.timedelta(hours=5))
