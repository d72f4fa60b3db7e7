"""Working hours (`core.workdays.add_working_hours`): deadlines counted in the office's hours
of working days only."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from core.models import DayOff, DayOffKind
from core.workdays import add_working_hours

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
HOURS = {"day_starts": time(7, 30), "day_ends": time(17, 0)}


def at(*parts):
    return datetime(*parts, tzinfo=TZ)


def test_within_the_day():
    assert add_working_hours(at(2026, 3, 4, 9, 0), 4, **HOURS) == at(2026, 3, 4, 13, 0)


def test_friday_afternoon_runs_into_monday_morning():
    # Friday 6 March 2026, 15:00 + 4 working hours: 2 on Friday, 2 on Monday from 07:30.
    assert add_working_hours(at(2026, 3, 6, 15, 0), 4, **HOURS) == at(2026, 3, 9, 9, 30)


def test_before_opening_and_after_closing():
    assert add_working_hours(at(2026, 3, 4, 6, 0), 1, **HOURS) == at(2026, 3, 4, 8, 30)
    assert add_working_hours(at(2026, 3, 4, 18, 0), 1, **HOURS) == at(2026, 3, 5, 8, 30)


def test_holidays_and_office_days_off_are_skipped():
    # 30 April and 1 May are public holidays; 4 May 2026 (Monday) the office is closed.
    DayOff.objects.create(date=at(2026, 5, 4, 0, 0).date(), kind=DayOffKind.OFF, name="Nghỉ bù")
    assert add_working_hours(at(2026, 4, 29, 16, 0), 2, **HOURS) == at(2026, 5, 5, 8, 30)


def test_a_day_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError):
        add_working_hours(at(2026, 3, 4, 9, 0), 1, day_starts=time(17, 0), day_ends=time(8, 0))
