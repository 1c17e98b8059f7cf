"""``symmech mutate NAME|all``: the soundness harness (see :mod:`symmech.harness.mutate`)."""
from __future__ import annotations

import json
import sys
import time

import typer

from symmech.engine import registry
from symmech.harness.mutate import run as run_mutants
from symmech.harness.mutate_hints import run as run_hint_mutants
from symmech.harness.vacuity import run as run_vacuity
from symmech.engine.parallel import Executor, ExecutorError
from symmech.engine.records import envelope
from . import load_targets


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
               jobs: int = typer.Option(1, "--jobs", "-j", min=1,
                                        help="local processes, one derivation each (for 'all')"),
               dask: str = typer.Option(None, "--dask", help="run the derivations on the Dask scheduler at "
                                                             "this address (tcp://host:port)"),
               hints: bool = typer.Option(False, "--hints", help="mutate the hints instead (root images, "
                                                                  "inverses, brackets, rewrites, routes): each "
                                                                  "mutated hint must fail its check"),
               vacuity: bool = typer.Option(False, "--vacuity", help="perturb the model instead of the claims "
                                                                      "(laws, mechanisms, constants, parameter "
                                                                      "ranges): report the claims that hold under "
                                                                      "every perturbation (vacuous?)"),
               max_paths: int = typer.Option(10, "--max-paths", min=1,
                                             help="with --vacuity: parts perturbed per model value"),
               max_runs: int = typer.Option(0, "--max-runs", min=0,
                                            help="with --vacuity: perturbed module runs per derivation (0: all)"),
               depth: int = typer.Option(0, "--depth", min=0,
                                         help="with --vacuity: levels of conjunctions (AllOf) whose parts are "
                                              "judged separately (0: whole claims)"),
               ) -> None:
        """Perturb every true claim of a derivation and check the mutants.

        Each mutant should be refuted.  Prints the kill rate per derivation;
        exit code 0 only when no mutant survived (came out confirmed without
        being shown equivalent or true), 2 for an unknown name.

        With --vacuity the model is perturbed instead and every claim should be
        refuted by some perturbation; exit code 0 only when no claim is vacuous?
        (holds under every perturbation that reaches it, or none reaches it).
        """
        targets = load_targets(name)
        if hints:
            raise typer.Exit(_hints(targets, digits, samples, as_json))

        def progress(msg: str) -> None:
            sys.stderr.write(msg + "\n")
            sys.stderr.flush()

        if vacuity:
            vkw = dict(digits=digits, samples=samples, certify_time=certify_time, timeout=timeout,
                       max_paths=max_paths, max_runs=max_runs or None, depth=depth, details=details)
            raise typer.Exit(_vacuity(targets, vkw, as_json, jobs, dask, progress))

        kwargs = dict(digits=digits, samples=samples, max_mutants=max_mutants or None, seed=seed,
                      certify_time=certify_time, timeout=timeout, details=details)
        if jobs > 1 or dask:
            outcomes = _parallel(targets, kwargs, jobs, dask, progress)
        else:
            outcomes = []
            for deriv in targets:
                progress(f"== {deriv.name}")
                outcomes.append(_outcome(deriv, kwargs, progress))
        survived = sum(o["survived"] for o in outcomes)
        code = 0 if survived == 0 else 1
        if as_json:
            payload = [o["json"] for o in outcomes]
            _emit(name, code, payload if name == "all" else payload[0])
        else:
            for o in outcomes:
                sys.stdout.write(o["text"])
        if any(o["conflicts"] for o in outcomes):
            sys.stderr.write("SOUNDNESS CONFLICT while checking mutants: provers disagree (see details)\n")
        raise typer.Exit(code)


def _emit(name: str, code: int, payload) -> None:
    """The one JSON record (docs/schema/result-1.json, command "mutate"), the harness's report under extra.mutate."""
    sys.stdout.write(json.dumps(envelope("mutate", name, ok=code == 0, exit_code=code, extra={"mutate": payload}),
                                indent=2) + "\n")


def _outcome(deriv, kwargs: dict, progress=None) -> dict:
    """Run the harness on one derivation; what the command prints, as plain data (picklable)."""
    details = kwargs["details"]
    rep = run_mutants(deriv, progress=progress, **{k: v for k, v in kwargs.items() if k != "details"})
    lines = [rep.summary() + "\n"]
    shown = rep.results if details else [r for r in rep.results if r.outcome in ("survived", "undecided")]
    for r in shown:
        lines.append(f"  {r.outcome:<10} {r.mutant.label}\n             {r.evidence[:300]}\n")
    return {"json": rep.to_json(details), "text": "".join(lines), "survived": len(rep.survivors),
            "conflicts": bool(rep.conflicts)}


