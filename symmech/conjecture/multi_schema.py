"""Conjecture files with several bidders or several goods -> a validated :class:`AuctionConjecture` or
:class:`GoodsConjecture` (nothing is computed for an invalid file).

Several bidders (``bidders = I >= 2``, one good, values in ``[0, 1]``, each bidder's mean ``E v_i == mu`` or
``>= mu``) need the dependence stated: ``independent = false`` is the Markov set (any correlation; Koçyiğit
(2020), Ch. 1, Sec. 1.5), ``independent = true`` the i.i.d. set (independent values with one unknown common
marginal with that mean).  Mechanisms: ``auction = "second_price"`` with a deterministic ``reserve``, or
``auction = "highest_bidder_lottery"`` (the optimal lottery of Thm. 1.5.3 for the file's I and mu).

Several goods (``goods = J >= 2``, one buyer): known marginals ``marginal.1 = "uniform(0, 1)"`` or
``marginal.2 = {density = "2*theta", on = ["0", "1"]}`` with any joint law (Carroll 2017), or a box of values
``values = [["0", "1"], ["0", "2"]]`` with ``moments = []`` (every law on the box; revenue, or minimax regret as in
Koçyiğit (2020), Ch. 2).  Mechanisms: ``separate_prices = [...]`` or (box, revenue) ``bundle_price``.

Every refusal is one line naming the key and what is supported.
"""
from __future__ import annotations

from typing import Any, Mapping

import mpmath
import sympy as sp

from symmech.models.parsing import ExpressionError, parse_expression
from symmech.tactics.budget import within_budget
from .multi_types import AuctionConjecture, GoodsConjecture, Marginal
from .fields import _expr, _keys, _text, _type
from .types import ConjectureError, Implicit

__all__ = ["parse_multi"]

_AUCTION_MECH = {"auction", "reserve"}
_AUCTIONS = ("second_price", "highest_bidder_lottery")
AUCTION_CLASSES = ("all", "second_price", "highest_bidder_lotteries")
_GOODS_MECH = {"separate_prices", "bundle_price"}
_CLAIMS = {"revenue": ("guarantee", "guarantee_at_least", "value", "optimal"), "regret": ("value",)}
_MAX_BIDDERS = 300
_MAX_GOODS = 50


class _Constants:
    """The file's parameters (fixed values only) and definitions, substituted into every formula."""

    def __init__(self, parameters: Mapping, symbols: Mapping, definitions, what: str) -> None:
        ranged = [str(s) for s, d in parameters.items() if isinstance(d, sp.Interval)]
        if ranged:
            raise ConjectureError(f"[parameters].{ranged[0]}: parameter ranges are not supported with {what} yet; "
                                  "give a single value")
        self.symbols = dict(symbols)
        self.subs: dict = {s: d for s, d in parameters.items()}
        for sym, d in definitions:
            where = f"[definitions].{sym}"
            if isinstance(d, Implicit):
                if d.closed_form is None:
                    raise ConjectureError(f"{where}: with {what} an implicit definition needs a closed_form")
                d.value_at(sym, dict(self.subs), {}, _NoRanges())          # the closed form must be the root
                self.subs[sym] = d.closed_form.subs(self.subs)
            else:
                self.subs[sym] = sp.sympify(d).subs(self.subs)

    def number(self, value: Any, where: str) -> sp.Expr:
        """A formula of the file as an exact real number (parameters and definitions substituted)."""
        e = _expr(value, self.symbols, where).subs(self.subs)
        if e.free_symbols:
            raise ConjectureError(f"{where}: unknown symbol(s) {', '.join(sorted(map(str, e.free_symbols)))}")
        v = sp.N(e, 30)
        if not (v.is_number and v.is_real and v.is_finite):
            raise ConjectureError(f"{where}: {e} is not a finite real number")
        return e


class _NoRanges:
    free_parameters: tuple = ()


