"""Open formats of the archive: EAD3 finding aids, BagIt packages, and the whole-archive
package that `manage.py archive_export` writes and `manage.py archive_import` reads back.

Everything is streamed: the EAD3 XML through lxml's incremental writer, the catalogue rows one
at a time, the scans copied in 1 MB chunks, the database read by keyset chunks, so a fonds of
tens of thousands of files is written in bounded memory.

The whole-archive package is made of *sections*, one per model, in the order they load
(`register_section`): another part of the archive adds its own rows to the package with one
declaration, e.g. `register_section("destruction_decisions", DestructionDecision)`."""

from __future__ import annotations

import csv
import datetime
import json
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.models import (
    ArchiveTerm,
    Box,
    FileList,
    FileListEntry,
    Fonds,
    RecordFile,
    RecordItem,
    Repository,
    RetentionRule,
    RetentionSchedule,
    Series,
    Shelf,
    SourceBody,
    SourceList,
    SourceReceipt,
    Transfer,
    TransferLine,
)
from archive.models_appraisal import Appraisal, AppraisalLine, CouncilMember, CouncilOpinion
from archive.models_description import Description, DescriptionLevel, ScanChecksum
from archive.services.description import proposed
from archive.services.fixity import digest_of
from units.models import Unit

EAD_NS = "http://ead3.archivists.org/schema/"


class PackageEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (Django's cuts them to
    milliseconds, and the round trip must give back the same rows)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "ead3.xsd"
CHUNK = 500


def _tag(name: str) -> str:
    return f"{{{EAD_NS}}}{name}"


# What is exported ---------------------------------------------------------------------------


@dataclass
class Scope:
    """A fonds, a series or a file, and the files of it that are exported (already limited to
    what the user may see when a user asks)."""

    level: str
    target: Any
    files: QuerySet

    @property
    def title(self) -> str:
        return str(self.target)


def files_queryset() -> QuerySet:
    return RecordFile.objects.select_related(
        "lead_unit", "series__fonds", "retention", "description"
    ).prefetch_related(
        Prefetch(
            "items",
            queryset=RecordItem.objects.select_related("description", "checksum").order_by(
                "position", "pk"
            ),
        )
    )


def scope_for(target, files: QuerySet | None = None) -> Scope:
    """The files of `target` among `files` (all files when None)."""
    files = files_queryset() if files is None else files
    if isinstance(target, Fonds):
        return Scope(DescriptionLevel.FONDS, target, files.filter(series__fonds=target))
    if isinstance(target, Series):
        return Scope(DescriptionLevel.SERIES, target, files.filter(series=target))
    return Scope(DescriptionLevel.FILE, target, files.filter(pk=target.pk))


def iterate(queryset: QuerySet) -> Iterator:
    """Rows by keyset chunks of the primary key (no OFFSET, prefetches per chunk)."""
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last).order_by("pk")[:CHUNK])
        if not chunk:
            return
        yield from chunk
        last = chunk[-1].pk


def values_of(target) -> dict:
    """The ISAD(G) elements of a row: its description, or what the catalogue proposes."""
    try:
        description = target.description
    except Description.DoesNotExist:
        description = None
    base = proposed(target)
    if description is None:
        return {"language": "vie", **base}
    return {
        name: getattr(description, name)
        for name in (
            "reference_code",
            "title",
            "date_from",
            "date_to",
            "extent",
            "creator",
            "scope_content",
            "access_conditions",
            "language",
        )
    }


# EAD3 ----------------------------------------------------------------------------------------


def _sub(parent, name: str, text: str | None = None, **attrs):
    from lxml import etree

    element = etree.SubElement(parent, _tag(name), {k: v for k, v in attrs.items() if v})
    if text is not None:
        element.text = text
    return element


def _dates(values: dict) -> tuple[str, str]:
    start, end = values.get("date_from"), values.get("date_to")
    if not start and not end:
        return "", ""
    start, end = start or end, end or start
    text = f"{start:%d/%m/%Y}" if start == end else f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"
    normal = start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"
    return text, normal


