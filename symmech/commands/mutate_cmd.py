"""``symmech mutate NAME|all``: the soundness harness (see :mod:`symmech.mutate`)."""
from __future__ import annotations

import json
import sys

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def mutate(name: str = typer.Argument(..., help="derivation name, or 'all'"),
               as_json: bool = typer.Option(False, "--json", help="print JSON instead of a summary"),
               digits: int = typer.Option(30, "--digits", min=15, help="significant digits for mpmath checks"),
               samples: int = typer.Option(5, "--samples", min=1, help="parameter sample points per claim"),
               max_mutants: int = typer.Option(40, "--max-mutants", min=0,
                                               help="mutants to check per derivation (0: all)"),
               seed: int = typer.Option(0, "--seed", help="seed of the mutant sample"),
               certify_time: float = typer.Option(2.0, "--certify-time", min=0.1,
                                                  help="seconds for the interval certifier per check"),
               timeout: float = typer.Option(60.0, "--timeout", min=1.0,
                                             help="seconds per mutant before it counts as undecided"),
               details: bool = typer.Option(False, "--details", help="list every mutant (JSON: 'results')"),
               ) -> None:
        """Perturb every true claim of a derivation and check the mutants.

        Each mutant should be refuted.  Prints the kill rate per derivation;
        exit code 0 only when no mutant survived (came out confirmed without
        being shown equivalent or true), 2 for an unknown name.
        """
        from ..mutate import run
        from . import load_targets

        targets = load_targets(name)

        def progress(msg: str) -> None:
            sys.stderr.write(msg + "\n")
            sys.stderr.flush()

        reports = []
        for deriv in targets:
            progress(f"== {deriv.name}")
            reports.append(run(deriv, digits=digits, samples=samples, max_mutants=max_mutants or None,
                               seed=seed, certify_time=certify_time, timeout=timeout, progress=progress))
        if as_json:
            payload = [r.to_json(details) for r in reports]
            sys.stdout.write(json.dumps(payload if name == "all" else payload[0], indent=2) + "\n")
        else:
            for rep in reports:
                sys.stdout.write(rep.summary() + "\n")
                shown = rep.results if details else [r for r in rep.results
                                                     if r.outcome in ("survived", "undecided")]
                for r in shown:
                    sys.stdout.write(f"  {r.outcome:<10} {r.mutant.label}\n             {r.evidence[:300]}\n")
        survived = sum(len(r.survivors) for r in reports)
        if any(r.conflicts for r in reports):
            sys.stderr.write("SOUNDNESS CONFLICT while checking mutants: provers disagree (see details)\n")
        raise typer.Exit(0 if survived == 0 else 1)
