"""#8: when an outgoing document is dispatched, the head of each recipient unit of the office is
told its number and summary, with a link to it; a secret one by its safe label only."""

import pytest

from core.models import Notification
from core.services import safe_label
from dispatch import services
from tests.dispatch.test_dispatch_outgoing import signed
from units.choices import Secrecy

pytestmark = pytest.mark.django_db


def dispatched(office, document):
    document = signed(office, document)
    services.outgoing_issue(actor=office["clerk"], document=document)
    services.seal_use_record(actor=office["clerk"], document=document, seal="Dấu Văn phòng")
    return services.outgoing_dispatch(actor=office["clerk"], document=document)


def told(user, document):
    return Notification.objects.filter(recipient=user, object_id=document.pk).latest("pk")


def test_the_recipient_units_head_is_told_the_number_and_summary(office, draft):
    document = dispatched(office, draft())
    notice = told(office["tc_head"], document)
    assert document.number_and_symbol in notice.title
    assert "Hướng dẫn thể thức văn bản của Đảng" in notice.title
    assert notice.url == document.get_absolute_url()
    assert not Notification.objects.filter(
        recipient=office["tc_staff"], object_id=document.pk
    ).exists()


def test_a_secret_documents_recipient_head_reads_only_its_label(office, draft):
    document = dispatched(office, draft(secrecy=Secrecy.SECRET))
    notice = told(office["tc_head"], document)
    assert notice.title.startswith(safe_label(document))
    assert "Hướng dẫn thể thức" not in notice.title
    assert notice.body == ""
    assert notice.url == document.get_absolute_url()
