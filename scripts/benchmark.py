"""Latency of the records clerks' work at scale, through a real server (not a test).

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/vps_bench
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo
    .venv/bin/python manage.py seed_volume --documents 1000000          # once, about 4 minutes
    .venv/bin/python scripts/benchmark.py --requests 200 --clients 8    # or: make bench

The site runs as deployed: gunicorn with production settings on 127.0.0.1 (DEBUG off, cached
templates, compressed static files), sessions and cache in Redis (REDIS_URL, default
redis://127.0.0.1:6379/14). Each of the `--clients` HTTP clients is a thread with its own cookies,
logged in through the login form; every scenario is `--requests` calls spread over them, all
clients busy at once. Registration is measured twice: as the clerk's form POST, and as the
service call alone in `--clients` separate processes (no HTTP, no shared interpreter).

Besides p50/p95 latency and throughput, each row gives the CPU time the server processes
(gunicorn, or the registering processes) and PostgreSQL spent per request, read from /proc: on a
machine with few cores that, not waiting, is what latency under load is made of.
"""

from __future__ import annotations

import argparse
import glob
import http.cookiejar
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
PASSWORD = "vanphong2026"
CLERK, SPECIALIST = "hc.vanthu1", "th.cv1"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Session:
    """One browser: its cookies, its CSRF token, no automatic redirects."""

    def __init__(self, base: str, username: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        self.get("/dang-nhap/")
        self.post("/dang-nhap/", {"username": username, "password": PASSWORD}, expect=302)

    def csrf(self) -> str:
        return next(cookie.value for cookie in self.jar if cookie.name == "csrftoken")

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            if response.status != 200:
                raise RuntimeError(f"GET {path} answered {response.status}")
            return response.read().decode()

    def post(self, path: str, data: dict, *, expect: int) -> None:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf()}).encode()
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + path}
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        if status != expect:
            raise RuntimeError(f"POST {path} answered {status}, expected {expect}")


