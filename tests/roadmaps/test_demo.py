import io

from hub.roles import EDITORS
from ngos import demo as ngos_demo
from roadmaps import demo
from roadmaps.models import Action, ProgressUpdate, Proposal, RoadMap

from ..conftest import make_user


def test_demo_seeds_both_roadmaps_idempotently(db):
    make_user("editor@demo.hub.kz", groups=[EDITORS], is_staff=True)
    ngos_demo.seed(io.StringIO())
    demo.seed(io.StringIO())
    counts = (RoadMap.objects.count(), Action.objects.count(), ProgressUpdate.objects.count(), Proposal.objects.count())
    demo.seed(io.StringIO())
    assert (
        RoadMap.objects.count(),
        Action.objects.count(),
        ProgressUpdate.objects.count(),
        Proposal.objects.count(),
    ) == counts

    belsendi = RoadMap.objects.get(slug="belsendi-megapolis")
    assert belsendi.live and belsendi.status == RoadMap.Status.COMPLETED and belsendi.final_report_ru
    actions = Action.objects.of_roadmap(belsendi)
    assert actions.filter(status="done").count() == 13
    assert actions.overdue().count() == 3
    assert actions.filter(partner_links__isnull=False).distinct().count() == 16
    assert belsendi.status_changes.count() == 3

    new = RoadMap.objects.get(slug="akimat-ngo-cooperation")
    assert new.live and new.accepts_proposals()
    statuses = sorted(new.proposals.values_list("status", flat=True))
    assert statuses == ["accepted", "declined", "submitted", "submitted"]
    assert new.proposals.get(status="accepted").action is not None
