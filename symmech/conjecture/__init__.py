"""Conjectures: TOML files a researcher writes, checked into verdicts.

``symmech check FILE.toml`` parses the file (:mod:`.schema`, whitelist parser
only), builds the exact one-good model at each parameter point (:mod:`.model`),
computes the exact worst case of the mechanism with a dual certificate and a
counterexample law (:mod:`.worst_case`), brackets the max-min value with the
grid LP made exact on both ends (:mod:`.maxmin`), turns claims into verdicts
(:mod:`.evaluate`), sweeps parameters on local processes or Dask (:mod:`.sweep`)
and reports (:mod:`.report`).  Claims that hold at every point are then stated for
every parameter value and checked by the core provers (:mod:`.proofs`, :mod:`.upgrade`);
``value``/``optimal`` use the closed-form saddle point where it exists (:mod:`.saddle`,
refutations with readable mechanisms in :mod:`.refute`).  Ask mode (``symmech solve``) is
:mod:`.ask`; minimax-regret files :mod:`.regret_files`; LaTeX write-ups :mod:`.writeup`;
comparisons under a budget :mod:`.exact`; the memory cap :mod:`.limits`.  Several bidders (the Markov and the
i.i.d. sets) and several goods (known marginals, a box) are read by :mod:`.multi_schema` into :mod:`.multi_types`
and answered by :mod:`.auction_files` (:mod:`.auction_math`, :mod:`.auction_iid`) and :mod:`.goods_files`.
See docs/conjectures.md.
"""
from .schema import Conjecture, ConjectureError, Instance, load, loads
from .sweep import SweepError
from .report import ConjectureReport, check_conjecture, check_file

__all__ = ["Conjecture", "ConjectureError", "ConjectureReport", "Instance", "SweepError", "check_conjecture",
           "check_file", "load", "loads"]
