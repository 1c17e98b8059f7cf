"""``python -m symmech``: the command line."""
from symmech.commands.cli import main

if __name__ == "__main__":
    main()
