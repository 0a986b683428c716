"""Pinyin search keys for Chinese names, with the surname readings offices expect."""

from __future__ import annotations

from functools import lru_cache

# Surnames read differently from the character's most common reading.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "尉迟": ("yu", "chi"),
    "万俟": ("mo", "qi"),
    "单于": ("chan", "yu"),
    "曾": ("zeng",),
    "单": ("shan",),
    "区": ("ou",),
    "仇": ("qiu",),
    "解": ("xie",),
    "朴": ("piao",),
    "查": ("zha",),
    "盖": ("ge",),
    "缪": ("miao",),
    "乐": ("yue",),
    "覃": ("qin",),
    "长孙": ("zhang", "sun"),
    "尉": ("yu",),
    "燕": ("yan",),
    "种": ("chong",),
    "重": ("chong",),
    "秘": ("bi",),
}


@lru_cache(maxsize=20000)
def _char_pinyin(ch: str) -> str:
    from pypinyin import Style, lazy_pinyin

    if ch.isascii():
        return ch.lower()
    return lazy_pinyin(ch, style=Style.NORMAL, errors=lambda c: [c])[0].lower()


def name_syllables(name: str) -> list[str]:
    name = "".join(name.split())
    for surname in sorted(SURNAME_READINGS, key=len, reverse=True):
        if name.startswith(surname):
            return [*SURNAME_READINGS[surname], *(_char_pinyin(c) for c in name[len(surname) :])]
    return [_char_pinyin(c) for c in name]


def name_keys(name: str) -> tuple[str, str]:
    """("zeng xiao ming", "zxm") for 曾小明; cut to the columns that store them (200, 50)."""
    syllables = name_syllables(name)
    return " ".join(syllables)[:200], "".join(s[:1] for s in syllables)[:50]
