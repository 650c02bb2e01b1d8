from django.urls import reverse

from federations.models import Federation, Role


def test_the_dashboard_shows_the_year_at_a_glance(client, demo, django_user_model):
    user = django_user_model.objects.create_user("kanslist", password="x")
    Role.objects.create(user=user, federation=Federation.objects.get(slug="hoglandet"), kind="office")
    client.force_login(user)
    response = client.get(reverse("reporting:dashboard", kwargs={"slug": "hoglandet"}), {"year": 2024})
    board = response.context["dashboard"]
    assert board.participants.total.to_work_or_studies == 44
    assert board.participants.total.active == 232
    assert board.budget_used_percent == 104  # 8 594 456 of 8 236 000
    assert {status: count for status, _label, count in board.assessments if count} == {"met": 4, "not_met": 1}
    assert (board.goals, board.unassessed) == (5, 0)
    assert board.socioeconomic_effect == 44 * 194400
    assert "<svg" in board.participants_chart and "<svg" in board.money_chart
