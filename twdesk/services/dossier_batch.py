"""生成档案 by the hundred: one PDF per delegate in worker processes, optionally one merged PDF.

The parent plans the work (who, which station, which file name: namesakes at one station get the
last four digits of their ID number), then hands one delegate at a time to worker processes
('spawn', as on Windows). Each worker opens the database read-only — no lock, so it works while
the GUI holds the file — once, registers the fonts once, and writes each dossier through
`twdesk.output.write_output` (a temporary name, renamed when complete): Cancel or Ctrl-C never
leaves a half-written PDF. A delegate that fails is reported by name with the reason; the others
are still written. The parent keeps only paths and page counts, and submits a few delegates
ahead of the workers, so its memory stays flat however many dossiers are written.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import os
import re
import signal
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from twdesk.core.errors import UserError
from twdesk.db.dbfile import Database, open_database
from twdesk.db.location import ServerLocation
from twdesk.db.models import Evaluation, Person, Station
from twdesk.output import OutputExists, check_target, write_output

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Writer = Callable[..., int]  # write_dossier(session, person_id, year, path, *, term, overwrite)

# delegates handed to the pool ahead of the workers (the rest wait in the parent's list)
AHEAD_PER_WORKER = 2


class DossierBatchError(UserError):
    title = "无法生成档案"


@dataclass(frozen=True)
class BatchResult:
    files: tuple[Path, ...]  # written, in the order asked
    pages: int
    failures: tuple[tuple[str, str], ...]  # (delegate, reason)
    seconds: float
    merged: Path | None = None
    cancelled: bool = False

    def one_line(self) -> str:
        text = f"已生成 {len(self.files)} 份档案，共 {self.pages} 页，用时 {self.seconds:.1f} 秒"
        if self.merged is not None:
            text += f"；合并为「{self.merged.name}」"
        if self.failures:
            text += f"；{len(self.failures)} 份失败"
        if self.cancelled:
            text += "；已取消，其余没有生成"
        return text + "。"


@dataclass(frozen=True)
class Planned:
    """One dossier to write: who, and where."""

    person_id: str
    name: str
    station: str
    path: Path
    label: str  # how reports and the merged PDF's outline name the delegate


def dossier_api() -> ModuleType:
    """`twdesk.services.dossier` (dossier_file_name, write_dossier): looked up when used, so
    the workers and the tests reach the same module."""
    return importlib.import_module("twdesk.services.dossier")


# --- who --------------------------------------------------------------------------------------


def year_stations(session: Session, year: int) -> dict[str, str]:
    """Person id → station id of each delegate of ``year``: the station of the year's
    evaluation when there is one, else where the delegate spent most of the year."""
    from twdesk.services.evaluation import main_stations  # the evaluation's own assignment

    where = main_stations(session, year)
    where.update(
        session.execute(
            select(Evaluation.person_id, Evaluation.station_id).where(
                Evaluation.year == year, Evaluation.station_id.is_not(None)
            )
        ).all()
    )
    return where


def _with_children(session: Session, station_ids: Iterable[str]) -> set[str]:
    from twdesk.services.stations import station_tree

    children: dict[str | None, list[str]] = defaultdict(list)
    for node in station_tree(session, include_retired=True):
        children[node.parent_id].append(node.id)
    found: set[str] = set()
    todo = list(station_ids)
    while todo:
        sid = todo.pop()
        if sid not in found:
            found.add(sid)
            todo.extend(children[sid])
    return found


def _station_order(session: Session) -> dict[str, tuple[int, str]]:
    rows = session.execute(select(Station.id, Station.name, Station.sort_order))
    return {sid: (order or 0, name) for sid, name, order in rows}


def delegates_for(
    session: Session, year: int, *, station_ids: Sequence[str] = (), names: Sequence[str] = ()
) -> list[tuple[str, str]]:
    """(person id, name) of the delegates of ``year`` — all, or at the given stations (and the
    stations under them), or with the given names (narrowed to those stations when both are
    given) — by station, then name. An unknown name is an error naming every one missing."""
    where = year_stations(session, year)
    if station_ids:
        wanted = _with_children(session, station_ids)
        where = {pid: sid for pid, sid in where.items() if sid in wanted}
    stations = _station_order(session)
    people = session.execute(
        select(Person.id, Person.name, Person.name_pinyin).where(Person.deleted_at.is_(None))
    )
    chosen = [(pid, name, pinyin or "") for pid, name, pinyin in people if pid in where]
    if names:
        asked = {n.strip() for n in names if n.strip()}
        chosen = [row for row in chosen if row[1] in asked]
        missing = sorted(asked - {row[1] for row in chosen})
        if missing:
            scope = "所选联络站中" if station_ids else ""
            raise DossierBatchError(
                f"{year} 年度{scope}没有名为 {'、'.join(missing)} 的团代表。"
                "请核对姓名和联络站；没有生成任何档案。"
            )
    chosen.sort(key=lambda r: (stations.get(where[r[0]], (0, "")), r[2], r[1]))
    return [(pid, name) for pid, name, _pinyin in chosen]


def plan(
    session: Session,
    person_ids: Sequence[str],
    year: int,
    out_dir: Path,
    file_name: Callable[..., str],
    *,
    term: bool = False,
) -> list[Planned]:
    """The file of each delegate (in the order given): `file_name(station, name, year,
    id_last4)`, with the ID number's last four digits only for namesakes at one station (among
    all its delegates of the year)."""
    where = year_stations(session, year)
    station_names = {sid: name for sid, (_order, name) in _station_order(session).items()}
    people = {
        pid: (name, id_number or "")
        for pid, name, id_number in session.execute(
            select(Person.id, Person.name, Person.id_number)
        )
    }
    unknown = [pid for pid in person_ids if pid not in people]
    if unknown:
        raise DossierBatchError(f"有 {len(unknown)} 位代表在数据库中找不到（可能已被删除）。")

    def station_of(pid: str) -> str:
        return station_names.get(where.get(pid, ""), "未分站")

    rows = [
        (pid, people[pid][0], station_of(pid), people[pid][1]) for pid in dict.fromkeys(person_ids)
    ]
    # namesakes among all the year's delegates of the station, not only those in this batch:
    # a file's name does not depend on who else is printed with it
    same = Counter(
        (station_of(pid), people[pid][0]) for pid in set(where) | set(person_ids) if pid in people
    )
    jobs: list[Planned] = []
    taken: set[str] = set()
    for pid, name, station, id_number in rows:
        last4 = id_number[-4:] if same[(station, name)] > 1 and id_number else None
        file = file_name(station, name, f"{year}本届" if term else year, last4)
        stem, suffix = os.path.splitext(file)
        n = 1
        while file in taken:  # namesakes without an ID number, or with the same last digits
            n += 1
            file = f"{stem}（{n}）{suffix}"
        taken.add(file)
        label = f"{name}（{station}{'，…' + last4 if last4 else ''}）"
        jobs.append(Planned(pid, name, station, Path(out_dir) / file, label))
    return jobs


# --- writing one ------------------------------------------------------------------------------


# What every dossier of a batch shares (each station's evaluation year, the scheme, the office's
# settings and lists), read once per process (the file is opened read-only for the batch, so
# nothing changes under it while the batch runs).
_BATCH_CACHE: dict[Any, Any] = {}
# One read-only session per process for the whole batch: what one dossier loaded (stations,
# schemes, settings) is at hand for the next.
_SESSIONS: dict[int, Session] = {}


def _session(db: Database) -> Session:
    session = _SESSIONS.get(id(db))
    if session is None:
        session = _SESSIONS[id(db)] = db.session()
        session.info[dossier_api().CACHE_KEY] = _BATCH_CACHE
    return session


def _end_batch() -> None:
    _BATCH_CACHE.clear()  # the file may change before the next batch in this process
    for session in _SESSIONS.values():
        session.close()
    _SESSIONS.clear()


def _write_one(
    db: Database, write: Writer, person_id: str, year: int, path: Path, term: bool, overwrite: bool
) -> tuple[int | None, str]:
    """(pages, "") or (None, the reason it failed)."""
    session = _session(db)
    try:
        return write(session, person_id, year, path, term=term, overwrite=overwrite), ""
    except UserError as exc:
        session.rollback()
        return None, str(exc)
    except Exception as exc:
        session.rollback()
        log.exception("dossier of %s failed", person_id)
        return None, f"{type(exc).__name__}: {exc}"


_WORKER: tuple[Database, Writer] | None = None
_WORKER_ERROR = ""


def _init_worker(db_location: str, write: Writer, password: str | None = None) -> None:
    """Once per worker process: open the file (or the server database: its URL, the password
    typed in the parent's dialog — handed over through the pool's pipe, never the command line
    or the environment — else PGPASSWORD / .pgpass) read-only, no lock, and register the fonts."""
    global _WORKER, _WORKER_ERROR
    if password:
        from twdesk.db.engine import use_password
        from twdesk.db.location import parse_location

        location = parse_location(db_location)
        if isinstance(location, ServerLocation):
            use_password(location, password)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the parent stops; running files finish
    try:
        from twdesk.reports.fonts import register_fonts

        register_fonts()
        _WORKER = (open_database(db_location, read_only=True), write)
    except UserError as exc:
        _WORKER_ERROR = str(exc)


def _work(
    person_id: str, year: int, path: str, term: bool, overwrite: bool
) -> tuple[int | None, str]:
    if _WORKER is None:
        return None, _WORKER_ERROR or "工作进程没有打开数据库。"
    db, write = _WORKER
    return _write_one(db, write, person_id, year, Path(path), term, overwrite)


Outcome = tuple[int, int | None, str]  # job index, pages or None, reason


def _run_here(
    db: Database,
    write: Writer,
    jobs: Sequence[Planned],
    args: tuple[int, bool, bool],
    cancelled: Callable[[], bool],
) -> Iterator[Outcome]:
    year, term, overwrite = args
    _end_batch()  # in this process: the file may have changed since the last batch
    try:
        for i, job in enumerate(jobs):
            if cancelled():
                return
            yield (i, *_write_one(db, write, job.person_id, year, job.path, term, overwrite))
    finally:
        _end_batch()


def _password(location: Path | ServerLocation) -> str | None:
    if not isinstance(location, ServerLocation):
        return None
    from twdesk.db.engine import password_for

    return password_for(location)


def _run_in_processes(
    db_location: Path | ServerLocation,
    write: Writer,
    jobs: Sequence[Planned],
    args: tuple[int, bool, bool],
    workers: int,
    cancelled: Callable[[], bool],
) -> Iterator[Outcome]:
    year, term, overwrite = args
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(str(db_location), write, _password(db_location)),
    ) as pool:
        todo = list(range(len(jobs) - 1, -1, -1))  # popped from the end: in the order asked
        pending: dict[Future[tuple[int | None, str]], int] = {}
        try:
            while todo or pending:
                if cancelled():
                    todo.clear()
                    for future in pending:
                        future.cancel()  # those not started; running ones finish their file
                while todo and len(pending) < workers * AHEAD_PER_WORKER:
                    i = todo.pop()
                    job = jobs[i]
                    future = pool.submit(_work, job.person_id, year, str(job.path), term, overwrite)
                    pending[future] = i
                done, _running = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in done:
                    i = pending.pop(future)
                    if future.cancelled():
                        continue
                    try:
                        pages, reason = future.result()
                    except Exception as exc:  # a worker died (BrokenProcessPool) or the like
                        pages, reason = None, f"工作进程意外退出（{type(exc).__name__}: {exc}）"
                    yield i, pages, reason
        finally:
            for future in pending:
                future.cancel()


_PART = re.compile(r"^\.(.*)\.[0-9a-f]{8}\.part(\.[^.]*)$")  # write_output's temporary names


def _remove_partial(out_dir: Path, jobs: Sequence[Planned]) -> None:
    """Temporary files of ours left by a worker that was killed mid-write (never a whole file)."""
    names = {job.path.name for job in jobs}
    with os.scandir(out_dir) as entries:
        for entry in entries:
            match = _PART.match(entry.name)
            if match and match.group(1) + match.group(2) in names:
                Path(entry.path).unlink(missing_ok=True)


def _existing(jobs: Sequence[Planned], merged: Path | None) -> list[str]:
    """Names of the targets that exist already (a database or the like is refused outright)."""
    existing = []
    for path in [job.path for job in jobs] + ([merged] if merged is not None else []):
        try:
            check_target(path)
        except OutputExists:
            existing.append(path.name)
    return existing


def existing_files(
    session: Session,
    person_ids: Sequence[str],
    year: int,
    out_dir: Path,
    merged: Path | None = None,
) -> list[str]:
    """The files a batch would replace (the GUI asks before it starts)."""
    name_of = dossier_api().dossier_file_name
    return _existing(plan(session, person_ids, year, Path(out_dir), name_of), merged)


def _refuse_existing(jobs: Sequence[Planned], merged: Path | None) -> None:
    existing = _existing(jobs, merged)
    if existing:
        shown = "、".join(existing[:3]) + ("等" if len(existing) > 3 else "")
        raise DossierBatchError(
            f"目标位置已有 {len(existing)} 个同名文件（{shown}）。要替换它们，请确认"
            "（命令行加 --force），或换一个文件夹。没有生成任何档案。"
        )


def merge_pdfs(parts: Sequence[tuple[Path, str]], target: Path, *, overwrite: bool = False) -> int:
    """The PDFs one after another in ``target``, one outline entry per part (its own outline
    beneath it); pages."""
    from pypdf import PdfWriter

    def write(tmp: Path) -> int:
        writer = PdfWriter()
        for path, label in parts:
            writer.append(str(path), outline_item=label)
        pages = len(writer.pages)
        with open(tmp, "wb") as fh:
            writer.write(fh)
        writer.close()
        return pages

    return write_output(target, write, overwrite=overwrite)


def run_batch(
    db_location: Path | ServerLocation | str,
    person_ids: Sequence[str],
    year: int,
    out_dir: Path,
    *,
    term: bool = False,
    merged: Path | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    overwrite: bool = False,
) -> BatchResult:
    """Write the dossiers of ``person_ids`` into ``out_dir`` (and ``merged`` when given),
    reading the database at ``db_location`` (a file, or a server database: Database.location).

    ``workers``: None = one process per core (at most one per delegate; a single dossier is
    written in this process), 0 = in this process. ``progress(done, total)`` after each
    dossier; ``cancel()`` true stops dispatching: dossiers being written are finished, no
    other is started and no merged file is made. Existing files are refused (nothing written)
    unless ``overwrite``.
    """
    started = time.perf_counter()
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise DossierBatchError(f"文件夹「{out_dir}」不存在。请先建立它，或选择别的文件夹。")
    if not person_ids:
        raise DossierBatchError("没有要生成档案的团代表。")
    cancelled = cancel or (lambda: False)
    report = progress or (lambda _done, _total: None)
    api = dossier_api()
    args = (year, term, overwrite)
    written: dict[int, int] = {}
    failed: dict[int, str] = {}
    jobs: list[Planned] = []
    db = open_database(db_location, read_only=True)
    try:
        with db.session() as session:
            jobs = plan(session, person_ids, year, out_dir, api.dossier_file_name, term=term)
        if not overwrite:
            _refuse_existing(jobs, merged)
        for target in [merged] if merged is not None else []:
            check_target(target, overwrite=True)  # never a database, a folder, a package
        if workers is None:
            workers = 0 if len(jobs) == 1 else os.cpu_count() or 1
        workers = min(workers, len(jobs))  # never more processes than dossiers
        outcomes: Iterator[Outcome] = (
            _run_here(db, api.write_dossier, jobs, args, cancelled)
            if workers <= 0
            else _run_in_processes(db.location, api.write_dossier, jobs, args, workers, cancelled)
        )
        report(0, len(jobs))
        for i, pages, reason in outcomes:
            if pages is None:
                failed[i] = reason
            else:
                written[i] = pages
            report(len(written) + len(failed), len(jobs))
    finally:
        db.close()
        _remove_partial(out_dir, jobs)
    stopped = len(written) + len(failed) < len(jobs)
    done = sorted(written)
    merged_path = None
    if merged is not None and done and not stopped:
        merge_pdfs([(jobs[i].path, jobs[i].label) for i in done], merged, overwrite=overwrite)
        merged_path = Path(merged)
    return BatchResult(
        files=tuple(jobs[i].path for i in done),
        pages=sum(written.values()),
        failures=tuple((jobs[i].label, failed[i]) for i in sorted(failed)),
        seconds=time.perf_counter() - started,
        merged=merged_path,
        cancelled=stopped,
    )


def describe_failures(result: BatchResult) -> Iterator[str]:
    """One line per delegate that failed: who and why."""
    for who, reason in result.failures:
        yield f"{who}：{reason}"


__all__: list[str] = [
    "BatchResult",
    "DossierBatchError",
    "Planned",
    "delegates_for",
    "describe_failures",
    "dossier_api",
    "existing_files",
    "merge_pdfs",
    "plan",
    "run_batch",
    "year_stations",
]
