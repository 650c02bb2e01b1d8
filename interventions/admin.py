from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Orientation


@admin.register(Orientation)
class OrientationAdmin(SimpleHistoryAdmin):
    """The installation's list of precise orientations (Uppföljning Finsam's)."""

    list_display = ["name", "kind", "position", "in_use"]
    list_filter = ["kind", "in_use"]
    list_editable = ["position", "in_use"]
