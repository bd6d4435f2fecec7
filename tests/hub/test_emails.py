from types import SimpleNamespace

from hub.emails import render_email


def test_text_parts_are_not_html_escaped_but_the_html_part_is(db):
    organisation = SimpleNamespace(name="Taza & Aua «Жасыл»")
    invitation = SimpleNamespace(token="abc")
    context = {"organisation": organisation, "inviter": "O'Neil", "invitation": invitation, "site_url": "https://x"}
    subject, text, html = render_email("ngos/emails/invitation", context, "en")
    assert subject == "You are invited to join Taza & Aua «Жасыл»"
    assert "O'Neil invites you to join Taza & Aua «Жасыл»" in text
    assert "Taza &amp; Aua" in html and "O&#x27;Neil" in html
