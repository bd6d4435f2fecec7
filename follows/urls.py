from django.urls import path

from . import views

app_name = "follows"

urlpatterns = [
    path("follow/", views.follow_toggle, name="toggle"),
    path("accounts/inbox/", views.inbox, name="inbox"),
    path("accounts/inbox/read/", views.inbox_mark_read, name="mark_read"),
    path("accounts/notifications/", views.preferences_save, name="preferences"),
    path("accounts/notifications/<str:token>/", views.preferences_token, name="preferences_token"),
    path("accounts/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
