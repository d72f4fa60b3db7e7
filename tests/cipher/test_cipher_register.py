"""The register of cipher messages (Điều 11.2): metadata only, numbered per year and
direction, seen by Cipher–IT and the chief alone: 404 for everyone else, whatever else they
hold (the deputy chief in charge of CY, a system administrator outside CY, a superuser)."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone

from cipher.choices import Direction, Urgency
from cipher.models import CipherMessage
from cipher.services import register
from units.choices import Secrecy

pytestmark = pytest.mark.django_db

#: Words that would name a message's content in a field's name.
CONTENT_WORDS = re.compile(
    r"content|body|text|plain|message|msg|payload|cipher_?text|clear|decrypt|noi_?dung|"
    r"trich_?yeu|summary|subject|note|attachment|file",
    re.IGNORECASE,
)


def _message(office, direction=Direction.RECEIVED, at=None, secrecy=Secrecy.CONFIDENTIAL):
    return register.message_record(
        actor=office["cy_officer"],
        direction=direction,
        at=at or timezone.now() - timedelta(hours=1),
        counterpart="Ban Cơ yếu Chính phủ",
        secrecy=secrecy,
        urgency=Urgency.URGENT,
        handler=office["cy_officer"],
        document_number="12-CV/VPTU",
    )


def test_the_register_has_no_field_for_a_messages_content():
    """Fails the day a content-like field (or any long text) is added to the register or its
    history."""
    for model in (CipherMessage, CipherMessage.history.model):
        for field in model._meta.get_fields():
            if not getattr(field, "concrete", False) or field.name.startswith("history_"):
                continue
            assert not isinstance(field, models.TextField), field.name
            assert not isinstance(field, models.FileField | models.JSONField), field.name
            assert not CONTENT_WORDS.search(field.name), field.name


def test_numbers_run_per_year_and_direction(cy):
    first = _message(cy)
    second = _message(cy)
    sent = _message(cy, direction=Direction.SENT)
    assert (first.number, second.number, sent.number) == (1, 2, 1)
    last_year = timezone.now().replace(year=timezone.now().year - 1)
    assert _message(cy, at=last_year).number == 1


def test_only_cipher_it_keeps_the_register(cy):
    for outsider in ("chief", "dc_other", "admin_elsewhere", "coord_head"):
        with pytest.raises(PermissionDenied):
            _message(type(cy)(units=cy.units, people={**cy.people, "cy_officer": cy[outsider]}))
    with pytest.raises(ValidationError) as error:
        register.message_record(
            actor=cy["cy_officer"],
            direction=Direction.SENT,
            at=timezone.now(),
            counterpart="Tỉnh ủy",
            secrecy="",
            urgency=Urgency.NORMAL,
            handler=cy["staff"],
        )
    assert error.value.message_dict["handler"] == ["Người xử lý phải là cán bộ Cơ yếu – CNTT."]
    assert not CipherMessage.objects.exists()


@pytest.fixture
def superuser_elsewhere(cy, make_person):
    from units.choices import Position

    user = make_person("tc_super", Position.SPECIALIST, cy.units["tc"])
    type(user).objects.filter(pk=user.pk).update(is_superuser=True, is_staff=True)
    return type(user).objects.get(pk=user.pk)


def test_the_register_is_404_for_everyone_but_cipher_it_and_the_chief(
    client, cy, superuser_elsewhere
):
    message = _message(cy)
    pages = [
        "/co-yeu/so-dien/",
        message.get_absolute_url(),
        "/co-yeu/so-dien/vao-so/",
        f"/admin/cipher/ciphermessage/{message.pk}/change/",
    ]
    outsiders = [cy[name] for name in ("dc_other", "dc_in_charge", "admin_elsewhere", "head")]
    for user in [*outsiders, superuser_elsewhere]:
        client.force_login(user)
        for url in pages[:3]:
            assert client.get(url).status_code == 404, (user.username, url)
        if user.is_staff:
            assert client.get(pages[3]).status_code == 404, (user.username, pages[3])
    for name in ("cy_officer", "cy_head", "chief"):
        client.force_login(cy[name])
        response = client.get(pages[0])
        assert (
            response.status_code == 200 and message.get_absolute_url() in response.content.decode()
        )
        assert client.get(pages[1]).status_code == 200
    client.force_login(cy["chief"])
    assert client.get(pages[3]).status_code == 200
