from ngos import demo
from ngos.models import Initiative, Membership, Organisation


def test_demo_seed_is_idempotent_and_covers_every_initiative_status(db):
    demo.seed()
    counts = (Organisation.objects.count(), Initiative.objects.count())
    demo.seed()
    assert (Organisation.objects.count(), Initiative.objects.count()) == counts
    assert Organisation.objects.verified().count() >= 20
    statuses = list(Initiative.objects.values_list("status", flat=True))
    assert all(statuses.count(status) >= 2 for status in Initiative.Status.values)
    leader = Membership.objects.get(user__email="leader@demo.hub.kz")
    assert leader.role == "leader" and leader.organisation.status == "verified"
    assert Membership.objects.filter(user__email="member@demo.hub.kz", organisation=leader.organisation).exists()
    assert all(org.search_text for org in Organisation.objects.all())


def test_demo_initiatives_have_supporters_and_the_home_page_counts_them(db, rf):
    from django.template.loader import render_to_string
    from django.utils import translation

    from ngos import panels

    demo.seed()
    public = Initiative.objects.public().with_support_count()
    counts = [initiative.support_count for initiative in public]
    assert counts and min(counts) >= 3 and len(set(counts)) > 3
    demo.seed()
    assert [i.support_count for i in Initiative.objects.public().with_support_count()] == counts
    assert not Initiative.objects.filter(status="draft", supports__isnull=False).exists()
    section = panels.home_section(rf.get("/"))
    with translation.override("en"):
        html = render_to_string(section["template"], {"section": section})
    latest = section["latest_initiatives"][0]
    assert latest.support_count >= 3 and f"{latest.support_count} supporters" in html
