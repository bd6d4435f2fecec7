"""NGO news: a leader publishes news from the organisation's page; a follower finds it in the inbox and
by email; the organisation's page and its news list at a phone's and a desktop's width (issue 19)."""

import re

from django.core import mail

from tests.conftest import make_user
from tests.follows.conftest import follower

from .conftest import axe_violations, snap
from .journeys import sign_in, sign_out

LEADER = "news.leader@example.kz"
READER = "news.reader@example.kz"


def test_leader_publishes_news_and_a_follower_hears_of_it(page, site):
    from follows.services import follow
    from tests.ngos.conftest import make_organisation

    leader = make_user(LEADER)
    organisation = make_organisation(slug="taza-aua", leader=leader, name_en="Taza Aua Foundation")
    follow(user=follower(READER, language="ru"), obj=organisation)

    sign_in(page, LEADER)
    page.goto(organisation.get_absolute_url())
    page.get_by_role("link", name="Write news").first.click()
    page.get_by_label("Title (in English)").fill("600 trees along the ring road")
    page.get_by_label("Text (in English)").fill(
        "On Saturday 120 volunteers planted 600 elms along the eastern ring road.\n\n"
        "The foundation waters them for the first two years."
    )
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("The news is published").wait_for()
    assert page.locator("h1").inner_text() == "600 trees along the ring road"

    # The follower's email is in Russian and links to the post under /ru/.
    message = next(m for m in reversed(mail.outbox) if m.to == [READER])
    assert "Организация опубликовала новость." in message.body
    assert re.search(r"/ru/ngos/taza-aua/news/\d+/", message.body)

    sign_out(page)
    page.goto(organisation.get_absolute_url())
    page.get_by_role("heading", name="News").wait_for()
    assert axe_violations(page) == []
    snap(page, "ngo-news-organisation")
    page.get_by_role("link", name="All news of the organisation").click()
    page.get_by_role("link", name="600 trees along the ring road").wait_for()
    assert axe_violations(page) == []
    snap(page, "ngo-news-list")
