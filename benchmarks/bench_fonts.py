"""markup() per call, for the cells of every dossier (goal < 5 µs for a 20-character text).

python -m benchmarks.bench_fonts
"""

from __future__ import annotations

import timeit

from twdesk.reports.fonts import markup

CASES = {
    "20 characters, all in WenKai": "曾䶮 乔庄镇联络站 2024年度 第1页共9页"[:20],
    "with & and <": "王㛃 & 李𠀾 <青年之家>",
    "an Ext B and an Ext A character": "张𪚥 刘㐀 乔庄镇联络站 2024",
}


def main() -> None:
    markup("𪚥㐀")  # fonts registered, fallbacks loaded: measure the steady state
    for label, text in CASES.items():
        runs = timeit.repeat(lambda text=text: markup(text), number=20_000, repeat=5)
        print(f"{label:34} {len(text):3} chars  {min(runs) / 20_000 * 1e6:6.2f} µs")


if __name__ == "__main__":
    main()
