"""Every form of the site and the admin, fed malformed input as a careless or hostile user would.

The forms are not listed here: a crawler signs in as each demo role, follows every link from the
home page and the admin index, and keeps each form it meets (POST forms, GET filter and search
forms, and the query strings of links), so a new page's form is covered without being named.
For each form it builds a plausible submission from the rendered fields, then malformed variants
of it, and asserts for every variant:

- no 5xx;
- a refused POST (anything but a redirect) changed no row in any table, history included
  (row count and a checksum of every table, compared before and after);
- every message shown is Vietnamese: no sentence of Django's English catalogue on the page, and
  no error text without a Vietnamese letter.

Each variant runs in a savepoint rolled back afterwards, so every variant starts from the same
office. CI tries a fixed-seed sample per form; `FUZZ_FULL=1` tries every variant (over 100 per
form, the 1M-character strings included)."""

import html
import os
import random
import re
import time
from datetime import timedelta
from html.parser import HTMLParser
from importlib import import_module
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import django
import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import timezone

from tests.kit.seed import TodaysModels

FULL = os.environ.get("FUZZ_FULL", "").strip() not in {"", "0"}
SAMPLE_PER_FORM = int(os.environ.get("FUZZ_SAMPLE", "3"))
SEED = 16
MIN_VARIANTS = 100
DEMO_PASSWORD = "vanphong2026"

#: who crawls: the roles the demo data gives (units/management/commands/seed_demo.py)
SITE_USERS = ["chanhvp", "hc.vanthu1", "hc.truong", "th.truong", "th.cv1"]
ADMIN_USERS = ["admin", "chanhvp"]
#: routes a crawler must not follow: they end the session or switch the language
NOT_FOLLOWED = ("dang-xuat/", "i18n/", "admin/logout/")
#: admin pages whose forms are another page's form again (history revert = change form) or
#: carry no field (delete confirmation): left out to keep the crawl short
NOT_FOLLOWED_IN_ADMIN = ("/history/", "/delete/")
#: tables written on purpose by a refused request: failed logins (django-axes) and sessions
UNCHECKED_TABLES = ("django_session", "axes_")


# --- What is malformed --------------------------------------------------------------------


def _malformed_values() -> list[tuple[str, object]]:
    values = [
        ("10k characters", "Ê" * 10_000),
        ("NUL byte", "Văn\x00bản"),
        ("control characters", "a\x01\x07\x1b\x7fb"),
        ("right-to-left override", "\u202ebản văn"),
        ("zero-width characters", "\u200b\u200c\u200d\ufeff"),
        ("combining characters", "a" + "\u0301" * 2000),
        ("missing field", None),
        ("bad choice", "khong-hop-le"),
        ("text id", "abc"),
        ("negative id", "-1"),
        ("huge id", "99999999999999999999999"),
        ("list literal", "[1, 2]"),
        ("float overflow", "1e309"),
        ("date in year 1", "01/01/0001"),
        ("date in 1900", "01/01/1900"),
        ("date in 9999", "31/12/9999"),
        ("date in 10000", "01/01/10000"),
        ("time in year 1", "01/01/0001 00:00"),
        ("time in 9999", "31/12/9999 23:59"),
        ("ISO date in year 1", "0001-01-01"),
        ("far-future ISO date", "9999-12-31"),
        ("far-future ISO time", "9999-12-31T23:59:59"),
        ("empty", ""),
        ("blanks", "   \t "),
        ("emoji", "😀" * 300),
    ]
    if FULL:
        values.append(("1M characters", "a" * 1_000_000))
    return values


def variants_of(base: dict) -> list[tuple[str, dict]]:
    """Every field alone with every malformed value, a duplicated value, every field at once,
    then pairs of fields until the form has at least MIN_VARIANTS."""
    names = [name for name in base if name not in ("csrfmiddlewaretoken", "action")]
    malformed = _malformed_values()
    variants = []
    for name in names:
        for label, value in malformed:
            data = dict(base)
            if value is None:
                data.pop(name)
            else:
                data[name] = value
            variants.append((f"{name}: {label}", data))
        variants.append((f"{name}: duplicated", {**base, name: [*_listed(base[name]), "2"]}))
    for label, value in malformed:
        if value is not None:
            variants.append((f"every field: {label}", {**base, **dict.fromkeys(names, value)}))
    chooser = random.Random(SEED)
    while names and len(variants) < MIN_VARIANTS:
        first, second = chooser.sample(names, 2) if len(names) > 1 else (names[0], names[0])
        (label1, value1), (label2, value2) = chooser.sample(
            [item for item in malformed if item[1] is not None], 2
        )
        data = {**base, first: value1, second: value2}
        variants.append((f"{first}: {label1}; {second}: {label2}", data))
    variants.append(("nothing at all", {key: base[key] for key in ("action",) if key in base}))
    return variants