def _did(parent, values: dict):
    did = _sub(parent, "did")
    _sub(did, "unitid", values["reference_code"])
    _sub(did, "unittitle", values["title"])
    text, normal = _dates(values)
    if text:
        _sub(did, "unitdate", text, normal=normal)
    if values.get("extent"):
        _sub(did, "physdesc", values["extent"])
    if values.get("creator"):
        origination = _sub(did, "origination")
        corpname = _sub(origination, "corpname")
        _sub(corpname, "part", values["creator"])
    language = values.get("language") or "vie"
    langmaterial = _sub(did, "langmaterial")
    _sub(langmaterial, "language", language, langcode=language)
    return did


def _notes(parent, values: dict) -> None:
    for name, key in (("scopecontent", "scope_content"), ("accessrestrict", "access_conditions")):
        if values.get(key):
            note = _sub(parent, name)
            for paragraph in str(values[key]).splitlines() or [""]:
                if paragraph.strip():
                    _sub(note, "p", paragraph.strip())


def _component(level: str, values: dict, *, ident: str):
    from lxml import etree

    component = etree.Element(_tag("c"), {"level": level, "id": ident}, nsmap={None: EAD_NS})
    _did(component, values)
    _notes(component, values)
    return component


def _file_component(record_file: RecordFile):
    component = _component("file", values_of(record_file), ident=f"file-{record_file.pk}")
    for item in record_file.items.all():
        component.append(_component("item", values_of(item), ident=f"item-{item.pk}"))
    return component


def _control(scope: Scope, values: dict, agency: str):
    from lxml import etree

    control = etree.Element(_tag("control"), nsmap={None: EAD_NS})
    _sub(control, "recordid", values["reference_code"])
    filedesc = _sub(control, "filedesc")
    titlestmt = _sub(filedesc, "titlestmt")
    _sub(titlestmt, "titleproper", values["title"])
    _sub(control, "maintenancestatus", value="new")
    maintenanceagency = _sub(control, "maintenanceagency")
    _sub(maintenanceagency, "agencyname", agency)
    languagedeclaration = _sub(control, "languagedeclaration")
    _sub(languagedeclaration, "language", "Tiếng Việt", langcode="vie")
    _sub(languagedeclaration, "script", "Latin", scriptcode="Latn")
    history = _sub(control, "maintenancehistory")
    event = _sub(history, "maintenanceevent")
    _sub(event, "eventtype", value="created")
    now = timezone.localtime()
    _sub(event, "eventdatetime", now.strftime("%d/%m/%Y %H:%M"), standarddatetime=now.isoformat())
    _sub(event, "agenttype", value="machine")
    _sub(event, "agent", "Văn phòng số")
    return control


def write_ead(stream: IO[bytes], scope: Scope, *, agency: str = "") -> int:
    """Write the EAD3 finding aid of the scope to a binary stream; the number of files."""
    from django.conf import settings
    from lxml import etree

    top = values_of(scope.target)
    count = 0
    with etree.xmlfile(stream, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(_tag("ead"), nsmap={None: EAD_NS}):
            xf.write(_control(scope, top, agency or settings.OFFICE_NAME))
            with xf.element(_tag("archdesc"), level=scope.level):
                head = etree.Element(_tag("archdesc"), nsmap={None: EAD_NS})
                _did(head, top)
                _notes(head, top)
                for child in head:
                    xf.write(child)
                with xf.element(_tag("dsc")):
                    if scope.level == DescriptionLevel.FILE:
                        for item in scope.target.items.select_related("description"):
                            xf.write(_component("item", values_of(item), ident=f"item-{item.pk}"))
                        count = 1
                    elif scope.level == DescriptionLevel.SERIES:
                        for record_file in iterate(scope.files):
                            xf.write(_file_component(record_file))
                            count += 1
                    else:
                        count = _write_fonds_series(xf, scope)
    return count


def _write_fonds_series(xf, scope: Scope) -> int:
    from lxml import etree

    count = 0
    for series in Series.objects.filter(fonds=scope.target).select_related("description", "fonds"):
        values = values_of(series)
        with xf.element(_tag("c"), level="series", id=f"series-{series.pk}"):
            head = etree.Element(_tag("c"), nsmap={None: EAD_NS})
            _did(head, values)
            _notes(head, values)
            for child in head:
                xf.write(child)
            for record_file in iterate(scope.files.filter(series=series)):
                xf.write(_file_component(record_file))
                count += 1
    return count


def ead_schema():
    """The EAD3 schema shipped in archive/schemas (read locally: nothing is fetched)."""
    from lxml import etree

    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH), parser))


