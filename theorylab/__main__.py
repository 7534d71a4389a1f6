"""``python -m theorylab``: the same as the ``theorylab`` command (see :mod:`theorylab.cli`)."""
from theorylab.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
