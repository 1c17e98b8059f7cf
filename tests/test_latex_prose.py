"""Text in LaTeX documents: program output and notes as prose with mathematics typeset as mathematics,
hand-written formulas repaired and broken, and the sentence that says how a verdict was reached."""
from __future__ import annotations

import sympy as sp

from symmech.engine.cache import verdict_from_dict
from symmech.reports.latex_math import balanced, display, sanitize
from symmech.reports.latex_proof import explain
from symmech.reports.latex_prose import Names, escape, prose, value

k, kt = sp.symbols("k kt", positive=True)
NAMES = Names({kt: r"\tilde{k}"}, [k, kt], code=["uniq_two_point_law"])


def test_python_reprs_become_mathematics():
    assert prose("kt in Interval.open(0, 1)", NAMES) == r"$\tilde{k} \in (0, 1)$"
    assert value("[('3/5', '1/2')]", NAMES) == r"[(\tfrac{3}{5},\allowbreak\ \tfrac{1}{2})]"
    assert value("kt*(1 - log(kt))", NAMES) == r"\tilde{k}\,(1 - \ln(\tilde{k}))"
    assert value("LambertW(-k*exp(-1), -1)", NAMES) == r"W_{-1}(-k\,\exp(-1))"
    out = prose("t(Fraction(1, 1), Fraction(3, 4)) = 1 at v = ('1', '1/2')", NAMES)
    assert "Fraction" not in out and "'" not in out and r"v = (1,\allowbreak\ \tfrac{1}{2})" in out
    assert prose("phi = z^2 and x**3", NAMES) == r"$\phi = {z}^{2}$ and $x^{3}$"
    assert prose("{('0', '1'): '1/5'}", NAMES) == r"$\{(0,\allowbreak\ 1) \mapsto \tfrac{1}{5}\}$"


def test_words_stay_text_and_sentences_keep_their_spaces():
    text = "Thm. 1's condition does not hold; a random menu, e.g. the max-min one (see uniq_two_point_law)"
    out = prose(text, NAMES)
    assert "$" not in out
    assert "Thm. 1's condition does not hold" in out
    assert r"\texttt{uniq\_two\_point\_law}" in out.replace(r"\allowbreak{}", "")
    assert value("Thm. 1's condition does not hold", NAMES) is None


def test_numbers_and_labels():
    assert prose("Prop. 3.4 and spec R16", NAMES) == "Prop. 3.4 and spec R16"
    assert prose("Secs. 2-5, eqs. (4)-(5) and (12)", NAMES) == "Secs. 2-5, eqs. (4)-(5) and (12)"
    assert prose("gains 3/4", NAMES) == r"gains $\tfrac{3}{4}$"
    out = prose("[-0.2053505397359207463366466 +/- 4.02e-26]", NAMES)
    assert r"\pm 4.02 \cdot 10^{-26}" in out and r"\allowbreak" in out


def test_specials_and_unicode_are_escaped():
    assert escape("50% & #1 ~ $x$ {a_b}") == r"50\% \& \#1 \~{} \$x\$ \{a\_\allowbreak{}b\}"
    assert escape("≤ ∞ α Koçyiğit ✓") == r"$\le$ $\infty$ $\alpha$ Koçyiğit ?"
    assert prose("x < y > z | w", NAMES).count(r"\textless{}") + prose("x < y", NAMES).count("<") >= 1


def test_author_math_in_dollars_is_kept():
    assert prose(r"the law $F^{\tilde k}$ is worst", NAMES) == r"the law $F^{\tilde k}$ is worst"


def test_sanitize_repairs_what_stops_pdflatex():
    assert sanitize(r"x > 0\ \text{(p1510_gap_below)}") == r"x > 0\ \text{(p1510\_gap\_below)}"
    assert sanitize(r"\text{$a_1$ and b_2}") == r"\text{$a_1$ and b\_2}"
    assert sanitize("x ≤ α") == r"x \le  \alpha "
    assert sanitize("exactly one root of g in (0, 1)") == r"\text{exactly one root of} g in (0, 1)"
    assert sanitize(r"50% \frac{a}{b}") == r"50\% \frac{a}{b}"
    assert balanced(r"\{a\} {b}") and not balanced("{a")


def test_long_formulas_break_at_their_separators():
    long = r",\ ".join(rf"\alpha_{{{i}}} = \frac{{{i}}}{{{i + 1}}} + \beta_{{{i}}}" for i in range(12))
    out = display(long)
    assert r"\fitmath" not in out and out.count(r"$\displaystyle") == 12
    assert display(r"x = 1").startswith(r"\fitmath{x = 1}")
    assert r"\texttt" in display(r"\frac{a}{b")           # unbalanced: shown as text, never a LaTeX error


def _v(**d):
    d.setdefault("method", "symbolic")
    return verdict_from_dict(d)


def test_a_proof_says_what_it_rests_on():
    s, needed = explain(_v(status="proved", rule="exact-zero", detail="simplifies to 0; mpmath agrees at 9 points "
                                                                        "at 50 digits"))
    assert "simplifies to 0 (SymPy" in s and "at 9 points to 50 significant digits" in s and not needed
    s, needed = explain(_v(status="certified", rule="interval-enclosure", method="interval(arb)",
                           detail="f >= 0 certified on x in [0, 1]: 12 boxes (natural: 12); smallest proven lower "
                                  "bound 0.003; 40 boxes examined in 0.3s at 128 bits"))
    assert "interval arithmetic (Arb) on 12 boxes" in s and "128 bits" in s and needed
    s, _ = explain(_v(status="proved", rule="lp-duality", detail="x"))
    assert "primal and a dual" in s and "exact rational" in s
    for rule in ("exact-sign", "monotone", "finite-exhaustion", "conjunction", "route", "combination", "envelope",
                 "replay", "exact-real-roots", "continuity", "checked-hint"):
        s, _ = explain(_v(status="proved", rule=rule, detail="d"))
        assert rule in s and "Proof" in s
    s, _ = explain(_v(status="confirmed", detail="mpmath agrees at 9 points at 50 digits", digits=50))
    assert s.startswith("Evidence, not a proof") and "9 points" in s
    s, _ = explain(_v(status="refuted", method="exact", detail="lhs - rhs = -0.2 != 0 at k = 1/2; rechecked at "
                                                              "the exact point: -1/5 (exact rational value)"))
    assert "rechecked at its exact point in exact arithmetic" in s
    assert explain(_v(status="undecided", method="error", detail="boom"))[0].startswith("Undecided")