# Catalogue rows (JSON and CSV) and BagIt --------------------------------------------------------

CSV_COLUMNS = [
    "file_id",
    "file_reference",
    "file_code",
    "file_title",
    "year",
    "unit",
    "retention",
    "state",
    "secrecy",
    "item_id",
    "item_reference",
    "item_title",
    "item_number",
    "item_date",
    "sheets",
    "scan",
    "sha256",
]


def _file_row(record_file: RecordFile, scan_paths: dict[int, str]) -> dict:
    values = values_of(record_file)
    return {
        "id": record_file.pk,
        "reference_code": values["reference_code"],
        "code": record_file.code,
        "title": values["title"],
        "year": record_file.year,
        "unit": record_file.lead_unit.code,
        "series": str(record_file.series) if record_file.series_id else "",
        "retention": record_file.retention.term_label,
        "state": record_file.state,
        "secrecy": record_file.secrecy,
        "date_from": values.get("date_from"),
        "date_to": values.get("date_to"),
        "extent": values.get("extent", ""),
        "creator": values.get("creator", ""),
        "scope_content": values.get("scope_content", ""),
        "access_conditions": values.get("access_conditions", ""),
        "language": values.get("language", "vie"),
        "items": [
            {
                "id": item.pk,
                "reference_code": values_of(item)["reference_code"],
                "title": item.title,
                "number": item.number,
                "date": item.date,
                "sheets": item.sheets,
                "scan": scan_paths.get(item.pk, ""),
                "sha256": _checksum(item),
            }
            for item in record_file.items.all()
        ],
    }


def _checksum(item: RecordItem) -> str:
    try:
        return item.checksum.sha256
    except ScanChecksum.DoesNotExist:
        return ""


def _copy_scans(record_file: RecordFile, root: Path) -> dict[int, str]:
    paths = {}
    for item in record_file.items.all():
        if not item.upload:
            continue
        relative = Path("scans") / str(record_file.pk) / f"{item.pk}-{Path(item.upload.name).name}"
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with (
                item.upload.storage.open(item.upload.name, "rb") as source,
                target.open("wb") as out,
            ):
                shutil.copyfileobj(source, out, 1024 * 1024)
        except FileNotFoundError:
            continue
        paths[item.pk] = "data/" + relative.as_posix()
    return paths


@dataclass
class BagResult:
    path: Path
    files: int = 0
    items: int = 0
    scans: int = 0
    rows: list = field(default_factory=list)


