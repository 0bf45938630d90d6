"""The compiled database of valid fact bases (jiangjin_cli.store.database): used,
refreshed, robust, exact.

Every test points XDG_CACHE_HOME at its own temporary directory, so none touches the
real ~/.cache (conftest also does so for the whole session). No test times anything:
benchmarks/run.py measures; these check behaviour.
"""

from __future__ import annotations

import io
import os
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from jiangjin_cli import store
from jiangjin_cli.cli import app
from jiangjin_cli.query import search as searching
from jiangjin_cli.store import database as cache
from jiangjin_cli.store import index as text_index
from jiangjin_cli.text import normalize

from conftest import VALID_TOML, Written, python_env

WriteBase = Callable[..., Written]
SHIPPED = store.default_path()


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh XDG_CACHE_HOME for this test; returns the jiangjin directory inside it."""
    home = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv(cache.DISABLE_ENV, raising=False)
    return home / "jiangjin"


Run = Callable[..., Result]


@pytest.fixture
def run(cache_home: Path) -> Run:
    runner = CliRunner(env={"JIANGJIN_FACTS": None, "JIANGJIN_LANG": None, "COLUMNS": "100"})

    def invoke(*args: str | os.PathLike[str], cached: bool = True) -> Result:
        env = None if cached else {cache.DISABLE_ENV: "1"}
        return runner.invoke(app, [os.fspath(a) for a in args], env=env)

    return invoke


def entries(home: Path, suffix: str = ".sqlite3") -> list[Path]:
    return sorted(home.glob(f"*{suffix}")) if home.is_dir() else []


def outcome(result: Result) -> tuple[int, str, str]:
    return result.exit_code, result.stdout, result.stderr


def replicated(count: int) -> str:
    """VALID_TOML's facts copied with new ids until there are ``count`` of them."""
    head, _, rest = VALID_TOML.partition("\n[[facts]]\n")
    blocks = [
        "[[facts]]\n" + block for block in ("\n[[facts]]\n" + rest).split("\n[[facts]]\n")[1:]
    ]
    parts = [head + "\n"]
    for i in range(count):
        block = blocks[i % len(blocks)]
        copy = i // len(blocks)
        if copy:
            start = block.index('id = "') + len('id = "')
            end = block.index('"', start)
            block = f"{block[:end]}-r{copy}{block[end:]}"
        parts.append(block.rstrip("\n") + "\n\n")
    return "".join(parts)


# --- the cache is used, and only for valid bases --------------------------------------------------


