"""How long `tracker check` spends on the largest files it accepts, and how fast
it refuses a larger one: parsing must stay linear in the file's size.

    .venv/bin/python bench/file_limits.py

Writes the files to a temporary folder and times `tracker check` (the parse
that `sync` and `serve` also run) in a fresh process for each, best of three.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = """\
---
id: {id}
title: Berkas uji ukuran
signed: 2026-01-28
parties:
  bali: Pemerintah Provinsi Bali
  ntt: Pemerintah Provinsi Nusa Tenggara Timur
---

## Pembinaan

"""
PARAGRAPH = "Teks panjang tentang pelaksanaan kerja sama kedua provinsi. " * 8 + "\n\n"
ACTION = "- [ ] **PM-{n:05d}** Langkah {n}\n  - owner: ntt\n  - with: bali\n  - due: 2026-12-31\n"


def text_of(megabytes: float, slug: str) -> str:
    count = int(megabytes * 1024 * 1024 / len(PARAGRAPH))
    return HEADER.format(id=slug) + PARAGRAPH * count


def actions_file(count: int) -> str:
    return HEADER.format(id="aksi") + "".join(ACTION.format(n=n) for n in range(1, count + 1))


def timed_check(path: Path) -> tuple[float, int]:
    best = float("inf")
    code = 0
    for _ in range(3):
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "tracker", "check", str(path)], capture_output=True
        )
        best = min(best, time.perf_counter() - start)
        code = result.returncode
    return best, code


def main() -> None:
    cases = {
        "1 MB of description": text_of(1, "satu"),
        "1.9 MB of description": text_of(1.9, "dua"),
        "5,000 actions": actions_file(5_000),
        "50 MB (refused)": text_of(50, "lima-puluh"),
    }
    with tempfile.TemporaryDirectory() as folder:
        print("| file | size | `tracker check` | exit |")
        print("|---|---|---|---|")
        for name, text in cases.items():
            path = Path(folder) / "berkas.md"
            path.write_text(text, encoding="utf-8")
            seconds, code = timed_check(path)
            size = path.stat().st_size / 1024 / 1024
            print(f"| {name} | {size:.1f} MB | {seconds:.2f} s | {code} |")


if __name__ == "__main__":
    main()
