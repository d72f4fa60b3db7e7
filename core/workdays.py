"""Working days for Vietnamese deadlines ("trong 5 ngày làm việc").

A day is a working day when it is Monday to Friday, not a public holiday of Vietnam (from the
`holidays` package, which also knows the Saturdays the government moves to compensate bridged
holidays), and not an extra day off decided for the office. Rows of `DayOff` are the office's own
decisions and win over everything else: kind "off" closes any day, kind "work" opens any day
(typically a Saturday worked to make up for a bridge day).

Every public function reads the `DayOff` rows it needs in one query, never one per day.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

WEEKEND = (5, 6)  # Saturday, Sunday
# How far past the first guess a search may look before giving up: a deadline can never be this
# many days away, so hitting it means the calendar is broken (e.g. every day marked off).
_MAX_SPAN_DAYS = 3 * 366


@lru_cache(maxsize=32)
def _public_holidays(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(public holidays, weekend days worked by government decision) of one year."""
    calendar = holidays.country_holidays("VN", years=year)
    swapped = frozenset(d for d in getattr(calendar, "weekend_workdays", ()) if d.year == year)
    return frozenset(calendar.keys()), swapped


class WorkCalendar:
    """The calendar of a date range, loaded once: public holidays and the office's `DayOff`s."""

    def __init__(self, first: date, last: date):
        from core.models import DayOff, DayOffKind

        if last < first:
            first, last = last, first
        self.first = first
        self.last = last
        self.holidays: set[date] = set()
        self.weekend_workdays: set[date] = set()
        for year in range(first.year, last.year + 1):
            public, swapped = _public_holidays(year)
            self.holidays |= public
            self.weekend_workdays |= swapped
        self.office_days: dict[date, str] = dict(
            DayOff.objects.filter(date__range=(first, last)).values_list("date", "kind")
        )
        self._off = DayOffKind.OFF
        self._work = DayOffKind.WORK

    def covers(self, d: date) -> bool:
        return self.first <= d <= self.last

    def is_working_day(self, d: date) -> bool:
        office_kind = self.office_days.get(d)
        if office_kind == self._off:
            return False
        if office_kind == self._work:
            return True
        if d in self.holidays:
            return False
        if d.weekday() in WEEKEND:
            return d in self.weekend_workdays
        return True


def _calendar_around(start: date, days_ahead: int) -> WorkCalendar:
    """A calendar wide enough for a search of about `days_ahead` calendar days (either way)."""
    end = start + timedelta(days=days_ahead)
    return WorkCalendar(min(start, end), max(start, end))


def _estimate_span(n: int) -> int:
    """Calendar days that surely hold `n` working days in an ordinary year: 5 working days a week
    and a margin for Tết (up to 9 days off in a row) and office days off."""
    return abs(n) * 7 // 5 + 45


def is_working_day(d: date) -> bool:
    return WorkCalendar(d, d).is_working_day(d)


def _step(
    calendar: WorkCalendar, d: date, direction: int, origin: date
) -> tuple[WorkCalendar, date]:
    """Move one calendar day, widening the loaded calendar (one more query) if we leave it."""
    d = d + timedelta(days=direction)
    if not calendar.covers(d):
        if abs((d - origin).days) > _MAX_SPAN_DAYS:
            raise ValueError("No working day found within three years: check the DayOff table.")
        calendar = _calendar_around(d, direction * 366)
    return calendar, d


def next_working_day(d: date) -> date:
    """The first working day strictly after `d`."""
    calendar = _calendar_around(d, _estimate_span(1))
    origin = d
    calendar, d = _step(calendar, d, 1, origin)
    while not calendar.is_working_day(d):
        calendar, d = _step(calendar, d, 1, origin)
    return d


def add_working_days(start: date, n: int) -> date:
    """The day `n` working days after `start`; `start` itself is never counted (a document received
    on Friday with a 1-working-day deadline is due on Monday).

    n = 0 gives `start` when it is a working day, otherwise the next working day: "today, or the
    first day the office is open". A negative n counts backwards (n working days before `start`).
    """
    direction = 1 if n >= 0 else -1
    calendar = _calendar_around(start, direction * _estimate_span(n))
    if n == 0:
        if calendar.is_working_day(start):
            return start
        n = 1
    d = start
    remaining = abs(n)
    while remaining:
        calendar, d = _step(calendar, d, direction, start)
        if calendar.is_working_day(d):
            remaining -= 1
    return d


def working_days_between(a: date, b: date) -> int:
    """Working days in (a, b]: `a` excluded, `b` included, so that
    `working_days_between(a, add_working_days(a, n)) == n` for n > 0. Negative when b < a."""
    if a == b:
        return 0
    if b < a:
        return -working_days_between(b, a)
    calendar = WorkCalendar(a, b)
    count = 0
    d = a + timedelta(days=1)
    while d <= b:
        if calendar.is_working_day(d):
            count += 1
        d += timedelta(days=1)
    return count


def add_working_hours(start, hours: float, *, day_starts, day_ends):
    """The moment `hours` working hours after `start` (an aware datetime), counting only the
    office's hours (`day_starts`..`day_ends`, local time) of working days: a request sent on
    Friday afternoon with 4 working hours is due on Monday morning. Returned in local time."""
    from datetime import datetime

    from django.utils import timezone

    if day_ends <= day_starts:
        raise ValueError("The working day must end after it starts.")
    tz = timezone.get_current_timezone()
    moment = timezone.localtime(start, tz)
    remaining = timedelta(hours=hours)
    calendar = _calendar_around(moment.date(), _estimate_span(int(hours // 8) + 1))
    day = moment.date()
    while True:
        if not calendar.covers(day):
            calendar = _calendar_around(day, 366)
        if calendar.is_working_day(day):
            opens = datetime.combine(day, day_starts, tzinfo=tz)
            closes = datetime.combine(day, day_ends, tzinfo=tz)
            begin = max(moment, opens)
            if begin < closes:
                if begin + remaining <= closes:
                    return begin + remaining
                remaining -= closes - begin
        day += timedelta(days=1)
        moment = datetime.combine(day, day_starts, tzinfo=tz)
        if (day - start.date()).days > _MAX_SPAN_DAYS:
            raise ValueError("No working hours found within three years: check the DayOff table.")
