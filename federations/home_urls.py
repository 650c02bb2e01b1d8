"""The start page, outside the federations' namespace: ``{% url 'home' %}``."""

from django.urls import path

from .views import HomeView

urlpatterns = [path("", HomeView.as_view(), name="home")]
