"""Visits and opinion handling on a real file: intake, every workflow step, deadlines across
holidays, overdue, lists with keyset paging, statistics against hand-counted fixtures."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from twdesk.core.duty_rules import parse_rule
from twdesk.db.dbfile import Database
from twdesk.db.models import OpinionItem, OpinionStep, Visit
from twdesk.services import duty, people, stations, visits
from twdesk.services.duty import RuleSettings
from twdesk.services.visits import ItemInput, VisitError, VisitFilter


@pytest.fixture
def setup(any_office_db: Database) -> tuple[Database, str, str, str]:
    office_db = any_office_db  # once on a file, once on a PostgreSQL server
    with office_db.transaction() as s:
        a = stations.save_station(s, {"name": "乔庄镇联络站", "kind": "乡镇街道联络站"}).id
        b = stations.save_station(s, {"name": "青溪镇联络站", "kind": "乡镇街道联络站"}).id
        p = people.save_person(s, {"name": "曾䶮", "is_delegate": True}, station_id=a).id
    return office_db, a, b, p


def visit(s, station: str, day: date, items: list[str] = (), **extra) -> str:
    values = {
        "visit_date": day,
        "station_id": station,
        "visitor_name": "张三",
        "category": "就业创业",
        "content": "咨询创业贷款",
        **extra,
    }
    return visits.save_visit(s, values, [ItemInput(t) for t in items]).id


def test_intake_numbers_items_per_year_and_checks_every_field(setup) -> None:
    db, a, _b, p = setup
    with db.transaction() as s:
        v1 = visit(
            s, a, date(2026, 3, 4), ["希望开设电商培训", "建议增加创业场地"], received_by_id=p
        )
        v2 = visit(s, a, date(2026, 3, 5), ["路灯坏了"], anonymous=True, visitor_name="李四")
        v3 = visit(s, a, date(2025, 12, 30), ["旧年的意见"])
    with db.session() as s:
        numbers = dict(s.execute(select(OpinionItem.content, OpinionItem.number)).all())
        assert numbers == {
            "希望开设电商培训": "2026-00001",
            "建议增加创业场地": "2026-00002",
            "路灯坏了": "2026-00003",
            "旧年的意见": "2025-00001",
        }
        assert s.get(Visit, v2).visitor_name == "" and s.get(Visit, v2).anonymous
        assert s.get(Visit, v1).received_by_id == p and s.get(Visit, v3).people_count == 1
    with pytest.raises(VisitError) as info, db.transaction() as s:
        visits.save_visit(
            s,
            {
                "visit_date": None,
                "station_id": None,
                "visitor_name": "",
                "phone": "123",
                "category": "外星人",
                "channel": "飞鸽",
                "people_count": 0,
            },
            [],
        )
    assert set(info.value.problems) == {
        "visit_date",
        "station_id",
        "visitor_name",
        "phone",
        "category",
        "channel",
        "content",
        "people_count",
    }
    assert "不在类别列表" in info.value.problems["category"]
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Visit)) == 3


def test_intake_defaults_come_from_the_duty_calendar(setup) -> None:
    db, a, _b, p = setup
    with db.transaction() as s:
        duty.generate_plan(
            s, a, 2026, RuleSettings(parse_rule("weekly:wed")), today=date(2026, 3, 1)
        )
    with db.session() as s:
        d = visits.intake_defaults(s, date(2026, 3, 4))
        assert (d.station_id, d.received_by_id) == (a, p) and d.duty_day_id
        none = visits.intake_defaults(s, date(2026, 3, 5), station_id=a)
        assert none.received_by_id is None and none.station_id == a


def test_every_workflow_step_is_stamped_and_guarded(setup) -> None:
    db, a, _b, _p = setup
    with db.transaction() as s:
        visit(s, a, date(2026, 3, 4), ["希望开设电商培训"])
        item = s.scalar(select(OpinionItem.id))
    with pytest.raises(VisitError) as info, db.transaction() as s:
        visits.handle(s, item, "已办", on=date(2026, 3, 5))
    assert "需先交办" in str(info.value)
    with pytest.raises(VisitError), db.transaction() as s:
        visits.assign(s, item, "", on=date(2026, 3, 5))
    with db.transaction() as s:
        done = visits.assign(s, item, "县人社局", "王科长", on=date(2026, 3, 5))
        assert done.deadline == date(2026, 3, 16)  # 7 working days
        visits.start_handling(s, item, on=date(2026, 3, 6))
        visits.handle(s, item, "已联系培训机构，4月开班", on=date(2026, 3, 12))
    with pytest.raises(VisitError), db.transaction() as s:
        visits.feed_back(s, item, "电话告知", "非常满意", on=date(2026, 3, 13))
    with db.transaction() as s:
        visits.feed_back(s, item, "电话告知", "满意", on=date(2026, 3, 13))
    with pytest.raises(VisitError), db.transaction() as s:
        visits.reopen(s, item, "")
    with db.transaction() as s:
        visits.reopen(s, item, "青年反映开班时间冲突", on=date(2026, 3, 20))
        visits.handle(s, item, "调整到周末开班", on=date(2026, 3, 25))
    with db.session() as s:
        steps = visits.item_steps(s, item)
        assert [(x.from_status, x.to_status) for x in steps] == [
            ("已登记", "已交办"),
            ("已交办", "办理中"),
            ("办理中", "已办结"),
            ("已办结", "已反馈"),
            ("已反馈", "办理中"),
            ("办理中", "已办结"),
        ]
        assert all(x.done_by == db.user and x.done_at for x in steps)
        assert "重新办理" in steps[4].note
        row = s.get(OpinionItem, item)
        assert (row.status, row.satisfaction, row.result) == ("已办结", "", "调整到周末开班")


def test_default_deadline_counts_working_days_across_holidays(setup) -> None:
    db, *_ = setup
    with db.transaction() as s:
        # National Day: 1–7 Oct off, Saturday 10 Oct worked
        assert visits.default_deadline(s, date(2026, 9, 30)) == date(2026, 10, 15)
        # Spring Festival: Sat 14 Feb worked, 15–23 Feb off, Sat 28 Feb worked
        assert visits.default_deadline(s, date(2026, 2, 12)) == date(2026, 2, 28)


def test_overdue_only_for_open_items_past_deadline(setup) -> None:
    db, a, _b, _p = setup
    with db.transaction() as s:
        visit(s, a, date(2026, 3, 2), ["一", "二", "三", "四"])
        ids = list(s.scalars(select(OpinionItem.id).order_by(OpinionItem.number)))
        for i in ids[:3]:
            visits.assign(s, i, "县团委", on=date(2026, 3, 2))  # deadline 11 March
        visits.start_handling(s, ids[1], on=date(2026, 3, 3))
        visits.handle(s, ids[2], "办好了", on=date(2026, 3, 20))
    today = date(2026, 3, 12)
    with db.session() as s:
        late = visits.item_page(s, VisitFilter(overdue=True), today=today)
        assert sorted(r.number for r in late) == ["2026-00001", "2026-00002"]
        assert (
            visits.visit_stats(
                s, start=date(2026, 1, 1), end=date(2026, 12, 31), today=today
            ).overdue
            == 2
        )
        assert not visits.item_page(s, VisitFilter(overdue=True), today=date(2026, 3, 11))


def test_lists_filter_and_page_without_gaps(setup) -> None:
    db, a, b, p = setup
    with db.transaction() as s:
        for i in range(30):
            visit(
                s,
                a if i % 3 else b,
                date(2026, 1 + i % 6, 1 + i),
                ["意见"] if i % 2 else [],
                content=f"第{i}次 {'心理' if i % 5 == 0 else '就业'}",
                category="心理健康" if i % 5 == 0 else "就业创业",
                received_by_id=p if i % 3 else None,
            )
    with db.session() as s:
        everything = VisitFilter()
        assert visits.visit_count(s, everything) == 30
        seen, after = [], None
        while True:
            page = visits.visit_page(s, everything, after=after, limit=7)
            if not page:
                break
            seen += page
            after = (page[-1].visit_date, page[-1].id)
        assert len(seen) == 30 and len({r.id for r in seen}) == 30
        assert [r.visit_date for r in seen] == sorted((r.visit_date for r in seen), reverse=True)
        assert visits.visit_count(s, VisitFilter(station_id=b)) == 10
        assert visits.visit_count(s, VisitFilter(person_id=p)) == 20
        assert visits.visit_count(s, VisitFilter(category="心理健康")) == 6
        assert visits.visit_count(s, VisitFilter(text="心理")) == 6
        assert visits.visit_count(s, VisitFilter(status="已登记")) == 15
        assert visits.visit_count(
            s, VisitFilter(start=date(2026, 2, 1), end=date(2026, 2, 28))
        ) == sum(1 for r in seen if r.visit_date.month == 2)
        rows = visits.visit_page(s, VisitFilter(station_id=a), limit=100)
        assert all(r.station == "乔庄镇联络站" and r.receiver == "曾䶮" for r in rows)


def test_statistics_match_a_hand_counted_register(setup) -> None:
    db, a, b, _p = setup
    with db.transaction() as s:
        visit(s, a, date(2026, 1, 7), ["a1", "a2"], people_count=3)  # 3 people, 2 items
        visit(s, a, date(2026, 1, 14), ["a3"], category="心理健康")
        visit(s, a, date(2026, 2, 4), [], category="法律维权")
        visit(s, b, date(2026, 2, 11), ["b1"])
        visit(s, a, date(2025, 12, 31), ["old"])  # another year
        items = dict(s.execute(select(OpinionItem.content, OpinionItem.id)).all())
        for key in ("a1", "a2", "a3", "b1"):
            visits.assign(s, items[key], "县人社局", on=date(2026, 2, 20))
        for key in ("a1", "a2", "b1"):
            visits.handle(s, items[key], "已办", on=date(2026, 2, 25))
        visits.feed_back(s, items["a1"], "电话", "满意", on=date(2026, 2, 26))
        visits.feed_back(s, items["a2"], "上门", "不满意", on=date(2026, 2, 26))
        visits.feed_back(s, items["b1"], "微信", "基本满意", on=date(2026, 2, 26))
    with db.session() as s:
        st = visits.visit_stats(
            s, start=date(2026, 1, 1), end=date(2026, 12, 31), today=date(2026, 3, 31)
        )
        whole = st.as_json()
        only_a = visits.visit_stats(
            s, start=date(2026, 1, 1), end=date(2026, 12, 31), station_id=a, today=date(2026, 3, 31)
        )
    assert whole == {
        "visits": 4,
        "visitors": 6,
        "items": 4,
        "assigned": 4,
        "handled": 3,
        "fed_back": 3,
        "overdue": 1,  # a3: assigned 20 Feb, deadline 3 Mar, still open on 31 Mar
        "satisfaction_rate": round(2 / 3, 4),
        "by_category": {"就业创业": 3, "心理健康": 1},
        "by_month": {"1": 2, "2": 2, **{str(m): 0 for m in range(3, 13)}},
    }
    assert (only_a.visits, only_a.visitors, only_a.items, only_a.fed_back) == (3, 5, 3, 2)
    assert st.sentence().startswith(
        "接待团员青年 6 人次（来访登记 4 次），收集意见建议 4 条，交办 4 件，办结 3 件"
    )
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(OpinionStep)) == 4 + 3 + 3


def test_category_list_is_configurable(setup) -> None:
    db, a, _b, _p = setup
    with db.transaction() as s:
        names = visits.categories(s)
        assert names[0] == "就业创业" and "其他" in names
        visits.set_categories(s, ["乡村振兴", *names])
    with db.transaction() as s:
        visit(s, a, date(2026, 4, 1), ["建议"], category="乡村振兴")
        visits.set_categories(s, names)  # removed from the list, kept on old records
    with db.session() as s:
        assert "乡村振兴" not in visits.categories(s)
        assert s.scalar(select(Visit.category)) == "乡村振兴"


def test_search_ignores_letter_case_and_takes_wildcards_literally(setup) -> None:
    """The same finds on both engines: PostgreSQL's LIKE is case-sensitive and SQLite's is not,
    and a typed % or _ must not match everything."""
    db, a, _b, _p = setup
    with db.transaction() as s:
        visit(s, a, date(2026, 3, 2), ["WiFi 信号差"], content="网络")
        visit(s, a, date(2026, 3, 3), [], content="补贴发放 100% 到位", visitor_name="Li_Ming")
        visit(s, a, date(2026, 3, 4), [], content="补贴发放一半到位", visitor_name="LiXMing")
    with db.session() as s:

        def found(text: str) -> int:
            return visits.visit_count(s, VisitFilter(text=text))

        assert found("wifi") == found("WIFI") == found("WiFi") == 1
        assert found("li_ming") == 1  # not LiXMing: _ is an underscore
        assert found("100%") == 1 and found("%") == 1
        assert found("补贴") == 2
