"""Discretized LPs (SciPy HiGHS) for robust mechanism design, with brackets for the continuum."""
from symmech.tactics.lp._common import (
    ExactG,
    LPError,
    LPSize,
    MomentCondition,
    mean_condition,
    mean_conditions_2d,
    power_condition,
    repair_distribution,
    sqrt_condition,
)
from symmech.tactics.lp.one_good import (
    MaxMinLP,
    RefinedMaxMin,
    StepGuarantee,
    WorstCaseLP,
    best_posted_price,
    maxmin_posted_price,
    refined_maxmin_posted_price,
    step_payment_guarantee,
    worst_case_revenue,
)
from symmech.tactics.lp.two_goods import (
    TwoGoodLP,
    best_response_two_goods,
    comonotone_law,
    maxmin_two_goods_menu,
    product_law,
)

__all__ = ["LPError", "LPSize", "MomentCondition", "mean_condition", "mean_conditions_2d",
           "repair_distribution", "MaxMinLP", "StepGuarantee", "WorstCaseLP", "best_posted_price",
           "maxmin_posted_price", "step_payment_guarantee", "worst_case_revenue", "TwoGoodLP",
           "best_response_two_goods", "comonotone_law", "maxmin_two_goods_menu", "product_law",
           "ExactG", "power_condition", "sqrt_condition", "RefinedMaxMin", "refined_maxmin_posted_price"]
