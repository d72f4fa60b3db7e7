"""The scoring rules of Nghị định 335/2025/NĐ-CP on worked examples: the arithmetic alone
(pure functions on the seeded rule set's figures), then the same rules through the services
on work the product holds (a task done late, a task sent back, the quota edge)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from personnel import scoring
from personnel.choices import CountingPeriod, Grade, ItemKind
from personnel.models import Evaluation, EvaluationRuleSet
from personnel.services import evaluations
from tests.personnel.conftest import (
    approve,
    leader_for,
    member,
    points_of,
    walk_to_submitted,
)
from units import services as unit_services
from units.choices import ApprovalStatus

D = Decimal
TODAY = date(2026, 12, 1)
BANDS = [(Grade.EXCELLENT, D(90)), (Grade.GOOD, D(70)), (Grade.DONE, D(50)), (Grade.FAILED, D(0))]


def item(due, done, failures=0):
    return scoring.Item(
        kind=ItemKind.TASK, label="x", due=due, done_on=done, quality_failures=failures
    )


def result(items, counting=CountingPeriod.QUARTER):
    return scoring.task_result(
        items,
        task_points=D(70),
        deduction_percent=D(25),
        counting_period=counting,
        today=TODAY,
    )


def test_a_quarter_of_four_items_on_time_late_sent_back_and_undone():
    """70 points over 4 items: 17.50 each. On time 17.50; one delay −25 % = 13.13; sent back
    once and late −50 % = 8.75; undone past its deadline 0. The quarter: 39.38."""
    r = result(
        [
            item(date(2026, 2, 10), date(2026, 2, 9)),
            item(date(2026, 2, 10), date(2026, 2, 12)),
            item(date(2026, 3, 10), date(2026, 3, 11), failures=1),
            item(date(2026, 3, 20), None),
        ]
    )
    [quarter] = r.periods
    assert [s.points for s in quarter.items] == [D("17.50"), D("13.13"), D("8.75"), D("0")]
    assert quarter.score == D("39.38")
    assert r.score == D("39.38")


def test_a_delay_takes_a_quarter_of_the_item():
    r = result([item(date(2026, 5, 4), date(2026, 5, 5))])
    assert r.score == D("52.50")


def test_a_quality_failure_takes_a_quarter_of_the_item():
    r = result([item(date(2026, 5, 4), date(2026, 5, 4), failures=1)])
    assert r.score == D("52.50")


def test_deductions_stop_at_zero():
    r = result(
        [
            item(date(2026, 5, 4), date(2026, 5, 8), failures=6),
            item(date(2026, 5, 4), date(2026, 5, 1)),
        ]
    )
    assert [s.points for s in r.periods[0].items] == [D("0.00"), D("35.00")]


def test_the_year_is_the_mean_of_the_periods_that_held_work():
    r = result([item(date(2026, 1, 5), date(2026, 1, 5)), item(date(2026, 7, 6), date(2026, 7, 9))])
    assert [p.period for p in r.periods] == [1, 3]
    assert r.score == D("61.25")  # (70 + 52.50) / 2


def test_monthly_counting_splits_by_month():
    r = result(
        [item(date(2026, 1, 5), date(2026, 1, 5)), item(date(2026, 2, 5), None)],
        counting=CountingPeriod.MONTH,
    )
    assert [(p.period, p.score) for p in r.periods] == [(1, D("70.00")), (2, D("0.00"))]


def test_work_still_within_its_term_is_not_counted_yet():
    r = result([item(date(2026, 12, 20), None)])
    assert r.periods == [] and r.score is None


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("90", Grade.EXCELLENT),
        ("89.99", Grade.GOOD),
        ("70", Grade.GOOD),
        ("69.99", Grade.DONE),
        ("50", Grade.DONE),
        ("49.99", Grade.FAILED),
    ],
)
def test_grade_bands(total, grade):
    assert scoring.grade_for(D(total), BANDS) == grade


@pytest.mark.parametrize(("good", "allowed"), [(4, 0), (5, 1), (9, 1), (10, 2)])
def test_excellent_quota_is_a_fifth_of_those_graded_good_rounded_down(good, allowed):
    assert scoring.excellent_allowed(good, D(20)) == allowed


def test_the_seeded_rule_set_is_versioned_by_its_legal_text(db):
    ruleset = EvaluationRuleSet.objects.get(code="nd-335-2025")
    assert ruleset.legal_text == "Nghị định 335/2025/NĐ-CP"
    assert (ruleset.general_points, ruleset.task_points) == (D(30), D(70))
    assert sum(c.max_points for c in ruleset.criteria.all()) == D(30)
    assert dict(ruleset.bands.values_list("grade", "min_score")) == {
        Grade.EXCELLENT: D(90),
        Grade.GOOD: D(70),
        Grade.DONE: D(50),
        Grade.FAILED: D(0),
    }
    assert (ruleset.deduction_percent, ruleset.excellent_quota_percent) == (D(25), D(20))


# The same rules on the product's own work -------------------------------------------------


@pytest.fixture
def th_year(office, clock):
    """A TH specialist's 2026: one task done late in Q1, one sent back once then done on time
    in Q2, all through the units' services on the dates they happened."""
    th = office.units["th"]
    head, owner = office["head"], office["owner"]
    clock.set(date(2026, 3, 2))
    late = unit_services.task_create(
        actor=head, unit=th, owner=owner, title="Báo cáo quý I", due_working_days=5
    )
    clock.set(date(2026, 3, 12))
    unit_services.task_complete(actor=owner, task=late, result_note="Đã xong.")
    clock.set(date(2026, 4, 1))
    returned = unit_services.task_create(
        actor=head, unit=th, owner=owner, title="Đề cương quý II", due_working_days=5
    )
    unit_services.task_complete(actor=owner, task=returned, result_note="Dự thảo.")
    unit_services.task_return(actor=head, task=returned, reason="Chưa đạt yêu cầu.")
    unit_services.task_complete(actor=owner, task=returned, result_note="Đã sửa.")
    clock.set(TODAY)
    [evaluation] = [
        e
        for e in evaluations.evaluations_open(actor=head, unit=th, year=2026)
        if e.owner_id == owner.pk
    ]
    return evaluation