def _task(name: str, kwargs: dict) -> dict:
    return _outcome(registry.load(name), kwargs)


def _parallel(targets, kwargs: dict, jobs: int, dask, progress) -> list[dict]:
    """The derivations' outcomes in order, computed on ``jobs`` processes or a Dask cluster."""
    executor = Executor(jobs, dask)
    out = []
    try:
        for i, o in executor.ordered(_task, [(d.name, kwargs) for d in targets]):
            progress(f"== {targets[i].name}: {o['text'].splitlines()[0]}")
            out.append(o)
    except ExecutorError as exc:
        sys.stderr.write(f"error: {exc}\n")
        raise typer.Exit(2)
    return out


def _hints(targets, digits: int, samples: int, as_json: bool) -> int:
    """The hint mutation harness (:mod:`symmech.harness.mutate_hints`); 0 when every mutated hint was caught."""
    payload, survived = [], 0
    for deriv in targets:
        results = run_hint_mutants(deriv, digits=min(digits, 20), samples=min(samples, 3))
        caught = sum(m.killed for m in results)
        survived += len(results) - caught
        payload.append({"derivation": deriv.name, "mutants": len(results), "caught": caught,
                        "results": [m.__dict__ for m in results]})
        if not as_json:
            sys.stdout.write(f"{deriv.name}: {caught}/{len(results)} hint mutants caught\n")
            for m in results:
                if not m.killed:
                    sys.stdout.write(f"  SURVIVED {m.operator} {m.target}: {m.description} ({m.status})\n")
    code = 0 if survived == 0 else 1
    if as_json:
        _emit(",".join(d.name for d in targets), code, payload)
    return code


# --------------------------------------------------------------------------------------------------
# --vacuity
# --------------------------------------------------------------------------------------------------
def _vacuity_outcome(deriv, kwargs: dict, progress=None) -> dict:
    """The vacuity harness on one derivation (:mod:`symmech.harness.vacuity`), as plain data (picklable)."""
    details = kwargs["details"]
    rep = run_vacuity(deriv, progress=progress, **{k: v for k, v in kwargs.items() if k != "details"})
    return {"json": rep.to_json(), "text": "\n".join(rep.lines(details)) + "\n", "vacuous": rep.vacuous,
            "review": rep.review, "claims": len(rep.claims), "failed": rep.failed}


def _vacuity_task(name: str, kwargs: dict) -> dict:
    return _vacuity_outcome(registry.load(name), kwargs)


def _vacuity(targets, kwargs: dict, as_json: bool, jobs: int, dask, progress) -> int:
    """Run the vacuity harness on every target; 0 when no claim is vacuous? and the harness ran on each."""
    t0 = time.perf_counter()
    if jobs > 1 or dask:
        executor = Executor(jobs, dask)
        outcomes = []
        try:
            for i, o in executor.ordered(_vacuity_task, [(d.name, kwargs) for d in targets]):
                progress(f"== {targets[i].name}: {o['text'].splitlines()[0]}")
                outcomes.append(o)
        except ExecutorError as exc:
            sys.stderr.write(f"error: {exc}\n")
            return 2
    else:
        outcomes = []
        for deriv in targets:
            progress(f"== {deriv.name} (vacuity)")
            outcomes.append(_vacuity_outcome(deriv, kwargs, progress))
    vacuous = [v for o in outcomes for v in o["vacuous"]]
    failed = [o for o in outcomes if o["failed"]]
    code = 0 if not vacuous and not failed else 1
    if as_json:
        payload = {"vacuous": vacuous, "review": [v for o in outcomes for v in o["review"]],
                   "failed": [o["json"]["derivation"] for o in outcomes if o["failed"]],
                   "claims": sum(o["claims"] for o in outcomes), "seconds": round(time.perf_counter() - t0, 2),
                   "derivations": [o["json"] for o in outcomes]}
        _emit(",".join(d.name for d in targets), code, payload)
    else:
        for o in outcomes:
            sys.stdout.write(o["text"])
        if len(outcomes) > 1:
            sys.stdout.write(f"total: {len(vacuous)} vacuous? of {sum(o['claims'] for o in outcomes)} claims\n")
    for o in failed:
        sys.stderr.write(f"error: {o['text'].splitlines()[0]}\n")
    return code
