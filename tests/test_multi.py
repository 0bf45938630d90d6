"""A base of several articles: files read as one, records of a source, --source.

The second article is the shipped base copied under a new source id, with new fact
and entity ids and the same section ids, as a user adding a report would write it.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import tomli
from typer.testing import Result

from jiangjin_cli import store
from jiangjin_cli.errors import Exit

Invoke = Callable[..., Result]

SHIPPED = store.default_path()
FIRST = tomli.loads(SHIPPED.read_text(encoding="utf-8"))["sources"][0]["id"]
SECOND = "yc-report"
PREFIX = "yc-"


def second_article(text: str, prefix: str = PREFIX, source: str = SECOND) -> str:
    """``text`` (a base of one source) as another article: its source renamed, every
    fact and entity id prefixed, the section ids kept, the source's title changed."""
    doc = tomli.loads(text)
    old = doc["sources"][0]["id"]
    ids = {record["id"] for kind in ("facts", "entities") for record in doc[kind]}

    def rename(match: re.Match[str]) -> str:
        word = match.group(1)
        if word == old:
            return f'"{source}"'
        return f'"{prefix}{word}"' if word in ids else match.group(0)

    renamed = re.sub(r'"([a-z0-9-]+)"', rename, text)
    title = doc["sources"][0]["title"]
    # The first occurrence is the source's own title (sections follow it).
    return renamed.replace(f'title = "{title}"', 'title = "永川区职业教育报告"', 1)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """Two articles, one a file, in a directory of their own (a.toml, b.toml)."""
    folder = tmp_path / "base"
    folder.mkdir()
    shipped = SHIPPED.read_text(encoding="utf-8")
    first, second = folder / "a.toml", folder / "b.toml"
    first.write_text(shipped, encoding="utf-8")
    second.write_text(second_article(shipped), encoding="utf-8")
    return first, second


def both(pair: tuple[Path, Path]) -> list[str]:
    return ["--facts", str(pair[0]), "--facts", str(pair[1])]


def records(result: Result) -> list[dict[str, object]]:
    assert result.exit_code == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert isinstance(loaded, list)
    return loaded


def facts_count() -> int:
    return len(store.load(SHIPPED).facts)


# --- reading and validating ---------------------------------------------------------------------


def test_validate_checks_several_files_as_one(invoke: Invoke, pair: tuple[Path, Path]) -> None:
    result = invoke("validate", *pair)
    assert result.exit_code == 0, result.stderr
    shipped = store.load(SHIPPED)
    counts = (2 * len(shipped.facts), 2 * len(shipped.entities), 2 * len(shipped.sections))
    assert f"valid: {counts[0]} facts, {counts[1]} entities, {counts[2]} sections, 2 sources" in (
        result.stdout
    )
    assert os.pathsep.join(map(str, pair)) in result.stdout


def test_a_directory_is_its_toml_files_in_name_order(
    invoke: Invoke, pair: tuple[Path, Path]
) -> None:
    folder = pair[0].parent
    (folder / "notes.txt").write_text("not toml\n", encoding="utf-8")
    listed = records(invoke("--facts", folder, "sources", "-f", "json"))
    assert [r["id"] for r in listed] == [FIRST, SECOND]
    assert [r["facts"] for r in listed] == [facts_count(), facts_count()]
    assert invoke("validate", folder).exit_code == 0


def test_jiangjin_facts_lists_paths_with_the_path_separator(
    invoke: Invoke, pair: tuple[Path, Path]
) -> None:
    env = {"JIANGJIN_FACTS": os.pathsep.join(map(str, pair))}
    listed = records(invoke("sources", "-f", "json", env=env))
    assert [r["id"] for r in listed] == [FIRST, SECOND]
    env = {"JIANGJIN_FACTS": str(pair[0].parent)}
    assert invoke("get", f"{PREFIX}dual-qualified-teachers", env=env).stdout == "2729\n"


def test_a_fact_id_in_both_files_is_an_error_naming_both(
    invoke: Invoke, pair: tuple[Path, Path]
) -> None:
    first, second = pair
    text = second.read_text(encoding="utf-8")
    clash = f"{PREFIX}dual-qualified-teachers"
    second.write_text(text.replace(f'id = "{clash}"', 'id = "dual-qualified-teachers"'), "utf-8")
    result = invoke("validate", first, second)
    assert result.exit_code == Exit.NO_MATCH
    lines = [line for line in result.stderr.splitlines() if "duplicate id" in line]
    assert len(lines) == 1
    assert lines[0].startswith(f"jiangjin: {second}:")
    assert f"{first}:" in lines[0]
    assert 'dual-qualified-teachers.id: duplicate id "dual-qualified-teachers"' in lines[0]


