"""What of the road maps is searchable: the actions of published road maps.

An action is found by its title, description, expected result, its section and road map;
unpublishing a road map removes all its actions from search.
"""

from search import labels
from search.documents import LANGUAGE_CODES, Document, join, join_translated, urls_of
from search.registry import Searchable, register

from .models import Action, RoadMap, Section


def _action_keys(queryset):
    return [str(pk) for pk in queryset.values_list("pk", flat=True)]


@register
class RoadMapActionSearch(Searchable):
    type = "roadmap_action"
    label = labels.ROADMAP_ACTION
    model = Action
    watches = {
        RoadMap: lambda roadmap: _action_keys(Action.objects.filter(section__roadmap=roadmap)),
        Section: lambda section: _action_keys(Action.objects.filter(section=section)),
    }

    def public_objects(self):
        return (
            Action.objects.filter(section__roadmap__live=True)
            .select_related("section__roadmap")
            .prefetch_related("departments__district")
        )

    def to_document(self, action):
        section, roadmap = action.section, action.section.roadmap
        titles = {
            language: f"{action.code} {getattr(action, f'title_{language}')}"
            for language in LANGUAGE_CODES
            if getattr(action, f"title_{language}", "")
        }
        departments = list(action.departments.all())
        districts = {department.district.slug for department in departments if department.district_id}
        return Document(
            type=self.type,
            key=str(action.pk),
            title=titles,
            body={
                language: join(
                    action.description,
                    getattr(action, f"expected_result_{language}"),
                    join_translated(language, (section, "title"), (roadmap, "title")),
                    *(getattr(department, f"name_{language}", "") for department in departments),
                )
                for language in LANGUAGE_CODES
            },
            url=urls_of(action),
            district=sorted(districts),
            date=action.due_date,
        )
