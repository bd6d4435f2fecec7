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
