"""One delegate's dossier on a real file with hand-made records: the data the service gathers,
and the PDF read back page by page (text, footers, outline, metadata, tables across pages)."""

from __future__ import annotations

import re
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from twdesk.core.evaluation_view import Stage
from twdesk.core.evaluation_view import text as score_text
from twdesk.db.models import (
    Activity,
    ActivityParticipant,
    CommitteeLink,
    DutyAssignment,
    DutyDay,
    OpinionItem,
    Person,
    Project,
    ProjectMember,
    Setting,
    Station,
    StationMembership,
    StatusChange,
    Visit,
)
from twdesk.output import OutputExists
from twdesk.services import dossier, evaluation
from twdesk.services.evaluation import StageEntry

YEAR = 2026
TODAY = date(2026, 11, 20)
STATION = "城关镇团代表联络站"
OFFICE = "青川县团委"
ID_NUMBER = "510822199811211606"
LONG_NOTE = "因单位临时安排外出调研，与同组代表协商后调换到下一个接待日，并已向联络站报备登记"


def _person(s, name: str, station_id: str, **kw) -> str:
    person = Person(name=name, name_pinyin=name, **kw)
    s.add(person)
    s.flush()
    s.add(StationMembership(station_id=station_id, person_id=person.id))
    return person.id


def _activity(s, kind: str, day: date, pid: str, *, youth: int = 0, title: str = "") -> None:
    act = Activity(
        activity_type=kind,
        activity_date=day,
        title=title or f"{kind}{day:%m%d}",
        youth_count=youth,
        confirmation="已确认",
    )
    s.add(act)
    s.flush()
    s.add(ActivityParticipant(activity_id=act.id, person_id=pid))


@pytest.fixture
def file_db(office_db):
    """张三 with a full year (120 duty days, visits, activities, a project, an evaluation in
    2026, records but no evaluation in 2025); 王五 with nothing at all."""
    ids: dict[str, str] = {}
    with office_db.transaction() as s:
        s.merge(Setting(key="office_name", value=OFFICE))
        station = Station(name=STATION, kind="乡镇")
        s.add(station)
        s.flush()
        a = ids["张三"] = _person(
            s,
            "张三",
            station.id,
            id_number=ID_NUMBER,
            phone="13800001111",
            gender="女",
            term="第十六届",
            unit="县农业农村局",
        )
        ids["王五"] = _person(s, "王五", station.id, term="第十六届")
        committee = _person(s, "李委员", station.id, is_committee=True, is_delegate=False)
        s.add(CommitteeLink(committee_id=committee, delegate_id=a))
        s.add(StatusChange(person_id=a, status="在任", changed_on=date(2023, 11, 4), reason="当选"))
        day = date(YEAR, 1, 5)
        for n in range(120):
            d = DutyDay(station_id=station.id, day=day + timedelta(days=2 * n))
            s.add(d)
            s.flush()
            s.add(
                DutyAssignment(
                    duty_day_id=d.id,
                    person_id=a,
                    attendance="到岗" if n % 10 else "请假",
                    attendance_note=LONG_NOTE if n % 10 == 0 else "",
                )
            )
        for n in range(1, 10):
            _activity(s, "联系青年", date(YEAR, n, 10), a, youth=15)
            _activity(s, "会议", date(YEAR, n, 12), a)
        _activity(s, "联系青年", date(YEAR - 1, 6, 10), a, youth=40)
        visit = Visit(
            station_id=station.id,
            received_by_id=a,
            visit_date=date(YEAR, 5, 6),
            visitor_name="来访青年甲",
            phone="13912345678",
            category="就业创业",
        )
        s.add(visit)
        s.flush()
        s.add(
            OpinionItem(
                visit_id=visit.id,
                number=f"{YEAR}-00007",
                content="希望开设夜校",
                category="就业创业",
                department="县人社局",
                status="已反馈",
                satisfaction="满意",
            )
        )
        project = Project(name="青年夜校", leader_id=a)
        s.add(project)
        s.flush()
        s.add(ProjectMember(project_id=project.id, person_id=a, role="领办"))
    with office_db.transaction() as s:
        evaluation.open_year(s, YEAR, today=TODAY)
        evaluation.save_stage(s, YEAR, ids["张三"], Stage.SELF, StageEntry(scores={10: Decimal(9)}))
    return office_db, ids


