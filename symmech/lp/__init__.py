"""Discretized LPs (SciPy HiGHS) for robust mechanism design, with brackets for the continuum."""
from ._common import (LPError, LPSize, MomentCondition, mean_condition, mean_conditions_2d,
                      repair_distribution)
from .one_good import (MaxMinLP, StepGuarantee, WorstCaseLP, best_posted_price, maxmin_posted_price,
                       step_payment_guarantee, worst_case_revenue)
from .two_goods import (TwoGoodLP, best_response_two_goods, comonotone_law, maxmin_two_goods_menu,
                        product_law)

__all__ = ["LPError", "LPSize", "MomentCondition", "mean_condition", "mean_conditions_2d",
           "repair_distribution", "MaxMinLP", "StepGuarantee", "WorstCaseLP", "best_posted_price",
           "maxmin_posted_price", "step_payment_guarantee", "worst_case_revenue", "TwoGoodLP",
           "best_response_two_goods", "comonotone_law", "maxmin_two_goods_menu", "product_law"]
