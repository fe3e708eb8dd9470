"""Bulk import from CSV and XLSX, row by row, for any registered kind of record.

How an import runs (``import_start`` -> ``import_run``):
1. the file is read into a header and rows of text (CSV: comma, semicolon or tab separated,
   UTF-8 with or without BOM, Windows-1250 as a fallback; XLSX: the first sheet);
2. the importer's ``validate`` checks every row and reports errors as (row, column, message);
   rows are numbered as in a spreadsheet: the header is row 1, the first data row is row 2;
3. by ``mode``: ``valid_rows`` writes the valid rows; ``all_or_nothing`` writes nothing when any
   row has an error; ``preview`` only checks and waits for a person's decision (``import_decide``);
4. the importer's ``write`` runs in ONE transaction: it writes everything or, on any failure,
   nothing (the job then reports ``failed``).
Small files (fewer than ``SYNC_MAX_ROWS`` rows) run inside the request, so the caller gets the
finished job back; bigger ones run in a background thread that reports progress (``processed``).

Hook for other apps -- register an importer for a new ``kind``::

    # wsparcie/enrolment/apps.py
    class EnrolmentConfig(AppConfig):
        def ready(self):
            from wsparcie.people.imports import Importer, register_importer
            from wsparcie.enrolment import importers
            register_importer("applications", Importer(
                label="zgłoszenia",
                columns=("pesel", "programme", "submitted_on"),
                required_columns=("pesel", "programme"),
                validate=importers.validate_applications,   # (ctx, rows) -> list of valid items
                write=importers.write_applications,         # (ctx, items) -> number written
            ))

``validate(ctx, rows)`` gets an :class:`ImportContext` (organisation, actor, job, header index,
``ctx.value(row, "column")``, ``ctx.error(row_number, column, message)``, ``ctx.progress(n)``)
and the rows as ``(row_number, [cell texts])``; it returns the valid items (anything the
importer's ``write`` understands) and must not write. ``write(ctx, items)`` writes them and
returns how many; it runs inside the import's transaction, so raising anything undoes it all.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy, ngettext

from wsparcie.core import audit, polish
from wsparcie.core.errors import ApplicationError
from wsparcie.core.models import Organisation
from wsparcie.people.choices import ImportMode, ImportStatus
from wsparcie.people.models import ImportJob

logger = logging.getLogger("wsparcie.people.imports")

#: Files with fewer rows are imported inside the request (the answer already says "done").
SYNC_MAX_ROWS = 20_000
#: Largest file accepted (bytes).
MAX_FILE_BYTES = 60 * 1024 * 1024
#: How many errors the API and the page list; all of them are in the CSV download.
ERRORS_SHOWN = 1000
#: How often (rows) a background import reports progress.
PROGRESS_EVERY = 5000

Row = tuple[int, list[str]]


@dataclass(frozen=True)
class Importer:
    """What a kind of import needs: see the module docstring."""

    label: str
    columns: tuple[str, ...]
    required_columns: tuple[str, ...]
    validate: Callable[[ImportContext, Sequence[Row]], list]
    write: Callable[[ImportContext, list], int]
    #: Other header names accepted for a column (e.g. Polish ones): {"imię": "first_name"}.
    aliases: dict[str, str] = field(default_factory=dict)
    #: Columns whose numeric spreadsheet cells get their leading zeros back: {"pesel": 11}.
    zero_pad: dict[str, int] = field(default_factory=dict)
    #: Permission needed in the organisation (besides "imports.run").
    permission: str = "imports.run"
    #: Optional one-pass fast path ``(ctx, rows) -> number written`` that checks and writes
    #: together (used for ``valid_rows``/``all_or_nothing``; ``validate`` still serves previews).
    #: It runs inside the import's transaction; in ``all_or_nothing`` mode the framework rolls
    #: it back when any row has an error.
    stream: Callable[[ImportContext, Sequence[Row]], int] | None = None


_REGISTRY: dict[str, Importer] = {}


def register_importer(kind: str, importer: Importer) -> None:
    """Make ``kind`` importable (``POST /api/v1/imports/`` with ``kind=<kind>``). Call it from
    your app's ``AppConfig.ready``. Registering the same kind again replaces it."""
    _REGISTRY[kind] = importer


def get_importer(kind: str) -> Importer:
    if kind not in _REGISTRY:
        known = ", ".join(sorted(_REGISTRY)) or gettext("brak")
        raise ValidationError(
            {
                "kind": gettext("Nieznany rodzaj importu „%(kind)s”. Dostępne: %(known)s.")
                % {"kind": kind, "known": known}
            }
        )
    return _REGISTRY[kind]


