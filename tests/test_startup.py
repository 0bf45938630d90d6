"""Start-up: the paths scripts and shells run import only what they use.

Each check runs the real entry point in a child Python and lists the modules it
loaded. tests/test_entry.py checks that machine formats never load rich; these go
further: no search engine, validator or TOML parser where the answer comes from the
cache, no json or csv where nothing is written as JSON or CSV, and nothing of rich
or pydantic on any script path or TAB press.
"""

from __future__ import annotations

import pytest

from conftest import Written, run_python

# Reports on stderr, without importing anything itself: "CODE name name ...".
CHECK = """
import sys
sys.argv = ["jiangjin", *sys.argv[1:]]
from jiangjin_cli.process import main
try:
    main()
except SystemExit as stop:
    code = stop.code
loaded = sorted(
    name for name in sys.modules
    if name.split(".")[0] in {"rich", "pydantic", "tomli", "json", "csv", "decimal"}
    or name in {"jiangjin_cli.query.search", "jiangjin_cli.store.validate", "jiangjin_cli.numbers",
                "jiangjin_cli.render.human", "importlib.resources", "jiangjin_cli.query"}
)
print(code, *loaded, file=sys.stderr)
"""

NEVER = {"rich", "pydantic", "jiangjin_cli.render.human", "importlib.resources"}
PARSING = {"tomli", "jiangjin_cli.store.validate"}
SEARCHING = {"jiangjin_cli.query.search"}
JSON = {"json"}
CSV = {"csv"}


def modules(report: str) -> tuple[str, set[str]]:
    """The exit code and the modules of CHECK's report (packages of rich and json as one)."""
    code, *names = report.split()
    return code, {
        name.split(".")[0] if name.startswith(("rich.", "json.")) else name for name in names
    }


def loaded(args: list[str], env: dict[str, str] | None = None) -> set[str]:
    result = run_python(["-c", CHECK, *args], env=env)
    code, names = modules(result.stderr.splitlines()[-1])
    assert code in ("0", "None"), result.stderr
    return names


QUERY = {"jiangjin_cli.query"}  # filters and suggestions: `get` needs neither

WARM = [
    (["get", "dual-qualified-teachers"], PARSING | SEARCHING | JSON | CSV | QUERY | {"decimal"}),
    (["get", "one-plus-x", "--field", "tags"], PARSING | SEARCHING | JSON | CSV | QUERY),
    (["facts", "--format", "json"], PARSING | SEARCHING | CSV),
    (["facts", "--format", "jsonl"], PARSING | SEARCHING | CSV),
    (["facts", "--format", "csv"], PARSING | SEARCHING | JSON),
    (["facts", "--format", "tsv"], PARSING | SEARCHING | JSON | CSV),
    (["facts", "--format", "plain"], PARSING | SEARCHING | JSON | CSV),
    (["show", "training-attendances", "--format", "json"], PARSING | SEARCHING | CSV),
    (["export"], PARSING | SEARCHING | CSV),
    (["export", "--format", "csv"], PARSING | SEARCHING | JSON),
    (["sections", "--format", "tsv"], PARSING | SEARCHING | JSON | CSV),
    (["entities", "--format", "plain"], PARSING | SEARCHING | JSON | CSV),
    (["search", "教师", "--format", "plain"], PARSING | CSV | {"decimal"}),
    (["validate"], {"tomli"} | SEARCHING | JSON | CSV),
]


@pytest.mark.parametrize(("args", "unused"), WARM, ids=[" ".join(a) for a, _ in WARM])
def test_warm_script_paths_import_only_what_they_use(
    valid_base: Written, args: list[str], unused: set[str]
) -> None:
    command = ["--facts", str(valid_base.path), *args]
    loaded(command)  # the first run parses the file and writes the cache
    found = loaded(command)
    assert not found & (NEVER | unused), sorted(found & (NEVER | unused))


@pytest.mark.parametrize(
    "args",
    [["get", "dual-qualified-teachers"], ["facts", "--format", "json"], ["validate"]],
    ids=lambda args: " ".join(args),
)
def test_a_cold_run_parses_but_loads_nothing_for_people(
    valid_base: Written, args: list[str]
) -> None:
    found = loaded(["--facts", str(valid_base.path), *args])
    assert found >= PARSING  # it had to read the TOML
    assert not found & (NEVER | SEARCHING), sorted(found & (NEVER | SEARCHING))


def test_get_without_a_cache_still_loads_neither_search_nor_rich(valid_base: Written) -> None:
    found = loaded(
        ["--facts", str(valid_base.path), "get", "dual-qualified-teachers"],
        env={"JIANGJIN_NO_CACHE": "1"},
    )
    assert not found & (NEVER | SEARCHING | JSON | CSV)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("jiangjin get dual", "dual-qualified-teachers"),
        ("jiangjin facts --section 2.", "2.2"),
        ("jiangjin show ", "one-plus-x"),
    ],
)
def test_completion_imports_nothing_it_does_not_use(
    valid_base: Written, words: str, expected: str
) -> None:
    env = {
        "_JIANGJIN_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
        "JIANGJIN_FACTS": str(valid_base.path),
    }
    result = run_python(["-c", CHECK], env=env)
    assert expected in result.stdout.split(), result.stdout + result.stderr
    result = run_python(["-c", CHECK], env=env)  # warm
    _, found = modules(result.stderr.splitlines()[-1])
    assert not found & (NEVER | PARSING | SEARCHING | JSON | CSV), sorted(found)


# Reports on stderr which of the expressions that jiangjin compiles when first used
# (text.lazy_pattern) a run compiled: "module.NAME ...".
COMPILED = """
import sys
sys.argv = ["jiangjin", *sys.argv[1:]]
from jiangjin_cli.process import main
try:
    main()
except SystemExit:
    pass
compiled = sorted(
    f"{name}.{attribute}"
    for name, module in list(sys.modules.items())
    if name.startswith("jiangjin_cli")
    for attribute, value in vars(module).items()
    if callable(getattr(value, "cache_info", None)) and value.__name__ == "<lambda>"
    and value.cache_info().currsize
)
print(*compiled, file=sys.stderr)
"""


def compiled(valid_base: Written, words: str) -> set[str]:
    command = ["-c", COMPILED, "--facts", str(valid_base.path), "search", words, "-f", "tsv"]
    run_python(command)  # the first run writes the cache
    return set(run_python(command).stderr.split())


def test_a_chinese_question_compiles_no_expression_for_numbers_or_pinyin(
    valid_base: Written,
) -> None:
    found = compiled(valid_base, "双师型教师有多少")
    assert not {
        name for name in found if name.startswith(("jiangjin_cli.numbers.", "jiangjin_cli.pinyin."))
    }, found
    # Nor the clauses of talk, for a question that names no speaker (without_speaker).
    assert "jiangjin_cli.query.talk.DISCOURSE_RE" not in found, found
    # A number in words is read by numbers: the report sees what a run compiles.
    assert "jiangjin_cli.numbers._CHINESE" in compiled(valid_base, "两千名双师型教师")
