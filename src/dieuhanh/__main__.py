"""`python -m dieuhanh …` and the `dieuhanh` command: Django's manage.py with our defaults."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dieuhanh.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["dieuhanh", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
