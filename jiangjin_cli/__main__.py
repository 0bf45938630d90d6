"""``python -m jiangjin_cli`` and the ``jiangjin`` script.

Importing the command line (Typer) takes a moment; a Ctrl-C during it still ends in
one line and exit 130, not a traceback.
"""

import sys


def main() -> None:
    try:
        from jiangjin_cli.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("jiangjin: interrupted\n")
        raise SystemExit(130) from None
    run()


if __name__ == "__main__":
    main()