def importer_choices() -> list[tuple[str, str]]:
    return [(kind, importer.label) for kind, importer in sorted(_REGISTRY.items())]


# --- reading files ----------------------------------------------------------------------------


class FileProblem(Exception):
    """The file as a whole cannot be read (the job fails with this Polish message)."""


def normalise_header(name: Any) -> str:
    return str(name or "").replace("\ufeff", "").strip().lower().replace(" ", "_")


def is_xlsx(content: bytes, file_name: str = "") -> bool:
    return content[:4] == b"PK\x03\x04" or file_name.lower().endswith((".xlsx", ".xlsm"))


def decode_csv(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return content.decode("cp1250")
        except UnicodeDecodeError as exc:
            raise FileProblem(gettext("Plik CSV nie jest zapisany w kodowaniu UTF-8.")) from exc


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(content: bytes) -> tuple[list[str], list[Row]]:
    text = decode_csv(content)
    if "\x00" in text:
        text = text.replace("\x00", "")
    first_line = text.split("\n", 1)[0]
    delimiter = _sniff_delimiter(first_line)
    rows: list[Row] = []
    append = rows.append
    if '"' not in text:
        # No quoting anywhere: a CSV line is exactly its fields split by the delimiter (and no
        # field can span lines), so skip the csv module (3x faster on big files).
        lines = text.splitlines()
        if not lines:
            raise FileProblem(gettext("Plik jest pusty."))
        header = lines[0].split(delimiter)
        for number, line in enumerate(lines[1:], start=2):
            if line and line.strip(delimiter + " \t"):
                append((number, line.split(delimiter)))
        return [normalise_header(h) for h in header], rows
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration as exc:
        raise FileProblem(gettext("Plik jest pusty.")) from exc
    try:
        for number, row in enumerate(reader, start=2):
            if row and any(row):
                append((number, row))
    except csv.Error as exc:
        raise FileProblem(
            gettext("Nie można odczytać pliku CSV (wiersz %(row)s): %(error)s.")
            % {"row": reader.line_num, "error": exc}
        ) from exc
    return [normalise_header(h) for h in header], rows


def _cell_text(value: Any, pad: int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        text = str(value)
        return text.zfill(pad) if pad else text
    return str(value).strip()


def read_xlsx(content: bytes, zero_pad: dict[str, int] | None = None) -> tuple[list[str], list[Row]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise FileProblem(gettext("Nie można odczytać pliku XLSX (uszkodzony albo to inny format).")) from exc
    try:
        sheet = workbook.worksheets[0]
        values = sheet.iter_rows(values_only=True)
        try:
            header = [normalise_header(h) for h in next(values)]
        except StopIteration as exc:
            raise FileProblem(gettext("Arkusz jest pusty.")) from exc
        pads = [(zero_pad or {}).get(name) for name in header]
        rows: list[Row] = []
        for number, row in enumerate(values, start=2):
            cells = [_cell_text(v, pads[i] if i < len(pads) else None) for i, v in enumerate(row)]
            if any(cells):
                rows.append((number, cells))
        return header, rows
    finally:
        workbook.close()


def read_table(content: bytes, file_name: str, importer: Importer) -> tuple[list[str], list[Row]]:
    header, rows = read_xlsx(content, importer.zero_pad) if is_xlsx(content, file_name) else read_csv(content)
    header = [importer.aliases.get(name, name) for name in header]
    return header, rows


def estimate_rows(content: bytes, file_name: str) -> int:
    """A cheap row count for choosing between running now and in the background."""
    if is_xlsx(content, file_name):
        try:
            from openpyxl import load_workbook

            workbook = load_workbook(io.BytesIO(content), read_only=True)
            count = max((workbook.worksheets[0].max_row or 1) - 1, 0)
            workbook.close()
            return count
        except Exception:
            return 0
    return max(content.count(b"\n") - 1, 0) + (0 if content.endswith(b"\n") else 1)


# --- context given to importers ---------------------------------------------------------------


class ImportContext:
    def __init__(self, *, job: ImportJob, organisation: Organisation, actor, header: list[str], background: bool):
        self.job = job
        self.organisation = organisation
        self.actor = actor
        self.header = header
        self.index = {name: i for i, name in reversed(list(enumerate(header)))}
        self.errors: list[dict[str, Any]] = []
        self.error_rows: set[int] = set()
        self.background = background
        self._progress_db = None

    def value(self, row: list[str], column: str) -> str:
        i = self.index.get(column)
        return row[i].strip() if i is not None and i < len(row) and row[i] is not None else ""

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append({"row": row, "column": column, "message": message})
        self.error_rows.add(row)

    def progress(self, processed: int) -> None:
        """Report rows processed so far (background imports; the staff page polls it).

        Written through a connection of its own: the import's connection may be busy with a COPY,
        and its transaction is not visible to others before it commits."""
        if not self.background:
            return
        if self._progress_db is None:
            self._progress_db = connections.create_connection(DEFAULT_DB_ALIAS)
        with self._progress_db.cursor() as cursor:
            cursor.execute(
                "UPDATE people_importjob SET processed = %s, updated_at = now() WHERE id = %s", [processed, self.job.pk]
            )

    def close(self) -> None:
        if self._progress_db is not None:
            self._progress_db.close()
            self._progress_db = None


# --- running ----------------------------------------------------------------------------------


@transaction.atomic
def import_start(
    *,
    actor,
    organisation: Organisation,
    kind: str,
    mode: str,
    file_name: str,
    content: bytes,
    background: bool | None = None,
) -> ImportJob:
    """Create the job and run it: now when the file is small (or ``background=False``), in a
    background thread after the transaction commits otherwise. Returns the job."""
    get_importer(kind)
    errors = {}
    if mode not in ImportMode.values:
        errors["mode"] = gettext(
            "Tryb: valid_rows (importuj poprawne wiersze), all_or_nothing (wszystko albo nic) albo preview."
        )
    if not content:
        errors["file"] = gettext("Wybierz plik CSV albo XLSX.")
    elif len(content) > MAX_FILE_BYTES:
        errors["file"] = gettext("Plik jest za duży (największy: %(size)s MB).") % {
            "size": MAX_FILE_BYTES // (1024 * 1024)
        }
    if errors:
        raise ValidationError(errors)
    estimated = estimate_rows(content, file_name)
    if background is None:
        background = estimated >= SYNC_MAX_ROWS
    keep_file = background or mode == ImportMode.PREVIEW
    job = ImportJob(
        organisation=organisation,
        kind=kind,
        mode=mode,
        status=ImportStatus.RUNNING,
        file_name=(file_name or "")[:255],
        content=content if keep_file else None,
        rows=estimated,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    job.save()
    audit.record(
        actor=actor,
        action="create",
        instance=job,
        changes={"new": {"kind": kind, "mode": mode, "file_name": job.file_name, "rows": estimated}},
    )
    if background:
        transaction.on_commit(lambda: start_in_background(job.pk, actor))
    else:
        import_run(job_id=job.pk, actor=actor, content=content)
        job.refresh_from_db()
    return job


def start_in_background(job_id: int, actor) -> threading.Thread:
    def target():
        try:
            import_run(job_id=job_id, actor=actor, background=True)
        finally:
            connection.close()

    thread = threading.Thread(target=target, name=f"import-{job_id}", daemon=True)
    thread.start()
    return thread


#: A background import reports its progress (``updated_at``) at least every few seconds; one
#: silent for longer was cut off with its process (a restart, a deploy) and wrote nothing, since
#: an import writes in one transaction.
INTERRUPTED_AFTER = dt.timedelta(minutes=15)

INTERRUPTED_MESSAGE = gettext_lazy(
    "Import przerwano (serwer zatrzymał się w trakcie); nic nie zaimportowano. Wczytaj plik ponownie."
)


def imports_fail_interrupted(*, now: dt.datetime | None = None) -> int:
    """Mark background imports that stopped reporting progress as failed, so that no job stays
    "running" for ever after a restart. Called before jobs are shown; returns how many."""
    limit = (now or timezone.now()) - INTERRUPTED_AFTER
    stale = list(
        ImportJob.objects.defer("content")
        .select_related("organisation")
        .filter(status=ImportStatus.RUNNING, updated_at__lt=limit)
    )
    message = str(INTERRUPTED_MESSAGE)
    with translation.override("pl"):
        note = str(INTERRUPTED_MESSAGE)  # the audit trail stays in Polish
    for job in stale:
        with transaction.atomic():
            updated = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.RUNNING, updated_at__lt=limit).update(
                status=ImportStatus.FAILED, message=message, finished_at=timezone.now(), content=None
            )
            if updated:
                audit.record(
                    actor="system",
                    action="update",
                    instance=job,
                    changes={"old": {"status": ImportStatus.RUNNING}, "new": {"status": ImportStatus.FAILED}},
                    note=note,
                )
    return len(stale)


def _finish(job: ImportJob, **fields: Any) -> None:
    fields.setdefault("finished_at", timezone.now())
    for key, value in fields.items():
        setattr(job, key, value)
    job.save(update_fields=[*fields, "updated_at"])


def import_run(*, job_id: int, actor, background: bool = False, content: bytes | None = None) -> ImportJob:
    """Read, validate and (by the job's mode) write. Never raises for a bad file or row: the job
    records the outcome (``done``, ``validated`` or ``failed`` with a message). ``content``: the
    file, when the job does not keep it."""
    job = ImportJob.objects.select_related("organisation").defer("content").get(pk=job_id)
    importer = get_importer(job.kind)
    if content is None:
        content = bytes(ImportJob.objects.filter(pk=job_id).values_list("content", flat=True)[0] or b"")
    try:
        header, rows = read_table(content, job.file_name, importer)
        del content
        ctx = ImportContext(job=job, organisation=job.organisation, actor=actor, header=header, background=background)
        missing = [c for c in importer.required_columns if c not in ctx.index]
        if missing:
            for column in missing:
                ctx.error(
                    1, column, gettext("Brak kolumny „%(column)s” w nagłówku (pierwszy wiersz).") % {"column": column}
                )
            _finish(
                job,
                status=ImportStatus.FAILED,
                rows=len(rows),
                errors=ctx.errors,
                error_count=len(ctx.errors),
                message=gettext("Nic nie zaimportowano: w nagłówku brakuje kolumn %(columns)s.")
                % {"columns": ", ".join(missing)},
                content=None,
            )
            return job
        ImportJob.objects.filter(pk=job.pk).update(rows=len(rows))
        if importer.stream is not None and job.mode != ImportMode.PREVIEW:
            return _stream(job, importer, ctx, rows)
        items = importer.validate(ctx, rows)
        ctx.errors.sort(key=lambda e: (e["row"], e["column"]))
        job.rows, job.processed, job.valid_rows = len(rows), len(rows), len(items)
        job.errors, job.error_count = ctx.errors, len(ctx.errors)
        if job.mode == ImportMode.PREVIEW:
            _finish(
                job,
                status=ImportStatus.VALIDATED,
                rows=job.rows,
                processed=job.rows,
                valid_rows=job.valid_rows,
                errors=job.errors,
                error_count=job.error_count,
                finished_at=None,
            )
            return job
        return _write(job, importer, ctx, items)
    except FileProblem as exc:
        _finish(job, status=ImportStatus.FAILED, message=str(exc), content=None)
    except Exception:
        logger.exception("Import %s failed", job_id)
        _finish(
            job,
            status=ImportStatus.FAILED,
            content=None,
            message=gettext("Import przerwał nieoczekiwany błąd; nic nie zaimportowano. Zgłoś to administratorowi."),
        )
    return job


class _Rollback(Exception):
    pass


# The job's messages are stored with it, in the language active while the import runs (Polish in
# a background thread). Polish counts rows in three forms (1 wiersz, 2 wiersze, 5 wierszy), which
# gettext's two forms cannot say: Polish is written out here, other languages use the catalogue.


def _rows_pl(n: int) -> str:
    return f"{n} {polish.plural(n, 'wiersz', 'wiersze', 'wierszy')}"


def _rows_with_errors_message(rows: int) -> str:
    if polish.active():
        verb = polish.plural(rows, "ma", "mają", "ma")
        return f"Nic nie zaimportowano: {_rows_pl(rows)} {verb} błędy (tryb „wszystko albo nic”)."
    return ngettext(
        "Nic nie zaimportowano: %(count)s wierszy ma błędy (tryb „wszystko albo nic”).",
        "Nic nie zaimportowano: %(count)s wierszy ma błędy (tryb „wszystko albo nic”).",
        rows,
    ) % {"count": rows}


def _write_failed_message(error: str) -> str:
    return gettext("Nic nie zaimportowano: zapis przerwał błąd (%(error)s).") % {"error": error[:500]}


def _done_message(imported: int, skipped: int) -> str:
    if polish.active():
        message = f"Zaimportowano {_rows_pl(imported)}."
        return message + (f" Pominięto {_rows_pl(skipped)} z błędami." if skipped else "")
    message = ngettext("Zaimportowano %(count)s wierszy.", "Zaimportowano %(count)s wierszy.", imported) % {
        "count": imported
    }
    if skipped:
        message += " " + ngettext(
            "Pominięto %(count)s wierszy z błędami.", "Pominięto %(count)s wierszy z błędami.", skipped
        ) % {"count": skipped}
    return message


def _stream(job: ImportJob, importer: Importer, ctx: ImportContext, rows: Sequence[Row]) -> ImportJob:
    """The importer's one-pass path: check and write together, in one transaction."""
    imported = 0
    try:
        with transaction.atomic():
            imported = importer.stream(ctx, rows)
            if job.mode == ImportMode.ALL_OR_NOTHING and ctx.errors:
                raise _Rollback
            audit.record(
                actor=ctx.actor,
                action="action",
                instance=job,
                changes={"imported": imported, "rows": len(rows), "errors": len(ctx.errors)},
                note=f"Import „{job.kind}”: zapisano {imported} z {len(rows)} wierszy.",
            )
    except _Rollback:
        imported = 0
        failure = _rows_with_errors_message(len(ctx.error_rows))
    except (ValidationError, ApplicationError, DatabaseError) as exc:
        imported = 0
        message = getattr(exc, "message", None) or "; ".join(getattr(exc, "messages", [])) or str(exc)
        failure = _write_failed_message(message)
    else:
        failure = ""
    finally:
        ctx.close()
    ctx.errors.sort(key=lambda e: (e["row"], e["column"]))
    common = dict(
        rows=len(rows),
        processed=len(rows),
        valid_rows=len(rows) - len(ctx.error_rows),
        errors=ctx.errors,
        error_count=len(ctx.errors),
        content=None,
    )
    if failure:
        _finish(job, status=ImportStatus.FAILED, imported=0, message=failure, **common)
        return job
    skipped = len(ctx.error_rows)
    message = _done_message(imported, skipped)
    _finish(job, status=ImportStatus.DONE, imported=imported, message=message, **common)
    return job


def _write(job: ImportJob, importer: Importer, ctx: ImportContext, items: list) -> ImportJob:
    common = dict(
        rows=job.rows,
        processed=job.rows,
        valid_rows=len(items),
        errors=job.errors,
        error_count=job.error_count,
        content=None,
    )
    if job.mode == ImportMode.ALL_OR_NOTHING and ctx.errors:
        _finish(
            job,
            status=ImportStatus.FAILED,
            imported=0,
            **common,
            message=_rows_with_errors_message(len(ctx.error_rows)),
        )
        return job
    try:
        with transaction.atomic():
            imported = importer.write(ctx, items) if items else 0
            audit.record(
                actor=ctx.actor,
                action="action",
                instance=job,
                changes={"imported": imported, "rows": job.rows, "errors": job.error_count},
                note=f"Import „{job.kind}”: zapisano {imported} z {job.rows} wierszy.",
            )
    except (ValidationError, ApplicationError, DatabaseError) as exc:
        message = getattr(exc, "message", None) or "; ".join(getattr(exc, "messages", [])) or str(exc)
        _finish(
            job,
            status=ImportStatus.FAILED,
            imported=0,
            **common,
            message=_write_failed_message(message),
        )
        return job
    skipped = len(ctx.error_rows)
    message = _done_message(imported, skipped)
    _finish(job, status=ImportStatus.DONE, imported=imported, message=message, **common)
    return job


@transaction.atomic
def import_decide(*, actor, job: ImportJob, mode: str) -> ImportJob:
    """After a preview: import the valid rows (``valid_rows``), everything or nothing
    (``all_or_nothing``), or nothing at all (``cancel``). The file is checked again, since the
    registry may have changed meanwhile."""
    if job.status != ImportStatus.VALIDATED:
        raise ApplicationError(gettext("Ten import nie czeka na decyzję."), code="import_not_waiting")
    if mode == "cancel":
        _finish(job, status=ImportStatus.CANCELLED, content=None, message=gettext("Anulowano: nic nie zaimportowano."))
        audit.record(actor=actor, action="action", instance=job, note="Import anulowany po podglądzie błędów.")
        return job
    if mode not in (ImportMode.VALID_ROWS, ImportMode.ALL_OR_NOTHING):
        raise ValidationError({"mode": gettext("Wybierz: valid_rows, all_or_nothing albo cancel.")})
    ImportJob.objects.filter(pk=job.pk).update(mode=mode, status=ImportStatus.RUNNING, processed=0)
    audit.record(actor=actor, action="action", instance=job, note=f"Decyzja po podglądzie: {mode}.")
    if job.rows >= SYNC_MAX_ROWS:
        transaction.on_commit(lambda: start_in_background(job.pk, actor))
    else:
        import_run(job_id=job.pk, actor=actor)
    job.refresh_from_db()
    return job


def errors_csv(job: ImportJob) -> str:
    """The job's errors as CSV for Excel (semicolons, UTF-8 with BOM)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([gettext("wiersz"), gettext("kolumna"), gettext("błąd")])
    for error in job.errors or []:
        writer.writerow([error["row"], _safe_cell(error["column"]), _safe_cell(error["message"])])
    return out.getvalue()


def _safe_cell(text: str) -> str:
    """A spreadsheet must not read a cell as a formula."""
    text = str(text or "")
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
