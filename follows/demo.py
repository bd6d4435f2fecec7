"""Demo follows: the NGO leader follows the published road maps, so their inbox fills as editors work."""

from django.apps import apps

from hub.demo import demo_user

from .services import follow


def seed(stdout):
    leader = demo_user("leader@demo.hub.kz")
    roadmaps = apps.get_model("roadmaps", "RoadMap").objects.published()
    for roadmap in roadmaps:
        follow(user=leader, obj=roadmap)
    stdout.write(f"Follows: the NGO leader follows {len(roadmaps)} road maps.\n")
