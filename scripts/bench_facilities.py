"""Latency of QT's calendar and bookings at scale, through a real server (not a test).

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/vps_facilities
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo
    .venv/bin/python scripts/bench_facilities.py --load        # once: 5,000 assets, 200
                                                              # resources, 100,000 past bookings
    .venv/bin/python scripts/bench_facilities.py --requests 200 --clients 8

The server is gunicorn with production settings, as `scripts/benchmark.py` runs it (its
`Session`, `measure` and CPU accounting are reused). Scenarios: the week view of every vehicle
and room (a busy past week and the coming one), one room's page, the request list of QT, the
request form POST of a specialist, and QT's booking POST (the assignment that checks clashes
and inserts under the exclusion constraints), each under `--clients` concurrent clients.

The loader writes in bulk with the ORM (no history rows): it builds volume, not records anyone
made; the requests it makes ready for the booking POST are approved by the path's head.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE / "scripts"))
sys.path.insert(0, str(BASE))

from benchmark import Session, free_port, measure  # noqa: E402

ASSETS, RESOURCES, PAST_BOOKINGS = 5_000, 200, 100_000
READY = "bench-ready"


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "office.settings")
    import django

    django.setup()


def load() -> None:
    """Bulk volume on top of the demo data."""
    _django()
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from facilities.models import (
        Asset,
        AssetCategory,
        Booking,
        FundingSource,
        RequestKind,
        Resource,
        ServiceRequest,
    )
    from units.models import Unit

    users = {user.username: user for user in get_user_model().objects.all()}
    qt, th = Unit.objects.get(code="qt"), Unit.objects.get(code="th")
    categories = list(AssetCategory.objects.all())
    funding = FundingSource.objects.first()
    vehicle_kind, room_kind = (
        RequestKind.objects.get(code="xe"),
        RequestKind.objects.get(code="phong-hop"),
    )
    if Asset.objects.count() >= ASSETS:
        print("already loaded")
        return
    with transaction.atomic():
        Asset.objects.bulk_create(
            Asset(
                lead_unit=qt,
                owner=users["qt.cv"],
                code=f"B-{i:05d}",
                name=f"Tài sản số {i}",
                category=categories[i % len(categories)],
                funding=funding,
                purchased_on=timezone.localdate() - timedelta(days=i % 3000),
                purchase_value=Decimal(1_000_000 + i * 1000),
                location=f"Phòng {i % 60}",
            )
            for i in range(ASSETS)
        )
        resources = Resource.objects.bulk_create(
            Resource(
                kind="vehicle" if i < 60 else "room" if i < 160 else "lodging",
                code=f"bench-{i}",
                name=f"{'Xe' if i < 60 else 'Phòng'} mẫu {i}",
                plate=f"36B-{i:03d}.00" if i < 60 else "",
                capacity=7 if i < 60 else 40,
                odometer_km=10_000 if i < 60 else 0,
            )
            for i in range(RESOURCES - Resource.objects.count())
        )
        start = timezone.now().replace(minute=0, second=0, microsecond=0) - timedelta(days=730)
        requests, bookings = [], []
        for i in range(PAST_BOOKINGS):
            resource = resources[i % len(resources)]
            slot = start + timedelta(hours=(i // len(resources)) * 35)
            vehicle = resource.kind == "vehicle"
            requests.append(
                ServiceRequest(
                    lead_unit=th,
                    owner=users["th.cv1"],
                    kind=vehicle_kind if vehicle else room_kind,
                    purpose=f"Yêu cầu mẫu {i}",
                    starts_at=slot,
                    ends_at=slot + timedelta(hours=3),
                    year=slot.year,
                    number=1_000_000 + i,
                    approval_status="approved",
                    service_status="closed",
                )
            )
        requests = ServiceRequest.objects.bulk_create(requests, batch_size=5000)
        for i, request in enumerate(requests):
            bookings.append(
                Booking(
                    request=request,
                    resource=resources[i % len(resources)],
                    starts_at=request.starts_at,
                    ends_at=request.ends_at,
                    booked_by=users["qt.cv"],
                )
            )
        Booking.objects.bulk_create(bookings, batch_size=5000)
        # Approved requests waiting for QT, one per future slot of a room: the booking POST.
        rooms = [r for r in resources if r.kind == "room"]
        tomorrow = timezone.now().replace(hour=7, minute=0, second=0, microsecond=0)
        ready = [
            ServiceRequest(
                lead_unit=th,
                owner=users["th.cv1"],
                kind=room_kind,
                purpose=READY,
                starts_at=tomorrow + timedelta(days=1 + i // len(rooms), hours=0),
                ends_at=tomorrow + timedelta(days=1 + i // len(rooms), hours=2),
                year=tomorrow.year,
                number=2_000_000 + i,
                approval_status="approved",
                service_status="waiting",
                wanted_resource=rooms[i % len(rooms)],
            )
            for i in range(2000)
        ]
        ServiceRequest.objects.bulk_create(ready)
    print(
        f"loaded {Asset.objects.count():,} assets, {Resource.objects.count():,} resources, "
        f"{Booking.objects.count():,} bookings"
    )


def ready_requests(count: int) -> list[tuple[int, int]]:
    _django()
    from facilities.models import ServiceRequest

    rows = ServiceRequest.objects.filter(purpose=READY, service_status="waiting").order_by("pk")
    return list(rows.values_list("pk", "wanted_resource_id")[:count])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--load", action="store_true")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL.")
    if args.load:
        load()
        return
    ready = ready_requests(args.requests)
    if len(ready) < args.requests:
        sys.exit("Not enough approved requests waiting: run --load again on a fresh database.")
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
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/6"),
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
        + ["--workers", str(args.workers), "--log-level", "warning"],
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
        qt = [Session(base, "qt.cv") for _ in range(args.clients)]
        staff = [Session(base, "th.cv1") for _ in range(args.clients)]
        past = (datetime.now() - timedelta(days=200)).date().isoformat()
        room = re.search(r'href="/quan-tri/phuong-tien/(\d+)/"', qt[0].get("/quan-tri/lich/"))[1]
        kind = re.search(
            r'<option value="(\d+)"[^>]*>Phòng họp', staff[0].get("/quan-tri/yeu-cau/moi/")
        )[1]

        def get(path):
            return lambda session, call: session.get(path)

        def request_post(session, call):
            day = datetime.now() + timedelta(days=30 + call // 50)
            session.post(
                "/quan-tri/yeu-cau/moi/",
                {
                    "kind": kind,
                    "purpose": f"Họp chuyên đề {call}",
                    "starts_at": day.strftime("%d/%m/%Y 08:00"),
                    "ends_at": day.strftime("%d/%m/%Y 10:00"),
                    "people": "10",
                },
                expect=302,
            )

        def booking_post(session, call):
            pk, resource = ready[call]
            session.post(
                f"/quan-tri/yeu-cau/{pk}/",
                {"action": "assign", "assign-resource": resource, "assign-server": ""},
                expect=302,
            )

        scenarios = [
            (f"week view, busy past week {past}", qt, get(f"/quan-tri/lich/?tuan={past}")),
            ("week view, this week", staff, get("/quan-tri/lich/")),
            ("week view, rooms only", staff, get(f"/quan-tri/lich/?tuan={past}&loai=room")),
            ("room page (day + week)", staff, get(f"/quan-tri/phuong-tien/{room}/")),
            ("request list, QT", qt, get("/quan-tri/")),
            ("request form POST, specialist", staff, request_post),
            ("booking POST (assign), QT", qt, booking_post),
        ]
        print(
            f"gunicorn {args.workers} workers, {args.clients} concurrent clients, "
            f"{args.requests} requests per scenario, {os.cpu_count()} CPUs"
        )
        print(
            f"{'scenario':<44}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>8}"
            f"{'server CPU':>12}{'PG CPU':>9}  (ms per request)"
        )
        for label, sessions, work in scenarios:
            result = measure(sessions, args.requests, work)
            print(
                f"{label:<44}{result['n']:>5}{result['p50']:>9.1f}{result['p95']:>9.1f}"
                f"{result['rps']:>8.1f}{result['cpu']['server']:>12.1f}"
                f"{result['cpu']['postgres']:>9.1f}"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
