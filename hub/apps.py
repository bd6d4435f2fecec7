from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = _("Hub")

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from wagtail.signals import page_published, page_unpublished

        from .page_cache import bump_generation

        # The page cache must forget pages as soon as public content changes.
        def bump_for_public_content(sender, **kwargs):
            if sender.__module__ == "__fake__":  # historical models in data migrations
                return
            public = (
                sender._meta.app_label in settings.PUBLIC_CONTENT_APPS
                or sender._meta.label in settings.PUBLIC_CONTENT_MODELS
            )
            if public and sender._meta.label != settings.AUTH_USER_MODEL:
                bump_generation()

        for signal in (post_save, post_delete, m2m_changed):
            # weak=False: a local function held only by a weak reference would be collected at once.
            signal.connect(bump_for_public_content, weak=False, dispatch_uid=f"page-cache-{signal}")
        page_published.connect(bump_generation, dispatch_uid="page-cache-published")
        page_unpublished.connect(bump_generation, dispatch_uid="page-cache-unpublished")

        from .admin_menu import connect_sidebar_stamps

        connect_sidebar_stamps()

        from .i18n import wagtail_in_russian_for_kazakh

        wagtail_in_russian_for_kazakh()

        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override

        from .forms import SingleLineField

        # Names, titles and addresses typed in the Wagtail admin are one line too (hub.forms); exact
        # class, so that SlugField, EmailField and URLField keep their own form fields.
        register_form_field_override(models.CharField, override={"form_class": SingleLineField}, exact_class=True)
