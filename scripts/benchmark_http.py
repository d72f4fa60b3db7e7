"""Latency through a real server (not a test): gunicorn with production settings on 127.0.0.1,
8 concurrent HTTP clients, each logged in through the login form.

`scripts/benchmark.py` runs its clients as threads inside one Python process, which measures the
interpreter more than the application. This script measures what an office would see: separate
server processes, real sockets, DEBUG off, compressed static files, the cached template loader,
sessions and cache in Redis (REDIS_URL, default redis://127.0.0.1:6379/14).

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/vps_bench
    .venv/bin/python manage.py seed_volume --documents 1000000      # once
    .venv/bin/python scripts/benchmark_http.py --requests 200 --clients 8 --workers 4

Registration is measured as the clerk's form POST (which answers with a redirect).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
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
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    ordered = sorted(timings)
    return {
        "n": len(ordered),
        "p50": statistics.median(ordered),
        "p95": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        "rps": len(ordered) / elapsed,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to the database loaded by seed_volume.")

    port = free_port()
    var_dir = tempfile.mkdtemp(prefix="vps-bench-")
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "VAR_DIR": var_dir,
        # As deployed: Redis holds the cache and the sessions (tasks still run in the request).
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
        [
            python,
            "-m",
            "gunicorn",
            "office.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
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
        clerks = [Session(base, CLERK) for _ in range(args.clients)]
        specialists = [Session(base, SPECIALIST) for _ in range(args.clients)]
        first_page = clerks[0].get("/van-ban/den/")
        document = re.search(r'href="/van-ban/den/(\d+)/"', first_page).group(1)
        own_page = specialists[0].get("/van-ban/den/")
        own = re.search(r'href="/van-ban/den/(\d+)/"', own_page)
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
                    "summary": f"Văn bản đo hiệu năng số {call}",
                    "secrecy": "",
                    "pages": "1",
                    "copies": "1",
                },
                expect=302,
            )

        scenarios = [
            ("register list, clerk", clerks, get("/van-ban/den/")),
            ("register list, specialist", specialists, get("/van-ban/den/")),
            ("search 'cong tac', clerk", clerks, get("/van-ban/den/?q=cong+tac")),
            ("search 'cong tac', specialist", specialists, get("/van-ban/den/?q=cong+tac")),
            ("document page, clerk", clerks, get(f"/van-ban/den/{document}/")),
        ]
        if own:
            scenarios.append(
                ("document page, specialist", specialists, get(f"/van-ban/den/{own.group(1)}/"))
            )
        scenarios.append(("registration (form POST)", clerks, register))
        print(
            f"gunicorn {args.workers} workers, {args.clients} concurrent clients, "
            f"{args.requests} requests per scenario"
        )
        print(f"{'scenario':<34}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'req/s':>9}")
        for label, sessions, work in scenarios:
            result = measure(sessions, args.requests, work)
            print(
                f"{label:<34}{result['n']:>6}{result['p50']:>10.1f}{result['p95']:>10.1f}"
                f"{result['rps']:>9.1f}"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