def _positive_int(model: Mapping, key: str, low: int, high: int, what: str) -> int:
    v = model.get(key, 1)
    if isinstance(v, bool) or not isinstance(v, int):
        raise ConjectureError(f"[model].{key}: expected an integer, got {v!r:.40}")
    if v < 1:
        raise ConjectureError(f"[model].{key} = {v}: expected a positive integer ({what})")
    if v > high:
        raise ConjectureError(f"[model].{key} = {v}: at most {high} are supported")
    return v


def _lt(a, b) -> bool:
    """a < b for exact real constants, decided at 40 digits (the inputs are validated numbers)."""
    return bool(sp.N(b - a, 40) > 0)


def _claims(data: Mapping, objective: str, classes: tuple, claims_required: bool, what: str,
            c: _Constants) -> tuple[list, str, bool]:
    claim = _type(data.get("claim", {}), dict, "[claim]", "a table")
    allowed = _CLAIMS[objective]
    _keys(claim, set(allowed) | {"optimal_among"}, "[claim]")
    among = _type(claim.get("optimal_among", "all"), str, "[claim].optimal_among", "a string")
    if among not in classes:
        raise ConjectureError(f"[claim].optimal_among: unknown class {among!r} for {what}; supported: "
                              + ", ".join(repr(x) for x in classes))
    if among != "all" and claims_required and not any(k in claim for k in ("optimal", "value")):
        raise ConjectureError("[claim].optimal_among: only meaningful with optimal or value (or alone in ask mode, "
                              "`symmech solve`, to choose the class answered)")
    out: list = []
    for key in allowed:
        if key not in claim:
            continue
        if key == "optimal":
            if _type(claim[key], bool, "[claim].optimal", "true or false"):
                out.append((key, True))
        else:
            out.append((key, c.number(claim[key], f"[claim].{key}")))
    if not out and claims_required:
        raise ConjectureError("[claim]: give at least one of " + ", ".join(allowed)
                              + " (or run `symmech solve FILE` to ask for the answer)")
    return out, among, "optimal_among" in claim


def parse_multi(data: Mapping, name: str, description: str, parameters: Mapping, symbols: Mapping, definitions,
                claims_required: bool):
    """The several-bidders or several-goods file ``data`` (parameters and definitions already parsed)."""
    model = data["model"]
    bidders = _positive_int(model, "bidders", 1, _MAX_BIDDERS, "the number of bidders; 1 = one buyer")
    goods = _positive_int(model, "goods", 1, _MAX_GOODS, "the number of goods")
    if bidders > 1 and goods > 1:
        raise ConjectureError(f"[model]: bidders = {bidders} and goods = {goods} at once are not supported; files take "
                              "several bidders for one good, or several goods for one buyer")
    if bidders > 1:
        c = _Constants(parameters, symbols, definitions, "several bidders")
        return _auction(data, name, description, bidders, c, claims_required)
    if "independent" in model:
        raise ConjectureError("[model].independent: only meaningful with bidders >= 2 (how the bidders' values depend)")
    vals = model.get("values")
    if goods == 1:
        if "marginal" in model:
            raise ConjectureError("[model].marginal: known marginals need goods >= 2 (one good with a known law has "
                                  "no ambiguity)")
        raise ConjectureError("[model].values: a list of ranges (one per good) needs goods = J >= 2; give [low, high] "
                              "for one good" if isinstance(vals, list) else "[model]: one good and one buyer")
    c = _Constants(parameters, symbols, definitions, "several goods")
    return _goods(data, name, description, goods, c, claims_required)


