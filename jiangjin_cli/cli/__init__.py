"""The command line: a Typer app over the store, the query layer and the renderers.

Conventions every command keeps:

- errors go to stderr as ``jiangjin: ...`` lines, never as a traceback;
- exit codes come from :class:`jiangjin_cli.errors.Exit`;
- a command gets its fact base from :func:`load_base`, which prints the
  problems and exits 2 when the base cannot be used;
- rich is imported only by the human renderers, inside functions, so the
  machine formats start fast and never load it; ``render.answers`` is imported by
  the commands that describe an answer, so `get` never loads it;
- commands are converted to click commands lazily (:class:`LazyGroup`), only the
  one a run invokes.
"""

from jiangjin_cli.cli.core import LazyGroup, app

# The command modules register their commands on import, in the order `--help` lists them.
# isort: split
from jiangjin_cli.cli import validating  # noqa: F401

# isort: split
from jiangjin_cli.cli import lookup  # noqa: F401

# isort: split
from jiangjin_cli.cli import outline  # noqa: F401

# isort: split
from jiangjin_cli.cli import writing  # noqa: F401

__all__ = ["LazyGroup", "app"]
