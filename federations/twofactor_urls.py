from django.urls import path

from . import twofactor

urlpatterns = [
    path("", twofactor.VerifyView.as_view(), name="two-factor-verify"),
    path("enrol/", twofactor.EnrolView.as_view(), name="two-factor-enrol"),
    path("codes/", twofactor.RecoveryCodesView.as_view(), name="two-factor-codes"),
]