def test_a_valid_base_is_cached_and_read_back_without_parsing(
    run: Run, cache_home: Path, valid_base: Written, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run("--facts", valid_base.path, "get", "dual-qualified-teachers")
    assert outcome(first) == (0, "2729\n", "")
    assert len(entries(cache_home)) == 1

    def no_parsing(*_: object) -> None:
        raise AssertionError("the file was parsed again")

    monkeypatch.setattr(store, "read_document", no_parsing)
    for args in (
        ["get", "dual-qualified-teachers"],
        ["show", "training-attendances", "--format", "json"],
        ["facts", "--format", "tsv"],
        ["export"],
        ["validate"],
        ["search", "教师"],
    ):
        result = run("--facts", valid_base.path, *args)
        assert result.exit_code == 0, (args, result.stderr)


def test_the_first_search_adds_the_index_without_parsing(
    run: Run, cache_home: Path, valid_base: Written, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("--facts", valid_base.path, "search", "教师", "--format", "json")
    wanted = outcome(run(*args, cached=False))
    assert outcome(run("--facts", valid_base.path, "get", "one-plus-x"))[0] == 0
    compiled = cache.open_database(valid_base.path)
    assert compiled is not None
    with compiled:
        assert not compiled.indexed  # a get does not pay for the index

    def no_parsing(*_: object) -> None:
        raise AssertionError("the file was parsed again")

    monkeypatch.setattr(store, "read_document", no_parsing)
    assert outcome(run(*args)) == wanted
    compiled = cache.open_database(valid_base.path)
    assert compiled is not None
    with compiled:
        assert compiled.indexed
    assert outcome(run(*args)) == wanted


def test_entries_are_private_data_files(run: Run, cache_home: Path, valid_base: Written) -> None:
    run("--facts", valid_base.path, "search", "教师")
    files = list(cache_home.iterdir())
    assert [f.name.split(".", 1)[1] for f in files] == ["sqlite3"]  # one database per base
    for path in files:
        mode = path.stat().st_mode
        assert not mode & 0o111, f"{path} is executable"
        assert not mode & 0o077, f"{path} is readable by others"
        assert path.read_bytes().startswith(b"SQLite format 3\x00")
    assert stat.S_IMODE(cache_home.stat().st_mode) == 0o700


def test_an_invalid_base_is_never_cached(run: Run, cache_home: Path, write_base: WriteBase) -> None:
    broken = write_base({"value = 2729": "value = 1"})
    for _ in range(2):
        result = run("--facts", broken.path, "validate")
        assert result.exit_code == 1
        assert "value 1 is not a number the quote writes" in result.stderr
    assert entries(cache_home) == []


def test_warnings_come_back_from_the_cache(
    run: Run, cache_home: Path, write_base: WriteBase
) -> None:
    noisy = write_base({'"Schools work with': '"Schools\\u0007 work with'})
    cold = run("validate", noisy.path)
    warm = run("validate", noisy.path)
    assert entries(cache_home)
    assert outcome(cold) == outcome(warm)
    assert "warning:" in warm.stderr and "U+0007" in warm.stderr


def test_no_cache_env_var_turns_it_off(
    run: Run, cache_home: Path, valid_base: Written, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.DISABLE_ENV, "1")
    assert run("--facts", valid_base.path, "search", "教师").exit_code == 0
    assert not cache_home.exists()
    monkeypatch.setenv(cache.DISABLE_ENV, "0")  # 0 means "not disabled"
    assert run("--facts", valid_base.path, "get", "one-plus-x", "-F", "id").exit_code == 0
    assert entries(cache_home)


def test_home_cache_is_used_without_xdg(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, valid_base: Written
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for value in (None, "relative/dir"):  # a relative XDG_CACHE_HOME is ignored, as XDG says
        if value is None:
            monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
        else:
            monkeypatch.setenv("XDG_CACHE_HOME", value)
        assert cache.directory() == tmp_path / "home" / ".cache" / "jiangjin"
    store.load(valid_base.path)
    assert entries(tmp_path / "home" / ".cache" / "jiangjin")


# --- every change to the file is seen -------------------------------------------------------------


def test_an_edit_is_seen(run: Run, valid_base: Written) -> None:
    assert run("--facts", valid_base.path, "get", "enterprise-partners").stdout == "450\n"
    valid_base.path.write_text(
        valid_base.text.replace("450", "460").replace("companies.", "firms."), encoding="utf-8"
    )
    assert run("--facts", valid_base.path, "get", "enterprise-partners").stdout == "460\n"


def test_a_same_size_edit_with_the_old_mtime_is_seen(
    run: Run, cache_home: Path, valid_base: Written
) -> None:
    path = valid_base.path
    assert run("--facts", path, "get", "dual-qualified-teachers").stdout == "2729\n"
    before = path.stat()
    edited = valid_base.text.replace("2729", "2728").replace("2,729", "2,728")
    assert len(edited.encode()) == before.st_size
    with path.open("r+b") as stream:  # in place: same inode
        stream.write(edited.encode())
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (
        before.st_ino,
        before.st_size,
        before.st_mtime_ns,
    )
    assert run("--facts", path, "get", "dual-qualified-teachers").stdout == "2728\n"
    assert run("--facts", path, "search", "2728", "--format", "plain").stdout == (
        "dual-qualified-teachers\n"
    )


def test_a_racy_entry_checks_the_text_itself(
    cache_home: Path, valid_base: Written, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two writes in one clock tick can leave every stamp alone: the hash still sees them."""
    path = valid_base.path
    frozen = cache.identity(path)
    assert frozen is not None
    monkeypatch.setattr(cache, "_identity", lambda _info: frozen)  # stamps that never move
    assert store.load(path).fact_by_id["dual-qualified-teachers"].value == 2729
    entry = cache.open_database(path)
    assert entry is not None  # racy (the file is brand new) but its text is unchanged
    entry.close()
    path.write_text(
        valid_base.text.replace("2729", "2728").replace("2,729", "2,728"), encoding="utf-8"
    )
    assert cache.open_database(path) is None
    assert store.load(path).fact_by_id["dual-qualified-teachers"].value == 2728


def test_a_racy_entry_is_rewritten_plain_once_the_file_is_old(
    cache_home: Path, valid_base: Written, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.load(valid_base.path)
    (path,) = entries(cache_home)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'racy'").fetchone() == (1,)
    later = cache.time.time_ns() + (cache.RACY_SECONDS + 1) * 1_000_000_000
    monkeypatch.setattr(cache.time, "time_ns", lambda: later)
    entry = cache.open_database(valid_base.path)
    assert entry is not None
    entry.close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'racy'").fetchone() == (0,)


def test_a_replaced_file_is_seen(run: Run, tmp_path: Path, valid_base: Written) -> None:
    assert run("--facts", valid_base.path, "get", "enterprise-partners").stdout == "450\n"
    other = tmp_path / "other.toml"
    other.write_text(valid_base.text.replace("450", "460"), encoding="utf-8")
    os.replace(other, valid_base.path)  # as editors save: a new inode
    assert run("--facts", valid_base.path, "get", "enterprise-partners").stdout == "460\n"


def test_another_jiangjin_never_reads_the_entry(
    cache_home: Path, valid_base: Written, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.load(valid_base.path)
    assert cache.open_database(valid_base.path) is not None
    monkeypatch.setattr(cache, "_code_stamp", lambda: "another version")
    assert cache.open_database(valid_base.path) is None


# --- damaged or foreign entries are ignored and rewritten ----------------------------------------


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _garbage(path: Path) -> None:
    path.write_bytes(os.urandom(path.stat().st_size))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _sql(*statements: str) -> Callable[[Path], None]:
    def change(path: Path) -> None:
        with sqlite3.connect(path) as db:
            for statement in statements:
                db.execute(statement)
        db.close()

    return change


def _foreign_schema(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
        db.execute("INSERT INTO notes VALUES ('hello')")
    db.close()


DAMAGE = {
    "truncated": _truncate,
    "garbage": _garbage,
    "empty": _empty,
    "another schema": _foreign_schema,
    "no facts table": _sql("DROP TABLE facts"),
    "a fact missing": _sql("DELETE FROM facts WHERE id = 'one-plus-x'"),
    "a value of the wrong type": _sql(
        "UPDATE facts SET value = 'many' WHERE id = 'dual-qualified-teachers'"
    ),
    "a list of the wrong type": _sql("UPDATE facts SET tags = X'00ff'"),
    "another file's entry": _sql("UPDATE meta SET value = '/elsewhere.toml' WHERE key = 'path'"),
    "another layout": _sql("UPDATE meta SET value = 99 WHERE key = 'format'"),
    "another identity": _sql("UPDATE meta SET value = value + 1 WHERE key = 'size'"),
    "racy with another text": _sql(
        "UPDATE meta SET value = 1 WHERE key = 'racy'",
        "UPDATE meta SET value = 'feed' WHERE key = 'digest'",
    ),
    "a meta row missing": _sql("DELETE FROM meta WHERE key = 'count_facts'"),
    "postings cut short": _sql("UPDATE tokens SET postings = X'00'"),
    "no token table": _sql("DROP TABLE IF EXISTS tokens"),
    "documents missing": _sql("DELETE FROM documents"),
    "field lengths cut short": _sql("UPDATE field_lengths SET data = X'00'"),
}

COMMANDS = [
    ["search", "教师", "--format", "json"],
    ["get", "dual-qualified-teachers", "one-plus-x", "--field", "tags"],
    ["show", "training-attendances", "--format", "json"],
    ["facts", "--format", "json"],
    ["validate"],
]


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_a_damaged_entry_is_ignored_and_rewritten(
    run: Run, cache_home: Path, valid_base: Written, damage: str
) -> None:
    expected = [outcome(run("--facts", valid_base.path, *args, cached=False)) for args in COMMANDS]
    assert run("--facts", valid_base.path, "search", "xyzzy").exit_code == 1  # compiles it all
    (entry,) = entries(cache_home)
    for args, wanted in zip(COMMANDS, expected, strict=True):
        DAMAGE[damage](entry)
        assert outcome(run("--facts", valid_base.path, *args)) == wanted, args
    assert cache.open_database(valid_base.path) is not None, "the entry was not rewritten"


def test_leftover_temporary_files_are_swept(
    cache_home: Path, valid_base: Written, write_base: WriteBase
) -> None:
    store.load(valid_base.path)
    stale = cache_home / ".tmp-12345-deadbeef"
    stale.write_bytes(b"half a database")
    os.utime(stale, (1, 1))
    fresh = cache_home / ".tmp-12345-cafe"
    fresh.write_bytes(b"another run, writing now")
    store.load(write_base(name="second.toml").path)
    assert not stale.exists()
    assert fresh.exists()


# --- where the cache cannot be written ------------------------------------------------------------


def test_an_unusable_cache_directory_is_skipped_silently(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, valid_base: Written
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    runner = CliRunner(env={"JIANGJIN_FACTS": None})
    for args in (["get", "dual-qualified-teachers"], ["search", "教师", "-f", "plain"]):
        result = runner.invoke(app, ["--facts", str(valid_base.path), *args])
        assert result.exit_code == 0 and result.stderr == "", result.stderr
    assert blocker.read_text().startswith("a file")


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere"
)
def test_a_read_only_cache_directory_is_read_but_never_written(
    run: Run, cache_home: Path, valid_base: Written, write_base: WriteBase
) -> None:
    run("--facts", valid_base.path, "get", "one-plus-x")
    (entry,) = entries(cache_home)
    cache_home.chmod(0o500)
    try:
        other = write_base(name="other.toml")
        assert run("--facts", other.path, "get", "one-plus-x", "-F", "id").stdout == "one-plus-x\n"
        assert entries(cache_home) == [entry]
        assert run("--facts", valid_base.path, "search", "教师").exit_code == 0
    finally:
        cache_home.chmod(0o700)


# --- runs racing each other -----------------------------------------------------------------------


def test_runs_racing_on_a_fresh_cache_all_answer_right(tmp_path: Path) -> None:
    base = tmp_path / "big.toml"
    base.write_text(replicated(1500), encoding="utf-8")
    env = python_env(env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    command = [sys.executable, "-m", "jiangjin_cli", "--facts", str(base)]
    jobs = [
        ["get", "dual-qualified-teachers-r300"],
        ["get", "dual-qualified-teachers-r300"],
        ["search", "2729", "--format", "plain", "--limit", "1"],
        ["search", "2729", "--format", "plain", "--limit", "1"],
    ]
    running = [
        subprocess.Popen([*command, *job], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for job in jobs
    ]
    results = [process.communicate(timeout=300) for process in running]
    for process, (out, err) in zip(running, results, strict=True):
        assert process.returncode == 0, err
        assert err == b""
        assert out == b"2729\n" or out.startswith(b"dual-qualified-teachers")
    home = tmp_path / "cache" / "jiangjin"
    assert len(entries(home)) == 1
    assert [p.name for p in home.iterdir() if p.name.startswith(".tmp")] == []
    again = subprocess.run(
        [*command, "get", "enterprise-partners-r2"], env=env, capture_output=True, check=False
    )
    assert again.stdout == b"450\n"


# --- the cache answers exactly as the file does ---------------------------------------------------

EXACT = [
    ["get", "dual-qualified-teachers"],
    ["get", "one-plus-x", "training-attendances", "one-plus-x", "--field", "entities"],
    ["get", "dual-qualified-teacher"],  # unknown: suggestions
    ["get", "one-plus-x", "--field", "nope"],
    ["show", "training-attendances", "one-plus-x"],
    ["show", "training-attendances", "--format", "json", "--lang", "en"],
    ["show", "enterprise-partners", "--format", "table"],
    ["show", "missing-fact"],
    ["facts"],
    ["facts", "--format", "json"],
    ["facts", "--format", "csv", "--sort", "value"],
    ["facts", "--format", "table", "--section", "2"],
    ["export"],
    ["export", "--format", "jsonl"],
    ["export", "--format", "tsv"],
    ["sections", "--format", "json"],
    ["entities", "jiangjin-district", "--format", "json"],
    ["sources", "--format", "table"],
    ["validate"],
]

QUERIES = [
    ["教师"],
    ["双师型教师"],
    ["江津区有多少双师型教师"],
    ["teachers"],
    ["teach"],
    ["art"],
    ["2729"],
    ["2,729"],
    ["25000"],
    ["dual-qualified-teachers"],
    ["Jiangjin"],
    ["重庆工商学校"],
    ["how many companies"],
    ["school", "江津"],
    ["1+x"],
    ["“1+X”课程体系"],
    ["training attendances a year"],
    ["xyzzy"],
    ["的"],
]


def _search_args(query: list[str]) -> list[list[str]]:
    return [
        ["search", *query],
        ["search", *query, "--format", "json"],
        ["search", *query, "--format", "table", "--limit", "3"],
        ["search", *query, "--kind", "entity", "--format", "plain"],
    ]


@pytest.mark.parametrize("base", ["shipped", "small", "replicated"])
def test_answers_are_those_of_the_file(
    run: Run, base: str, write_base: WriteBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    if base == "shipped":
        path = SHIPPED
        commands = [
            ["get", "dual-qualified-teachers"],
            ["show", "dual-qualified-teachers", "--format", "json"],
            ["facts", "--format", "json"],
            ["export", "--format", "csv"],
            ["validate"],
            *(args for query in QUERIES for args in _search_args(query)),
        ]
    else:
        text = VALID_TOML if base == "small" else replicated(400)
        path = write_base(text=text, name=f"{base}.toml").path
        commands = [*EXACT, *(args for query in QUERIES[:10] for args in _search_args(query))]
    expected = [outcome(run("--facts", path, *args, cached=False)) for args in commands]
    cold = [outcome(run("--facts", path, *args)) for args in commands]
    real_index = text_index.MemoryIndex

    def no_index_building(base: object) -> object:
        raise AssertionError("a warm search built the index again")

    def no_parsing(*_: object) -> None:
        raise AssertionError("a warm run parsed the file")

    monkeypatch.setattr(text_index, "MemoryIndex", no_index_building)
    monkeypatch.setattr(store, "read_document", no_parsing)
    warm = [outcome(run("--facts", path, *args)) for args in commands]
    monkeypatch.setattr(text_index, "MemoryIndex", real_index)
    for args, want, got_cold, got_warm in zip(commands, expected, cold, warm, strict=True):
        assert got_cold == want, args
        assert got_warm == want, args


def test_the_compiled_index_ranks_exactly_as_the_one_in_memory(cache_home: Path) -> None:
    base = store.load(SHIPPED)
    memory = text_index.MemoryIndex(base)
    store.open_searchable(SHIPPED).close()  # the first search compiles the index in
    compiled = cache.open_database(SHIPPED)
    assert compiled is not None
    with compiled:
        index = compiled.index()
        answered = 0
        for query in [*QUERIES, ["江津"], ["金牌"], ["80%"], ["中国"], ["field schools"]]:
            from_memory = searching.rank(memory, query)
            answered += bool(from_memory)
            assert searching.rank(index, query) == from_memory, query
        assert answered >= 15


@pytest.mark.parametrize(
    "needle",
    [
        "双师型",
        "师型教",
        "教师",
        "江津区",
        "1+x",
        "“1+x”课程",
        "teach",
        "art",
        "5g国际",
        "%",
        "2729",
        "的",
    ],
)
def test_the_compiled_index_finds_verbatim_text_as_the_one_in_memory(
    cache_home: Path, needle: str
) -> None:
    base = store.load(SHIPPED)
    memory = text_index.MemoryIndex(base)
    store.open_searchable(SHIPPED).close()
    compiled = cache.open_database(SHIPPED)
    assert compiled is not None
    with compiled:
        index = compiled.index()
        for phrases in (False, True):
            folded = normalize(needle)
            assert index.containing(folded, phrases=phrases) == memory.containing(
                folded, phrases=phrases
            )


def test_a_python_without_sqlite_runs_uncached(tmp_path: Path, valid_base: Written) -> None:
    code = (
        "import sys; sys.modules['sqlite3'] = None\n"  # `import sqlite3` now fails
        "from jiangjin_cli.process import main\n"
        "sys.argv = ['jiangjin', *sys.argv[1:]]\n"
        "main()\n"
    )
    env = python_env(env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    for args in (["get", "dual-qualified-teachers"], ["search", "2729", "-f", "plain"]):
        done = subprocess.run(
            [sys.executable, "-c", code, "--facts", str(valid_base.path), *args],
            env=env,
            capture_output=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout in (b"2729\n", b"dual-qualified-teachers\n")
    assert not (tmp_path / "cache").exists()


# --- progress on a terminal -----------------------------------------------------------------------


class _Terminal(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_a_long_build_shows_one_line_on_a_terminal_and_erases_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(store, "PROGRESS_AFTER", 0.01)
    for tty, wanted in ((True, "jiangjin: indexing\u2026\r\x1b[K"), (False, "")):
        stream = _Terminal(tty)
        with store.Progress("indexing", stream):
            give_up = time.monotonic() + (30 if tty else 0.3)  # a busy machine is slow
            while not stream.getvalue() and time.monotonic() < give_up:
                time.sleep(0.01)
        assert stream.getvalue() == wanted
    quick = _Terminal(True)
    monkeypatch.setattr(store, "PROGRESS_AFTER", 60.0)
    with store.Progress("indexing", quick):
        pass
    assert quick.getvalue() == ""


def test_a_fault_of_the_ranking_is_not_taken_for_a_damaged_cache(
    cache_home: Path, valid_base: Written, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A ValueError raised while ranking over the database is read as damage (the file is
    # read again); raised again over the base read from its file, it is the code's own and
    # propagates as itself, not as a claim that the base lacked its records.
    from jiangjin_cli import query

    calls: list[object] = []

    def broken(index: object, terms: object) -> list[searching.Ranked]:
        calls.append(index)
        raise ValueError("a fault of the ranking")

    monkeypatch.setattr(searching, "rank", broken)
    with pytest.raises(ValueError, match="a fault of the ranking"):
        query.search_base(valid_base.path, ["xyzzy"])
    assert len(calls) == 2  # the database's index, then the file's
