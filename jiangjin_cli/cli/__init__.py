"""The command line: a Typer app over the store, the query layer and the renderers.

Conventions every command keeps:

- errors go to stderr as ``jiangjin: ...`` lines, never as a traceback;
- exit codes come from :class:`jiangjin_cli.errors.Exit`;
- a command gets its fact base from :func:`load_base`, which prints the
  problems and exits 2 when the base cannot be used;
- rich is imported only by the human renderers, inside functions, so the
  machine formats start fast and never load it; ``render.answers`` is imported by
  the commands that describe an answer, so `get` never loads it;
- commands are imported and converted to click commands lazily (:class:`LazyGroup`),
  only the one a run invokes (``core.COMMAND_MODULES`` names each one's module);
- the modules of this package do without ``from __future__ import annotations``:
  Typer reads the annotations of each command, callback and completion it converts,
  and would evaluate every one written as a string (``eval``) on every run.
"""

from jiangjin_cli.cli.core import LazyGroup, app

__all__ = ["LazyGroup", "app"]
