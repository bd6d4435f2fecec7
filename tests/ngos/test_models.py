import datetime

from django.utils import timezone

from ngos.models import FieldOfActivity, Organisation
from ngos.services import activity_record
from ngos.validators import bin_check_digit, is_valid_bin


def make_bin(prefix):
    """A valid BIN starting with 11 digits (tests pick prefixes whose check digit exists)."""
    return prefix + str(bin_check_digit(prefix))


def test_fields_of_activity_are_seeded(db):
    slugs = set(FieldOfActivity.objects.values_list("slug", flat=True))
    assert {"ecology", "health-care", "housing-ksk", "gender-equality", "anticorruption"} <= slugs


def test_bin_check_digit_follows_both_weight_rounds():
    assert is_valid_bin(make_bin("12345678901"))
    assert not is_valid_bin("123456789010" if make_bin("12345678901")[-1] != "0" else "123456789011")
    assert not is_valid_bin("12345")
    assert not is_valid_bin("１２３４５６７８９０１２")


def test_activity_record_makes_an_organisation_active(db):
    org = Organisation.objects.create(
        slug="eco", name_kk="Эко", name_ru="Эко", legal_form="public_foundation", bin=make_bin("12345678901")
    )
    assert not Organisation.objects.active().exists()
    activity_record(organisation=org, kind="meeting", occurred_at=timezone.now() - datetime.timedelta(days=400))
    assert not Organisation.objects.active().exists()
    activity_record(organisation=org, kind="initiative", occurred_at=timezone.now())
    assert list(Organisation.objects.active()) == [org]
