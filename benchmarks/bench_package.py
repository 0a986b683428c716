"""Packaging the county file (issue 13): a transfer package of the 10,000-delegate /
200,000-visit file, encrypted (goal ≤ 10 s), and checking it whole on the other side.

    python -m benchmarks.bench_package [PATH]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

Row = tuple[str, float, str, str]
PASSWORD = "bench-密码"


def bench_package(path: Path, runs: int = 2) -> list[Row]:
    from twdesk.services.packages import read_manifest, write_package

    size = path.stat().st_size
    writes, reads, info = [], [], None
    with tempfile.TemporaryDirectory(prefix="twdesk-bench-pkg-") as folder:
        for i in range(runs):
            out = Path(folder) / f"county-{i}.twpkg"
            started = time.perf_counter()
            info = write_package(path, out, PASSWORD)
            writes.append(time.perf_counter() - started)
            started = time.perf_counter()
            read_manifest(out, PASSWORD)
            reads.append(time.perf_counter() - started)
            out.unlink()
    assert info is not None
    note = (
        f"best of {runs}; {size / 2**20:.0f} MB → {info.size / 2**20:.0f} MB, AES-256-GCM, "
        f"{info.manifest.counts.get('visit', 0):,} visits"
    )
    return [
        ("package the county file (snapshot, zlib, encrypt)", min(writes), "≤ 10 s", note),
        ("check the package whole (decrypt, inflate, SHA-256)", min(reads), "-", f"best of {runs}"),
    ]


if __name__ == "__main__":
    default = Path(__file__).resolve().parent / "out" / "demo-10000-200000.sqlite"
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    for name, seconds, goal, note in bench_package(target):
        print(f"{name:<55} {seconds:>7.2f}  {goal:>7}  {note}")
