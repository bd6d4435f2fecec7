"""The road map page shares its overview with everyone; each NGO still sees its own proposals at once (issue 17)."""

from roadmaps import services


def test_own_proposal_shows_at_once_and_not_to_another_ngo(
    shared_cache, client, drafting_roadmap, member, ngo, other_leader, other_ngo
):
    url = drafting_roadmap.get_absolute_url()
    client.force_login(member)
    assert "Bike lanes by the river" not in client.get(url).content.decode()
    services.proposal_submit(
        roadmap=drafting_roadmap, organisation=ngo, user=member, title="Bike lanes by the river", rationale="Why"
    )
    assert "Bike lanes by the river" in client.get(url).content.decode()
    client.force_login(other_leader)
    assert "Bike lanes by the river" not in client.get(url).content.decode()