# --------------------------------------------------------------------------------------------------
def _auction(data, name, description, I, c: _Constants, claims_required) -> AuctionConjecture:
    model = data["model"]
    obj = model.get("objective", "revenue")
    if obj != "revenue":
        raise ConjectureError(f"[model].objective = {obj!r} with several bidders is not supported in files; only "
                              "'revenue' (the worst-case expected revenue of an auction)")
    if "cost" in model:
        raise ConjectureError("[model].cost: an item cost needs objective = 'regret' (one buyer)")
    if "marginal" in model:
        raise ConjectureError("[model].marginal: known marginals are for several goods; with several bidders give "
                              "the common mean in moments")
    if "independent" not in model:
        raise ConjectureError(f"[model].independent: several bidders (bidders = {I}) need the dependence stated: "
                              "independent = true (i.i.d. values, one unknown marginal with the given mean) or "
                              "independent = false (any correlation: the Markov set E v_i = mu)")
    iid = _type(model["independent"], bool, "[model].independent", "true or false")
    vals = _type(model.get("values", ["0", "1"]), list, "[model].values", "a list [low, high]")
    if len(vals) != 2 or isinstance(vals[0], list):
        raise ConjectureError("[model].values: with several bidders give one range [low, high] for every bidder")
    lo, hi = (c.number(v, f"[model].values[{i}]") for i, v in enumerate(vals))
    if sp.simplify(lo) != 0 or sp.simplify(hi - 1) != 0:
        raise ConjectureError(f"[model].values = [{lo}, {hi}]: several-bidder files support values in [0, 1] only "
                              "(the setting of Koçyiğit (2020), Ch. 1); rescale the model")
    if "moments" not in model:
        raise ConjectureError('[model].moments: give each bidder\'s mean, e.g. [["theta", "==", "1/2"]]')
    rows = _type(model["moments"], list, "[model].moments", "a list of [g, relation, value]")
    if len(rows) != 1:
        raise ConjectureError('[model].moments: several-bidder files take exactly one condition, each bidder\'s mean '
                              '[["theta", "==", "mu"]] (or ">=")' + (" (support-only sets are not supported)"
                                                                      if not rows else ""))
    row = _type(rows[0], list, "[model].moments[0]", "a list [g, relation, value]")
    if len(row) != 3:
        raise ConjectureError(f"[model].moments[0]: expected [g, relation, value], got {len(row)} entries")
    theta = sp.Symbol("theta", nonnegative=True)
    g = _expr(row[0], dict(c.symbols, theta=theta), "[model].moments[0][0]").subs(c.subs)
    if sp.simplify(g - theta) != 0:
        raise ConjectureError(f"[model].moments[0][0]: several-bidder files take each bidder's mean (g = theta), got "
                              f"{g}")
    rel = _type(row[1], str, "[model].moments[0][1]", "a relation string").strip()
    if rel not in ("==", ">="):
        raise ConjectureError(f"[model].moments[0][1]: relation {rel!r} is not supported with several bidders; use "
                              "'==' (known mean) or '>=' (the thesis's Markov set), which give the same answers")
    mu = c.number(row[2], "[model].moments[0][2]")
    if not (_lt(0, mu) and _lt(mu, 1)):
        raise ConjectureError(f"[model].moments[0]: E[theta] {rel} {mu} is impossible or trivial on [0, 1]: the mean "
                              "must lie strictly between 0 and 1")
    mech_raw = data.get("mechanism")
    mechanism: dict = {"kind": None}
    if mech_raw is not None:
        _type(mech_raw, dict, "[mechanism]", "a table")
        other = sorted(set(mech_raw) - _AUCTION_MECH)
        if other:
            raise ConjectureError(f"[mechanism]: unknown key(s) {', '.join(repr(k) for k in other)} with several "
                                  f"bidders; allowed: auction = " + " | ".join(repr(a) for a in _AUCTIONS)
                                  + ", reserve (with second_price)")
        kind = _type(mech_raw.get("auction"), str, "[mechanism].auction", "a string") \
            if "auction" in mech_raw else None
        if kind not in _AUCTIONS:
            raise ConjectureError(f"[mechanism].auction: unknown or missing auction {kind!r}; supported: "
                                  + ", ".join(repr(a) for a in _AUCTIONS) + " (random reserves and posted prices with "
                                  "several bidders are not supported in files)")
        mechanism = {"kind": kind}
        if kind == "second_price":
            r = c.number(mech_raw.get("reserve", "0"), "[mechanism].reserve")
            if _lt(r, 0) or _lt(1, r):
                raise ConjectureError(f"[mechanism].reserve = {r}: a reserve must lie in [0, 1] (the values' range)")
            mechanism["reserve"] = r
        elif "reserve" in mech_raw:
            raise ConjectureError("[mechanism].reserve: only with auction = 'second_price' (the highest-bidder lottery "
                                  "of Thm. 1.5.3 has its own parameters)")
    claims, among, given = _claims(data, "revenue", AUCTION_CLASSES, claims_required, "several bidders", c)
    if mechanism["kind"] == "highest_bidder_lottery" and among == "second_price" and \
            any(k == "optimal" for k, _ in claims):
        raise ConjectureError("[claim].optimal_among = 'second_price' with optimal = true needs auction = "
                              "'second_price' (the highest-bidder lottery is not a second-price auction)")
    if any(k != "value" for k, _ in claims) and mech_raw is None:
        raise ConjectureError("missing section [mechanism]: the claims guarantee, guarantee_at_least and optimal are "
                              "about a mechanism")
    _numerics(data)
    return AuctionConjecture(name=name, description=description, I=I, mu=mu, relation=rel, iid=iid,
                             mechanism=mechanism, claims=claims, among=among, among_given=given,
                             has_mechanism=mech_raw is not None)


