"""A board member signs with their own login, which the office links to them on the
person's form: only among the users of its own federation."""

from django.urls import reverse

from federations.models import Person

from ..conftest import make_user


def test_the_office_links_a_person_only_to_a_login_of_its_own_federation(client, office, federation, other_federation):
    """Another federation's user is not offered, and posting their id is refused: nobody
    signs a federation's report with a login the federation does not know."""
    own = make_user("egen", federation, "board")
    foreign = make_user("annans", other_federation, "board")
    client.force_login(office)
    url = reverse("federations:person-new", kwargs={"slug": federation.slug})
    offered = set(client.get(url).context["form"].fields["user"].queryset)
    assert own in offered and foreign not in offered
    response = client.post(url, {"name": "Anna Ledamot", "user": foreign.pk})
    assert response.status_code == 200 and response.context["form"].errors["user"]
    assert not Person.objects.filter(name="Anna Ledamot").exists()
    client.post(url, {"name": "Anna Ledamot", "user": own.pk})
    assert Person.objects.get(name="Anna Ledamot").user == own
