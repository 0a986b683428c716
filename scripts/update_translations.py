#!/usr/bin/env python3
"""Refresh the English translation: extract, fill, check, compile.

python scripts/update_translations.py           refresh resources/translations/twdesk_en.ts
                                                 from the code and write twdesk_en.qm
python scripts/update_translations.py --check   change nothing; exit 1 and list what is wrong:
                                                 strings missing from the .ts or unfinished in it,
                                                 placeholders that differ, a stale .qm, Chinese
                                                 literals in twdesk/ui not wrapped in tr()

1. pyside6-lupdate reads twdesk/ui/**/*.py and forms/*.ui into twdesk_en.ts (strings no longer
   in the code are dropped; finished translations of the others are kept).
2. Every message whose source text is in twdesk_en.tsv (source TAB English, one a line, `\\n`
   for a line break) gets that English text: the .tsv is the maintained dictionary and wins.
   Others keep what the .ts already had (e.g. typed in Qt Linguist) or stay unfinished.
3. pyside6-lrelease compiles the .ts into twdesk_en.qm, which the app loads (language = en).
See resources/translations/README.md.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "twdesk" / "ui"
FORMS = ROOT / "forms"
FOLDER = ROOT / "resources" / "translations"
TS = FOLDER / "twdesk_en.ts"
QM = FOLDER / "twdesk_en.qm"
TSV = FOLDER / "twdesk_en.tsv"

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
# calls whose string arguments are translated (or deliberately kept Chinese: notr)
TRANSLATING_CALLS = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP", "notr"}
# Chinese literals in twdesk/ui that are data, not interface text: values stored in the
# database or matched against it (shown translated through a tr() at display time where they
# are shown), and default file names of saved documents (the documents themselves are Chinese).
# Keep it short; wrap text in tr() (or notr() when it must stay Chinese) instead.
DATA_VALUES = {
    # roles, levels, statuses, genders as stored in the database (filters and combos offer them)
    *("团代表", "委员", "往届团代表", "团干部", "市", "县", "乡镇"),
    *("在任", "免职", "辞职", "届满", "男", "女", "不合格", "替"),
    *("中共党员", "中共预备党员", "共青团员", "群众", "民主党派"),
    *("研究生", "大学本科", "大学专科", "高中/中专", "初中及以下"),
    *("休", "班"),  # a holiday-calendar day's kind
    *("自评", "组织评价", "复核", "未评", "往年结果"),  # evaluation stages
    *("优秀", "称职", "基本称职", "不称职"),  # evaluation grades
    "联系青年页",  # who deleted, written to the operation log
}
# a literal made only of these is punctuation, not text
PUNCTUATION = re.compile(r"^[\s\u3000-\u303f\uff00-\uffef、，。；：「」（）“”‘’—…·]*$")


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install pyside6-essentials")
    return found


def sources() -> list[Path]:
    py = [p for p in sorted(UI.rglob("*.py")) if "forms" not in p.relative_to(UI).parts]
    return py + sorted(FORMS.glob("*.ui"))


# --- the dictionary -------------------------------------------------------------------------


def _unescape(text: str) -> str:
    return text.replace("\\n", "\n").replace("\\t", "\t")


def _escape(text: str) -> str:
    return text.replace("\t", "\\t").replace("\n", "\\n")


def read_dictionary(path: Path = TSV) -> dict[str, str]:
    found: dict[str, str] = {}
    if not path.exists():
        return found
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if "\t" not in line:
            raise SystemExit(f"{path.name}:{number}: no TAB between the source and the English")
        source, english = line.split("\t", 1)
        found[_unescape(source)] = _unescape(english)
    return found


def dictionary_line(source: str, english: str) -> str:
    return f"{_escape(source)}\t{_escape(english)}"


# --- placeholders ---------------------------------------------------------------------------

_FORMAT = re.compile(r"\{\d*(?:![rsa])?(?::[^{}]*)?\}|%L?\d+|%n")
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
_ACCEL = re.compile(r"&(?![a-zA-Z]+;|#\d+;)[^\s&]")


def placeholder_problem(source: str, english: str) -> str:
    """'' when the English keeps the source's {0}/%1/%n, HTML tags and & accelerator."""
    if Counter(_FORMAT.findall(source)) != Counter(_FORMAT.findall(english)):
        expected, found = sorted(_FORMAT.findall(source)), sorted(_FORMAT.findall(english))
        return f"placeholders {expected} ≠ {found}"
    tags_source = Counter(t.lower() for t in _TAG.findall(source))
    tags_english = Counter(t.lower() for t in _TAG.findall(english))
    if tags_source != tags_english:
        return f"HTML tags {sorted(tags_source.elements())} ≠ {sorted(tags_english.elements())}"
    if bool(_ACCEL.search(source)) != bool(_ACCEL.search(english)):
        return "& accelerator missing" if _ACCEL.search(source) else "extra & accelerator"
    for run in re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff]+", english):
        if run not in source:  # quoting the source's own words (a sheet's column) is fine
            return f"English text contains Chinese characters: {run}"
    return ""