def _write(db, pid: str, path: Path, **kw) -> int:
    with db.session() as s:
        return dossier.write_dossier(s, pid, YEAR, path, today=TODAY, **kw)


def _pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def _squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


def _outline(reader: PdfReader) -> list[str]:
    def walk(items) -> list[str]:
        out: list[str] = []
        for item in items:
            out += walk(item) if isinstance(item, list) else [item.title]
        return out

    return walk(reader.outline)


def test_year_dossier_pages_footers_outline_and_evaluation(file_db, tmp_path):
    db, ids = file_db
    out = tmp_path / "one.pdf"
    started = time.perf_counter()
    pages = _write(db, ids["张三"], out)
    elapsed = time.perf_counter() - started
    assert elapsed < 10  # one dossier with 120 duty rows, two layout passes (≈ 1 s here)
    texts = _pages(out)
    assert len(texts) == pages > 5
    for n, text in enumerate(texts, 1):
        assert f"第{n}页 共{pages}页" in text
        assert f"{STATION}" in text and "张三" in text and f"{YEAR}年度" in text
    cover = _squeeze(texts[0])
    assert "团代表履职档案" in cover and "第十六届" in cover and OFFICE in cover
    assert "2026年11月20日" in cover
    reader = PdfReader(out)
    assert reader.metadata.title == f"团代表履职档案（张三，{YEAR}年度）"
    assert reader.metadata.author == OFFICE
    titles = _outline(reader)
    assert titles == [
        "基本信息",
        "任职状态变动",
        "两联与联系团支部",
        "联系青年（1+100）",
        "驻站坐班",
        "接待来访与意见办理",
        "履职活动与领办项目",
        "年度履职考核",
    ]
    contents = _squeeze(texts[1])
    assert "目录" in contents and all(t in contents for t in titles)
    everything = _squeeze("".join(texts))
    assert "两联委员：李委员" in everything
    assert "联系青年135人次，年度目标100人次" in everything
    assert f"{YEAR}-00007" in everything and "县人社局" in everything and "满意" in everything
    assert "来访青年甲" not in everything and "13912345678" not in everything
    assert "青年夜校" in everything and "领办" in everything
    # the evaluation sheet: the self-evaluation's total and grade on the evaluation's page
    with db.session() as s:
        result = evaluation.delegate_result(s, YEAR, ids["张三"])
    assert result.total is not None and result.grade
    sheet = [t for t in texts if "年度团代表履职考核表" in t]
    assert sheet
    page = _squeeze(sheet[0])
    assert f"总分{score_text(result.total)}等次{result.grade}" in page
    for ind in result.indicators:  # each indicator's row: its name, points, then its scores
        assert f"{ind.seq}{_squeeze(ind.name)}" in page
    assert "本人签字" in everything and "街镇团（工）委复核意见" in everything
    # the signature block never stands alone: the totals and the grade share its page
    signed = [_squeeze(t) for t in texts if "本人签字" in t]
    assert len(signed) == 1 and f"总分{score_text(result.total)}" in signed[0]


def test_id_number_masked_by_default_full_when_the_office_allows(file_db, tmp_path):
    db, ids = file_db
    _write(db, ids["张三"], tmp_path / "masked.pdf")
    text = "".join(_pages(tmp_path / "masked.pdf"))
    assert "510822********1606" in text and ID_NUMBER not in text
    with db.transaction() as s:
        assert not dossier.full_id_allowed(s)
        dossier.set_full_id_allowed(s, True)
    _write(db, ids["张三"], tmp_path / "full.pdf")
    assert ID_NUMBER in "".join(_pages(tmp_path / "full.pdf"))
    with pytest.raises(OutputExists):
        _write(db, ids["张三"], tmp_path / "full.pdf")
    assert _write(db, ids["张三"], tmp_path / "full.pdf", overwrite=True) > 0


