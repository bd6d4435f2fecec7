import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils import translation

from hub.models import Department, District
from hub.roles import STAFF_GROUPS


def test_almaty_has_eight_districts_each_with_its_akimat(db):
    assert District.objects.count() == 8
    assert Department.objects.filter(kind=Department.Kind.DISTRICT_AKIMAT).count() == 8
    assert Department.objects.filter(kind=Department.Kind.DEPARTMENT).count() >= 15


def test_names_follow_the_active_language_with_fallback(db):
    district = District.objects.get(slug="bostandyk")
    with translation.override("kk"):
        assert district.name == "Бостандық ауданы"
    with translation.override("ru"):
        assert district.name == "Бостандыкский район"
    district.name_en = ""
    with translation.override("en"):
        assert district.name == "Бостандыкский район" or district.name == "Бостандық ауданы"


def test_district_akimat_needs_its_district(db):
    body = Department(slug="x", kind=Department.Kind.DISTRICT_AKIMAT, name_kk="Х", name_ru="Х")
    with pytest.raises(ValidationError):
        body.full_clean()


@pytest.mark.parametrize("name", STAFF_GROUPS)
def test_staff_groups_exist_with_admin_access(db, name):
    group = Group.objects.get(name=name)
    assert group.permissions.filter(codename="access_admin").exists()


def test_editors_may_edit_reference_data(editor):
    assert editor.has_perm("hub.change_department")
    assert editor.has_perm("hub.add_district")


def test_moderators_may_not_edit_reference_data(moderator):
    assert not moderator.has_perm("hub.change_department")


def test_editor_sees_reference_data_in_admin(client_for, editor):
    response = client_for(editor).get("/admin/snippets/hub/department/")
    assert response.status_code == 200


def test_officer_cannot_edit_reference_data_in_admin(client_for, officer):
    response = client_for(officer).get("/admin/snippets/hub/department/")
    assert response.status_code in (302, 403)
