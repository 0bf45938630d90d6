"""Reading the cached base: SQLite against JSON and marshal snapshots of the same records
(``python benchmarks/run.py --snapshots``), each read in a fresh process."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

#: Where the children run (see run.py's CHILD_CWD).
CHILD_CWD = tempfile.gettempdir()

SNAPSHOT_CHILD = """\
import json, marshal, sys, time
from jiangjin_cli.store import database
from jiangjin_cli.model import Entity, Fact, FactBase, Section, Source
import datetime as dt
path, ident, kind, snap = sys.argv[1:5]
start = time.perf_counter()
if kind == "sqlite get":
    entry = database.open_database(path)
    answer = entry.subset(path, [ident], context=False).fact_by_id[ident].value
elif kind == "sqlite all":
    entry = database.open_database(path)
    answer = len(entry.base(path).facts)
else:
    with open(snap, "rb") as stream:
        data = stream.read()
    doc = json.loads(data) if kind == "json all" else marshal.loads(data)
    base = FactBase.build(
        path,
        tuple(Source(*s[:6], dt.date.fromisoformat(s[6]), *s[7:]) for s in doc[0]),
        tuple(Section(*s) for s in doc[1]),
        tuple(Entity(*e[:4], tuple(e[4]), e[5]) for e in doc[2]),
        tuple(Fact(*f[:10], tuple(f[10]), tuple(f[11]), f[12]) for f in doc[3]),
    )
    answer = base.fact_by_id[ident].value
print(f"{(time.perf_counter() - start) * 1000:.0f}")
"""


def snapshots(path: Path, last_id: str, env: dict[str, str]) -> list[str]:
    """In-process read times of the cached base: SQLite entry against JSON and marshal
    snapshots of the same records (plain lists: data only), each in a fresh process."""
    import marshal

    from jiangjin_cli import store

    base = store.load(path)  # and the SQLite entry, when the cache is on

    def rows(records: object, fields: Sequence[str]) -> list[list[object]]:
        out = []
        for record in records:  # type: ignore[attr-defined]
            row = []
            for name in fields:
                value = getattr(record, name)
                row.append(list(value) if isinstance(value, tuple) else value)
            out.append(row)
        return out

    doc = [
        [
            [*r[:6], r[6].isoformat(), *r[7:]]
            for r in rows(
                base.sources,
                [
                    "id",
                    "title",
                    "title_en",
                    "publisher",
                    "publisher_en",
                    "url",
                    "published",
                    "language",
                    "line",
                ],
            )
        ],
        rows(base.sections, ["id", "title", "title_en", "parent", "line"]),
        rows(base.entities, ["id", "name", "name_en", "kind", "aliases", "line"]),
        rows(
            base.facts,
            [
                "id",
                "section",
                "quote",
                "statement_en",
                "source",
                "value",
                "unit",
                "unit_en",
                "qualifier",
                "period",
                "entities",
                "tags",
                "line",
            ],
        ),
    ]
    json_path = path.with_suffix(".snapshot.json")
    json_path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    marshal_path = path.with_suffix(".snapshot.marshal")
    marshal_path.write_bytes(marshal.dumps(doc))
    from jiangjin_cli.store import database

    entry = database.database_path(path)
    lines = []
    for kind, snap in (
        ("sqlite get", entry),
        ("sqlite all", entry),
        ("json all", json_path),
        ("marshal all", marshal_path),
    ):
        times = []
        for _ in range(3):
            done = subprocess.run(
                [sys.executable, "-c", SNAPSHOT_CHILD, str(path), last_id, kind, str(snap)],
                env=env,
                cwd=CHILD_CWD,
                capture_output=True,
                text=True,
                check=True,
            )
            times.append(float(done.stdout))
        size = Path(str(snap)).stat().st_size / 1e6 if snap else float("nan")
        lines.append(
            f"| {len(base.facts)} | {kind} | {statistics.median(times):.0f} | {size:.1f} |"
        )
    return lines
