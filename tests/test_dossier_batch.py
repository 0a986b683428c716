"""生成档案 in bulk (services/dossier_batch.py) on a real file: one PDF per delegate with the right
names, namesakes told apart, failures reported by name while the others are written, Cancel
leaving no partial file, the merged PDF's outline, worker processes that read the file while
another twdesk holds its lock. The dossier itself is a stand-in (tests/dossier_fakes.py), so
these tests depend only on the interface of twdesk.services.dossier."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests import dossier_fakes
from twdesk.core.idcard import make_id_number
from twdesk.services import dossier_batch
from twdesk.services.dossier_batch import DossierBatchError, delegates_for, run_batch

YEAR = 2026
API = dossier_batch.dossier_api()
REAL_WRITE = API.write_dossier  # before any test puts the stand-in in its place
EAST = ("甲一", "王芳", "王芳", "乙二")  # two namesakes at one station
WEST = ("曾䶮", "王芳")  # a third 王芳 elsewhere: no digits needed for her


def make_file(path: Path) -> dict[str, list[tuple[str, str]]]:
    """东站 and 西站 with their delegates; station name → [(person id, ID number)]."""
    from twdesk.db.dbfile import create_database, open_database
    from twdesk.services import people, stations

    create_database(path)
    db = open_database(path)
    joined = date(YEAR - 1, 1, 1)
    made: dict[str, list[tuple[str, str]]] = {}
    seq = 10
    with db.transaction() as s:
        for station, names in (("东站", EAST), ("西站", WEST)):
            sid = stations.save_station(s, {"name": station, "kind": "乡镇街道联络站"}).id
            made[station] = []
            for name in names:
                seq += 1
                idn = make_id_number("510101", date(1995, 3, seq), seq, "女")
                ref = people.save_person(
                    s,
                    {"name": name, "is_delegate": True, "id_number": idn},
                    station_id=sid,
                    joined_on=joined,
                )
                made[station].append((ref.id, idn))
    db.close()
    return made


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, dict[str, list[tuple[str, str]]]]:
    path = tmp_path / "office.sqlite"
    return path, make_file(path)


@pytest.fixture(autouse=True)
def fake_dossier(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stand-in writer in place of the real one (whichever module provides the API)."""
    monkeypatch.setattr(dossier_batch.dossier_api(), "write_dossier", dossier_fakes.write_dossier)
    monkeypatch.delenv(dossier_fakes.FAIL_IDS, raising=False)


def all_ids(path: Path, **kwargs: object) -> list[tuple[str, str]]:
    from twdesk.db.dbfile import open_database

    db = open_database(path, read_only=True)
    try:
        with db.session() as s:
            return delegates_for(s, YEAR, **kwargs)  # type: ignore[arg-type]
    finally:
        db.close()


def expected_names(made: dict[str, list[tuple[str, str]]]) -> set[str]:
    name_of = dossier_batch.dossier_api().dossier_file_name
    names = set()
    for station, people in (("东站", EAST), ("西站", WEST)):
        for name, (_pid, idn) in zip(people, made[station], strict=True):
            namesake = people.count(name) > 1
            names.add(name_of(station, name, YEAR, idn[-4:] if namesake else None))
    return names


def text_of(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if ".part" in p.name or p.name.startswith(".")]


def test_selection_by_station_and_name(office) -> None:
    path, made = office
    everyone = all_ids(path)
    # by station, then by pinyin within it
    assert [n for _i, n in everyone] == ["甲一", "王芳", "王芳", "乙二", "王芳", "曾䶮"]
    assert {pid for pid, _n in everyone} == {pid for rows in made.values() for pid, _i in rows}
    from twdesk.db.dbfile import open_database

    db = open_database(path, read_only=True)
    with db.session() as s:
        from twdesk.services.evaluation import find_station

        west = find_station(s, "西站")
    db.close()
    assert sorted(n for _i, n in all_ids(path, station_ids=[west])) == sorted(WEST)
    assert [n for _i, n in all_ids(path, names=["王芳"])] == ["王芳"] * 3
    assert [n for _i, n in all_ids(path, station_ids=[west], names=["王芳"])] == ["王芳"]
    with pytest.raises(DossierBatchError) as err:
        all_ids(path, names=["王芳", "张三", "李四"])
    assert "张三、李四" in str(err.value)
    with pytest.raises(DossierBatchError, match="甲一"):
        all_ids(path, station_ids=[west], names=["甲一"])


