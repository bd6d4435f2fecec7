"""The editors' proposal queue: waiting proposals first, a page at a time (issue 17)."""

from django.urls import reverse

from roadmaps import admin_views, services


def test_waiting_proposals_come_first_a_page_at_a_time(client_for, editor, drafting_roadmap, member, ngo, monkeypatch):
    monkeypatch.setattr(admin_views, "PROPOSALS_PER_PAGE", 2)
    proposals = [
        services.proposal_submit(
            roadmap=drafting_roadmap, organisation=ngo, user=member, title=f"Idea {number}", rationale="Why"
        )
        for number in range(3)
    ]
    services.proposal_decline(proposal=proposals[2], user=editor, reason="Out of scope")
    client = client_for(editor)
    url = reverse("roadmaps_admin:proposals")
    first, second = client.get(url).content.decode(), client.get(url, {"p": 2}).content.decode()
    # The newest proposal was declined: the two still waiting fill the first page.
    assert "Idea 0" in first and "Idea 1" in first and "Idea 2" not in first
    assert "Idea 2" in second and "Idea 0" not in second
    assert client.get(url, {"p": "junk"}).status_code == 200
