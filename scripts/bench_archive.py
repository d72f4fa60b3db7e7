"""Latency of the archive at scale, through a real server (not a test).

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/vps_bench
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo
    .venv/bin/python scripts/bench_archive.py --generate 200000 --items 10   # once
    .venv/bin/python scripts/bench_archive.py --requests 200 --clients 8

`--generate` writes record files and their items straight into PostgreSQL with
`INSERT … SELECT generate_series` (no history rows, no guardian rows: benchmark data, not the
office's), spread over the six units and their demo people, twelve years, every state and
retention, 2 % secret. The measurement runs the site as deployed (gunicorn, production
settings, Redis sessions) like `scripts/benchmark.py`, whose helpers it reuses: the file list,
a file page and the diacritic-insensitive search over titles and codes, for the archivist
(lt.cv, who sees what reached the archives) and a specialist (th.cv1, who sees his own files),
p50/p95 with `--clients` concurrent clients, and the server's and PostgreSQL's CPU per request.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
sys.path.insert(0, str(BASE / "scripts"))

from benchmark import Session, free_port, measure  # noqa: E402

ARCHIVIST, SPECIALIST = "lt.cv", "th.cv1"

#: words of the generated titles; the search looks for a common and a rare phrase
SUBJECTS = [
    "Hồ sơ hội nghị tổng kết công tác năm",
    "Hồ sơ xây dựng chương trình công tác",
    "Hồ sơ đại hội chi bộ",
    "Hồ sơ kiểm tra, giám sát",
    "Hồ sơ giải quyết đơn thư khiếu nại",
    "Hồ sơ tổ chức cán bộ",
    "Hồ sơ công tác tuyên giáo",
    "Hồ sơ tài chính đảng",
]
PLACES = ["huyện Đông Sơn", "thành phố Thanh Hóa", "huyện Quảng Xương", "thị xã Nghi Sơn"]


def _array(literals) -> str:
    """A PostgreSQL array of literals the script itself wrote (ids, its own phrases)."""
    return f"ARRAY[{','.join(literals)}]"


def generate(files: int, items: int) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "office.settings")
    django.setup()
    from django.db import connection, transaction

    from archive.models import RecordFile, RecordItem, RetentionRule
    from units.models import StaffMember

    owners = list(
        StaffMember.objects.filter(unit__isnull=False, is_active=True).values_list(
            "user_id", "unit_id"
        )
    )
    rules = list(RetentionRule.objects.values_list("pk", flat=True))
    if not owners or not rules:
        sys.exit("Run migrate and seed_demo first.")
    owner_ids = _array(str(owner) for owner, _unit in owners)
    unit_ids = _array(str(unit) for _owner, unit in owners)
    rule_ids = _array(str(rule) for rule in rules)
    subjects = _array(f"'{subject}'" for subject in SUBJECTS)
    places = _array(f"'{place}'" for place in PLACES)
    files_table = RecordFile._meta.db_table
    items_table = RecordItem._meta.db_table
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {files_table}")
        first = cursor.fetchone()[0] + 1
        cursor.execute(
            f"""
            INSERT INTO {files_table} (id, lead_unit_id, owner_id, secrecy, created_at,
                updated_at, year, code, title, retention_id, retention_reason, state, starts_on,
                ends_on, closed_on, sheet_total, sheets_numbered, notes, is_reference_copy,
                accepted_on, entry_id, box_id)
            SELECT n, ({unit_ids})[1 + n %% {len(owners)}], ({owner_ids})[1 + n %% {len(owners)}],
                CASE WHEN n %% 50 = 0 THEN 'mat' ELSE '' END, now(), now(),
                2015 + n %% 12, 'HS-' || n,
                ({subjects})[1 + n %% {len(SUBJECTS)}] || ' ' || ({places})[1 + n %% {len(PLACES)}]
                    || ' số ' || n,
                ({rule_ids})[1 + n %% {len(rules)}], '',
                (ARRAY['open','closed','closed','closed','closed','agency','agency','agency',
                    'agency','historical'])[1 + n %% 10],
                make_date(2015 + n %% 12, 1 + n %% 12, 1),
                make_date(2015 + n %% 12, 1 + n %% 12, 20),
                CASE WHEN n %% 10 = 0 THEN NULL ELSE make_date(2015 + n %% 12, 1 + n %% 12, 25) END,
                {items} * 3, true, '', false, NULL, NULL, NULL
            FROM generate_series(%s, %s) AS n
            """,
            [first, first + files - 1],
        )
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{files_table}', 'id'), %s)",
            [first + files - 1],
        )
        cursor.execute(
            f"""
            INSERT INTO {items_table} (record_file_id, kind, title, number, date, sheets,
                position, added_by_id, added_at, upload)
            SELECT f.id, 'paper', 'Văn bản số ' || k || ' của ' || f.code, k || '-CV', f.starts_on,
                3, k, f.owner_id, now(), ''
            FROM {files_table} f, generate_series(1, %s) AS k
            WHERE f.id BETWEEN %s AND %s
            """,
            [items, first, first + files - 1],
        )
        cursor.execute(f"ANALYZE {files_table}")
        cursor.execute(f"ANALYZE {items_table}")
    print(
        f"{files:,} files and {files * items:,} items written in "
        f"{time.perf_counter() - started:.0f} s"
    )


def run(requests: int, clients: int, workers: int) -> None:
    import subprocess

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
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14"),
        "CELERY_TASK_ALWAYS_EAGER": "1",
        "AXES_FAILURE_LIMIT": "1000",
        "LOG_LEVEL": "WARNING",
    }
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=BASE, env=env, check=True
    )
    server = subprocess.Popen(
        [python, "-m", "gunicorn", "office.wsgi:application", "-b", f"127.0.0.1:{port}"]
        + ["--workers", str(workers), "--log-level", "warning"],
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
        archivists = [Session(base, ARCHIVIST) for _ in range(clients)]
        specialists = [Session(base, SPECIALIST) for _ in range(clients)]
        archived = re.findall(r'href="/luu-tru/ho-so/(\d+)/"', archivists[0].get("/luu-tru/"))
        own = re.findall(r'href="/luu-tru/ho-so/(\d+)/"', specialists[0].get("/luu-tru/"))

        def get(path):
            return lambda session, call: session.get(path)

        def search(text):
            return get("/luu-tru/?q=" + urllib.parse.quote_plus(text))

        rare = f"HS-{int(archived[len(archived) // 2]) if archived else 1}"
        scenarios = [
            ("file list, archivist", archivists, get("/luu-tru/")),
            ("file list, specialist", specialists, get("/luu-tru/")),
            ("archive scope, archivist", archivists, get("/luu-tru/?pham-vi=luu-tru")),
            ("search common 'hoi nghi', archivist", archivists, search("hoi nghi")),
            ("search common 'hội nghị', specialist", specialists, search("hội nghị")),
            (f"search rare '{rare}', archivist", archivists, search(rare)),
            (f"search rare '{rare}', specialist", specialists, search(rare)),
        ]
        if archived:
            scenarios.append(
                ("file page, archivist", archivists, get(f"/luu-tru/ho-so/{archived[0]}/"))
            )
        if own:
            scenarios.append(
                ("file page, specialist", specialists, get(f"/luu-tru/ho-so/{own[0]}/"))
            )
        print(
            f"gunicorn {workers} workers, {clients} concurrent clients, "
            f"{requests} requests per scenario, {os.cpu_count()} CPUs"
        )
        print(
            f"{'scenario':<44}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>8}"
            f"{'server CPU':>12}{'PG CPU':>9}  (ms per request)"
        )
        for label, sessions, work in scenarios:
            work(sessions[0], 0)
            result = measure(sessions, requests, work)
            print(
                f"{label:<44}{result['n']:>5}{result['p50']:>9.1f}{result['p95']:>9.1f}"
                f"{result['rps']:>8.1f}{result['cpu']['server']:>12.1f}"
                f"{result['cpu']['postgres']:>9.1f}"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


# Open formats: EAD3 and BagIt of a big fonds, fixity throughput ------------------------------

BENCH_FONDS = "BENCH"


def _setup_django() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "office.settings")
    django.setup()


def open_formats_prepare(files: int, scans: int, scan_kb: int) -> None:
    """A fonds of `files` generated files in one series, `scans` of whose items get a stored
    scan of `scan_kb` KB with its recorded SHA-256."""
    generate(files, 3)
    _setup_django()
    import hashlib

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from archive.models import Fonds, RecordFile, RecordItem, ScanChecksum, Series

    fonds, _ = Fonds.objects.get_or_create(
        code=BENCH_FONDS, defaults={"title": "Phông đo tải", "creator": "Tỉnh ủy"}
    )
    series, _ = Series.objects.get_or_create(fonds=fonds, code="01", defaults={"title": "ML 01"})
    newest = RecordFile.objects.order_by("-pk").values_list("pk", flat=True)[:files]
    RecordFile.objects.filter(pk__in=list(newest)).update(series=series)
    items = RecordItem.objects.filter(record_file__series=series, upload="").order_by("pk")[:scans]
    body = os.urandom(scan_kb * 1024)
    checksums = []
    for item in items:
        name = default_storage.save(f"archive/bench/{item.pk}.pdf", ContentFile(body))
        RecordItem.objects.filter(pk=item.pk).update(upload=name)
        checksums.append(
            ScanChecksum(item_id=item.pk, sha256=hashlib.sha256(body).hexdigest(), size=len(body))
        )
    ScanChecksum.objects.bulk_create(checksums, ignore_conflicts=True)
    print(f"fonds {BENCH_FONDS}: {files:,} files, {len(checksums):,} scans of {scan_kb} KB")


def open_formats_phase(phase: str) -> None:
    """One measured phase in this (fresh) process: its time and the process's peak RSS."""
    import resource
    import shutil

    _setup_django()
    from archive.models import Fonds, ScanChecksum
    from archive.services import exchange, fixity

    fonds = Fonds.objects.get(code=BENCH_FONDS)
    out = Path(tempfile.mkdtemp(prefix="vps-bench-open-"))
    started = time.perf_counter()
    detail = ""
    if phase == "ead":
        with (out / "ead.xml").open("wb") as stream:
            count = exchange.write_ead(stream, exchange.scope_for(fonds))
        detail = f"{count:,} files, {(out / 'ead.xml').stat().st_size / 1e6:.1f} MB"
    elif phase == "bagit":
        result = exchange.write_bag(out / "bag", exchange.scope_for(fonds))
        detail = f"{result.files:,} files, {result.items:,} items, {result.scans:,} scans"
    else:
        total = ScanChecksum.objects.count()
        report = fixity.check_fixity(batch=total)
        elapsed = time.perf_counter() - started
        detail = (
            f"{report.run.checked:,} scans, {report.run.checked / elapsed:,.0f} files/s, "
            f"{report.run.bytes_read / 1e6 / elapsed:,.1f} MB/s, {len(report.failures)} failures"
        )
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{phase:>6}: {elapsed:6.1f} s, peak RSS {peak:,.0f} MB ({detail})")
    shutil.rmtree(out, ignore_errors=True)


def open_formats() -> None:
    import subprocess

    for phase in ("ead", "bagit", "fixity"):
        subprocess.run([sys.executable, __file__, "--phase", phase], check=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--generate", type=int, help="record files to write, then stop")
    parser.add_argument("--items", type=int, default=10, help="items per generated file")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument(
        "--open-formats",
        type=int,
        metavar="FILES",
        help="write a fonds of FILES files, then "
        "measure its EAD3 and BagIt export and the fixity check",
    )
    parser.add_argument("--scans", type=int, default=2000, help="stored scans (--open-formats)")
    parser.add_argument("--scan-kb", type=int, default=256, help="size of each scan in KB")
    parser.add_argument("--phase", choices=["ead", "bagit", "fixity"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to the benchmark database.")
    if args.phase:
        open_formats_phase(args.phase)
        return
    if args.open_formats:
        open_formats_prepare(args.open_formats, args.scans, args.scan_kb)
        open_formats()
        return
    if args.generate:
        generate(args.generate, args.items)
        return
    run(args.requests, args.clients, args.workers)


if __name__ == "__main__":
    main()
