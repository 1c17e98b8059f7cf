"""Models: types, laws, ambiguity sets, mechanisms and objectives -- one good at this level, several goods
in :mod:`symmech.models.multigood`, several bidders in :mod:`symmech.models.auctions`, regret and ratio
objectives in :mod:`symmech.models.regret` -- and the whitelisted expression parser files are read with."""
