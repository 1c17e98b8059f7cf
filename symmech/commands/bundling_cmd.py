"""``symmech bundling finite FILE.toml`` / ``symmech bundling density EXPR``: is pure bundling optimal?

Haghpanah and Hartline, 'When Is Pure Bundling Optimal?' (2020), Thm. 1 and Prop. 1 (docs/bundling.md).
JSON: the record of docs/schema/result-1.json (command "bundling"), the report under ``extra.bundling``, every
exact number as {exact, latex, srepr, decimal, digits} (``bundling_check.number_json``).
Exit 0 when every answer is decided (condition proved or refuted, LP exact for finite laws), 4 (undecided)
otherwise, 2 for invalid input (the message names the problem); docs/cli.md.
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import sympy as sp
import tomllib
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from symmech.engine.exit_codes import ExitCode
from symmech.engine.records import envelope
from symmech.models.multigood.bundling import (
    BundlingError,
    FiniteLaw,
    Valuation,
    fmt_bundle,
)
from symmech.models.multigood.bundling_check import (
    check_density,
    check_finite,
    check_profile,
)
from symmech.models.multigood.bundling_density import IIDDensity, ProfileDensity
from symmech.models.parsing import ExpressionError, parse_expression, parse_number

from . import _console

app = typer.Typer(help="Is pure bundling optimal for a joint law? (Haghpanah-Hartline, Thm. 1)", no_args_is_help=True)


def register(parent: typer.Typer) -> None:
    parent.add_typer(app, name="bundling")


def load_finite(path: Path):
    """A FiniteLaw from a TOML file: ``goods = n`` and ``[[type]]`` tables with ``mass`` and ``values``
    (bundle -> value; bundles written as ``"1,2"``; numbers as strings or integers, exact)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise BundlingError(f"{path} is not UTF-8 text (byte {exc.start}: {exc.reason})") from None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise BundlingError(f"cannot read {path}: {exc}") from exc
    n = data.get("goods")
    if not isinstance(n, int) or n < 1:
        raise BundlingError("'goods' must be a positive integer")
    types, masses = [], []
    for k, t in enumerate(data.get("type", [])):
        if "mass" not in t or "values" not in t:
            raise BundlingError(f"type {k} needs 'mass' and 'values'")
        vals, keys = {}, {}
        for key, v in t["values"].items():
            try:
                b = frozenset(int(g) for g in str(key).split(",") if g.strip())
            except ValueError as exc:
                raise BundlingError(f"type {k}: bundle {key!r} is not a comma-separated list of goods") from exc
            if b in keys:
                # "1,2" and "2,1" (or " 1, 2") are one bundle: keeping either value silently would change the law
                raise BundlingError(f"type {k}: bundle keys {keys[b]!r} and {key!r} name the same bundle "
                                    f"{fmt_bundle(b)}; give each bundle once")
            keys[b] = key
            vals[b] = v if not isinstance(v, float) else str(v)
        try:
            types.append(Valuation(n, vals))
        except BundlingError as exc:
            raise BundlingError(f"type {k}: {exc}") from exc
        masses.append(t["mass"] if not isinstance(t["mass"], float) else str(t["mass"]))
    return FiniteLaw(types, masses)


def _print(report, as_json: bool, title: str, code: int) -> None:
    if as_json:
        record = envelope("bundling", title, ok=code == ExitCode.OK, exit_code=code,
                          extra={"bundling": report.to_json()})
        sys.stdout.write(json.dumps(record, indent=2) + "\n")
        return

    table = Table(title=escape(title), show_lines=True)
    table.add_column("question", max_width=50, overflow="fold")
    table.add_column("answer", max_width=110, overflow="fold")
    for qq, a in report.lines():
        table.add_row(escape(qq), escape(a))
    _console().print(table)


