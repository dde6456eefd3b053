"""``python -m untm`` runs the command-line interface."""

from untm.cli import main

if __name__ == "__main__":
    main()
