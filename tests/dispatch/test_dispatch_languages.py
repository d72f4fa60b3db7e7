"""#8: a service's refusals follow the caller's language, while the reasons and notices it
stores stay in the office's language (Vietnamese) whoever calls it (`in_office_language`)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from core.models import Notification
from dispatch import services
from dispatch.choices import RegisterKind
from dispatch.models import Letter, Register

pytestmark = pytest.mark.django_db


def receive(office, **fields):
    return services.letter_receive(
        actor=office["clerk"],
        received_on=timezone.localdate(),
        summary="Đơn kiến nghị về đất đai",
        **{"sender_name": "Nguyễn Văn A", **fields},
    )


def test_a_refusal_reaches_an_english_caller_in_english_and_nothing_is_written(office):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        receive(office, sender_name="")
    assert refused.value.message_dict == {
        "sender_name": ["Give the sender, or mark the letter as anonymous."]
    }
    assert not Letter.objects.exists()


def test_a_refusal_with_values_is_given_again_with_them(office):
    Register.objects.filter(kind=RegisterKind.LETTERS).update(is_active=False)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        receive(office)
    assert refused.value.messages == ["No register in use: Letters and petitions register."]
    with pytest.raises(ValidationError) as refused:
        receive(office)
    assert refused.value.messages == ["Chưa có sổ đang dùng: Sổ đơn thư."]


def test_a_permission_refusal_follows_the_callers_language(office):
    letter = receive(office)
    with translation.override("en"), pytest.raises(PermissionDenied) as refused:
        services.letter_route(
            actor=office["th_staff"], letter=letter, routed_to="UBKT", to_standing_board=False
        )
    assert str(refused.value) == "Only the head of unit may approve forwarding a letter."


def test_what_an_english_caller_stores_stays_vietnamese(office):
    with translation.override("en"):
        letter = receive(office)
        services.letter_classify(
            actor=office["clerk"],
            letter=letter,
            category=_a_category(),
            is_anonymous=False,
            out_of_competence=False,
            proposal="Chuyển Ủy ban Kiểm tra Tỉnh ủy xem xét.",
        )
    assert letter.history.latest().history_change_reason == "Phân loại, đề xuất xử lý"
    notice = Notification.objects.get(recipient=office["hc_head"], object_id=letter.pk)
    assert notice.title.startswith("Đơn thư chờ duyệt chuyển")


def _a_category():
    from dispatch.choices import LetterCategory

    return LetterCategory.values[0]


def test_an_office_text_pickles_as_plain_text():
    import pickle

    from core.audit import OfficeText

    text = OfficeText("Sổ đơn thư", "Sổ đơn thư") % ()
    again = pickle.loads(pickle.dumps(text))
    assert again == "Sổ đơn thư" and type(again) is str
