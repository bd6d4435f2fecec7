from django.urls import path

from . import views

app_name = "anticorruption"

urlpatterns = [
    path("adaldyq-alany/", views.file_report, name="file"),
    path("adaldyq-alany/receipt/saved/", views.receipt_saved, name="receipt_saved"),
    path("adaldyq-alany/receipt/confirmation.pdf", views.receipt_pdf, name="receipt_pdf"),
    path("adaldyq-alany/track/", views.track, name="track"),
    path("adaldyq-alany/track/<str:case_number>/", views.case, name="case"),
    path("adaldyq-alany/track/<str:case_number>/reply/", views.case_reply, name="case_reply"),
    path("adaldyq-alany/track/<str:case_number>/reopen/", views.case_reopen, name="case_reopen"),
    path("adaldyq-alany/track/<str:case_number>/news/withdraw/", views.case_news_withdraw, name="case_news_withdraw"),
    path("adaldyq-alany/news/<str:token>/", views.news_withdraw, name="news_withdraw"),
    path("adaldyq-alany/track/<str:case_number>/leave/", views.case_leave, name="case_leave"),
    path("adaldyq-alany/track/<str:case_number>/answer.pdf", views.case_answer_pdf, name="case_answer_pdf"),
    path("adaldyq-alany/track/<str:case_number>/files/<uuid:token>/", views.case_attachment, name="case_attachment"),
    path("adaldyq-alany/verify/", views.verify, name="verify"),
    path("adaldyq-alany/stats/", views.statistics, name="stats"),
    path("adaldyq-alany/stats/<str:table>.csv", views.statistics_csv, name="stats_csv"),
    path("adaldyq-alany/outcomes/", views.outcome_list, name="outcomes"),
    path("adaldyq-alany/outcomes/<str:slug>/", views.outcome_detail, name="outcome"),
]
