"""`python -m crisisplay`."""

from crisisplay.cli.main import run

if __name__ == "__main__":
    run()
