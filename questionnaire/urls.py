from django.urls import path, re_path

from . import views

app_name = "questionnaire"

wizard = views.QuestionnaireWizard.as_view(
    url_name="questionnaire:step", done_step_name="done")

urlpatterns = [
    path("", views.start, name="start"),
    path("about/", views.about, name="about"),
    path("questions/", wizard, name="questions"),
    re_path(r"^questions/(?P<step>[-\w]+)/$", wizard, name="step"),
    path("result/", views.result, name="result"),
    path("result/most-important/", views.most_important, name="most_important"),
    path("result/pdf/", views.result_pdf, name="result_pdf"),
    path("result/text/", views.result_text, name="result_text"),
    path("result/link/", views.result_link, name="result_link"),
    path("result/qr.svg", views.result_qr, name="result_qr"),
    path("result/check-in/", views.check_in, name="check_in"),
    path("result/fhir/", views.result_fhir, name="result_fhir"),
    # During and after the visit (questionnaire/views/visit.py).
    path("result/visit/", views.visit, name="visit"),
    path("result/visit/summary/", views.visit_summary, name="visit_summary"),
    path("result/visit/summary/pdf/", views.visit_summary_pdf, name="visit_summary_pdf"),
    path("result/visit/summary/text/", views.visit_summary_text, name="visit_summary_text"),
    path("result/visit/summary/fhir/", views.visit_summary_fhir, name="visit_summary_fhir"),
    # The wallet card for emergencies (views/wallet_card.py).
    path("result/wallet-card/", views.wallet_card, name="wallet_card"),
    path("result/wallet-card/pdf/", views.wallet_card_pdf, name="wallet_card_pdf"),
    path("fhir/metadata", views.fhir_metadata, name="fhir_metadata"),
    re_path(r"^fhir/(?P<kind>[A-Za-z]+)/?$", views.fhir_search, name="fhir_search"),
    re_path(r"^fhir/(?P<kind>[A-Za-z]+)/(?P<resource_id>[-A-Za-z0-9.]{1,64})/?$", views.fhir_resource,
            name="fhir_resource"),
    re_path(r"^fhir(?:/(?P<path>.*))?$", views.fhir_unknown, name="fhir_unknown"),
    path("list/<str:token>/", views.open_list, name="open_list"),
    path("start-over/", views.start_over, name="start_over"),
    path("ready/", views.ready, name="ready"),
    path("clinic/", views.clinic_device, name="clinic_device"),
    path("device/", views.device, name="device"),
    path("text-size/", views.text_size, name="text_size"),
    path("still-here/", views.still_here, name="still_here"),
]
