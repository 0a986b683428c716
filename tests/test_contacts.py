"""联系青年 on a real file: distinct counting and repeated contacts, shared young people, field
counts, the weekly grassroots rule across a quarter with holidays, the open-day rule, ballots
and the 10th-indicator suggestion, and the ledger / evaluation count method."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from twdesk.core.holidays import WorkCalendar
from twdesk.core.vocab import HolidayKind
from twdesk.core.youth_contacts import (
    BallotTally,
    CountMethod,
    Match,
    grassroots_weeks,
    match,
    open_day_quarters,
    quarter_bounds,
    satisfaction_suggestion,
    tally_ballots,
)
from twdesk.db.dbfile import Database
from twdesk.db.models import ContactLogEntry, YoungPerson
from twdesk.services import (
    contact_ballots,
    contacts,
    duty,
    evaluation,
    ledger,
    people,
    stations,
)
from twdesk.services.contact_counts import ContactSettings, ContactSettingsError
from twdesk.services.contacts import ContactError

TODAY = date(2026, 11, 20)


@pytest.fixture
def setup(any_office_db: Database) -> tuple[Database, str, str, str]:
    office_db = any_office_db  # once on a file, once on a PostgreSQL server
    with office_db.transaction() as s:
        sid = stations.save_station(s, {"name": "乔庄镇联络站", "kind": "乡镇街道联络站"}).id
        cadre = people.save_person(s, {"name": "李团干", "is_delegate": False, "is_cadre": True}).id
        a = people.save_person(s, {"name": "曾䶮", "is_delegate": True}, station_id=sid).id
        b = people.save_person(s, {"name": "王㛃", "is_delegate": True}, station_id=sid).id
    return office_db, cadre, a, b


def young(name: str, **more: object) -> dict[str, object]:
    return {
        "name": name,
        "gender": "女",
        "field": "农村青年",
        "organisation": "乔庄村",
        "first_contact_date": date(2026, 3, 2),
        "first_contact_way": "走访",
        **more,
    }


def add(s, contactor: str, name: str, **more: object) -> contacts.AddResult:
    result = contacts.add_to_book(s, contactor, young(name, **more), today=TODAY)
    assert not result.needs_confirmation, result
    return result


def test_a_person_contacted_eight_times_counts_once_and_is_flagged_repeated(setup) -> None:
    db, cadre, _a, _b = setup
    with db.transaction() as s:
        often = add(s, cadre, "张小芳", phone="13812345678")
        for i in range(7):  # 1 first contact + 7 = 8 contacts in 2026
            contacts.add_log(
                s,
                often.entry_id,
                {"contact_date": date(2026, 4, 1) + timedelta(days=i), "way": "电话"},
                today=TODAY,
            )
        add(s, cadre, "赵一", field="学生", organisation="乔庄中学")
        add(s, cadre, "钱二", field="企业青年", organisation="青川电商公司")
        add(s, cadre, "孙三", first_contact_date=date(2025, 6, 1))  # last year only
    with db.session() as s:
        (row,) = contacts.year_counts(s, 2026, contactor_id=cadre, today=TODAY)
        book = {r.name: r for r in contacts.book(s, cadre, year=2026)}
    assert row.distinct == 3  # 张小芳 once, 赵一, 钱二; 孙三 not in touch this year
    assert row.log_entries == 10  # 8 + 1 + 1
    assert row.repeated == 1 and row.repeated_people == (often.young_person_id,)
    assert row.new == 3
    assert row.fields == {"企业青年": 1, "农村青年": 1, "学生": 1}
    assert not row.target_met and row.target == 100
    assert book["张小芳"].contacts == 8 and book["张小芳"].repeated
    assert not book["赵一"].repeated
    assert book["张小芳"].phone_masked == "138****5678"  # masked in the book list


def test_repeat_limit_and_target_are_settings(setup) -> None:
    db, cadre, _a, _b = setup
    with db.transaction() as s:
        r = add(s, cadre, "张小芳")
        for i in range(3):
            contacts.add_log(
                s, r.entry_id, {"contact_date": date(2026, 5, 1 + i), "way": "微信"}, today=TODAY
            )
        contacts.set_settings(s, ContactSettings(target=1, repeat_limit=3))
    with db.session() as s:
        (row,) = contacts.year_counts(s, 2026, contactor_id=cadre, today=TODAY)
    assert row.repeated == 1 and row.target_met  # 4 contacts > 3; 1 ≥ 1
    with db.transaction() as s, pytest.raises(ContactSettingsError, match="联系青年目标"):
        contacts.set_settings(s, ContactSettings(target=0))


def test_the_same_young_person_in_two_books_is_one_person_listed_as_shared(setup) -> None:
    db, cadre, a, b = setup
    with db.transaction() as s:
        first = add(s, cadre, "张小芳", phone="138 1234 5678")
        # same phone and name: reused without asking
        again = contacts.add_to_book(s, a, young("张小芳", phone="13812345678"), today=TODAY)
        assert again.reused and again.young_person_id == first.young_person_id
        # no phone, same name and organisation: reused
        third = contacts.add_to_book(s, b, young("张小芳"), today=TODAY)
        assert third.young_person_id == first.young_person_id
        # same name, no organisation: unsure → asked, nothing written
        unsure = contacts.add_to_book(s, b, young("张小芳", organisation=""), today=TODAY)
        assert unsure.needs_confirmation and unsure.entry_id is None
        assert unsure.candidates[0].phone_masked == "138****5678"
        assert set(unsure.candidates[0].books) == {"李团干", "曾䶮", "王㛃"}
        # already in b's book: refused rather than counted twice within one book
        with pytest.raises(ContactError, match="已在这位联系人的名册中"):
            contacts.add_to_book(
                s, b, young("张小芳"), young_person_id=first.young_person_id, today=TODAY
            )
        # the user says it is someone else
        other = contacts.add_to_book(
            s, b, young("张小芳", organisation=""), as_new=True, today=TODAY
        )
        assert other.young_person_id != first.young_person_id
        assert s.scalar(select(func.count()).select_from(YoungPerson)) == 2
    with db.session() as s:
        shared = contacts.shared_people(s)
        book = {r.young_person_id: r for r in contacts.book(s, cadre, year=2026)}
        counts = {r.name: r for r in contacts.year_counts(s, 2026, today=TODAY)}
    assert [(p.name, set(p.contactors)) for p in shared] == [("张小芳", {"李团干", "曾䶮", "王㛃"})]
    assert set(book[first.young_person_id].shared_with) == {"曾䶮", "王㛃"}
    assert counts["王㛃"].distinct == 2  # two different 张小芳
    assert counts["李团干"].distinct == 1 and counts["曾䶮"].distinct == 1


def test_match_rule() -> None:
    assert match("张三", "甲村", "13800000000", "张三", "", "13800000000") == Match.SAME
    assert match("张三", "甲村", "13800000000", "张珊", "甲村", "13800000000") == Match.UNSURE
    assert match("张三", "甲村", "13800000000", "张三", "乙村", "13900000000") is None
    assert match("张三", "甲村", "", "张三", "甲村", "") == Match.SAME
    assert match("张三", "", "", "张三", "甲村", "") == Match.UNSURE
    assert match("张三", "甲村", "", "李四", "甲村", "") is None


def test_removing_from_one_book_keeps_the_shared_person(setup) -> None:
    db, cadre, a, _b = setup
    with db.transaction() as s:
        first = add(s, cadre, "张小芳", phone="13812345678")
        second = contacts.add_to_book(s, a, young("张小芳", phone="13812345678"), today=TODAY)
        contacts.remove_from_book(s, second.entry_id, by="测试")
        assert s.get(YoungPerson, first.young_person_id).deleted_at is None
        contacts.remove_from_book(s, first.entry_id, by="测试")
        assert s.get(YoungPerson, first.young_person_id).deleted_at is not None
        live = s.scalar(
            select(func.count())
            .select_from(ContactLogEntry)
            .where(ContactLogEntry.deleted_at.is_(None))
        )
    assert live == 0


def test_checks_name_every_field_at_fault(setup) -> None:
    db, cadre, _a, _b = setup
    with db.transaction() as s, pytest.raises(ContactError) as caught:
        contacts.add_to_book(
            s,
            cadre,
            young(
                "",
                field="外星青年",
                phone="1381234",
                birth_year="九九",
                first_contact_way="飞鸽",
            ),
            today=TODAY,
        )
    assert set(caught.value.problems) >= {"name", "field", "phone", "birth_year"}
    with db.transaction() as s, pytest.raises(ContactError) as caught:
        contacts.add_to_book(s, cadre, young("张三", first_contact_way="飞鸽"), today=TODAY)
    assert "first_contact_way" in caught.value.problems


def test_fields_are_an_editable_list(setup) -> None:
    db, cadre, _a, _b = setup
    with db.transaction() as s:
        assert "新兴领域青年" in contacts.youth_fields(s)
        contacts.set_youth_fields(s, ["农村青年", "快递小哥"])
        add(s, cadre, "张三", field="快递小哥")
    with db.session() as s:
        assert contacts.youth_fields(s) == ["农村青年", "快递小哥"]
    with db.transaction() as s, pytest.raises(ContactError, match="领域"):
        add(s, cadre, "李四", field="学生")  # dropped from the list


# --- the weekly grassroots rule ----------------------------------------------------------


def test_weekly_grassroots_rule_across_a_quarter_with_holidays() -> None:
    # Q4 2026: 1 Oct (Thu) – 31 Dec (Thu). The National Day week 28 Sep – 4 Oct has 1–7 Oct off
    # (and 8 Oct too in this calendar) with the make-up workday on Sat 10 Oct.
    start, end = quarter_bounds(2026, 4)
    off = [(date(2026, 10, d), str(HolidayKind.HOLIDAY)) for d in range(1, 9)]
    calendar = WorkCalendar([*off, (date(2026, 10, 10), str(HolidayKind.WORKDAY))])
    # week of 28 Sep: inside the quarter only 1–4 Oct, all days off → not due
    # week of 5 Oct: 9 Oct (Fri) and 10 Oct (make-up Saturday) are working days → due
    mondays = [date(2026, 10, 5) + timedelta(weeks=w) for w in range(13)]  # 5 Oct … 28 Dec
    visited = [m + timedelta(days=2) for m in mondays[:10]]  # Wednesdays of 10 weeks
    rule = grassroots_weeks(visited, start, end, calendar)
    assert (rule.met, rule.due) == (10, 13) and not rule.ok and rule.text() == "10/13"
    # a day in the holiday-only week does not create a due week
    rule = grassroots_weeks([date(2026, 10, 2), *visited], start, end, calendar)
    assert (rule.met, rule.due) == (10, 13)
    # without the holidays that week would be due (1–2 Oct are Thu, Fri)
    assert grassroots_weeks([], start, end, WorkCalendar([])).due == 14
    # up to today only
    rule = grassroots_weeks(visited, start, end, calendar, today=date(2026, 10, 20))
    assert (rule.met, rule.due) == (2, 3) and not rule.ok  # 21 Oct is still to come


def test_grassroots_days_on_the_file(setup) -> None:
    db, cadre, _a, _b = setup
    with db.transaction() as s:
        duty.ensure_holidays(s, 2026)
        for monday in (date(2026, 10, 12), date(2026, 10, 19)):
            contacts.add_grassroots_day(s, cadre, monday, "乔庄村", "走访留守青年", today=TODAY)
        with pytest.raises(ContactError, match="地点"):
            contacts.add_grassroots_day(s, cadre, date(2026, 10, 20), "", today=TODAY)
    with db.session() as s:
        start, end = quarter_bounds(2026, 4)
        (row,) = contacts.year_counts(
            s, 2026, contactor_id=cadre, start=start, end=end, today=date(2026, 10, 25)
        )
        assert [d.place for d in contacts.grassroots_days(s, cadre, 2026)] == ["乔庄村"] * 2
    assert row.grassroots is not None and row.grassroots.text() == "2/3"


# --- open days ---------------------------------------------------------------------------


def test_open_day_rule_per_quarter(setup) -> None:
    assert open_day_quarters(
        [(date(2026, 2, 1), 50), (date(2026, 5, 1), 49), (date(2026, 6, 1), 30)], 2026
    ) == {1: True, 2: False, 3: False, 4: False}
    db, cadre, _a, _b = setup
    with db.transaction() as s:
        contacts.save_open_day(
            s,
            {"day": date(2026, 3, 5), "theme": "青年议事", "youth_count": "60", "fields": ["学生"]},
            host_id=cadre,
            today=TODAY,
        )
        contacts.save_open_day(
            s, {"day": date(2026, 8, 5), "theme": "就业", "youth_count": 12}, today=TODAY
        )
        with pytest.raises(ContactError) as caught:
            contacts.save_open_day(s, {"day": "", "theme": "", "youth_count": "很多"}, today=TODAY)
        assert set(caught.value.problems) == {"day", "theme", "youth_count"}
    with db.session() as s:
        assert contacts.open_day_rule(s, 2026) == {1: True, 2: False, 3: False, 4: False}
        (row,) = contacts.year_counts(s, 2026, contactor_id=cadre, today=TODAY)
    assert row.open_days == 1


# --- ballots and the 10th indicator ----------------------------------------------------------


def test_ballot_tally_and_suggestion() -> None:
    t = tally_ballots(["满意"] * 7 + ["基本满意"] * 2 + ["不满意"] + ["乱写"])
    assert (t.satisfied, t.basic, t.dissatisfied, t.total) == (7, 2, 1, 10)
    assert t.rate == Decimal("0.9") and t.rate_text() == "90.0%"
    assert satisfaction_suggestion(t.positive, t.total) == Decimal("9.0")
    # 5 of 6: 10 × 0.8333… = 8.333 → 8.3; 11 of 12: 9.1666… → 9.2; 0.85 → 8.5 (half up)
    assert satisfaction_suggestion(5, 6) == Decimal("8.3")
    assert satisfaction_suggestion(11, 12) == Decimal("9.2")
    assert satisfaction_suggestion(17, 20) == Decimal("8.5")
    assert satisfaction_suggestion(0, 0) is None
    assert BallotTally().rate is None


def test_ballots_suggest_the_tenth_indicator_only_when_a_round_covers_the_delegate(
    setup,
) -> None:
    db, cadre, a, b = setup
    with db.transaction() as s:
        rid = contact_ballots.save_round(s, "2026年联系青年满意度测评", date(2026, 6, 30))
        contact_ballots.add_ballots(s, rid, a, satisfied=15, basic=2, dissatisfied=3)
        contact_ballots.add_ballots(s, rid, cadre, satisfied=9, basic=0, dissatisfied=1)
        only = contact_ballots.save_round(s, "团干部测评", date(2026, 7, 1), covers_delegates=False)
        contact_ballots.add_ballots(s, only, b, satisfied=1)
    with db.session() as s:
        tally = contact_ballots.round_tally(s, rid)
        counts = {r.name: r for r in contacts.year_counts(s, 2026, today=TODAY)}
    assert [(p.name, p.tally.total) for p in tally.people] == [("李团干", 10), ("曾䶮", 20)]
    assert tally.overall.total == 30 and tally.overall.positive == 26
    assert counts["曾䶮"].satisfaction == Decimal("0.85")
    with db.transaction() as s:
        evaluation.open_year(s, 2026, today=TODAY)
    with db.session() as s:
        sug = {
            name: evaluation.delegate_result(s, 2026, pid)
            for name, pid in (("曾䶮", a), ("王㛃", b))
        }
    tenth_a, tenth_b = sug["曾䶮"].indicators[9], sug["王㛃"].indicators[9]
    assert tenth_a.suggested == Decimal("8.5")  # 10 × 17/20
    assert tenth_b.suggested is None  # the only round about 王㛃 does not cover delegates


# --- the ledger and the evaluation count by the chosen method ----------------------------------


def test_count_method_changes_the_ledger_and_the_fourth_indicator(setup) -> None:
    db, _cadre, a, _b = setup
    with db.transaction() as s:
        ledger.save_activity(
            s,
            {
                "activity_date": date(2026, 3, 1),
                "activity_type": "联系青年",
                "title": "座谈",
                "youth_count": 80,
            },
            [a],
        )
        for i in range(3):
            add(s, a, f"青年{i}", organisation=f"{i}号村")
    with db.session() as s:
        assert {r.name: r.youth_contacts for r in ledger.ledger(s, 2026, today=TODAY)}[
            "曾䶮"
        ] == 80  # default: 人次 from activities
    with db.transaction() as s:
        contacts.set_settings(s, ContactSettings(count_method=str(CountMethod.BOOK)))
    with db.session() as s:
        assert {r.name: r.youth_contacts for r in ledger.ledger(s, 2026, today=TODAY)}[
            "曾䶮"
        ] == 3  # distinct people from the book
        assert ledger.year_counts(s, 2026).youth[a] == 3
    with db.transaction() as s:
        evaluation.open_year(s, 2026, today=TODAY)
    with db.session() as s:
        fourth = evaluation.delegate_result(s, 2026, a).indicators[3]
    assert fourth.suggested == Decimal("0.5")  # 15 × 3 / 100 = 0.45 → 0.5
    assert "联系青年人数 3" in fourth.basis and "人次" not in fourth.basis


def test_removed_contacts_are_in_the_recycle_bin_and_come_back(setup) -> None:
    from twdesk.services import recycle_bin

    db, cadre, _a, _b = setup
    with db.transaction() as s:
        entry = add(s, cadre, "张小芳", phone="13812345678")
        contacts.add_log(
            s, entry.entry_id, {"contact_date": date(2026, 4, 1), "way": "电话"}, today=TODAY
        )
        day = contacts.add_grassroots_day(s, cadre, date(2026, 4, 8), "乔庄村", "走访", today=TODAY)
        contacts.remove_from_book(s, entry.entry_id, by="测试")
        contacts.delete_grassroots_day(s, day, by="测试")
    with db.session() as s:
        shown = {(e.label, e.title): e for e in recycle_bin.list_bin(s)}
    book = shown[("联系青年名册", "张小芳")]
    assert book.with_count == 2  # the first contact and the April call went with it
    assert ("下基层记录", "2026-04-08 乔庄村") in shown
    with db.transaction() as s:
        recycle_bin.restore_record(s, "contact_book_entry", book.row_id)
        recycle_bin.restore_record(s, "grassroots_day", day)
    with db.session() as s:
        assert s.get(YoungPerson, entry.young_person_id).deleted_at is None
        (row,) = contacts.year_counts(s, 2026, contactor_id=cadre, today=TODAY)
        assert recycle_bin.list_bin(s) == []
    assert row.distinct == 1 and row.log_entries == 2
