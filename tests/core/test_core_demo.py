import os

import pytest
from django.core.management import call_command

from core import demo


@pytest.fixture
def seeds():
    saved = list(demo.SEEDS)
    yield demo.SEEDS
    demo.SEEDS[:] = saved


@pytest.mark.django_db
def test_seed_demo_runs_every_registered_seed_with_the_people(seeds):
    seen = []
    demo.register_demo("first", lambda users: seen.append(("first", sorted(users))))
    demo.register_demo("second", lambda users: seen.append(("second", users["chanhvp"].username)))
    call_command("seed_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert seen[0][0] == "first" and "cy.truong" in seen[0][1]
    assert seen[1] == ("second", "chanhvp")


def test_a_second_registration_of_a_name_replaces_the_first(seeds):
    demo.register_demo("twice", lambda users: None)
    replacement = demo.register_demo("twice", lambda users: None)
    assert [fn for name, fn in demo.SEEDS if name == "twice"] == [replacement]