def test_120_duty_rows_break_between_rows_and_repeat_the_header(file_db, tmp_path):
    db, ids = file_db
    out = tmp_path / "one.pdf"
    _write(db, ids["张三"], out)
    texts = _pages(out)
    duty_pages = [n for n, t in enumerate(texts) if f"{YEAR}-01-05" in t or "替班/被替" in t]
    assert len(duty_pages) >= 3
    for n in duty_pages:
        assert "替班/被替" in texts[n]  # the header row on every page of the table
    squeezed = [_squeeze(t) for t in texts]
    day = date(YEAR, 1, 5)
    for n in range(120):
        shown = f"{day + timedelta(days=2 * n):%Y-%m-%d}"
        on = [i for i, t in enumerate(squeezed) if f"{n + 1}{shown}" in t]  # 序号 then 日期
        assert len(on) == 1, shown  # each row once, on one page
        if n % 10 == 0:  # the long note wraps over lines: all of it on the row's page
            assert _squeeze(LONG_NOTE) in squeezed[on[0]]


def test_empty_sections_say_so_and_not_evaluated(file_db, tmp_path):
    db, ids = file_db
    with db.transaction() as s:
        data = dossier.dossier_data(s, ids["王五"], YEAR, today=TODAY)
        assert data.years[0].evaluation is not None  # opened for everyone in the station
        data = dossier.dossier_data(s, ids["王五"], YEAR - 1, today=TODAY)
        assert data.years[0].evaluation is None
    out = tmp_path / "empty.pdf"
    with db.session() as s:
        dossier.write_dossier(s, ids["王五"], YEAR - 1, out, today=TODAY)
    text = _squeeze("".join(_pages(out)))
    for line in (
        "没有任职状态变动记录。",
        "两联委员：无",
        "本年度没有坐班记录。",
        "本年度没有接待来访记录。",
        "本年度没有履职活动记录。",
        "本年度没有领办或参与项目。",
        "2025年度：本年度尚未考核。",
    ):
        assert line in text


def test_term_dossier_has_each_year_and_the_summary(file_db, tmp_path):
    db, ids = file_db
    with db.transaction() as s:
        data = dossier.dossier_data(s, ids["张三"], YEAR, term=True, today=TODAY)
        assert [y.year for y in data.years] == [YEAR - 1, YEAR]  # the years with records
        assert "未设定本届起止年份" in data.term_note
        evaluation.set_term_years(s, YEAR - 2, YEAR + 2)
        data = dossier.dossier_data(s, ids["张三"], YEAR, term=True, today=TODAY)
        assert [y.year for y in data.years] == [YEAR - 2, YEAR - 1, YEAR]
        assert data.period == f"{YEAR - 2}—{YEAR}年（本届）"
        summary = {r.year: r for r in data.summary}
        assert summary[YEAR - 1].youth == 40 and summary[YEAR - 1].grade == "未考核"
        assert summary[YEAR].youth == 135 and summary[YEAR].duty_assigned == 120
    out = tmp_path / "term.pdf"
    with db.session() as s:
        pages = dossier.write_dossier(s, ids["张三"], YEAR, out, term=True, today=TODAY)
    texts = _pages(out)
    assert all(f"第{n}页 共{pages}页" in t for n, t in enumerate(texts, 1))
    titles = _outline(PdfReader(out))
    for y in (YEAR - 2, YEAR - 1, YEAR):
        assert f"{y}年度" in titles
        assert f"{y}年 年度履职考核" in titles and f"{y}年 驻站坐班" in titles
    assert "任期履职汇总" in titles
    text = _squeeze("".join(texts))
    assert "2024年度：本年度尚未考核。" in text and "2025年度：本年度尚未考核。" in text
    assert "2026年度团代表履职考核表" in text
    assert "坐班（到岗/排班）" in text and "108/120" in text


def test_file_names_are_safe_for_windows():
    assert dossier.dossier_file_name(STATION, "张三", 2026) == f"{STATION}_张三_2026.pdf"
    assert (
        dossier.dossier_file_name("城关/站", "张*三", 2026, "1606") == "城关_站_张_三_2026_1606.pdf"
    )
    assert dossier.dossier_file_name("", " 王五. ", "2024—2026") == "未分站_王五_2024—2026.pdf"


