"""`python -m crisisplay`."""

from crisisplay.cli.entry import run

if __name__ == "__main__":
    run()
