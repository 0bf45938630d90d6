"""Tables and cards at a terminal of a given width (issue 11), through the real CLI.

Every column of every table stays readable from 60 columns up, in Chinese and
English; values are shown whole (Chinese as the quote writes them); URLs are never
broken by us and are hyperlinks only on a colour terminal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner, Result

from jiangjin_cli import store
from jiangjin_cli.cli import app
from jiangjin_cli.render import human
from jiangjin_cli.render.layout import CLOSING

WIDTHS = [60, 67, 80, 100, 120, 160]
LANGS = ["zh", "en"]
TABLES: dict[str, tuple[list[str], tuple[str, ...]]] = {
    "facts": (["facts"], ("id", "value", None, "section")),  # type: ignore[dict-item]
    "entities": (["entities"], ("id", "name", "name_en", "kind", "facts")),
    "sources": (["sources"], ("id", "title", "publisher", "published", "language", "facts")),
    "search": (["search", "双师型"], ("kind", "id", "text", "score")),
    "tags": (["tags"], ("tag", "facts")),
}


def table(args: list[str], width: int, env: Mapping[str, str | None] | None = None) -> Result:
    runner = CliRunner(
        env={"JIANGJIN_FACTS": None, "JIANGJIN_LANG": None, "COLUMNS": str(width), **(env or {})}
    )
    result = runner.invoke(app, [*args, "--format", "table"])
    assert result.exit_code == 0, result.output
    return result


def header_keys(keys: tuple[str | None, ...], lang: str) -> list[str]:
    text_key = "quote" if lang == "zh" else "statement"
    return [human._label(key or text_key, lang) for key in keys]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(TABLES))
def test_no_column_is_dropped_or_cut(name: str, lang: str, width: int) -> None:
    args, keys = TABLES[name]
    lines = table([*args, "--lang", lang], width).stdout.splitlines()
    assert all(cell_len(line) <= width for line in lines if "://" not in line)
    header = lines[0]
    assert re.split(r"\s{2,}", header.strip()) == header_keys(keys, lang), header


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_entity_counts_are_all_shown(lang: str, width: int) -> None:
    records = json.loads(CliRunner().invoke(app, ["entities", "-f", "json"]).stdout)
    lines = table(["entities", "--lang", lang], width).stdout.splitlines()[2:-1]
    shown = [int(line.split()[-1]) for line in lines if line.split() and line.split()[-1].isdigit()]
    assert sorted(shown) == sorted(record["facts"] for record in records)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_values_are_whole_and_no_line_starts_with_a_closing_mark(lang: str, width: int) -> None:
    base = store.load(store.default_path())
    lines = table(["facts", "--lang", lang], width).stdout.splitlines()
    for fact in base.facts:
        # A value may wrap at its spaces (≥ 25,000 / person-times), never inside a word.
        for word in human.shown_value(fact, lang).split():
            assert any(word in line for line in lines), word
    for line in lines[2:]:
        # Every cell of a continuation line: no closing mark opens it.
        for cell in re.split(r" {3,}", line.strip()):
            assert cell[:1] not in CLOSING or cell[:1] in ".%", (cell, line)


def test_chinese_values_are_written_as_the_quote_writes_them() -> None:
    lines = table(["facts", "--section", "1.3"], 80).stdout
    assert "3000万元以上" in lines and "2.5万人次以上" in lines and "450余家" in lines
    assert "2,729名" in table(["facts", "--section", "2.2"], 80).stdout
    card = table(["show", "productive-training-person-times"], 80).stdout
    assert "2.5万人次以上" in card
    english = table(["facts", "--section", "1.3", "--lang", "en"], 120).stdout
    assert "≥ 30,000,000 yuan" in english


# --- URLs ---------------------------------------------------------------------------------------


def url() -> str:
    return store.load(store.default_path()).sources[0].url


@pytest.mark.parametrize("lang", LANGS)
def test_sources_at_120_keep_the_id_and_the_url_whole(lang: str) -> None:
    out = table(["sources", "--lang", lang], 120).stdout
    source = store.load(store.default_path()).sources[0]
    assert any(url() in line for line in out.splitlines())
    assert any(source.id in line for line in out.splitlines())


@pytest.mark.parametrize("width", [120, 80, 60])
def test_the_card_never_breaks_the_url(width: int) -> None:
    out = table(["show", "dual-qualified-teachers", "--lang", "en"], width).stdout
    lines = [line for line in out.splitlines() if "http" in line]
    assert len(lines) == 1 and url() in lines[0]
    inside = lines[0].startswith("│")
    assert inside == (width >= 120)


def test_hyperlinks_only_on_a_colour_terminal() -> None:
    colour = {"FORCE_COLOR": "1", "NO_COLOR": None, "TERM": "xterm-256color"}
    linked = table(["sources"], 120, colour).stdout
    assert "\x1b]8;id=" in linked and f";{url()}\x1b\\" in linked
    assert "\x1b]8;" not in table(["sources"], 120, {**colour, "NO_COLOR": "1"}).stdout
    assert "\x1b]8;" not in table(["sources"], 120, {"FORCE_COLOR": None, "TERM": "dumb"}).stdout
    assert "\x1b]8;" not in table(["show", "dual-qualified-teachers"], 120).stdout


@pytest.mark.parametrize("width", [40, 60, 80])
@pytest.mark.parametrize("lang", LANGS)
def test_the_outline_and_table_titles_wrap_like_the_cells(lang: str, width: int) -> None:
    for args in (["sections"], ["sections", "4.1"]):
        lines = table([*args, "--lang", lang], width).stdout.splitlines()
        assert all(cell_len(line) <= width for line in lines)
        for line in lines:
            text = line.lstrip("│├└─ ")
            assert text[:1] not in CLOSING or text[:1] in ".%", line