def _listed(value) -> list:
    return list(value) if isinstance(value, list) else [value]


# --- Reading pages --------------------------------------------------------------------------


class PageReader(HTMLParser):
    """Links, forms with their fields (the values a person would leave or pick), error texts."""

    ERROR_CLASSES = {"invalid-feedback", "errorlist", "errornote", "alert-danger"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[dict] = []
        self.errors: list[str] = []
        self._form = None
        self._select = None
        self._textarea = None
        self._error_depth = 0
        self._error_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        if self._error_depth:
            self._error_depth += 1
        elif classes & self.ERROR_CLASSES:
            self._error_depth, self._error_text = 1, []
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = {
                "method": (attrs.get("method") or "get").lower(),
                "action": attrs.get("action") or "",
                "fields": {},
                "submit": None,
            }
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input":
            self._input(attrs)
        elif tag == "button" and attrs.get("name") and self._form["submit"] is None:
            self._form["submit"] = (attrs["name"], attrs.get("value", ""))
        elif tag == "select" and attrs.get("name"):
            self._select = {"name": attrs["name"], "first": None, "chosen": []}
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if "selected" in attrs:
                self._select["chosen"].append(value)
            if value and self._select["first"] is None:
                self._select["first"] = value
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = [attrs["name"], ""]

    def _input(self, attrs):
        name, kind = attrs.get("name"), (attrs.get("type") or "text").lower()
        if not name or kind in {"file", "reset", "image"}:
            return
        value = attrs.get("value", "")
        if kind == "submit":
            if self._form["submit"] is None:
                self._form["submit"] = (name, value)
            return
        if kind in {"checkbox", "radio"}:
            if "checked" in attrs:
                self._form["fields"].setdefault(name, []).append(value or "on")
            return
        if not value and kind != "hidden":
            value = _plausible(kind, attrs.get("placeholder", ""), attrs.get("min"))
        self._form["fields"].setdefault(name, []).append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        if self._error_depth:
            self._error_text.append(data)

    def handle_endtag(self, tag):
        if self._error_depth:
            self._error_depth -= 1
            if not self._error_depth:
                text = " ".join("".join(self._error_text).split())
                if text:
                    self.errors.append(text)
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None:
            if self._form is not None:
                value = self._select["chosen"] or [self._select["first"] or ""]
                self._form["fields"][self._select["name"]] = value
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            if self._form is not None:
                name, text = self._textarea
                self._form["fields"][name] = [text or "Nội dung thử nghiệm"]
            self._textarea = None


def _plausible(kind: str, placeholder: str, minimum) -> str:
    tomorrow = timezone.localdate() + timedelta(days=1)
    if kind == "number":
        return minimum or "1"
    if kind == "date" or placeholder == "dd/mm/yyyy":
        return timezone.localdate().strftime("%d/%m/%Y")
    if "hh:mm" in placeholder:
        return tomorrow.strftime("%d/%m/%Y 09:00")
    if kind == "email":
        return "thu@vanphong.local"
    return "Nội dung thử nghiệm"


def read(response) -> PageReader:
    reader = PageReader()
    if "html" in response.get("Content-Type", ""):
        reader.feed(response.content.decode("utf-8", errors="replace"))
    return reader


# --- Django's English -----------------------------------------------------------------------


def _django_english_sentences() -> list[str]:
    """The literal parts of the messages Django's forms, validators and model fields (and the
    login form) show, as written in its English catalogue."""
    po = Path(django.__file__).parent / "conf/locale/en/LC_MESSAGES/django.po"
    wanted = ("forms/", "core/validators", "db/models/fields", "contrib/auth/forms", "admin/")
    sentences, refs, msgid = set(), "", None
    for line in po.read_text().splitlines() + [""]:
        if line.startswith("#:"):
            refs += line
        elif line.startswith(("msgid ", "msgid_plural ")):
            msgid = line.split(" ", 1)[1].strip('"')
            if any(part in refs for part in wanted):
                for piece in re.split(r"%\(\w+\)[sd]|%[sd]|\{\w*\}", msgid):
                    piece = piece.strip(' .,:“”"')
                    if len(piece) >= 16 and " " in piece:
                        sentences.add(piece.replace('\\"', '"'))
        elif not line.strip():
            refs = ""
    return sorted(sentences)


ENGLISH = _django_english_sentences()


def english_on(response, reader: PageReader) -> list[str]:
    text = html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode(errors="replace")))
    text = " ".join(text.split())
    found = [sentence for sentence in ENGLISH if sentence in text]
    found += [error for error in reader.errors if error.isascii()]
    return found


# --- Every table --------------------------------------------------------------------------