def _numerics(data) -> None:
    if "numerics" in data:
        raise ConjectureError("[numerics]: not used with several bidders or goods (every answer is exact or a "
                              "proved bracket)")


# --------------------------------------------------------------------------------------------------
_UNIFORM = sp.Function("uniform")


def _marginal(raw: Any, where: str, c: _Constants) -> Marginal:
    """``"uniform(a, b)"`` or ``{density = f(theta), on = [a, b]}``: a law with a density on ``[a, b]``, ``a >= 0``."""
    x = sp.Symbol("theta", nonnegative=True)
    if isinstance(raw, dict):
        _keys(raw, {"density", "on"}, where)
        if "density" not in raw or "on" not in raw:
            raise ConjectureError(f'{where}: give density and on, e.g. {{density = "2*theta", on = ["0", "1"]}}')
        on = _type(raw["on"], list, f"{where}.on", "a list [low, high]")
        if len(on) != 2:
            raise ConjectureError(f"{where}.on: expected [low, high]")
        a, b = (c.number(v, f"{where}.on[{i}]") for i, v in enumerate(on))
        f = _expr(raw["density"], dict(c.symbols, theta=x), f"{where}.density").subs(c.subs)
        text = f"density {f} on [{a}, {b}]"
    else:
        s = _text(raw, where)
        try:
            e = parse_expression(s, c.symbols, functions={"uniform": _UNIFORM})
        except ExpressionError as exc:
            raise ConjectureError(f'{where}: {exc} (a marginal is "uniform(a, b)" or a table {{density = "...", '
                                  f"on = [a, b]}})") from None
        if not (isinstance(e, sp.Function) and e.func == _UNIFORM and len(e.args) == 2):
            raise ConjectureError(f'{where}: expected "uniform(a, b)" or a table {{density = "...", on = [a, b]}}, '
                                  f"got {s!r:.60}")
        a, b = (sp.sympify(v).subs(c.subs) for v in e.args)
        if (a.free_symbols or b.free_symbols) or not (sp.N(a).is_real and sp.N(b).is_real):
            raise ConjectureError(f"{where}: uniform(a, b) needs two real numbers a < b")
        f = 1 / (b - a)
        text = f"uniform({a}, {b})"
    if _lt(a, 0):
        raise ConjectureError(f"{where}: values must be >= 0 (the support starts at {a})")
    if not _lt(a, b):
        raise ConjectureError(f"{where}: empty support [{a}, {b}]")
    if sp.sympify(f).free_symbols - {x}:
        raise ConjectureError(f"{where}: the density may use theta only, got {f}")
    if sp.sympify(f).has(sp.Min, sp.Max, sp.Abs, sp.Piecewise):
        raise ConjectureError(f"{where}: piecewise densities (min, max, abs) are not supported; give one analytic "
                              "formula on the support")
    fn = sp.lambdify(x, f, modules="mpmath")
    with mpmath.workdps(30):
        A, B = mpmath.mpf(str(sp.N(a, 40))), mpmath.mpf(str(sp.N(b, 40)))
        for k in range(1, 96):
            y = A + (B - A) * k / 96
            try:
                v = mpmath.mpmathify(fn(y))
            except Exception:       # noqa: BLE001 - any failure is "not a density"
                v = mpmath.mpc(0, 1)
            if isinstance(v, mpmath.mpc) or not mpmath.isfinite(v):
                raise ConjectureError(f"{where}: the density {f} is not a finite real number at theta = "
                                      f"{mpmath.nstr(y, 8)}; it is not a law")
            if v <= 0:
                raise ConjectureError(f"{where}: the density {f} is {'negative' if v < 0 else 'zero'} at theta = "
                                      f"{mpmath.nstr(y, 8)}; a marginal must be a law with a density positive inside "
                                      f"its support [{a}, {b}]")
    t = sp.Symbol("t", nonnegative=True)
    F = within_budget(lambda: sp.simplify(sp.integrate(f.subs(x, t), (t, a, x))), 10.0)
    if F is None or F.has(sp.Integral):
        raise ConjectureError(f"{where}: cannot integrate the density {f} exactly (in 10 s); give a density with an "
                              "elementary antiderivative")
    mass = within_budget(lambda: sp.simplify(F.subs(x, b)), 10.0)
    if mass is None or sp.simplify(mass - 1) != 0:
        raise ConjectureError(f"{where}: the density {f} on [{a}, {b}] has total mass {mass}, not 1; it is not a law")
    return Marginal(a=a, b=b, density=sp.sympify(f), cdf=F, var=x, text=text)