def write_bag(directory: Path, scope: Scope, *, agency: str = "", on_file=None) -> BagResult:
    """A BagIt package (RFC 8493) of the scope in an empty `directory`: the scans, the
    catalogue as JSON and CSV, the EAD3 finding aid, SHA-256 manifests. `on_file` is called
    with each exported file (the caller logs secret rows)."""
    import bagit
    from django.conf import settings

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.iterdir()):
        raise ValidationError(_("Thư mục xuất gói phải trống."))
    result = BagResult(path=directory)
    with (
        (directory / "catalogue.json").open("w", encoding="utf-8") as json_out,
        (directory / "catalogue.csv").open("w", encoding="utf-8", newline="") as csv_out,
    ):
        writer = csv.writer(csv_out)
        writer.writerow(CSV_COLUMNS)
        json_out.write('{"scope": ')
        json_out.write(json.dumps(str(scope.target), ensure_ascii=False))
        json_out.write(f', "level": "{scope.level}", "files": [\n')
        first = True
        for record_file in iterate(scope.files):
            if on_file is not None:
                on_file(record_file)
            paths = _copy_scans(record_file, directory)
            row = _file_row(record_file, paths)
            json_out.write(
                ("" if first else ",\n")
                + json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False)
            )
            first = False
            for item in row["items"]:
                writer.writerow(
                    [
                        row["id"],
                        row["reference_code"],
                        row["code"],
                        row["title"],
                        row["year"],
                        row["unit"],
                        row["retention"],
                        row["state"],
                        row["secrecy"],
                        item["id"],
                        item["reference_code"],
                        item["title"],
                        item["number"],
                        item["date"].isoformat() if item["date"] else "",
                        item["sheets"],
                        item["scan"],
                        item["sha256"],
                    ]
                )
            result.files += 1
            result.items += len(row["items"])
            result.scans += len(paths)
        json_out.write("\n]}\n")
    with (directory / "ead.xml").open("wb") as ead_out:
        write_ead(ead_out, scope, agency=agency)
    bagit.make_bag(
        str(directory),
        {
            "Source-Organization": agency or settings.OFFICE_NAME,
            "External-Description": str(scope.target),
            "Bag-Group-Identifier": scope.level,
        },
        processes=1,
        checksums=["sha256"],
    )
    return result


# The whole-archive package ------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """The rows of one model in the whole-archive package, and its file fields (copied into
    the package's payload)."""

    name: str
    model: type[models.Model]
    file_fields: tuple[str, ...] = ()


PACKAGE_SECTIONS: dict[str, Section] = {}


def register_section(name: str, model: type[models.Model], *, file_fields=()) -> Section:
    """Add a model's rows to the whole-archive package (after the sections it refers to)."""
    section = Section(name, model, tuple(file_fields))
    existing = PACKAGE_SECTIONS.get(name)
    if existing is not None and existing != section:
        raise ValueError(f"Package section {name!r} is already registered")
    PACKAGE_SECTIONS[name] = section
    return section


for _name, _model in (
    ("retention_schedules", RetentionSchedule),
    ("retention_rules", RetentionRule),
    ("archive_terms", ArchiveTerm),
    ("repositories", Repository),
    ("shelves", Shelf),
    ("boxes", Box),
    ("fonds", Fonds),
    ("series", Series),
    ("file_lists", FileList),
    ("file_list_entries", FileListEntry),
    ("record_files", RecordFile),
    ("record_items", RecordItem),
    ("transfers", Transfer),
    ("transfer_lines", TransferLine),
    ("source_bodies", SourceBody),
    ("source_lists", SourceList),
    ("source_receipts", SourceReceipt),
    ("descriptions", Description),
    ("scan_checksums", ScanChecksum),
    ("appraisals", Appraisal),
    ("council_members", CouncilMember),
    ("appraisal_lines", AppraisalLine),
    ("council_opinions", CouncilOpinion),
):
    register_section(_name, _model, file_fields=("upload",) if _model is RecordItem else ())


def _unit_fields(model) -> tuple[list[str], list[str]]:
    """The foreign keys and many-to-many fields of `model` that point to units (written by
    their code: unit ids differ between databases, codes do not)."""
    fks, m2m = [], []
    for f in model._meta.get_fields():
        if getattr(f, "related_model", None) is Unit and not f.auto_created:
            (m2m if f.many_to_many else fks).append(f.name)
    return fks, m2m


def _content_type_fields(model) -> list[str]:
    from django.contrib.contenttypes.models import ContentType

    return [
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is ContentType
    ]


def _content_types() -> tuple[dict, dict]:
    from django.contrib.contenttypes.models import ContentType

    by_pk = {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}
    return by_pk, {label: pk for pk, label in by_pk.items()}


