from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo federations of Jönköping county (``load_demo``) and the national-scale dataset
    ``make bench`` measures on. No models: it stands on top of every app and nothing imports it."""

    name = "demo"
    verbose_name = "Demo"