def test_one_pdf_per_delegate_with_namesakes_told_apart(office, tmp_path: Path) -> None:
    path, made = office
    out = tmp_path / "档案"
    out.mkdir()
    ids = [pid for pid, _n in all_ids(path)]
    seen: list[tuple[int, int]] = []
    result = run_batch(path, ids, YEAR, out, workers=0, progress=lambda d, t: seen.append((d, t)))
    assert not result.failures and not result.cancelled
    assert {p.name for p in out.iterdir()} == expected_names(made) == {p.name for p in result.files}
    assert result.pages == 6 * dossier_fakes.PAGES
    assert seen[0] == (0, 6) and seen[-1] == (6, 6)
    # the two 王芳 of 东站 carry their ID digits; the 王芳 of 西站 does not
    east = [p.name for p in result.files if "东站" in p.name and "王芳" in p.name]
    digits = {idn[-4:] for _pid, idn in made["东站"][1:3]}
    assert len(east) == 2 and all(any(d in n for d in digits) for n in east)
    (west,) = [p.name for p in result.files if "西站" in p.name and "王芳" in p.name]
    assert not any(idn[-4:] in west for _pid, idn in made["西站"])
    for file in result.files:
        assert file.stem.split("_")[1][:2] in text_of(file)
    assert "已生成 6 份档案，共 12 页" in result.one_line()
    # one namesake alone gets the same name as in the whole batch
    alone = tmp_path / "alone"
    alone.mkdir()
    one = run_batch(path, [made["东站"][2][0]], YEAR, alone, workers=0)
    assert made["东站"][2][1][-4:] in one.files[0].name
    assert one.files[0].name in expected_names(made)
    # a second run refuses to replace them unless asked
    with pytest.raises(DossierBatchError, match="6 个同名文件"):
        run_batch(path, ids, YEAR, out, workers=0)
    again = run_batch(path, ids, YEAR, out, workers=0, overwrite=True)
    assert len(again.files) == 6


