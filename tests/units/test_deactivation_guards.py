"""units.deactivation: any app's guard refuses a deactivation with its reasons; leadership
overrides with a reason; nothing is written when refused."""

import pytest
from django.core.exceptions import ValidationError

from tests.units.conftest import _person
from units import deactivation, services
from units.choices import Position
from units.models import StaffMember, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def guard():
    saved = dict(deactivation.GUARDS)
    deactivation.register_deactivation_guard(
        "test.keys", lambda user: ["Còn giữ chìa khóa kho."] if user.username == "keeper" else []
    )
    yield
    deactivation.GUARDS.clear()
    deactivation.GUARDS.update(saved)


def test_a_guard_refuses_and_leadership_overrides(guard):
    unit = Unit.objects.create(code="tg", name_vi="Đơn vị thử")
    chief = _person("chief", Position.CHIEF)
    keeper = _person("keeper", Position.SPECIALIST, unit)
    other = _person("other", Position.SPECIALIST, unit)
    with pytest.raises(ValidationError, match="chìa khóa"):
        services.staff_deactivate(actor=chief, user=keeper, reason="Nghỉ hưu")
    assert StaffMember.objects.get(user=keeper).is_active
    services.staff_deactivate(
        actor=chief,
        user=keeper,
        reason="Nghỉ hưu",
        override_reason="Đã bàn giao chìa khóa cho Trưởng phòng",
    )
    assert not StaffMember.objects.get(user=keeper).is_active
    services.staff_deactivate(actor=chief, user=other, reason="Chuyển công tác")
    other.refresh_from_db()
    assert not other.is_active
