from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.meeting_list, name="list"),
    path("meetings/calendar.ics", views.calendar_feed, name="calendar"),
    path("meetings/my/<str:token>.ics", views.personal_calendar_feed, name="personal_calendar"),
    path("meetings/my/calendar/reset/", views.personal_calendar_reset, name="personal_calendar_reset"),
    path("meetings/assignments/", views.assignment_tracker, name="assignments"),
    path("meetings/assignments/<int:pk>/", views.assignment_detail, name="assignment"),
    path("meetings/<slug:slug>/", views.meeting_detail, name="detail"),
    path("meetings/<slug:slug>.ics", views.meeting_ics_file, name="ics"),
    path("meetings/<slug:slug>/register/", views.register, name="register"),
    path("meetings/<slug:slug>/cancel/", views.cancel, name="cancel"),
    path("meetings/<slug:slug>/questions/", views.ask, name="ask"),
    path("meetings/<slug:slug>/questions/<int:question_id>/support/", views.support, name="support"),
    path("meetings/<slug:slug>/attendance/", views.attendance, name="attendance"),
    path("meetings/<slug:slug>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
]