def _goods(data, name, description, J, c: _Constants, claims_required) -> GoodsConjecture:
    model = data["model"]
    obj = model.get("objective", "revenue")
    if obj not in ("revenue", "regret"):
        raise ConjectureError(f"[model].objective = {obj!r} with several goods is not supported in files; supported: "
                              "'revenue' (known marginals or a box of values) and 'regret' (a box [0, v_bar_j])")
    marg_raw = model.get("marginal")
    if marg_raw is not None:
        if obj != "revenue":
            raise ConjectureError("[model].marginal: known marginals are supported with objective = 'revenue' only")
        _type(marg_raw, dict, "[model].marginal", "a table marginal.1, marginal.2, ...")
        want = {str(j) for j in range(1, J + 1)}
        if set(marg_raw) != want:
            raise ConjectureError(f"[model].marginal: give marginal.1 ... marginal.{J} (one law per good), got "
                                  + ", ".join(sorted(map(str, marg_raw))))
        for key in ("values", "moments", "cost"):
            if key in model and not (key == "moments" and model[key] == []):
                raise ConjectureError(f"[model].{key}: not used with known marginals (each good's law is given)")
        margs = [_marginal(marg_raw[str(j)], f"[model].marginal.{j}", c) for j in range(1, J + 1)]
        boxes = [(m.a, m.b) for m in margs]
        set_name, costs = "known-marginals", [sp.Integer(0)] * J
    else:
        if "values" not in model:
            raise ConjectureError(f"[model]: several goods (goods = {J}) need known marginals (marginal.1 = "
                                  '"uniform(0, 1)", ...) or a box of values (values = [["0", "1"], ...], moments = [])')
        vals = _type(model["values"], list, "[model].values", "a list of [low, high], one per good")
        if len(vals) != J or not all(isinstance(v, list) and len(v) == 2 for v in vals):
            raise ConjectureError(f"[model].values: with goods = {J} give {J} ranges [low, high], one per good")
        boxes = []
        for j, (lo_raw, hi_raw) in enumerate(vals):
            lo, hi = c.number(lo_raw, f"[model].values[{j}][0]"), c.number(hi_raw, f"[model].values[{j}][1]")
            if _lt(lo, 0) or not _lt(lo, hi):
                raise ConjectureError(f"[model].values[{j}]: need 0 <= low < high, got [{lo}, {hi}]")
            boxes.append((lo, hi))
        if model.get("moments", []) != []:
            raise ConjectureError("[model].moments: per-good moment sets (Che and Zhong) are not supported in files yet; "
                                  "give moments = [] (every law on the box) or known marginals")
        margs, set_name = [], "box"
        cost_raw = model.get("cost", "0")
        cost_list = cost_raw if isinstance(cost_raw, list) else [cost_raw] * J
        if len(cost_list) != J:
            raise ConjectureError(f"[model].cost: give one cost or {J} costs (one per good)")
        if obj != "regret" and "cost" in model:
            raise ConjectureError("[model].cost: an item cost needs objective = 'regret'")
        costs = [c.number(x, f"[model].cost[{j}]") for j, x in enumerate(cost_list)]
        if obj == "regret":
            for j, ((lo, hi), cj) in enumerate(zip(boxes, costs)):
                if sp.simplify(lo) != 0:
                    raise ConjectureError(f"[model].values[{j}]: minimax regret with several goods needs values "
                                          f"[0, v_bar] (Koçyiğit (2020), Ch. 2), got [{lo}, {hi}]")
                if _lt(cj, 0) or not _lt(cj, hi):
                    raise ConjectureError(f"[model].cost[{j}]: need 0 <= cost < v_bar = {hi}, got {cj}")
    mech_raw = data.get("mechanism")
    mechanism: dict = {"kind": None}
    if mech_raw is not None:
        _type(mech_raw, dict, "[mechanism]", "a table")
        other = sorted(set(mech_raw) - _GOODS_MECH)
        if other or len(mech_raw) != 1:
            raise ConjectureError("[mechanism]: with several goods give exactly one of separate_prices = [p_1, ..., "
                                  "p_J] or bundle_price = p" + (f" (unknown: {', '.join(map(repr, other))})"
                                                                 if other else ""))
        if obj == "regret":
            raise ConjectureError("[mechanism]: minimax-regret files with several goods take no mechanism (ask for "
                                  "the value: separate Bergemann-Schlag prices are optimal)")
        if "separate_prices" in mech_raw:
            prices = _type(mech_raw["separate_prices"], list, "[mechanism].separate_prices", "a list of prices")
            if len(prices) != J:
                raise ConjectureError(f"[mechanism].separate_prices: give {J} prices, one per good")
            ps = [c.number(p, f"[mechanism].separate_prices[{j}]") for j, p in enumerate(prices)]
            for j, p in enumerate(ps):
                if _lt(p, 0):
                    raise ConjectureError(f"[mechanism].separate_prices[{j}] = {p}: a price must be >= 0")
            mechanism = {"kind": "separate", "prices": ps}
        else:
            if set_name != "box":
                raise ConjectureError("[mechanism].bundle_price with known marginals is not supported (the worst case "
                                      "over couplings of P(sum of values >= p) is not wired); use separate_prices")
            p = c.number(mech_raw["bundle_price"], "[mechanism].bundle_price")
            if _lt(p, 0):
                raise ConjectureError(f"[mechanism].bundle_price = {p}: a price must be >= 0")
            mechanism = {"kind": "bundle", "price": p}
    claims, among, given = _claims(data, obj, ("all",), claims_required, "several goods", c)
    if any(k != "value" for k, _ in claims) and mech_raw is None:
        raise ConjectureError("missing section [mechanism]: the claims guarantee, guarantee_at_least and optimal are "
                              "about a mechanism")
    _numerics(data)
    return GoodsConjecture(name=name, description=description, J=J, objective=obj, set_name=set_name,
                           marginals=margs, boxes=boxes, costs=costs, mechanism=mechanism, claims=claims,
                           among=among, among_given=given, has_mechanism=mech_raw is not None)
