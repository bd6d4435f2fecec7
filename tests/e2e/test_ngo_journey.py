"""An NGO leader registers an organisation; a moderator verifies it; the public finds it; then an initiative."""

import re

from django.core import mail

from hub.roles import EDITORS, MODERATORS
from ngos.models import Initiative, Organisation
from tests.conftest import make_user

from .conftest import snap
from .journeys import admin_sign_in, sign_in, sign_out, sign_up_and_confirm, valid_bin

LEADER = "dana.leader@example.kz"
NAME_EN = "Green Steppe Foundation"
NAME_RU = "Общественный фонд «Зелёная степь»"
NAME_KK = "«Жасыл дала» қоғамдық қоры"


def register_organisation(page, bin_number):
    """The four registration steps as the leader sees them."""
    page.goto("/en/ngos/")
    page.get_by_role("link", name="Register your NGO").click()
    page.wait_for_url("**/en/ngos/register/")
    page.get_by_label("Name (Kazakh)").fill(NAME_KK)
    page.get_by_label("Name (Russian)").fill(NAME_RU)
    page.get_by_label("Name (English)").fill(NAME_EN)
    page.get_by_label("Short name").fill("Green Steppe")
    page.get_by_label("Legal form").select_option(label="Public foundation")
    page.get_by_label("BIN").fill(bin_number)
    page.get_by_label("Founding year").fill("2016")
    snap(page, "ngo-register-1-identity")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/register/activity/")

    page.get_by_label("Ecology", exact=True).check()
    page.get_by_label("Medeu", exact=False).first.check()
    page.get_by_label("Description (in English)").fill("We plant saxaul and elm trees along the Big Almaty Canal.")
    snap(page, "ngo-register-2-activity")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/register/contacts/")

    page.get_by_label("Phone").fill("+7 727 000 00 00")
    page.get_by_label("Email").fill("hello@green-steppe.kz")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/register/review/")
    snap(page, "ngo-register-3-review")
    page.get_by_role("button", name="Submit for verification").click()
    page.wait_for_url(re.compile(r".*/en/ngos/[\w-]+/$"))
    assert page.get_by_text("your organisation has been sent for verification").is_visible()


def test_leader_registers_an_ngo_a_moderator_verifies_it_and_the_public_finds_it(page, site):
    moderator = make_user("moder@example.kz", groups=[MODERATORS], is_staff=True)
    sign_up_and_confirm(page, LEADER)
    sign_in(page, LEADER)
    bin_number = valid_bin()
    register_organisation(page, bin_number)
    organisation = Organisation.objects.get(bin=bin_number)
    assert organisation.status == Organisation.Status.AWAITING_VERIFICATION

    # Not public yet.
    sign_out(page)
    page.goto("/en/ngos/?q=Steppe")
    assert page.get_by_role("link", name=NAME_EN).count() == 0

    # The moderator opens the queue in the admin and verifies it.
    admin_sign_in(page, moderator.email)
    page.goto("/admin/ngos/verification/")
    snap(page, "ngo-admin-verification-queue")
    page.get_by_role("link", name=NAME_EN).first.click()
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url("**/admin/ngos/verification/")
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.VERIFIED
    assert any(LEADER in m.to for m in mail.outbox[1:])

    # Anyone finds it in the directory and in site search.
    sign_out(page)
    page.goto("/en/ngos/")
    page.get_by_role("searchbox", name="Search").fill("Steppe")
    page.get_by_role("button", name="Show").click()
    page.get_by_role("link", name=NAME_EN).first.click()
    assert page.get_by_role("heading", level=1).inner_text().strip().startswith(NAME_EN)
    snap(page, "ngo-public-page")

    # The directory's box is site search: other word forms and the Latin spelling find it too.
    page.goto("/ru/ngos/")
    page.locator("#filter-q").fill("зелёной степи")
    page.locator("#filter-q").press("Enter")
    assert page.get_by_role("link", name=NAME_RU).first.is_visible()
    page.goto("/kk/ngos/?q=Zhasyl+dala")
    assert page.get_by_role("link", name=NAME_KK).first.is_visible()
    snap(page, "ngo-directory-search")
    page.goto("/en/ngos/?q=Stepe")
    page.get_by_role("link", name="Steppe").click()
    assert page.get_by_role("link", name=NAME_EN).first.is_visible()

    page.goto("/en/search/?q=saxaul")
    assert page.get_by_role("link", name=NAME_EN).first.is_visible()
    snap(page, "ngo-site-search")


def test_leader_proposes_an_initiative_and_an_editor_accepts_it_with_an_answer(page, site):
    from tests.ngos.conftest import make_organisation

    leader = make_user(LEADER)
    editor = make_user("akimat.editor@example.kz", groups=[EDITORS], is_staff=True)
    organisation = make_organisation(slug="green-steppe", leader=leader, name_en=NAME_EN)

    sign_in(page, LEADER)
    page.goto(f"/en/ngos/{organisation.slug}/")
    page.get_by_role("link", name="Propose an initiative").click()
    page.get_by_label("Title (in English)").fill("Drinking fountains in Gorky Park")
    page.get_by_label("The problem (in English)").fill("In summer there is no free drinking water in the park.")
    page.get_by_label("The proposal (in English)").fill("Install six drinking fountains along the main alleys.")
    page.get_by_label("Expected result (in English)").fill("Visitors drink water for free; fewer plastic bottles.")
    page.get_by_label("Field of activity").select_option(label="Ecology")
    page.get_by_label("Partnership").check()
    snap(page, "initiative-form")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("button", name="Submit to the akimat").click()
    assert page.get_by_text("The initiative has been submitted to the akimat.").is_visible()
    initiative = Initiative.objects.get(title_en="Drinking fountains in Gorky Park")
    assert initiative.status == Initiative.Status.SUBMITTED

    sign_out(page)
    admin_sign_in(page, editor.email)
    page.goto("/admin/ngos/initiatives/")
    page.get_by_role("link", name="Drinking fountains in Gorky Park").click()
    # Under review first (with a responsible body), then accepted with the official answer.
    page.get_by_label("New status").select_option(label="Under review")
    page.get_by_label("Responsible body").select_option(index=1)
    page.get_by_role("button", name="Change status").click()
    page.get_by_label("New status").select_option(label="Accepted")
    answer = "The parks department will install the fountains by June."
    page.get_by_label("Comment or official answer").fill(answer)
    snap(page, "initiative-admin-accept")
    page.get_by_role("button", name="Change status").click()
    page.wait_for_load_state()
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.ACCEPTED

    sign_out(page)
    page.goto(f"/en/initiatives/{initiative.pk}/")
    assert page.get_by_role("heading", name="Drinking fountains in Gorky Park").is_visible()
    assert page.locator(".badge").first.inner_text() == "Accepted"
    assert page.get_by_role("heading", name="Official answer").is_visible()
    assert page.get_by_text(answer).first.is_visible()
    snap(page, "initiative-public-accepted")
