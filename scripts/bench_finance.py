"""Party finance at scale (not a test): dues of many members over many months computed and
listed, the budget-vs-actual page over many units and lines with many imported rows, and the
import's rows per second; pages measured through gunicorn with concurrent clients.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/vps_finance
    # REDIS_URL may be left unset: the shared-cache designations must be this database's own.
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo
    .venv/bin/python scripts/bench_finance.py --members 20000 --months 24 \\
        --units 50 --lines 200 --rows 500000 --clients 8 --requests 200

Loading (members, incomes, units, lines, the approved estimate's lines) writes rows in bulk
straight to the tables, as a payroll import would; what is measured goes through the services:
`dues_compute` month by month, `import_preview` + `import_confirm` file by file (files of
`--file-rows` rows, each under the upload limit), then the pages over HTTP.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(BASE), str(BASE / "scripts")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "office.settings")

BENCH_YEAR = 2025
CELL = "Chi bộ đo tải"


def load_dues(members: int, months: int, first_month: date):
    from finance.choices import MemberCategory
    from finance.models import IncomeBasis, PartyCell, PartyMember, add_months

    cell, _ = PartyCell.objects.get_or_create(name=CELL)
    if PartyMember.objects.filter(cell=cell).count() >= members:
        return cell
    PartyMember.objects.filter(cell=cell).delete()
    rng = random.Random(7)
    rows = [
        PartyMember(
            cell=cell,
            full_name=f"Đảng viên {number:05d}",
            card_number=f"B{number:07d}",
            joined_on=date(rng.randint(1970, 2020), rng.randint(1, 12), 1),
            category=rng.choice(
                [MemberCategory.SALARIED] * 8 + [MemberCategory.PENSIONER, MemberCategory.STUDENT]
            ),
        )
        for number in range(members)
    ]
    created = PartyMember.objects.bulk_create(rows, batch_size=5000)
    incomes = [
        IncomeBasis(
            member=member,
            month=add_months(first_month, offset),
            amount=Decimal(rng.randint(40, 200) * 100_000),
        )
        for member in created
        for offset in range(-1, months)
    ]
    IncomeBasis.objects.bulk_create(incomes, batch_size=10000)
    return cell


def load_budget(units: int, lines: int, actor):
    from finance.choices import EstimateKind
    from finance.models import BudgetLine, BudgetUnit, Estimate, EstimateLine
    from units.choices import ApprovalStatus
    from units.models import Unit

    budget_units = [
        BudgetUnit.objects.get_or_create(
            code=f"bench-{number:02d}",
            defaults={
                "name": f"Đơn vị đo tải {number:02d}",
                "level": "cap_1",
                "valid_from": date(2020, 1, 1),
            },
        )[0]
        for number in range(units)
    ]
    budget_lines = [
        BudgetLine.objects.get_or_create(
            chapter="409",
            type_item="340-342",
            section=f"9{number // 10:03d}",
            subsection=f"9{number:03d}",
            defaults={"name": f"Mục đo tải {number}", "order": 1000 + number},
        )[0]
        for number in range(lines)
    ]
    estimate = Estimate.objects.filter(year=BENCH_YEAR, kind=EstimateKind.CONSOLIDATED).first()
    if estimate is None:
        estimate = Estimate.objects.create(
            kind=EstimateKind.CONSOLIDATED,
            year=BENCH_YEAR,
            title="Dự toán đo tải",
            lead_unit=Unit.objects.get(code="tc"),
            owner=actor,
            approval_status=ApprovalStatus.APPROVED,
        )
    if estimate.lines.count() != units * lines:
        estimate.lines.all().delete()
        EstimateLine.objects.bulk_create(
            [
                EstimateLine(
                    estimate=estimate,
                    budget_unit=unit,
                    budget_line=line,
                    amount=Decimal(500_000_000),
                    explanation="Đo tải",
                )
                for unit in budget_units
                for line in budget_lines
            ],
            batch_size=5000,
        )
    return budget_units, budget_lines


def import_files(rows: int, file_rows: int, budget_units, budget_lines, actor) -> tuple[float, int]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from finance import services
    from finance.models import ActualSpending

    mapping = services.mapping_save(
        actor=actor,
        name="Đo tải",
        columns={
            "spent_on": "Ngày",
            "voucher": "Số CT",
            "description": "Diễn giải",
            "unit": "ĐV",
            "chapter": "C",
            "type_item": "LK",
            "section": "M",
            "subsection": "TM",
            "amount": "Tiền",
        },
    )
    ActualSpending.objects.filter(year=BENCH_YEAR).delete()
    rng = random.Random(11)
    spent, total = 0.0, 0
    for start in range(0, rows, file_rows):
        count = min(file_rows, rows - start)
        buffer = io.StringIO()
        buffer.write("Ngày,Số CT,Diễn giải,ĐV,C,LK,M,TM,Tiền\n")
        for number in range(start, start + count):
            unit, line = rng.choice(budget_units), rng.choice(budget_lines)
            day = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{BENCH_YEAR}"
            amount = rng.randint(1, 500) * 10_000
            buffer.write(
                f"{day},PC{number},Chi hoạt động,{unit.code},409,340-342,"
                f"{line.section},{line.subsection},{amount}\n"
            )
        upload = SimpleUploadedFile(f"chi-{start}.csv", buffer.getvalue().encode())
        began = time.perf_counter()
        preview = services.import_preview(
            actor=actor, year=BENCH_YEAR, mapping=mapping, upload=upload
        )
        services.import_confirm(actor=actor, spending_import=preview)
        spent += time.perf_counter() - began
        total += count
    return spent, total


def load_and_compute(args, actor, first_month):
    from finance import services
    from finance.models import DuesCharge, PartyMember, add_months

    began = time.perf_counter()
    cell = load_dues(args.members, args.months, first_month)
    budget_units, budget_lines = load_budget(args.units, args.lines, actor)
    print(f"load (bulk): {time.perf_counter() - began:.1f} s")

    members = list(PartyMember.objects.filter(cell=cell))
    DuesCharge.objects.filter(member__cell=cell).delete()
    began = time.perf_counter()
    for offset in range(args.months):
        services.dues_compute(actor=actor, month=add_months(first_month, offset), members=members)
    computed = time.perf_counter() - began
    charges = DuesCharge.objects.filter(member__cell=cell).count()
    print(
        f"dues computed: {charges:,} member-months in {computed:.1f} s "
        f"({charges / computed:,.0f} member-months/s, {computed / args.months:.2f} s per month)"
    )

    spent, total = import_files(args.rows, args.file_rows, budget_units, budget_lines, actor)
    print(
        f"import (preview + confirm): {total:,} rows in {spent:.1f} s ({total / spent:,.0f} rows/s)"
    )

    return members, budget_units, budget_lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=20000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--units", type=int, default=50)
    parser.add_argument("--lines", type=int, default=200)
    parser.add_argument("--rows", type=int, default=500000)
    parser.add_argument("--file-rows", type=int, default=100000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--pages-only", action="store_true", help="measure the pages over the data already loaded"
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to a migrated database with the demo data (seed_demo).")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from finance.models import PartyCell, PartyMember

    actor = get_user_model().objects.get(username="tc.cv")
    first_month = date(2025, 1, 1)
    print(
        f"{os.cpu_count()} CPUs; {args.members:,} members × {args.months} months; "
        f"{args.units} units × {args.lines} lines; {args.rows:,} imported rows"
    )

    if args.pages_only:
        cell = PartyCell.objects.get(name=CELL)
        budget_units, budget_lines = load_budget(args.units, args.lines, actor)
        members = list(PartyMember.objects.filter(cell=cell))
    else:
        members, budget_units, budget_lines = load_and_compute(args, actor, first_month)

    from django.db import connections

    connections.close_all()
    measure_pages(args, members, budget_units, budget_lines)


def measure_pages(args, members, budget_units, budget_lines) -> None:
    import subprocess
    import tempfile
    import urllib.request

    from benchmark import Session, free_port, measure

    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "VAR_DIR": tempfile.mkdtemp(prefix="vps-bench-"),
        "CELERY_TASK_ALWAYS_EAGER": "1",
        "AXES_FAILURE_LIMIT": "1000",
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "office.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
            "--timeout",
            "120",
        ],
        cwd=BASE,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(60):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.5)
        sessions = [Session(base, "tc.truong") for _ in range(args.clients)]
        middle = members[len(members) // 2]
        rng = random.Random(3)

        def get(path):
            return lambda session, call: session.get(path)

        def drill(session, call):
            unit, line = rng.choice(budget_units), rng.choice(budget_lines)
            session.get(f"/tai-chinh/theo-doi/{BENCH_YEAR}/{unit.pk}/{line.pk}/")

        month = (
            f"{BENCH_YEAR + 1}-{args.months - 12:02d}"
            if args.months > 12
            else f"{BENCH_YEAR}-{args.months:02d}"
        )
        scenarios = [
            ("dues list, first page", get(f"/tai-chinh/dang-phi/?thang={month}")),
            (
                "dues list, page in the middle",
                get(f"/tai-chinh/dang-phi/?thang={month}&truoc={middle.pk}"),
            ),
            (
                "member's dues page",
                get(f"/tai-chinh/dang-phi/dang-vien/{middle.pk}/?nam={BENCH_YEAR}"),
            ),
            (
                "budget vs actual, one unit (200 lines)",
                get(f"/tai-chinh/theo-doi/?nam={BENCH_YEAR}&don_vi={budget_units[0].pk}"),
            ),
            (
                "budget vs actual, all units (one row per unit)",
                get(f"/tai-chinh/theo-doi/?nam={BENCH_YEAR}"),
            ),
            ("drill-down to a line's imported rows", drill),
        ]
        print(f"gunicorn {args.workers} workers, {args.clients} concurrent clients")
        columns = ("n", 5), ("p50 ms", 9), ("p95 ms", 9), ("req/s", 8), ("server CPU", 12)
        print(
            f"{'page':<44}" + "".join(f"{name:>{width}}" for name, width in columns) + "   PG CPU"
        )
        for label, work in scenarios:
            result = measure(sessions, args.requests, work)
            print(
                f"{label:<44}{result['n']:>5}{result['p50']:>9.1f}{result['p95']:>9.1f}{result['rps']:>8.1f}"
                f"{result['cpu']['server']:>12.1f}{result['cpu']['postgres']:>9.1f}"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
