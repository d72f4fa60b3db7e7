"""Run in a spawned OS process by the parallel booking test: a fresh interpreter that sets Django
up on the test database and asks QT's service to book one slot, all processes at once."""


def book(
    database_url: str,
    actor_id: int,
    request_id: int,
    resource_id: int,
    server_id: int,
    skip_first_check: bool,
    barrier,
    results,
):
    import os

    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "office.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError

    from facilities.models import Resource, ServiceRequest
    from facilities.services import requests as services

    if skip_first_check:
        # Every process gets past the service's own look-up, as if all had read the calendar
        # at the same instant: only the database's exclusion constraint stands between them.
        real = services.find_clash
        calls = []

        def blind_once(**kwargs):
            calls.append(kwargs)
            return None if len(calls) == 1 else real(**kwargs)

        services.find_clash = blind_once

    users = get_user_model().objects
    actor, server = users.get(pk=actor_id), users.get(pk=server_id)
    request = ServiceRequest.objects.select_related("kind").get(pk=request_id)
    resource = Resource.objects.get(pk=resource_id)
    barrier.wait()
    try:
        services.request_assign(actor=actor, request=request, resource=resource, server=server)
    except ValidationError as error:
        results.put(("refused", " ".join(error.messages)))
    else:
        results.put(("booked", request_id))