# --- the .ts file ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    english: str
    finished: bool


def read_ts(path: Path) -> list[Message]:
    out = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            text = (translation.text or "") if translation is not None else ""
            out.append(Message(name, message.findtext("source") or "", text, kind != "unfinished"))
    return out


def run_lupdate(ts: Path) -> None:
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *map(str, sources()),
            *("-no-obsolete", "-locations", "none"),
            *("-source-language", "zh_CN", "-target-language", "en", "-ts", str(ts)),
        ],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )


def fill(ts: Path, dictionary: dict[str, str]) -> list[str]:
    """Put the dictionary's English into `ts`; returns the problems of dictionary entries that
    were refused (their messages stay as they were)."""
    tree = ET.parse(ts)
    problems = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or source not in dictionary:
            continue
        english = dictionary[source]
        problem = placeholder_problem(source, english)
        if problem:
            problems.append(f"{source!r}: {problem}")
            continue
        translation.text = english
        translation.attrib.pop("type", None)
    _write_ts(tree, ts)
    return problems


def _write_ts(tree: ET.ElementTree, path: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def run_lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
        check=True,
        capture_output=True,
    )


def refreshed(work: Path) -> tuple[Path, Path, list[str]]:
    """A refreshed copy of the .ts and its .qm in `work` (the real files untouched)."""
    ts, qm = work / TS.name, work / QM.name
    if TS.exists():
        shutil.copyfile(TS, ts)
    run_lupdate(ts)
    problems = fill(ts, read_dictionary())
    run_lrelease(ts, qm)
    return ts, qm, problems


def unfinished(messages: list[Message]) -> list[Message]:
    return [m for m in messages if not m.finished or not m.english]


def mismatched(messages: list[Message]) -> list[str]:
    out = []
    for m in messages:
        problem = m.finished and placeholder_problem(m.source, m.english)
        if problem:
            out.append(f"[{m.context}] {m.source!r} → {m.english!r}: {problem}")
    return out


# --- Chinese literals not wrapped in tr() ------------------------------------------------------


def _call_name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def unwrapped_literals(root: Path = UI) -> list[str]:
    """`path:line: literal` for every Chinese string literal in twdesk/ui outside a translating
    call (tr, translate, QT_TRANSLATE_NOOP, notr), docstrings and the allow-list excepted."""
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if relative.startswith("forms/"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            if id(node) in docstrings or not CJK.search(node.value):
                continue
            if PUNCTUATION.match(node.value) or node.value in DATA_VALUES:
                continue
            up, wrapped = node, False
            while up in parents and not wrapped:
                up = parents[up]
                wrapped = isinstance(up, ast.Call) and _call_name(up.func) in TRANSLATING_CALLS
            if not wrapped:
                found.append(f"twdesk/ui/{relative}:{node.lineno}: {node.value!r}")
    return found


# --- main -----------------------------------------------------------------------------------


def check() -> list[str]:
    """Everything wrong, one line each ([] when the committed files are complete and current)."""
    errors: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        ts, _qm, problems = refreshed(Path(tmp))
        errors += [f"dictionary entry refused: {p}" for p in problems]
        fresh = read_ts(ts)
        committed = {(m.context, m.source): m for m in read_ts(TS)} if TS.exists() else {}
        for m in fresh:
            if (m.context, m.source) not in committed:
                errors.append(f"missing from twdesk_en.ts: [{m.context}] {m.source!r}")
        for m in unfinished(list(committed.values())):
            errors.append(f"unfinished in twdesk_en.ts: [{m.context}] {m.source!r}")
        errors += mismatched(list(committed.values()))
        if TS.exists() and ts.read_bytes() != TS.read_bytes() and not errors:
            errors.append("twdesk_en.ts is out of date (run scripts/update_translations.py)")
        if not QM.exists() or (TS.exists() and _compiled(TS, Path(tmp)) != QM.read_bytes()):
            errors.append("twdesk_en.qm is missing or older than twdesk_en.ts")
    errors += [f"not wrapped in tr(): {line}" for line in unwrapped_literals()]
    return errors


def _compiled(ts: Path, work: Path) -> bytes:
    target = work / "committed.qm"
    run_lrelease(ts, target)
    return target.read_bytes()


def update() -> int:
    FOLDER.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        ts, qm, problems = refreshed(Path(tmp))
        shutil.copyfile(ts, TS)
        shutil.copyfile(qm, QM)
    messages = read_ts(TS)
    left = unfinished(messages)
    print(f"{TS.relative_to(ROOT)}: {len(messages)} strings, {len(left)} unfinished")
    for problem in problems:
        print("dictionary entry refused:", problem)
    for m in left:
        print(f"  unfinished: [{m.context}] {m.source!r}")
    print(f"{QM.relative_to(ROOT)} written")
    return 0


def main(argv: list[str]) -> int:
    if "--check" in argv:
        errors = check()
        for line in errors:
            print(line)
        if errors:
            print(f"{len(errors)} problem(s); see resources/translations/README.md")
            return 1
        print("translations complete")
        return 0
    return update()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
