"""The catalogues' defaults: trip scopes (Điều 18), the rule set of Nghị định 335/2025/NĐ-CP
(in force 01/01/2026: 30 points of general criteria, 70 of task results counted by quarter,
25 % off per quality failure or delay, xuất sắc ≥ 90, tốt ≥ 70, hoàn thành ≥ 50, xuất sắc at
most 20 % of those graded tốt), and the titles and forms of reward of Luật Thi đua, khen
thưởng 2022. An administrator edits them; a new decree is a new rule set."""

from datetime import date
from decimal import Decimal

from django.db import migrations

SCOPES = [
    # code, name, needs the deputy chief in charge, report within working days, order
    ("trong-tinh", "Công tác trong tỉnh", False, 5, 1),
    ("ngoai-tinh", "Công tác ngoài tỉnh", True, 5, 2),
]

RULESET = {
    "code": "nd-335-2025",
    "legal_text": "Nghị định 335/2025/NĐ-CP",
    "effective_from": date(2026, 1, 1),
    "general_points": Decimal(30),
    "task_points": Decimal(70),
    "deduction_percent": Decimal(25),
    "excellent_quota_percent": Decimal(20),
    "counting_period": "quarter",
}

CRITERIA = [
    "Chính trị, tư tưởng",
    "Đạo đức, lối sống",
    "Tác phong, lề lối làm việc",
    "Ý thức tổ chức kỷ luật",
    "Tinh thần trách nhiệm, đổi mới, sáng tạo và phối hợp trong công tác",
]

BANDS = [("xuat_sac", 90), ("tot", 70), ("hoan_thanh", 50), ("khong_hoan_thanh", 0)]

LAW = "Luật Thi đua, khen thưởng 2022"
TITLES = [
    # name, kind, nominee kind, minimum grade, basis, order
    ("Lao động tiên tiến", "title", "individual", "tot", f"{LAW}, Điều 26", 1),
    ("Chiến sĩ thi đua cơ sở", "title", "individual", "xuat_sac", f"{LAW}, Điều 23", 2),
    ("Tập thể lao động tiên tiến", "title", "collective", "", f"{LAW}, Điều 28", 3),
    ("Tập thể lao động xuất sắc", "title", "collective", "", f"{LAW}, Điều 27", 4),
    ("Giấy khen của Chánh Văn phòng", "form", "individual", "tot", f"{LAW}, Điều 75", 5),
    ("Bằng khen của Ban Thường vụ Tỉnh ủy", "form", "individual", "tot", f"{LAW}, Điều 72", 6),
]


def seed(apps, schema_editor):
    TripScope = apps.get_model("personnel", "TripScope")
    RuleSet = apps.get_model("personnel", "EvaluationRuleSet")
    Criterion = apps.get_model("personnel", "EvaluationCriterion")
    Band = apps.get_model("personnel", "GradeBand")
    Title = apps.get_model("personnel", "EmulationTitle")
    for code, name, needs, days, order in SCOPES:
        TripScope.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "needs_deputy_chief": needs,
                "report_working_days": days,
                "order": order,
            },
        )
    ruleset, created = RuleSet.objects.get_or_create(
        code=RULESET["code"], defaults={k: v for k, v in RULESET.items() if k != "code"}
    )
    if created:
        for order, name in enumerate(CRITERIA, start=1):
            Criterion.objects.create(ruleset=ruleset, order=order, name=name, max_points=6)
        for grade, minimum in BANDS:
            Band.objects.create(ruleset=ruleset, grade=grade, min_score=minimum)
    for name, kind, nominee_kind, min_grade, basis, order in TITLES:
        Title.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "nominee_kind": nominee_kind,
                "min_grade": min_grade,
                "legal_basis": basis,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("personnel", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
