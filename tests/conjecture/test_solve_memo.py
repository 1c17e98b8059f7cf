"""worst_case._exact_solutions: a recurring contact system is solved once; the memoized solutions are
expressed in the new call's own (Dummy) unknowns."""
import sympy as sp

from symmech.conjecture import worst_case as W


def _system():
    x, y = sp.Dummy("x", positive=True), sp.Dummy("y")
    return [x ** 2 - 2, y - 3 * x], [x, y]


def test_memoized_solutions_use_the_callers_symbols(monkeypatch):
    W._SOLVE_MEMO.clear()
    eqs, unk = _system()
    first = W._exact_solutions(eqs, unk)
    assert first == [{unk[0]: sp.sqrt(2), unk[1]: 3 * sp.sqrt(2)}]
    calls = []
    monkeypatch.setattr(sp, "solve", lambda *a, **k: calls.append(a) or [])
    eqs2, unk2 = _system()
    again = W._exact_solutions(eqs2, unk2)
    assert not calls and again == [{unk2[0]: sp.sqrt(2), unk2[1]: 3 * sp.sqrt(2)}]
    # a different system (a changed constant) is not answered from the memo
    x, y = unk2
    assert W._exact_solutions([x ** 2 - 3, y - 3 * x], [x, y]) == [] and calls
