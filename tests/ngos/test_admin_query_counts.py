"""The moderators' pages run a fixed number of queries however large the registry grows (issue 17)."""

import pytest
from django.urls import reverse

from ngos.models import Organisation
from tests.queries import page_queries

from .conftest import make_organisation

WAITING = Organisation.Status.AWAITING_VERIFICATION


@pytest.mark.parametrize(
    "name,status",
    [("ngos_admin:verification_queue", WAITING), ("ngos_admin:organisation_index", Organisation.Status.VERIFIED)],
)
def test_moderator_lists_run_a_fixed_number_of_queries(client_for, moderator, leader, name, status):
    client = client_for(moderator)
    make_organisation(slug="first", status=status, leader=leader, fields=("ecology", "youth"))
    client.get(reverse(name))  # warm up the session and Wagtail's caches
    few = page_queries(client, reverse(name))
    for number in range(15):
        make_organisation(slug=f"org-{number}", status=status, fields=("ecology", "youth"))
    assert page_queries(client, reverse(name)) == few