def test_the_head_proposal_counts_the_delay_and_the_quality_failure(office, th_year):
    evaluations.evaluation_self_assess(
        actor=office["owner"], evaluation=th_year, points=points_of(th_year, D(6)), note="Tốt."
    )
    evaluations.evaluation_propose(
        actor=office["head"], evaluation=th_year, points=points_of(th_year, D(5)), note="Khá."
    )
    th_year.refresh_from_db()
    periods = th_year.task_breakdown["periods"]
    assert [(p["period"], p["score"]) for p in periods] == [(1, "52.50"), (2, "52.50")]
    assert periods[0]["items"][0]["delays"] == 1
    assert periods[1]["items"][0]["quality_failures"] == 1
    assert th_year.task_score == D("52.50")
    assert th_year.total_score == D("77.50")  # 5 × 5 + 52.50
    assert th_year.proposed_grade == Grade.GOOD


def test_task_points_are_not_typed_when_the_product_holds_the_work(office, th_year):
    evaluations.evaluation_self_assess(
        actor=office["owner"], evaluation=th_year, points=points_of(th_year, D(6)), note="Tốt."
    )
    with pytest.raises(ValidationError) as error:
        evaluations.evaluation_propose(
            actor=office["head"],
            evaluation=th_year,
            points=points_of(th_year, D(5)),
            note="Khá.",
            task_points=D(70),
        )
    assert "không nhập tay" in str(error.value)


@pytest.fixture
def unit_of_seven(office, opened):
    """TH with two more members: seven evaluations this year."""
    for name in ("th_extra1", "th_extra2"):
        member(office, name)
    evaluations.evaluations_open(
        actor=office["head"], unit=office.units["th"], year=next(iter(opened.values())).year
    )
    return {e.owner.username: e for e in Evaluation.objects.filter(lead_unit=office.units["th"])}


def test_quota_edge_five_good_allow_one_excellent_and_refuse_the_second(office, unit_of_seven):
    rows = unit_of_seven
    good = ["th_acting", "th_deputy", "th_staff", "th_extra1", "th_extra2"]
    for name in good:
        walk_to_submitted(office, rows[name], general_each=5, task_points=50)  # 75: tốt
    for name in ("th_owner", "th_head"):
        proposer = office["dc_in_charge"] if name == "th_head" else None
        walk_to_submitted(office, rows[name], general_each=6, task_points=65, proposer=proposer)
    first = rows["th_owner"]
    first.refresh_from_db()
    assert first.proposed_grade == Grade.EXCELLENT
    quota = evaluations.quota_of(first)
    assert (quota.good, quota.allowed, quota.excellent, quota.exceeded) == (5, 1, 2, True)
    assert "Vượt tỷ lệ xuất sắc" in evaluations.quota_warning(first)

    approve(leader_for(office, first), first)
    first.refresh_from_db()
    assert first.final_grade == Grade.EXCELLENT

    second = rows["th_head"]
    second.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        approve(leader_for(office, second), second)
    assert "đã có 1 người xuất sắc, tối đa 1" in str(error.value)
    second.refresh_from_db()
    assert second.approval_status == ApprovalStatus.SUBMITTED
    assert second.final_grade == ""


def test_quota_edge_four_good_allow_no_excellent(office, opened):
    rows = opened
    for name in ("th_acting", "th_deputy", "th_staff"):
        walk_to_submitted(office, rows[name], general_each=5, task_points=50)
    walk_to_submitted(
        office, rows["th_head"], general_each=5, task_points=50, proposer=office["dc_in_charge"]
    )
    excellent = walk_to_submitted(office, rows["th_owner"], general_each=6, task_points=65)
    with pytest.raises(ValidationError):
        approve(office["dc_in_charge"], excellent)
    excellent.refresh_from_db()
    assert excellent.final_grade == "" and excellent.approval_status == ApprovalStatus.SUBMITTED