def test_a_failing_delegate_is_reported_and_the_others_written(
    office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, made = office
    bad = made["西站"][0][0]  # 曾䶮
    monkeypatch.setenv(dossier_fakes.FAIL_IDS, bad)
    ids = [pid for pid, _n in all_ids(path)]
    result = run_batch(path, ids, YEAR, tmp_path, workers=0)
    assert len(result.files) == 5
    ((who, reason),) = result.failures
    assert "曾䶮" in who and "西站" in who and "测试故障" in reason
    assert not [p for p in tmp_path.glob("*曾䶮*")]
    assert "1 份失败" in result.one_line()


def test_an_unexpected_error_names_its_type(
    office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, made = office
    bad = made["东站"][0][0]

    def broken(session, person_id, year, target, *, term=False, overwrite=False):
        if person_id == bad:
            raise ZeroDivisionError("division by zero")
        return dossier_fakes.write_dossier(session, person_id, year, target, term=term)

    monkeypatch.setattr(dossier_batch.dossier_api(), "write_dossier", broken)
    result = run_batch(path, [pid for pid, _i in made["东站"]], YEAR, tmp_path, workers=0)
    assert result.failures == (("甲一（东站）", "ZeroDivisionError: division by zero"),)
    assert len(result.files) == 3


def test_cancel_stops_and_leaves_no_partial_file(office, tmp_path: Path) -> None:
    path, _made = office
    out = tmp_path / "out"
    out.mkdir()
    ids = [pid for pid, _n in all_ids(path)]
    done: list[int] = []
    result = run_batch(
        path,
        ids,
        YEAR,
        out,
        workers=0,
        merged=tmp_path / "all.pdf",
        progress=lambda d, _t: done.append(d),
        cancel=lambda: bool(done) and done[-1] >= 2,
    )
    assert result.cancelled and len(result.files) == 2
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in result.files)
    assert result.merged is None and not (tmp_path / "all.pdf").exists()
    for file in result.files:
        assert len(PdfReader(file).pages) == dossier_fakes.PAGES


def test_interrupted_mid_write_leaves_nothing(
    office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while a PDF is half written: its temporary file is gone, nothing else appears."""
    from twdesk.output import write_output

    path, made = office

    def half(session, person_id, year, target, *, term=False, overwrite=False):
        def write(tmp: Path) -> int:
            tmp.write_bytes(b"%PDF-1.4 half")
            raise KeyboardInterrupt

        return write_output(target, write, overwrite=overwrite)

    monkeypatch.setattr(dossier_batch.dossier_api(), "write_dossier", half)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(KeyboardInterrupt):
        run_batch(path, [pid for pid, _i in made["东站"]], YEAR, out, workers=0)
    assert list(out.iterdir()) == []


@pytest.mark.slow
def test_worker_processes_while_the_file_is_locked(
    office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two spawned workers read the file another twdesk holds (locked); one delegate fails in a
    worker; the merged PDF has one outline entry per written delegate, in order."""
    from twdesk.db.dbfile import open_database

    path, made = office
    monkeypatch.setenv(dossier_fakes.FAIL_IDS, made["东站"][3][0])  # 乙二
    holder = open_database(path)  # the GUI holding the file
    try:
        assert holder.lock is not None
        ids = [pid for pid, _n in all_ids(path)]
        out = tmp_path / "out"
        out.mkdir()
        merged = tmp_path / "合并.pdf"
        result = run_batch(path, ids, YEAR, out, workers=2, merged=merged)
    finally:
        holder.close()
    assert [w for w, _r in result.failures] == ["乙二（东站）"]
    assert len(result.files) == 5 and not leftovers(out)
    reader = PdfReader(merged)
    assert len(reader.pages) == 5 * dossier_fakes.PAGES == result.pages
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert len(titles) == 5
    assert titles[0] == "甲一（东站）" and titles[-1] == "曾䶮（西站）"
    assert sum("王芳（东站，…" in t for t in titles) == 2
    # each entry opens its delegate's first page
    for n, item in enumerate(i for i in reader.outline if not isinstance(i, list)):
        assert reader.get_destination_page_number(item) == n * dossier_fakes.PAGES
        name = item.title.split("（")[0]
        assert name in reader.pages[n * dossier_fakes.PAGES].extract_text()


def test_the_real_dossier_when_merged(
    office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With twdesk.services.dossier present: its own writer, in a worker process."""
    pytest.importorskip("twdesk.services.dossier")
    monkeypatch.setattr(API, "write_dossier", REAL_WRITE)
    path, made = office
    ids = [pid for pid, _i in made["西站"]]
    result = run_batch(path, ids, YEAR, tmp_path, workers=1, merged=tmp_path / "m.pdf")
    assert not result.failures, result.failures
    assert len(result.files) == 2 and result.pages >= 2
    assert "曾䶮" in text_of(next(f for f in result.files if "曾䶮" in f.name))


@pytest.mark.slow
def test_cancel_with_worker_processes(office, tmp_path: Path) -> None:
    """Cancel after the first dossier: what was being written is finished, nothing else is
    started, no temporary file is left, every file there is a whole PDF."""
    path, _made = office
    out = tmp_path / "out"
    out.mkdir()
    done: list[int] = []
    result = run_batch(
        path,
        [pid for pid, _n in all_ids(path)],
        YEAR,
        out,
        workers=2,
        progress=lambda d, _t: done.append(d),
        cancel=lambda: bool(done) and done[-1] >= 1,
    )
    assert result.cancelled and 1 <= len(result.files) < 6
    assert not leftovers(out)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in result.files)
    for file in result.files:
        assert len(PdfReader(file).pages) == dossier_fakes.PAGES
