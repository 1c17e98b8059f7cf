"""Sub-commands of the ``symmech`` command line, one module each.

Each module defines ``register(app: typer.Typer) -> None``; ``symmech.cli``
registers every module listed in ``COMMANDS`` that is present.
"""
COMMANDS = ("latex_cmd", "plot_cmd", "check_cmd", "mutate_cmd")
