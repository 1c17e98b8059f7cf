"""Ready-made claims (the checks floor): one-good models in :mod:`symmech.checks.one_good` (re-exported here:
``symmech.checks.incentive_compatible`` ...), n-good models in :mod:`symmech.checks.multigood`
(``from symmech.checks import multigood as mc``)."""
from __future__ import annotations

from .one_good import *  # noqa: F401,F403 - the one-good builders are this package's public names
from .one_good import Envelope  # noqa: F401 - the kernel rule of the envelope argument
