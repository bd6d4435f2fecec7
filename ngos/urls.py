from django.urls import path

from . import views

app_name = "ngos"

urlpatterns = [
    path("ngos/", views.organisation_directory, name="directory"),
    path("ngos/register/", views.organisation_register, name="register"),
    path("ngos/open-data.<str:fmt>", views.organisation_export, name="export"),
    path("ngos/invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("ngos/<slug:slug>/", views.organisation_detail, name="detail"),
    path("ngos/<slug:slug>/register/<slug:step>/", views.organisation_register_step, name="register_step"),
    path("ngos/<slug:slug>/edit/", views.organisation_edit, name="edit"),
    path("ngos/<slug:slug>/submit/", views.organisation_submit, name="submit"),
    path("ngos/<slug:slug>/members/", views.organisation_members, name="members"),
    path("ngos/<slug:slug>/members/<int:pk>/role/", views.membership_role, name="membership_role"),
    path("ngos/<slug:slug>/members/<int:pk>/remove/", views.membership_remove, name="membership_remove"),
    path("ngos/<slug:slug>/members/<int:pk>/handover/", views.leadership_handover, name="leadership_handover"),
    path("ngos/<slug:slug>/initiatives/new/", views.initiative_create, name="initiative_create"),
    path("ngos/<slug:slug>/news/", views.news_list, name="news_list"),
    path("ngos/<slug:slug>/news/new/", views.news_create, name="news_create"),
    path("ngos/<slug:slug>/news/<int:pk>/", views.news_detail, name="news_detail"),
    path("ngos/<slug:slug>/news/<int:pk>/edit/", views.news_edit, name="news_edit"),
    path("ngos/<slug:slug>/news/<int:pk>/delete/", views.news_delete, name="news_delete"),
    path("initiatives/", views.initiative_list, name="initiative_list"),
    path("initiatives/<int:pk>/", views.initiative_detail, name="initiative_detail"),
    path(
        "initiatives/<int:pk>/attachments/<int:attachment_pk>/",
        views.initiative_attachment,
        name="initiative_attachment",
    ),
    path("initiatives/<int:pk>/edit/", views.initiative_edit, name="initiative_edit"),
    path("initiatives/<int:pk>/submit/", views.initiative_submit, name="initiative_submit"),
    path("initiatives/<int:pk>/support/", views.initiative_support, name="initiative_support"),
]
