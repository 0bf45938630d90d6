"""Allow ``python -m jiangjin_cli``."""

from jiangjin_cli.cli import main

if __name__ == "__main__":
    main()
