"""Latency of the records clerks' pages with 8 concurrent clients (not a test).

Load data first, then run against the same database:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vps_bench .venv/bin/python manage.py migrate
    DATABASE_URL=… .venv/bin/python manage.py seed_demo
    DATABASE_URL=… .venv/bin/python manage.py seed_volume --documents 1000000
    DATABASE_URL=… .venv/bin/python scripts/benchmark.py --requests 400 --clients 8

Each client is a thread with its own Django test Client (and database connection), so the
figures include the whole request: middleware, permission door, queries, template.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "office.settings")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from dispatch import selectors, services  # noqa: E402
from dispatch.models import DocumentType, IncomingDocument  # noqa: E402

CLERK, SPECIALIST = "hc.vanthu1", "th.cv1"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run(
    label: str,
    work: Callable[[Client | None, int], None],
    *,
    username: str | None,
    requests: int,
    clients: int,
) -> dict:
    """Split `requests` calls of `work` over `clients` threads; return latency figures (ms)."""
    timings: list[float] = []
    lock = threading.Lock()
    user = get_user_model().objects.get(username=username) if username else None

    def client_thread(index: int) -> None:
        client = None
        if user is not None:
            client = Client()
            client.force_login(user)
        mine = []
        for call in range(index, requests, clients):
            started = time.perf_counter()
            work(client, call)
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            timings.extend(mine)
        connections.close_all()

    threads = [threading.Thread(target=client_thread, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "label": label,
        "n": len(timings),
        "p50": statistics.median(timings),
        "p95": percentile(timings, 0.95),
        "rps": len(timings) / elapsed,
    }


def get(url: str, params: dict | None = None) -> Callable[[Client, int], None]:
    def work(client: Client, call: int) -> None:
        response = client.get(url, params or {})
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")

    return work


def register(clerk, doc_type) -> Callable[[Client | None, int], None]:
    def work(client: Client | None, call: int) -> None:
        services.incoming_register(
            actor=clerk,
            received_at=timezone.now(),
            sender="Ban Tổ chức Tỉnh ủy",
            number_and_symbol=f"{call + 1:02d}-CV/BENCH{os.getpid()}",
            document_date=date.today(),
            doc_type=doc_type,
            summary=f"Văn bản đo hiệu năng số {call}",
        )

    return work


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    users = get_user_model().objects
    clerk, specialist = users.get(username=CLERK), users.get(username=SPECIALIST)
    total = IncomingDocument.objects.count()
    clerk_doc = selectors.visible_incoming(clerk).order_by("-pk").values_list("pk", flat=True)[500]
    own_doc = selectors.visible_incoming(specialist).order_by("-pk").values_list("pk", flat=True)[0]
    middle = IncomingDocument.objects.order_by("pk").values_list("pk", flat=True)[total // 2]
    rare = IncomingDocument.objects.filter(pk=middle).values_list("number_and_symbol", flat=True)[0]
    register_list = "/van-ban/den/"
    scenarios = [
        ("register list, clerk", get(register_list), CLERK),
        ("register list page deep, clerk", get(register_list, {"truoc": middle}), CLERK),
        ("register list, specialist", get(register_list), SPECIALIST),
        ("search common 'cong tac', clerk", get(register_list, {"q": "cong tac"}), CLERK),
        (f"search rare '{rare}', clerk", get(register_list, {"q": rare}), CLERK),
        ("search common 'cong tac', specialist", get(register_list, {"q": "cong tac"}), SPECIALIST),
        ("document page, clerk", get(f"/van-ban/den/{clerk_doc}/"), CLERK),
        ("document page, specialist", get(f"/van-ban/den/{own_doc}/"), SPECIALIST),
        (
            "registration (service call)",
            register(clerk, DocumentType.objects.get(name="Công văn")),
            None,
        ),
    ]
    print(f"{connection.vendor}, {total:,} incoming documents, {args.clients} clients")
    print(f"{'scenario':<48}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'req/s':>9}")
    for label, work, username in scenarios:
        result = run(label, work, username=username, requests=args.requests, clients=args.clients)
        print(
            f"{result['label']:<48}{result['n']:>6}{result['p50']:>10.1f}{result['p95']:>10.1f}"
            f"{result['rps']:>9.1f}"
        )


if __name__ == "__main__":
    main()