def cpu_seconds() -> dict[str, float]:
    """CPU time used so far by the server processes and by PostgreSQL (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    spent = {"server": 0.0, "postgres": 0.0}
    for stat_path in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(stat_path) as stat, open(stat_path[:-4] + "cmdline", "rb") as cmdline:
                fields = stat.read().rsplit(")", 1)[1].split()
                command = cmdline.read()
        except OSError:
            continue
        seconds = (int(fields[11]) + int(fields[12])) / tick
        if b"gunicorn" in command or b"--register-worker" in command:
            spent["server"] += seconds
        elif command.startswith(b"postgres"):
            spent["postgres"] += seconds
    return spent


def summary(timings: list[float], elapsed: float, cpu_before: dict, calls: int) -> dict:
    ordered = sorted(timings)
    cpu_after = cpu_seconds()
    return {
        "n": len(ordered),
        "p50": statistics.median(ordered),
        "p95": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        "rps": len(ordered) / elapsed,
        "cpu": {key: (cpu_after[key] - cpu_before[key]) * 1000 / calls for key in cpu_after},
    }


def measure(sessions: list[Session], requests: int, work) -> dict:
    timings: list[float] = []
    lock = threading.Lock()

    def client(index: int) -> None:
        mine = []
        for call in range(index, requests, len(sessions)):
            started = time.perf_counter()
            work(sessions[index], call)
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            timings.extend(mine)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(len(sessions))]
    cpu_before = cpu_seconds()
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return summary(timings, time.perf_counter() - started, cpu_before, requests)


def register_in_processes(env: dict, clients: int, requests: int) -> dict:
    """`clients` processes call the registration service at once; their timings combined. Each
    sets Django up and registers one document before the clock starts, and stays alive until its
    CPU time and its database connection's have been read."""
    calls = max(1, requests // clients)
    command = [sys.executable, __file__, "--register-worker", str(calls)]
    workers = [
        subprocess.Popen(
            command, cwd=BASE, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        for _ in range(clients)
    ]
    for worker in workers:
        if worker.stdout.readline().strip() != "ready":
            raise RuntimeError("a registration worker failed to start")
    cpu_before = cpu_seconds()
    started = time.perf_counter()
    for worker in workers:
        worker.stdin.write("go\n")
        worker.stdin.flush()
    timings: list[float] = []
    for worker in workers:
        timings.extend(json.loads(worker.stdout.readline()))
    result = summary(timings, time.perf_counter() - started, cpu_before, calls * clients)
    for worker in workers:
        worker.communicate("bye\n", timeout=60)
    return result


def register_worker(calls: int) -> None:
    """One clerk's process (see register_in_processes): the time of each registration, in ms,
    printed as JSON."""
    sys.path.insert(0, str(BASE))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "office.settings")
    import django

    django.setup()
    from datetime import date

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from dispatch import services
    from dispatch.models import DocumentType

    clerk = get_user_model().objects.get(username=CLERK)
    doc_type = DocumentType.objects.get(name="Công văn")

    def register(call: int) -> None:
        services.incoming_register(
            actor=clerk,
            received_at=timezone.now(),
            sender="Ban Tổ chức Tỉnh ủy",
            number_and_symbol=f"{call + 1:02d}-CV/BENCH{os.getpid()}",
            document_date=date.today(),
            doc_type=doc_type,
            summary=f"Về việc góp ý dự thảo quy chế làm việc, lần {call}",
        )

    register(calls)
    print("ready", flush=True)
    sys.stdin.readline()
    timings = []
    for call in range(calls):
        started = time.perf_counter()
        register(call)
        timings.append((time.perf_counter() - started) * 1000)
    print(json.dumps(timings), flush=True)
    sys.stdin.readline()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--register-worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.register_worker:
        register_worker(args.register_worker)
        return
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to the database loaded by seed_volume.")

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
        # Background tasks run in the request: the benchmark needs no Celery worker.
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
        clerks = [Session(base, CLERK) for _ in range(args.clients)]
        specialists = [Session(base, SPECIALIST) for _ in range(args.clients)]
        ids = re.findall(r'href="/van-ban/den/(\d+)/"', clerks[0].get("/van-ban/den/"))
        document, middle = ids[-1], int(ids[0]) // 2
        own = re.search(r'href="/van-ban/den/(\d+)/"', specialists[0].get("/van-ban/den/"))
        # A number and symbol from the middle of the register: a term few documents share.
        deep_page = clerks[0].get(f"/van-ban/den/?truoc={middle}")
        rare = re.search(r"</a></td><td>[^<]*</td><td>[^<]*</td><td>([^<]+)</td>", deep_page)[1]
        doc_type = re.search(
            r'<option value="(\d+)"[^>]*>Công văn', clerks[0].get("/van-ban/den/vao-so/")
        ).group(1)

        def get(path):
            return lambda session, call: session.get(path)

        def register(session, call):
            session.post(
                "/van-ban/den/vao-so/",
                {
                    "received_at": time.strftime("%d/%m/%Y %H:%M"),
                    "sender": "Ban Tổ chức Tỉnh ủy",
                    "number_and_symbol": f"{call + 1:02d}-CV/HTTP{port}",
                    "document_date": time.strftime("%d/%m/%Y"),
                    "doc_type": doc_type,
                    "summary": f"Về việc đề nghị cử cán bộ dự lớp bồi dưỡng, lần {call}",
                    "secrecy": "",
                    "pages": "1",
                    "copies": "1",
                },
                expect=302,
            )

        def search(text):
            return get("/van-ban/den/?q=" + urllib.parse.quote_plus(text))

        scenarios = [
            ("register list, clerk", clerks, get("/van-ban/den/")),
            ("register list, specialist", specialists, get("/van-ban/den/")),
            (
                f"register page at id {middle:,}, clerk",
                clerks,
                get(f"/van-ban/den/?truoc={middle}"),
            ),
            ("search common 'cong tac', clerk", clerks, search("cong tac")),
            ("search common 'cong tac', specialist", specialists, search("cong tac")),
            ("search common 'hội nghị', specialist", specialists, search("hội nghị")),
            (f"search rare '{rare}', clerk", clerks, search(rare)),
            ("document page, clerk", clerks, get(f"/van-ban/den/{document}/")),
        ]
        if own:
            scenarios.append(
                ("document page, specialist", specialists, get(f"/van-ban/den/{own.group(1)}/"))
            )
        scenarios.append(("registration, form POST", clerks, register))
        print(
            f"gunicorn {args.workers} workers, {args.clients} concurrent clients, "
            f"{args.requests} requests per scenario, {os.cpu_count()} CPUs"
        )
        print(
            f"{'scenario':<44}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>8}"
            f"{'server CPU':>12}{'PG CPU':>9}  (ms per request)"
        )

        def show(label: str, result: dict) -> None:
            print(
                f"{label:<44}{result['n']:>5}{result['p50']:>9.1f}{result['p95']:>9.1f}"
                f"{result['rps']:>8.1f}{result['cpu']['server']:>12.1f}"
                f"{result['cpu']['postgres']:>9.1f}"
            )

        for label, sessions, work in scenarios:
            show(label, measure(sessions, args.requests, work))
    finally:
        server.terminate()
        server.wait(timeout=30)
    show(
        f"registration, service call ({args.clients} processes)",
        register_in_processes(env, args.clients, args.requests),
    )


if __name__ == "__main__":
    main()
