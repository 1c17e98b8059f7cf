"""Tactics: the procedures that look for evidence -- exact provers, the interval certifier, exact and
float linear programs, sampling, falsification, and the scope (parameter boxes and defined roots) they
evaluate in.  A tactic never decides: it hands what it found to a rule of :mod:`symmech.kernel`."""