def _user_fields(model) -> tuple[list[str], list[str]]:
    User = get_user_model()
    fks, m2m = [], []
    for f in model._meta.get_fields():
        if getattr(f, "related_model", None) is User and not f.auto_created:
            (m2m if f.many_to_many else fks).append(f.name)
    return fks, m2m


def section_rows(section: Section) -> Iterator[dict]:
    """The section's rows as the package holds them: Django's serialized form, units by code,
    users by user name."""
    serializer = serializers.get_serializer("python")()
    unit_fks, unit_m2m = _unit_fields(section.model)
    codes = dict(Unit.objects.values_list("pk", "code"))
    user_fks, user_m2m = _user_fields(section.model)
    names = dict(get_user_model().objects.values_list("pk", "username"))
    type_fks = _content_type_fields(section.model)
    type_labels = _content_types()[0] if type_fks else {}
    queryset = section.model._default_manager.all()
    if unit_m2m or user_m2m:
        queryset = queryset.prefetch_related(*unit_m2m, *user_m2m)
    for obj in iterate(queryset):
        row = serializer.serialize([obj])[0]
        fields = row["fields"]
        for name in unit_fks:
            fields[name] = codes.get(fields[name]) if fields[name] is not None else None
        for name in unit_m2m:
            fields[name] = sorted(codes[pk] for pk in fields[name])
        for name in user_fks:
            fields[name] = names.get(fields[name]) if fields[name] is not None else None
        for name in user_m2m:
            fields[name] = sorted(names[pk] for pk in fields[name])
        for name in type_fks:
            fields[name] = type_labels.get(fields[name]) if fields[name] is not None else None
        yield {"pk": row["pk"], "fields": fields}


def _agents(usernames: Iterable[str]) -> list[dict]:
    return list(
        get_user_model()
        .objects.filter(username__in=set(usernames))
        .order_by("username")
        .values("username", "first_name", "last_name")
    )


def write_package(directory: Path, *, agency: str = "") -> dict[str, int]:
    """The whole archive as one BagIt package: every section's rows (JSON lines), the people
    they name, every stored scan; the count of rows per section."""
    import bagit
    from django.conf import settings

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.iterdir()):
        raise ValidationError(_("Thư mục xuất gói phải trống."))
    (directory / "sections").mkdir()
    counts: dict[str, int] = {}
    usernames: set[str] = set()
    for section in PACKAGE_SECTIONS.values():
        user_fks, user_m2m = _user_fields(section.model)
        count = 0
        with (directory / "sections" / f"{section.name}.jsonl").open("w", encoding="utf-8") as out:
            for row in section_rows(section):
                for name in user_fks:
                    if row["fields"][name]:
                        usernames.add(row["fields"][name])
                for name in user_m2m:
                    usernames.update(row["fields"][name])
                for name in section.file_fields:
                    stored = row["fields"].get(name)
                    if stored:
                        _copy_stored(stored, directory / "files" / stored)
                out.write(json.dumps(row, cls=PackageEncoder, ensure_ascii=False, sort_keys=True))
                out.write("\n")
                count += 1
        counts[section.name] = count
    with (directory / "agents.json").open("w", encoding="utf-8") as out:
        json.dump(_agents(usernames), out, ensure_ascii=False, indent=1, sort_keys=True)
    with (directory / "package.json").open("w", encoding="utf-8") as out:
        json.dump(
            {"format": "vanphongso-archive", "version": 1, "sections": list(PACKAGE_SECTIONS)},
            out,
            indent=1,
        )
    bagit.make_bag(
        str(directory),
        {"Source-Organization": agency or settings.OFFICE_NAME, "External-Description": "archive"},
        processes=1,
        checksums=["sha256"],
    )
    return counts


