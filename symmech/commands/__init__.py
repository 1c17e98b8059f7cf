"""Sub-commands of the ``symmech`` command line, one module each.

Each module defines ``register(app: typer.Typer) -> None``; ``symmech.cli``
registers every module listed in ``COMMANDS`` that is present.
"""
COMMANDS = ("latex_cmd", "plot_cmd", "check_cmd", "mutate_cmd", "solve_cmd", "bundling_cmd", "coverage_cmd")


def load_targets(name: str, *, allow_all: bool = True) -> list:
    """The derivations a command acts on (``all`` = every bundled one); exit code 2 for an unknown name."""
    import typer
    from rich.console import Console

    from .. import registry

    try:
        return registry.load_all() if (allow_all and name == "all") else [registry.load(name)]
    except registry.UnknownDerivation as exc:
        Console(stderr=True).print(f"[red]error:[/red] {exc.args[0]}")
        raise typer.Exit(2)
