"""Entry point for ``python -m minlint``."""

from minlint.cli import run

if __name__ == "__main__":
    run()