def _copy_stored(name: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with default_storage.open(name, "rb") as source, target.open("wb") as out:
            shutil.copyfileobj(source, out, 1024 * 1024)
    except FileNotFoundError:
        return


class PackageError(Exception):
    """The package cannot be loaded (damaged, from another format, into a non-empty archive)."""


def _archive_is_empty() -> bool:
    return not any(
        section.model._default_manager.exists()
        for section in PACKAGE_SECTIONS.values()
        if section.model not in (RetentionSchedule, RetentionRule, ArchiveTerm)
    )


@transaction.atomic
def read_package(directory: Path) -> dict[str, int]:
    """Load a whole-archive package into an archive that holds no files yet (the retention
    table and terms the migrations lay are overwritten by the package's). The bag is validated
    (every SHA-256) first; nothing is written when anything is wrong."""
    import bagit

    directory = Path(directory)
    try:
        bag = bagit.Bag(str(directory))
        bag.validate(processes=1)
    except (bagit.BagError, bagit.BagValidationError) as exc:
        raise PackageError(_("Gói lưu trữ hỏng hoặc không đúng định dạng BagIt: %s") % exc) from exc
    data = directory / "data"
    meta = json.loads((data / "package.json").read_text(encoding="utf-8"))
    if meta.get("format") != "vanphongso-archive":
        raise PackageError(_("Đây không phải gói lưu trữ của Văn phòng số."))
    unknown = [name for name in meta["sections"] if name not in PACKAGE_SECTIONS]
    if unknown:
        raise PackageError(_("Gói có phần không nhận được: %s") % ", ".join(unknown))
    if not _archive_is_empty():
        raise PackageError(_("Kho lưu trữ đã có dữ liệu: chỉ nhập gói vào kho trống."))
    User = get_user_model()
    for agent in json.loads((data / "agents.json").read_text(encoding="utf-8")):
        user, created = User.objects.get_or_create(
            username=agent["username"],
            defaults={
                "first_name": agent["first_name"],
                "last_name": agent["last_name"],
                "is_active": False,
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
    units = dict(Unit.objects.values_list("code", "pk"))
    users = dict(User.objects.values_list("username", "pk"))
    counts = {}
    loaded = []
    for name in meta["sections"]:
        section = PACKAGE_SECTIONS[name]
        counts[name] = _load_section(section, data, units, users)
        loaded.append(section.model)
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), loaded):
            cursor.execute(statement)
    bad = [
        checksum.item_id
        for checksum in ScanChecksum.objects.select_related("item")
        if not checksum.item.upload or digest_of(checksum.item.upload)[0] != checksum.sha256
    ]
    if bad:
        raise PackageError(_("Bản quét không khớp mã băm sau khi nhập: %s") % bad[:20])
    return counts


def _load_section(section: Section, data: Path, units: dict, users: dict) -> int:
    unit_fks, unit_m2m = _unit_fields(section.model)
    user_fks, user_m2m = _user_fields(section.model)
    type_fks = _content_type_fields(section.model)
    type_pks = _content_types()[1] if type_fks else {}
    path = data / "sections" / f"{section.name}.jsonl"
    count = 0

    def rows():
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                fields = row["fields"]
                try:
                    for name in unit_fks:
                        fields[name] = units[fields[name]] if fields[name] else None
                    for name in unit_m2m:
                        fields[name] = [units[code] for code in fields[name]]
                except KeyError as exc:
                    raise PackageError(
                        _("Đơn vị %s không có trong cơ sở dữ liệu này.") % exc.args[0]
                    ) from exc
                for name in user_fks:
                    fields[name] = users[fields[name]] if fields[name] else None
                for name in user_m2m:
                    fields[name] = [users[username] for username in fields[name]]
                for name in type_fks:
                    fields[name] = type_pks.get(fields[name]) if fields[name] else None
                for name in section.file_fields:
                    stored = fields.get(name)
                    if stored:
                        source = data / "files" / stored
                        if source.exists():
                            with source.open("rb") as handle_in:
                                fields[name] = default_storage.save(stored, File(handle_in))
                yield {"model": section.model._meta.label_lower, "pk": row["pk"], "fields": fields}

    for obj in serializers.deserialize("python", rows()):
        obj.save()
        count += 1
    return count
