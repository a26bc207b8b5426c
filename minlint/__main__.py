"""Entry point for ``python -m minlint``."""

from minlint.cli import main

if __name__ == "__main__":
    main()
