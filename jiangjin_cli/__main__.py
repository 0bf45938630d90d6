"""``python -m jiangjin_cli`` and the ``jiangjin`` script (see :mod:`jiangjin_cli.process`)."""

from jiangjin_cli.process import main

if __name__ == "__main__":
    main()
