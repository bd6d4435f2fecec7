"""An identified reporter hears of their own report's status, and nobody else does."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import pgettext_lazy

from follows import registry


def _reporter_only(report):
    return Q(pk=report.reporter_user_id) if report.reporter_user_id else False


def register():
    from .models import Report

    registry.register(
        "report",
        Report,
        label=pgettext_lazy("followed thing", "My report"),
        audience=_reporter_only,
        url=lambda report: reverse("account_home"),
        followable=False,
    )