def test_contents_outline_and_links_point_at_the_sections(file_db, tmp_path):
    db, ids = file_db
    out = tmp_path / "term.pdf"
    with db.transaction() as s:
        evaluation.set_term_years(s, YEAR - 1, YEAR)
        dossier.write_dossier(s, ids["张三"], YEAR, out, term=True, today=TODAY)
    reader = PdfReader(out)

    def walk(items):
        for item in items:
            yield from walk(item) if isinstance(item, list) else [item]

    entries = [(o.title, reader.get_destination_page_number(o) + 1) for o in walk(reader.outline)]
    assert len(entries) == 4 + 2 * 6
    contents = reader.pages[1].extract_text(extraction_mode="layout")
    texts = [_squeeze(page.extract_text()) for page in reader.pages]
    for title, page in entries:
        assert re.search(rf"{re.escape(title)}[ .]*{page}\n", contents), title
        shown = "履职考核" if title.endswith("年度履职考核") else _squeeze(title)
        assert shown in texts[page - 1], title
    pages = [p.indirect_reference for p in reader.pages]
    linked = [
        pages.index(a.get_object()["/Dest"][0]) + 1 for a in reader.pages[1].get("/Annots", [])
    ]
    assert linked == [page for _title, page in entries]  # each contents line is a link


def _images(page) -> list[str]:
    xobjects = page["/Resources"].get("/XObject", {})
    return [n for n, x in xobjects.items() if x.get_object()["/Subtype"] == "/Image"]


def test_the_cover_shows_the_photo_or_a_block_with_the_surname(file_db, tmp_path):
    from io import BytesIO

    from PIL import Image as PILImage

    from twdesk.db.models import PersonPhoto

    db, ids = file_db
    _write(db, ids["张三"], tmp_path / "block.pdf")
    cover = PdfReader(tmp_path / "block.pdf").pages[0]
    # the surname in the block, the name on the cover and in the footer
    assert not _images(cover) and cover.extract_text().count("张") == 3
    buffer = BytesIO()
    PILImage.new("RGB", (90, 126), (200, 30, 30)).save(buffer, "JPEG")
    with db.transaction() as s:
        s.add(PersonPhoto(person_id=ids["张三"], data=buffer.getvalue()))
        s.add(PersonPhoto(person_id=ids["王五"], data=b"not a picture"))
    _write(db, ids["张三"], tmp_path / "photo.pdf")
    cover = PdfReader(tmp_path / "photo.pdf").pages[0]
    assert len(_images(cover)) == 1 and cover.extract_text().count("张") == 2
    _write(db, ids["王五"], tmp_path / "broken.pdf")  # a broken photo: the block instead
    cover = PdfReader(tmp_path / "broken.pdf").pages[0]
    assert not _images(cover) and cover.extract_text().count("王") == 3


def test_an_office_counting_people_from_the_contact_book_prints_people(file_db, tmp_path):
    from twdesk.core.youth_contacts import CountMethod
    from twdesk.services import contacts
    from twdesk.services.contact_counts import ContactSettings

    db, ids = file_db
    with db.transaction() as s:
        for n, (name, month) in enumerate((("张小芳", 3), ("赵一", 3), ("钱二", 7))):
            result = contacts.add_to_book(
                s,
                ids["王五"],
                {
                    "name": name,
                    "gender": "女",
                    "field": "农村青年",
                    "organisation": f"乔庄{n}村",
                    "first_contact_date": date(YEAR, month, 2),
                    "first_contact_way": "走访",
                },
                today=TODAY,
            )
            assert not result.needs_confirmation
            if name == "张小芳":  # met again in May: still one person, first met in March
                contacts.add_log(
                    s,
                    result.entry_id,
                    {"contact_date": date(YEAR, 5, 1), "way": "电话"},
                    today=TODAY,
                )
        contacts.set_settings(s, ContactSettings(count_method=str(CountMethod.BOOK)))
    with db.session() as s:
        data = dossier.dossier_data(s, ids["王五"], YEAR, today=TODAY)
    youth = data.years[0].youth
    assert youth.unit == "人" and youth.total == 3
    assert youth.by_month[2] == 2 and youth.by_month[6] == 1 and sum(youth.by_month) == 3
    out = tmp_path / "book.pdf"
    _write(db, ids["王五"], out)
    text = _squeeze("".join(_pages(out)))
    assert "联系青年3人，年度目标100人" in text and "当月新联系的青年人数" in text
    assert "乔庄0村" not in text  # the young people themselves are not in the dossier
