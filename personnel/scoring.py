"""The arithmetic of the yearly evaluation, from a rule set's data (Nghị định 335/2025/NĐ-CP):

- the task results are counted per period (month or quarter, `counting_period`): each item
  assessable in the period carries an equal share of `task_points`; an item done on time and
  with no quality failure earns its share, each delay and each quality failure takes away
  `deduction_percent` of its share (never below zero), an item not done past its deadline
  earns nothing;
- the year's task score is the mean of the periods that held items;
- the grade is the highest band whose `min_score` the total reaches;
- xuất sắc may be given to at most `excellent_quota_percent` of those graded tốt in the unit
  (rounded down).

Pure functions on plain values: `selectors.task_items` gathers the items from what the product
holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from personnel.choices import CountingPeriod, Grade

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Item:
    """One piece of work counted in the task results."""

    kind: str
    label: str
    due: date
    done_on: date | None
    quality_failures: int = 0
    url: str = ""

    def delays(self) -> int:
        return 1 if self.done_on is not None and self.done_on > self.due else 0

    def assessable(self, today: date) -> bool:
        """Done, or past its deadline undone; work still within its term is not yet counted."""
        return self.done_on is not None or self.due < today


@dataclass
class ScoredItem:
    item: Item
    share: Decimal
    points: Decimal
    delays: int
    quality_failures: int
    done: bool


@dataclass
class PeriodResult:
    period: int
    items: list[ScoredItem] = field(default_factory=list)

    @property
    def score(self) -> Decimal:
        return sum((scored.points for scored in self.items), Decimal(0)).quantize(CENT)


@dataclass
class TaskResult:
    periods: list[PeriodResult]

    @property
    def score(self) -> Decimal | None:
        """The mean of the periods that held items; None when nothing was counted."""
        if not self.periods:
            return None
        total = sum((period.score for period in self.periods), Decimal(0))
        return (total / len(self.periods)).quantize(CENT, rounding=ROUND_HALF_UP)

    def as_json(self) -> dict:
        return {
            "score": str(self.score) if self.score is not None else None,
            "periods": [
                {
                    "period": period.period,
                    "score": str(period.score),
                    "items": [
                        {
                            "kind": scored.item.kind,
                            "label": scored.item.label,
                            "due": scored.item.due.strftime("%d/%m/%Y"),
                            "done_on": (
                                scored.item.done_on.strftime("%d/%m/%Y")
                                if scored.item.done_on
                                else ""
                            ),
                            "delays": scored.delays,
                            "quality_failures": scored.quality_failures,
                            "share": str(scored.share),
                            "points": str(scored.points),
                            "url": scored.item.url,
                        }
                        for scored in period.items
                    ],
                }
                for period in self.periods
            ],
        }


def points_text(value: Decimal) -> str:
    """Points as Vietnamese write them: no trailing zeros, a decimal comma (6; 6,5)."""
    return format(value.normalize(), "f").replace(".", ",")


def period_of(day: date, counting_period: str) -> int:
    if counting_period == CountingPeriod.MONTH:
        return day.month
    return (day.month - 1) // 3 + 1


def item_points(share: Decimal, *, failures: int, deduction_percent: Decimal) -> Decimal:
    """The share less `deduction_percent` of it per delay or quality failure, never below 0."""
    kept = max(Decimal(0), HUNDRED - deduction_percent * failures)
    return (share * kept / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def task_result(
    items: list[Item],
    *,
    task_points: Decimal,
    deduction_percent: Decimal,
    counting_period: str,
    today: date,
) -> TaskResult:
    by_period: dict[int, list[Item]] = {}
    for item in items:
        if item.assessable(today):
            by_period.setdefault(period_of(item.due, counting_period), []).append(item)
    periods = []
    for number in sorted(by_period):
        counted = by_period[number]
        share = (task_points / len(counted)).quantize(Decimal("0.0001"))
        result = PeriodResult(period=number)
        for item in counted:
            done = item.done_on is not None
            delays = item.delays()
            points = (
                item_points(
                    share,
                    failures=delays + item.quality_failures,
                    deduction_percent=deduction_percent,
                )
                if done
                else Decimal(0)
            )
            result.items.append(
                ScoredItem(
                    item=item,
                    share=share.quantize(CENT),
                    points=points,
                    delays=delays if done else 1,
                    quality_failures=item.quality_failures,
                    done=done,
                )
            )
        periods.append(result)
    return TaskResult(periods=periods)


def grade_for(total: Decimal, bands: list[tuple[str, Decimal]]) -> str:
    """The highest band whose lowest score the total reaches (bands: (grade, min_score))."""
    for grade, minimum in sorted(bands, key=lambda band: band[1], reverse=True):
        if total >= minimum:
            return grade
    return Grade.FAILED


def excellent_allowed(good_count: int, quota_percent: Decimal) -> int:
    """How many xuất sắc a unit may have: the quota of those graded tốt, rounded down."""
    return int((Decimal(good_count) * quota_percent / HUNDRED).to_integral_value(ROUND_DOWN))
