from datetime import date, timedelta

import pytest

from core.models import DayOff, DayOffKind
from core.workdays import (
    add_working_days,
    is_working_day,
    next_working_day,
    working_days_between,
)

pytestmark = pytest.mark.django_db

FRIDAY_BEFORE_TET_2026 = date(2026, 2, 13)
TET_2026 = [date(2026, 2, d) for d in range(16, 21)]  # 29 Tết → mùng 4, Mon–Fri


def test_ordinary_weekdays_and_weekends():
    assert is_working_day(date(2026, 3, 11))  # Wednesday
    assert not is_working_day(date(2026, 3, 14))  # Saturday
    assert not is_working_day(date(2026, 3, 15))  # Sunday


@pytest.mark.parametrize("day", TET_2026)
def test_tet_2026_is_not_a_working_day(day):
    assert day.weekday() < 5
    assert not is_working_day(day)


def test_deadline_across_tet_2026():
    # Friday before Tết + 1 working day: the whole Tết week is skipped.
    assert add_working_days(FRIDAY_BEFORE_TET_2026, 1) == date(2026, 2, 23)
    assert add_working_days(FRIDAY_BEFORE_TET_2026, 5) == date(2026, 2, 27)
    assert working_days_between(FRIDAY_BEFORE_TET_2026, date(2026, 2, 27)) == 5


def test_national_day_2026():
    assert not is_working_day(date(2026, 9, 2))  # Wednesday, Quốc khánh
    assert not is_working_day(date(2026, 9, 1))
    # Friday 28/8 + 1: Monday 31/8 is the bridge day, 1 and 2/9 are holidays.
    assert add_working_days(date(2026, 8, 28), 1) == date(2026, 9, 3)


def test_saturday_worked_by_government_decision_counts():
    # The holidays package records Saturday 22/8/2026 as worked to compensate Monday 31/8.
    assert is_working_day(date(2026, 8, 22))


def test_extra_day_off_of_the_office():
    tuesday = date(2026, 3, 10)
    assert add_working_days(date(2026, 3, 9), 1) == tuesday
    DayOff.objects.create(date=tuesday, name="Nghỉ thêm", kind=DayOffKind.OFF)
    assert not is_working_day(tuesday)
    assert add_working_days(date(2026, 3, 9), 1) == date(2026, 3, 11)


def test_swapped_saturday_becomes_a_working_day():
    saturday = date(2026, 3, 14)
    assert add_working_days(date(2026, 3, 13), 1) == date(2026, 3, 16)
    DayOff.objects.create(date=saturday, name="Làm bù", kind=DayOffKind.WORK)
    assert is_working_day(saturday)
    assert add_working_days(date(2026, 3, 13), 1) == saturday
    assert working_days_between(date(2026, 3, 13), date(2026, 3, 16)) == 2


def test_zero_days_means_today_or_the_next_open_day():
    assert add_working_days(date(2026, 3, 11), 0) == date(2026, 3, 11)
    assert add_working_days(date(2026, 3, 14), 0) == date(2026, 3, 16)
    assert add_working_days(date(2026, 2, 16), 0) == date(2026, 2, 23)


def test_start_day_is_not_counted():
    wednesday = date(2026, 3, 11)
    assert add_working_days(wednesday, 1) == date(2026, 3, 12)
    assert add_working_days(date(2026, 3, 14), 1) == date(2026, 3, 16)  # from a Saturday


def test_negative_count_goes_backwards():
    assert add_working_days(date(2026, 2, 23), -1) == FRIDAY_BEFORE_TET_2026
    assert add_working_days(date(2026, 3, 16), -1) == date(2026, 3, 13)


def test_next_working_day_is_strictly_after():
    assert next_working_day(date(2026, 3, 11)) == date(2026, 3, 12)
    assert next_working_day(date(2026, 3, 13)) == date(2026, 3, 16)
    assert next_working_day(FRIDAY_BEFORE_TET_2026) == date(2026, 2, 23)


def test_between_is_antisymmetric_and_zero_on_same_day():
    a, b = date(2026, 1, 5), date(2026, 3, 2)
    assert working_days_between(a, a) == 0
    assert working_days_between(b, a) == -working_days_between(a, b)


@pytest.mark.parametrize("n", [1, 7, 23, 60, 250])
def test_add_and_between_agree(n):
    start = date(2025, 12, 20)
    end = add_working_days(start, n)
    assert is_working_day(end)
    assert working_days_between(start, end) == n


def test_deadline_crossing_a_year_boundary():
    # 31/12/2025 (Wed) + 1: 1/1/2026 is New Year's Day.
    assert add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 2)


def test_one_query_per_call_however_long_the_span(django_assert_num_queries):
    for offset in range(0, 40, 3):
        DayOff.objects.create(
            date=date(2026, 5, 4) + timedelta(days=offset), name="Nghỉ", kind=DayOffKind.OFF
        )
    with django_assert_num_queries(1):
        add_working_days(date(2026, 1, 2), 200)
    with django_assert_num_queries(1):
        working_days_between(date(2025, 1, 1), date(2026, 12, 31))
    with django_assert_num_queries(1):
        is_working_day(date(2026, 5, 4))
    with django_assert_num_queries(1):
        next_working_day(date(2026, 5, 1))