def _snapshot_sql() -> str:
    tables = [
        table
        for table in connection.introspection.table_names()
        if not table.startswith(UNCHECKED_TABLES)
    ]
    quote = connection.ops.quote_name
    return " UNION ALL ".join(
        f"SELECT '{table}', count(*), coalesce(sum(hashtext(t::text)::bigint), 0) "
        f"FROM {quote(table)} t"
        for table in tables
    )


def snapshot(sql: str) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {table: (count, checksum) for table, count, checksum in cursor.fetchall()}


# --- The office ---------------------------------------------------------------------------


def _office() -> None:
    """The demo office, and one piece of each kind of work, through the real services."""
    for module, function in [
        ("units.migrations.0002_six_units", "create_units"),
        ("units.migrations.0003_unit_designations", "seed"),
        ("dispatch.migrations.0002_catalogue_defaults", "seed"),
        ("dispatch.migrations.0005_letter_defaults", "seed"),
        ("workprograms.migrations.0002_report_deadlines", "seed"),
    ]:
        getattr(import_module(module), function)(TodaysModels(), None)
    call_command("seed_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    from django.contrib.auth import get_user_model

    from dispatch import services as dispatch
    from dispatch.models import DocumentType, Issuer
    from units import services as unit_services
    from units.models import Unit
    from workprograms import services as programs

    people = {user.username: user for user in get_user_model().objects.all()}
    units = {unit.code: unit for unit in Unit.objects.all()}
    today = timezone.localdate()
    tomorrow = timezone.localtime().replace(hour=9, minute=0, second=0) + timedelta(days=1)
    document = dispatch.incoming_register(
        actor=people["hc.vanthu1"],
        received_at=timezone.now(),
        sender="Ban Tổ chức Tỉnh ủy",
        number_and_symbol="01-CV/BTCTU",
        document_date=today,
        doc_type=DocumentType.objects.get(name="Công văn"),
        summary="Về việc chuẩn bị hội nghị cán bộ",
    )
    dispatch.incoming_distribute(
        actor=people["chanhvp"],
        document=document,
        lead_unit=units["th"],
        handling_days=5,
        coordinating_units=[units["tc"]],
        instruction="Giao Phòng Tổng hợp chủ trì.",
    )
    dispatch.outgoing_create(
        actor=people["th.cv1"],
        doc_type=DocumentType.objects.get(name="Hướng dẫn"),
        issuer=Issuer.objects.get(code="VPTU"),
        summary="Hướng dẫn thể thức văn bản",
        signer=people["phochanh1"],
        signer_title="Phó Chánh Văn phòng",
        signer_authority="K/T",
        recipient_units=[units["tc"]],
        outside_recipients=["Huyện ủy Đông Sơn"],
    )
    dispatch.letter_receive(
        actor=people["hc.vanthu1"], received_on=today, summary="Đơn kiến nghị", sender_name="Ông A"
    )
    dispatch.travel_paper_sign(
        actor=people["hc.truong"],
        traveller="Nguyễn Văn B",
        agency="Huyện ủy Đông Sơn",
        purpose="Liên hệ công tác",
        arrived_on=today,
        left_on=today,
    )
    programs.program_create(
        actor=people["th.truong"],
        unit=units["th"],
        period_kind="year",
        year=today.year,
        title="Chương trình công tác năm",
    )
    programs.report_create(
        actor=people["th.truong"],
        unit=units["th"],
        kind="thematic",
        year=today.year,
        number=today.month,
        title="Báo cáo tháng",
        content="Nội dung báo cáo",
    )
    programs.meeting_create(
        actor=people["th.truong"],
        unit=units["th"],
        kind="briefing",
        title="Họp phòng",
        starts_at=tomorrow,
        place="Phòng họp 1",
        participants=[people["th.cv1"], people["th.pho"]],
        owner=people["th.cv1"],
    )
    programs.calendar_entry_create(
        actor=people["hc.truong"],
        leader=people["chanhvp"],
        starts_at=tomorrow,
        content="Làm việc với Huyện ủy",
    )
    unit_services.delegation_create(
        actor=people["th.truong"],
        unit=units["th"],
        delegate=people["th.pho"],
        starts_on=today + timedelta(days=30),
        ends_on=today + timedelta(days=32),
        reason="Đi công tác",
    )


# --- Crawling -----------------------------------------------------------------------------


def _route(path: str) -> str | None:
    try:
        return resolve(path).route
    except Resolver404:
        return None


def crawl(client: Client, start: str, limit: int = 400) -> dict:
    """Follow links from `start`; one page per route. Returns route -> [(method, url, fields)]."""
    forms, seen_routes, queue, visited = {}, set(), [start], set()
    while queue and len(visited) < limit:
        url = queue.pop(0)
        path = urlsplit(url).path
        route = _route(path)
        if url in visited or route is None or route.startswith(NOT_FOLLOWED):
            continue
        if route.startswith("admin/") and any(part in route for part in NOT_FOLLOWED_IN_ADMIN):
            continue
        visited.add(url)
        query = dict(parse_qsl(urlsplit(url).query))
        if query:
            forms.setdefault(("get", route, "?"), (path, query))
        if route in seen_routes:
            continue
        seen_routes.add(route)
        response = client.get(url)
        if response.status_code != 200:
            continue
        reader = read(response)
        for form in reader.forms:
            fields = {
                name: values if len(values) > 1 else values[0]
                for name, values in form["fields"].items()
            }
            if form["submit"]:
                fields.setdefault(*form["submit"])
            if fields:
                target = urlsplit(form["action"]).path or path
                key = _form_key(form["method"], _route(target) or route, fields)
                forms.setdefault(key, (target, fields))
        for link in reader.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            target = parts.path + ("?" + parts.query if parts.query else "")
            if target not in visited:
                queue.append(target)
    return forms


def _form_key(method: str, route: str, fields: dict) -> tuple:
    """One form per route; in the admin one per model and set of fields (its add, change and
    history-revert pages carry the same form)."""
    if route.startswith("admin/") and route.count("/") > 3:
        route = "/".join(route.split("/")[:3])
    return (method, route, " ".join(sorted(fields)))


def _collect_forms() -> list[tuple[str | None, str, str, dict]]:
    """(username or None for anonymous, method, url, base fields) for every form found."""
    found: dict = {}
    for username in [None]:
        client = Client()
        for start in ("/dang-nhap/", "/admin/login/"):
            for key, (url, fields) in crawl(client, start, limit=1).items():
                found.setdefault(key, (username, url, fields))
    for username, start in [(u, "/") for u in SITE_USERS] + [(u, "/admin/") for u in ADMIN_USERS]:
        client = Client()
        client.force_login(_user(username))
        for key, (url, fields) in crawl(client, start).items():
            found.setdefault(key, (username, url, fields))
    return [
        (username, key[0], url, fields) for key, (username, url, fields) in sorted(found.items())
    ]


def _user(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


# --- The test -----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
def test_every_form_refuses_malformed_input_cleanly(settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the table checksums use PostgreSQL's hashtext(); CI runs on PostgreSQL")
    settings.MEDIA_ROOT = tmp_path
    settings.AXES_ENABLED = False
    _office()
    started = time.monotonic()
    forms = _collect_forms()
    crawled = time.monotonic() - started
    routes = {url for _, _, url, _ in forms}
    assert len(forms) >= 40, f"the crawler found only {len(forms)} forms: {sorted(routes)}"
    assert any(url.startswith("/admin/") for url in routes), "no admin form found"

    clients = {None: Client(raise_request_exception=False)}
    for username in {username for username, *_ in forms} - {None}:
        clients[username] = Client(raise_request_exception=False)
        clients[username].force_login(_user(username))
    sql = _snapshot_sql()
    before = snapshot(sql)
    chooser = random.Random(SEED)
    failures, counts = [], {"tried": 0, "refused": 0, "5xx": 0, "partial writes": 0}
    for username, method, url, base in forms:
        variants = variants_of(base)
        if not FULL:
            variants = chooser.sample(variants, min(SAMPLE_PER_FORM, len(variants)))
        for label, data in variants:
            counts["tried"] += 1
            where = f"{method.upper()} {url} as {username or 'anonymous'} [{label}]"
            with transaction.atomic():
                problems = _submit(clients[username], method, url, data, sql, before, counts)
                transaction.set_rollback(True)
            failures += [f"{where}: {problem}" for problem in problems]
    elapsed = time.monotonic() - started - crawled
    print(
        f"\nfuzz: {len(forms)} forms, {counts}, {len(failures)} failures; "
        f"crawl {crawled:.0f} s, fuzz {elapsed:.0f} s"
    )
    failures.sort(key=lambda failure: ("English" in failure, "wrote" not in failure))
    assert not failures, f"{len(failures)} variants failed:\n" + "\n".join(failures[:80])


def _submit(client, method, url, data, sql, before, counts) -> list[str]:
    send = client.post if method == "post" else client.get
    response = send(url, data)
    if response.status_code >= 500:
        counts["5xx"] += 1
        return [f"answered {response.status_code}"]
    problems = []
    if method == "post" and response.status_code not in (301, 302, 303):
        counts["refused"] += 1
        after = snapshot(sql)
        changed = sorted(table for table in after if after[table] != before.get(table))
        if changed:
            counts["partial writes"] += 1
            problems.append(f"refused ({response.status_code}) but wrote {changed}")
    english = english_on(response, read(response))
    if english:
        problems.append(f"English shown: {english[:3]}")
    return problems
