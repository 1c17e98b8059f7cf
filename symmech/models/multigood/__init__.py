"""Multi-good (and multi-period) models: types in R^n, laws on them, mechanisms, claims.

Stable API (used by other derivations):

* types:          :func:`value_vars`, :class:`Box`
* distributions:  :class:`LineDistribution`, :func:`ray`, :func:`comonotone`,
                  :class:`ProductDistribution`, :class:`AtomicDistribution`,
                  :class:`MixtureDistribution`, :func:`affine_image`
* ambiguity sets: :class:`MultiAmbiguitySet` (``.means``, ``.subset_sums``, ``.with_condition``)
* mechanisms:     :class:`Block`, :class:`PartitionedSale` (``.separate_sales``,
                  ``.pure_bundling``, ``.k_bundled``), :class:`Menu`, :class:`ConvexUtilityMechanism`
* claims:         ``symmech.checks.multigood`` (the checks floor) -- ``hessian_psd``, ``gradient_bounds``,
                  ``payment_identity``, ``incentive_compatible``, ``individually_rational``,
                  ``feasible_allocation``, ``in_ambiguity_set``, ``support_contains``,
                  ``revenue``, ``revenue_equals``, ``dual_certificate``,
                  ``complementary_slackness``, ``seller_bound_on_ray``, ``saddle_point``
* curves:         :func:`curve_seller_bound` (seller bound against a law on a non-ray curve)
"""
from __future__ import annotations

from symmech.models.multigood.ambiguity import MultiAmbiguitySet
from symmech.models.multigood.curve import curve_seller_bound
from symmech.models.multigood.distributions import (
    AtomicDistribution,
    LineDistribution,
    MixtureDistribution,
    MultiDistribution,
    ProductDistribution,
    affine_image,
    comonotone,
    ray,
)
from symmech.models.multigood.mechanisms import (
    Block,
    ConvexUtilityMechanism,
    Menu,
    MultiMechanismError,
    PartitionedSale,
)
from symmech.models.multigood.types import Box, value_vars

__all__ = ["AtomicDistribution", "Block", "Box", "ConvexUtilityMechanism", "LineDistribution", "Menu",
           "MixtureDistribution", "MultiAmbiguitySet", "MultiDistribution", "MultiMechanismError",
           "PartitionedSale", "ProductDistribution", "affine_image", "comonotone", "curve_seller_bound", "ray", "value_vars"]