def _fail(exc: Exception, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(envelope("bundling", None, ok=False, exit_code=ExitCode.INVALID,
                                             error=str(exc))) + "\n")
    Console(stderr=True).print(f"[red]invalid input:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


@app.command("finite")
def finite_command(file: Path = typer.Argument(..., help="TOML model: goods = n, [[type]] mass = ..., values = {...}"),
                   as_json: bool = typer.Option(False, "--json", help="print JSON")) -> None:
    """A finite law: Thm. 1's condition (exact, with a witness), best bundle price, separate sales, exact menu LP
    (its menu when it beats pure bundling), Prop. 1's eps_max and witness."""
    try:
        law = load_finite(file)
    except BundlingError as exc:
        _fail(exc, as_json)
    rep = check_finite(law)
    code = ExitCode.OK if rep.condition in ("proved", "refuted") and rep.pb_optimal_by_lp is not None \
        else ExitCode.UNDECIDED
    _print(rep, as_json, str(file), code)
    raise typer.Exit(code)


@app.command("density")
def density_command(density: str = typer.Argument(..., help="density of one good in x, e.g. 'exp(-x)'"),
                    lo: str = typer.Option("0", "--lo", help="lower end of the support"),
                    hi: str = typer.Option("oo", "--hi", help="upper end of the support ('oo' = infinity)"),
                    goods: int = typer.Option(2, "--goods", min=2, max=6, help="number of i.i.d. goods"),
                    grid: int = typer.Option(40, "--grid", min=0, max=80,
                                             help="largest N of the N x N grid bracketing the optimal revenue "
                                                  "(refined 10, 20, 40, ... up to N until --tol is met; 0: skip)"),
                    tol: float = typer.Option(0.01, "--tol", help="target width of the optimal-revenue bracket"),
                    tail_tol: float = typer.Option(1e-3, "--tail-tol",
                                                   help="unbounded support: truncate where the revenue beyond the "
                                                        "box is at most this (the tail mass is then below it / T)"),
                    as_json: bool = typer.Option(False, "--json", help="print JSON")) -> None:
    """n i.i.d. additive goods with a density: condition proved/refuted, bundle price and revenue, separate sales,
    and for two goods the optimal revenue bracketed on a grid (lower: a menu on the true law; upper: an LP)."""
    x = sp.Symbol("x", positive=True)
    try:
        if not (math.isfinite(tol) and tol > 0):
            raise ValueError(f"--tol must be a positive number, got {tol}")
        if not (math.isfinite(tail_tol) and 0 < tail_tol < 1):
            raise ValueError(f"--tail-tol must be in (0, 1), got {tail_tol}")
        f = parse_expression(density, {"x": x})
        a = parse_number(lo)
        b = sp.oo if hi.strip() in ("oo", "inf") else parse_number(hi)
        dens = IIDDensity(f, x, a, b, goods)
    except (ExpressionError, BundlingError, ValueError) as exc:
        _fail(exc, as_json)
    rep = check_density(dens, grid=grid if goods == 2 else 0, tol=tol, tail_tol=tail_tol)
    code = ExitCode.OK if rep.condition in ("proved", "refuted") else ExitCode.UNDECIDED
    _print(rep, as_json, f"{goods} i.i.d. goods, density {density} on [{lo}, {hi}]", code)
    raise typer.Exit(code)


@app.command("profile")
def profile_command(density: str = typer.Argument(..., help="joint density g(s, r) of the base value s and a scalar "
                                                            "relative value r, e.g. '(1 + s*r)/(3/2 + 3/4)'"),
                    s_lo: str = typer.Option("1", "--s-lo"), s_hi: str = typer.Option("2", "--s-hi"),
                    r_lo: str = typer.Option("0", "--r-lo"), r_hi: str = typer.Option("1", "--r-hi"),
                    as_json: bool = typer.Option(False, "--json", help="print JSON")) -> None:
    """A joint density of (s, r): the condition (TP2 proof or an exact witness) and the optimal bundle price."""
    s, r = sp.Symbol("s", positive=True), sp.Symbol("r", nonnegative=True)
    try:
        g = parse_expression(density, {"s": s, "r": r})
        dens = ProfileDensity(g, s, r, (parse_number(s_lo), parse_number(s_hi)), (parse_number(r_lo), parse_number(r_hi)))
    except (ExpressionError, BundlingError, ValueError) as exc:
        _fail(exc, as_json)
    rep = check_profile(dens)
    code = ExitCode.OK if rep.condition in ("proved", "certified", "refuted") else ExitCode.UNDECIDED
    _print(rep, as_json, f"joint density {density}", code)
    raise typer.Exit(code)