COMMANDS = {
    "facts": ["facts"],
    "show": ["show", "headline"],
    "get": ["get", "headline"],
    "search": ["search", "双师型"],
    "sections": ["sections"],
    "entities": ["entities"],
    "tags": ["tags"],
    "sources": ["sources"],
    "chart": ["chart"],
    "export": ["export"],
    "cite": ["cite"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_refuses_a_pair_with_a_clash(
    invoke: Invoke, pair: tuple[Path, Path], command: str
) -> None:
    first, second = pair
    text = second.read_text(encoding="utf-8")
    second.write_text(text.replace(f'id = "{PREFIX}headline"', 'id = "headline"'), "utf-8")
    result = invoke(*both(pair), *COMMANDS[command])
    assert result.exit_code == Exit.USAGE, result.stdout
    assert result.stdout == ""
    assert "cannot use an invalid fact base" in result.stderr
    assert str(first) in result.stderr and str(second) in result.stderr


def test_an_entity_or_source_in_two_files_is_an_error(
    invoke: Invoke, pair: tuple[Path, Path]
) -> None:
    first, second = pair
    text = second.read_text(encoding="utf-8")
    second.write_text(
        text.replace('id = "yc-jiangjin-district"', 'id = "jiangjin-district"', 1)
        .replace('"yc-jiangjin-district"', '"jiangjin-district"')
        .replace(f'id = "{SECOND}"', f'id = "{FIRST}"')
        .replace(f'"{SECOND}"', f'"{FIRST}"'),
        "utf-8",
    )
    result = invoke("validate", first, second)
    assert result.exit_code == Exit.NO_MATCH
    clashes = [line for line in result.stderr.splitlines() if "duplicate id" in line]
    assert any('"jiangjin-district"' in line and "[[entities]]" in line for line in clashes)
    assert any(f'"{FIRST}"' in line and "[[sources]]" in line for line in clashes)
    # Once the sources are one, so are their sections: each is reported.
    assert any("[[sections]]" in line for line in clashes)
    assert all(line.startswith(f"jiangjin: {second}:") for line in clashes)


def test_each_problem_names_its_own_file_and_line(invoke: Invoke, pair: tuple[Path, Path]) -> None:
    first, second = pair
    text = second.read_text(encoding="utf-8")
    second.write_text(text.replace("value = 2729", "value = 2730", 1), "utf-8")
    result = invoke("validate", first, second)
    assert result.exit_code == Exit.NO_MATCH
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row == "value = 2729")
    assert f"jiangjin: {second}:{line}: {PREFIX}dual-qualified-teachers.value:" in result.stderr
    assert f"{first}:" not in result.stderr.replace(os.pathsep.join(map(str, pair)), "")


def test_quotes_against_the_text_are_located_in_their_file(
    invoke: Invoke, pair: tuple[Path, Path], tmp_path: Path
) -> None:
    first, second = pair
    article = tmp_path / "article.txt"
    quotes = [fact.quote for fact in store.load(SHIPPED).facts]
    article.write_text("\n".join(quotes[1:]) + "\n", encoding="utf-8")  # the headline is gone
    checked = invoke("validate", first, second, "--source", f"{SECOND}={article}")
    assert checked.exit_code == Exit.NO_MATCH
    line = next(
        n for n, row in enumerate(second.read_text("utf-8").splitlines(), 1) if "[[facts]]" in row
    )
    assert checked.stderr.startswith(f"jiangjin: {second}:{line}: {PREFIX}headline.quote: ")


# --- sections belong to a source ----------------------------------------------------------------

TWO_SOURCES = """\
schema_version = 1

[[sources]]
id = "one"
title = "一"
title_en = "One"
publisher = "甲"
publisher_en = "A"
url = "https://example.org/one"
published = 2024-09-09
language = "zh"

[[sources]]
id = "two"
title = "二"
title_en = "Two"
publisher = "甲"
publisher_en = "A"
url = "https://example.org/two"
published = 2024-09-10
language = "zh"

[[sections]]
id = "0"
title = "一的导语"
title_en = "Lead of one"
source = "one"

[[sections]]
id = "0"
title = "二的导语"
title_en = "Lead of two"
source = "two"

[[facts]]
id = "fact-of-two"
section = "0"
quote = "二的事实"
statement_en = "A fact of two."
source = "two"
"""


def test_a_file_with_two_sources_names_the_source_of_each_section(
    invoke: Invoke, tmp_path: Path
) -> None:
    path = tmp_path / "two.toml"
    path.write_text(TWO_SOURCES, encoding="utf-8")
    assert invoke("validate", path).exit_code == 0
    listed = records(invoke("--facts", path, "sections", "-f", "json"))
    assert [(r["id"], r["source"], r["facts"]) for r in listed] == [
        ("0", "one", 0),
        ("0", "two", 1),
    ]
    card = invoke("--facts", path, "show", "fact-of-two", "-f", "table")
    assert "二的导语" in card.stdout and "一的导语" not in card.stdout

    missing = TWO_SOURCES.replace('source = "one"\n', "", 1)
    path.write_text(missing, encoding="utf-8")
    result = invoke("validate", path)
    assert result.exit_code == Exit.NO_MATCH
    assert 'missing "source": this file has 2 sources, so each section names its source' in (
        result.stderr
    )


def test_a_section_of_another_source_is_not_the_facts_section(
    invoke: Invoke, tmp_path: Path
) -> None:
    path = tmp_path / "two.toml"
    path.write_text(TWO_SOURCES.replace('id = "0"\ntitle = "二', 'id = "1"\ntitle = "二'), "utf-8")
    result = invoke("validate", path)
    assert result.exit_code == Exit.NO_MATCH
    assert 'fact-of-two.section: source "two" has no section "0"' in result.stderr


def test_section_ids_repeat_only_across_sources(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "two.toml"
    path.write_text(
        TWO_SOURCES.replace('source = "two"\n\n[[facts]]', 'source = "one"\n\n[[facts]]')
    )
    result = invoke("validate", path)
    assert result.exit_code == Exit.NO_MATCH
    assert 'duplicate id "0": another [[sections]] has it' in result.stderr


def test_entities_may_live_in_a_file_of_their_own(
    invoke: Invoke, pair: tuple[Path, Path], tmp_path: Path
) -> None:
    first, second = pair
    shared = tmp_path / "entities.toml"
    block = '[[entities]]\nid = "yongchuan-district"\nname = "永川区"\n'
    block += 'name_en = "Yongchuan District"\nkind = "place"\n'
    shared.write_text("schema_version = 1\n\n" + block, encoding="utf-8")
    text = second.read_text(encoding="utf-8")
    second.write_text(
        text.replace('entities = ["yc-jiangjin-district"]', 'entities = ["yongchuan-district"]', 1),
        "utf-8",
    )
    result = invoke("validate", first, second, shared)
    assert result.exit_code == 0, result.stderr
    found = records(invoke(*both(pair), "--facts", shared, "facts", "-e", "永川区", "-f", "json"))
    assert found and all(r["source"] == SECOND for r in found)


# --- commands over two articles ------------------------------------------------------------------


def test_listing_and_filtering_by_source_and_section(
    invoke: Invoke, pair: tuple[Path, Path]
) -> None:
    everything = records(invoke(*both(pair), "facts", "-f", "json"))
    assert len(everything) == 2 * facts_count()
    assert {r["source"] for r in everything} == {FIRST, SECOND}

    second = records(invoke(*both(pair), "facts", "--source", SECOND, "-f", "json"))
    assert len(second) == facts_count()
    assert all(r["source"] == SECOND and str(r["id"]).startswith(PREFIX) for r in second)

    point = records(invoke(*both(pair), "facts", "-s", "2.2", "-f", "json"))
    alone = records(invoke(*both(pair), "facts", "-s", "2.2", "--source", FIRST, "-f", "json"))
    assert {r["source"] for r in point} == {FIRST, SECOND}
    assert len(point) == 2 * len(alone)
    assert {r["source"] for r in alone} == {FIRST}
    assert all(r["section"] == "2.2" for r in alone)


def test_tags_count_the_facts_of_the_chosen_sources(
    invoke: Invoke, pair: tuple[Path, Path]
) -> None:
    def counts(files: list[str], *options: str) -> Counter[str]:
        found = records(invoke(*files, "tags", *options, "-f", "json"))
        return Counter({str(r["tag"]): int(str(r["facts"])) for r in found})

    alone = counts(["--facts", str(pair[0])])
    first = counts(both(pair), "--source", FIRST)
    second = counts(both(pair), "--source", SECOND)
    assert first == alone
    assert sum(second.values()) == sum(alone.values())
    assert first + second == counts(both(pair))


def test_an_unknown_source_is_named_with_suggestions(
    invoke: Invoke, pair: tuple[Path, Path]
) -> None:
    result = invoke(*both(pair), "facts", "--source", "yc-reprot")
    assert result.exit_code == Exit.NO_MATCH
    assert result.stderr == f"jiangjin: unknown source 'yc-reprot'; did you mean: {SECOND}\n"


def test_get_and_show_reach_either_file(invoke: Invoke, pair: tuple[Path, Path]) -> None:
    ids = ["dual-qualified-teachers", f"{PREFIX}dual-qualified-teachers"]
    assert invoke(*both(pair), "get", *ids).stdout == "2729\n2729\n"
    assert invoke(*both(pair), "get", ids[1], "-F", "source").stdout == f"{SECOND}\n"
    card = invoke(
        *both(pair), "show", ids[1], "-f", "table", "--lang", "en", env={"COLUMNS": "200"}
    )
    assert card.exit_code == 0
    assert "Strengthening the teaching workforce" in card.stdout


def test_search_across_both_and_within_one(invoke: Invoke, pair: tuple[Path, Path]) -> None:
    found = records(invoke(*both(pair), "search", "双师型教师", "-f", "json"))
    by_source = {r.get("source") for r in found if r["kind"] == "fact"}
    assert by_source == {FIRST, SECOND}
    assert all("source" in r for r in found)
    sections = [r for r in found if r["kind"] == "section"]
    assert all(r["source"] in (FIRST, SECOND) for r in sections)

    one = records(invoke(*both(pair), "search", "双师型教师", "--source", SECOND, "-f", "json"))
    # An entity is shared by the articles: it has no source.
    assert one and all(r.get("source") == SECOND for r in one if r["kind"] != "entity")
    entities = [r["id"] for r in one if r["kind"] == "entity"]
    assert entities and all(str(e).startswith(PREFIX) for e in entities)


def test_cite_each_source_or_one(invoke: Invoke, pair: tuple[Path, Path]) -> None:
    every = invoke(*both(pair), "cite", "--style", "text", "--accessed", "2026-01-01")
    assert every.exit_code == 0
    assert "永川区职业教育报告" in every.stdout and "江津区高标准推进" in every.stdout
    one = invoke(*both(pair), "cite", "--source", SECOND, "--accessed", "2026-01-01")
    assert "永川区职业教育报告" in one.stdout and "江津区高标准推进" not in one.stdout
    fact = invoke(*both(pair), "cite", f"{PREFIX}dual-qualified-teachers", "--style", "bibtex")
    assert fact.exit_code == 0 and "永川区职业教育报告" in fact.stdout


def test_one_outline_per_source_under_its_title(invoke: Invoke, pair: tuple[Path, Path]) -> None:
    tree = invoke(*both(pair), "sections", "-f", "table", env={"COLUMNS": "120"})
    assert tree.exit_code == 0
    lines = tree.stdout.splitlines()
    roots = [line for line in lines if line and not line[0].isspace() and "─" not in line]
    assert roots == ["江津区高标准推进职业教育高质量发展", "永川区职业教育报告"]
    assert sum("强化师资队伍建设" in line for line in lines) == 2

    one = invoke(*both(pair), "sections", "--source", SECOND, "-f", "json")
    assert {r["source"] for r in records(one)} == {SECOND}
    part = invoke(*both(pair), "sections", "2.2", "-f", "table", env={"COLUMNS": "200"})
    assert FIRST in part.stdout and SECOND in part.stdout


def test_tables_show_a_source_column_only_with_several_sources(
    invoke: Invoke, pair: tuple[Path, Path]
) -> None:
    env = {"COLUMNS": "200"}
    two = invoke(*both(pair), "facts", "-s", "2.2", "-f", "table", "--lang", "en", env=env)
    assert "Source" in two.stdout and SECOND in two.stdout
    one = invoke("--facts", pair[0], "facts", "-s", "2.2", "-f", "table", "--lang", "en", env=env)
    assert "Source" not in one.stdout


def test_chart_bars_say_their_source_when_they_differ(
    invoke: Invoke, pair: tuple[Path, Path]
) -> None:
    env = {"COLUMNS": "160"}
    two = invoke(*both(pair), "chart", "--tag", "enterprises", "-f", "table", env=env)
    assert two.exit_code == 0
    lines = two.stdout.splitlines()
    assert any(line.startswith("partner-enterprises [1] ") for line in lines)
    assert any(line.startswith(f"{PREFIX}partner-enterprises [2] ") for line in lines)
    assert lines[-2:] == [f"[1] {FIRST}", f"[2] {SECOND}"]
    one = invoke(*both(pair), "chart", "--tag", "enterprises", "--source", SECOND, "-f", "table")
    assert "[1]" not in one.stdout and f"{PREFIX}partner-enterprises" in one.stdout


def test_export_toml_refuses_several_files_and_json_carries_sources(
    invoke: Invoke, pair: tuple[Path, Path]
) -> None:
    refused = invoke(*both(pair), "export", "--format", "toml")
    assert refused.exit_code == Exit.USAGE
    assert str(pair[0]) in refused.stderr and str(pair[1]) in refused.stderr
    alone = invoke("--facts", pair[1], "export", "--format", "toml")
    assert alone.stdout_bytes == pair[1].read_bytes()

    document = json.loads(invoke(*both(pair), "export").stdout)
    assert {s["source"] for s in document["sections"]} == {FIRST, SECOND}
    rows = invoke(*both(pair), "export", "-f", "csv", "--source", SECOND).stdout.splitlines()
    assert len(rows) == 1 + facts_count()


def test_the_markdown_sheet_puts_each_outline_under_its_article(
    invoke: Invoke, pair: tuple[Path, Path]
) -> None:
    sheet = invoke(*both(pair), "export", "--format", "markdown", "--accessed", "2026-01-01")
    assert sheet.exit_code == 0
    lines = sheet.stdout.splitlines()
    first = lines.index("# 江津区高标准推进职业教育高质量发展")
    second = lines.index("# 永川区职业教育报告")
    points = [i for i, line in enumerate(lines) if line.startswith("### 2.2 ")]
    assert len(points) == 2 and first < points[0] < second < points[1]
    alone = invoke("--facts", pair[0], "export", "--format", "markdown").stdout.splitlines()
    assert sum(line.startswith("# ") for line in alone) == 1


def test_help_says_how_a_section_is_found_without_source(invoke: Invoke) -> None:
    text = " ".join(invoke("facts", "--help", env={"COLUMNS": "200"}).stdout.split())
    assert "--source" in text
    assert "without --source, in every article, and each article that has the section is" in text


# --- one database for the set of files ----------------------------------------------------------


def test_the_database_follows_every_file(invoke: Invoke, pair: tuple[Path, Path]) -> None:
    folder = pair[0].parent
    target = f"{PREFIX}dual-qualified-teachers"
    assert invoke("--facts", folder, "get", target).stdout == "2729\n"
    text = pair[1].read_text(encoding="utf-8")
    changed = text.replace("2729", "2728").replace("2,729", "2,728")
    pair[1].write_text(changed, encoding="utf-8")
    assert invoke("--facts", folder, "get", target).stdout == "2728\n"

    third = folder / "c.toml"
    shipped = SHIPPED.read_text(encoding="utf-8")
    third.write_text(second_article(shipped, "c-", "c-report"), encoding="utf-8")
    listed = records(invoke("--facts", folder, "sources", "-f", "json"))
    assert [r["id"] for r in listed] == [FIRST, SECOND, "c-report"]
    third.unlink()
    listed = records(invoke("--facts", folder, "sources", "-f", "json"))
    assert [r["id"] for r in listed] == [FIRST, SECOND]
    assert invoke("--facts", folder, "get", target).stdout == "2728\n"


def test_a_database_is_saved_only_for_the_files_as_read(
    pair: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jiangjin_cli.store import database as cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    files = [str(path) for path in pair]
    texts = [path.read_text(encoding="utf-8") for path in pair]
    base = store.load(files)
    target = cache.database_path(files)
    assert target is not None and target != cache.database_path(files[:1])
    target.unlink()  # the load above saved it; save it again by hand

    before = [cache.identity(file) for file in files]
    assert None not in before
    pair[1].write_text(texts[1] + "\n", encoding="utf-8")  # changed while being read
    cache.save(files, before, time.time_ns(), texts, base, [])  # type: ignore[arg-type]
    assert not target.exists()

    texts[1] += "\n"
    now = [cache.identity(file) for file in files]
    cache.save(files, now, time.time_ns(), texts, base, [])  # type: ignore[arg-type]
    entry = cache.open_database(files)
    assert entry is not None
    entry.close()
    pair[0].write_text(texts[0] + "\n", encoding="utf-8")  # either file stales it
    assert cache.open_database(files) is None
