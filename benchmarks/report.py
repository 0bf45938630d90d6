"""The tables of benchmarks/run.py: medians per size and command, and issue 12's targets."""

from __future__ import annotations

import os
import platform
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from run import Command


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = []
    for name in ("typer", "rich", "tomli"):
        try:
            from importlib.metadata import version

            versions.append(f"{name} {version(name)}")
        except Exception:
            pass
    import sqlite3

    return (
        f"{cpu}, {os.cpu_count()} CPUs; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; SQLite {sqlite3.sqlite_version}; "
        + ", ".join(versions)
    )


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b and b == b and a == a else "-"


def report(results: dict[str, dict[str, Command]], jq: str | None) -> list[str]:
    lines = [
        "| facts | command | median ms | peak MB | vs floor | vs jq |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for size, by_name in results.items():
        floor = by_name["floor"].median_ms
        table_floor = by_name["table floor"].median_ms
        tomli_only = by_name["tomli"].median_ms
        for name, command in by_name.items():
            if name.startswith("jq"):
                continue
            versus = {
                "get": floor,
                "search": floor,
                "json": floor,
                "table": table_floor,
                "cold get": tomli_only,
            }.get(name)
            jq_cmd = by_name.get(f"jq {name}") if jq else None
            jq_ms = jq_cmd.median_ms if jq_cmd else float("nan")
            lines.append(
                f"| {size} | {name} | {command.median_ms:.0f} | {command.peak_mb:.1f} | "
                f"{ratio(command.median_ms, versus) if versus else '-'} | "
                f"{ratio(command.median_ms, jq_ms) if jq_cmd else '-'} |"
            )
        if jq:
            for name in ("jq get", "jq search", "jq json"):
                command = by_name[name]
                lines.append(
                    f"| {size} | {name} | {command.median_ms:.0f} | {command.peak_mb:.1f} | - | - |"
                )
    return lines


def targets(results: dict[str, dict[str, Command]], jq: str | None) -> list[str]:
    """Each target of issues 5 and 12 with its measured value."""
    rows: list[tuple[str, float, float, str]] = []
    shipped = results.get("shipped")

    def ms(size: str, name: str) -> float:
        return results[size][name].median_ms

    if shipped:
        for name, limit in (("get", 1.15), ("search", 1.5)):
            ratio = ms("shipped", name) / ms("shipped", "typer floor")
            rows.append((f"shipped: {name} / one-command Typer app", ratio, limit, "<="))
        rows.append(
            ("shipped: get / floor", ms("shipped", "get") / ms("shipped", "floor"), 1.25, "<=")
        )
        rows.append(
            (
                "shipped: table / table floor",
                ms("shipped", "table") / ms("shipped", "table floor"),
                1.25,
                "<=",
            )
        )
    for size, limits in (("10000", (1.25, 1.5)), ("100000", (1.5, 3.0))):
        if shipped and size in results:
            for name, limit in zip(("get", "search"), limits, strict=True):
                ratio = ms(size, name) / ms("shipped", name)
                rows.append((f"{size}: {name} / shipped {name}", ratio, limit, "<="))
    if "100000" in results:
        big = results["100000"]
        if jq:
            for name in ("get", "search"):
                ratio = ms("100000", name) / ms("100000", f"jq {name}")
                rows.append((f"100000: {name} / jq {name}", ratio, 1.0, "<"))
        if shipped:
            for name in ("get", "search"):
                rows.append(
                    (
                        f"100000: {name} peak / shipped {name} peak",
                        big[name].peak_mb / shipped[name].peak_mb,
                        2.0,
                        "<=",
                    )
                )
        rows.append(
            (
                "100000: cold get / tomli parse",
                ms("100000", "cold get") / ms("100000", "tomli"),
                1.5,
                "<=",
            )
        )
    lines = ["| target | measured | limit | met |", "|---|---:|---:|---|"]
    for label, value, limit, how in rows:
        met = value <= limit if how == "<=" else value < limit
        lines.append(f"| {label} | {value:.2f} | {how} {limit} | {'yes' if met else 'NO'} |")
    return lines
