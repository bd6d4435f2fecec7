from django.urls import path

from . import views

app_name = "roadmaps"

urlpatterns = [
    path("roadmaps/", views.roadmap_list, name="list"),
    path("roadmaps/<slug:slug>/", views.roadmap_detail, name="detail"),
    path("roadmaps/<slug:slug>/propose/", views.proposal_create, name="propose"),
    path("roadmaps/<slug:slug>/export.pdf", views.roadmap_pdf, name="pdf"),
    path("roadmaps/<slug:slug>/export.xlsx", views.roadmap_xlsx, name="xlsx"),
    path("roadmaps/<slug:slug>/export.csv", views.roadmap_csv, name="csv"),
    path("roadmaps/<slug:slug>/actions/<str:code>/", views.action_detail, name="action"),
    path("roadmaps/<slug:slug>/actions/<str:code>/update/", views.action_update, name="action_update"),
]
