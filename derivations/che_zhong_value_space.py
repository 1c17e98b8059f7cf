"""Che and Zhong, Thm. 1 on the value space R_+^3 (partition {{1},{2,3}} of Fig. 1): the dual
certificate t*(v) >= lambda_0 + sum_i mu_i v_i - sum_K lambda_K phi(z_K) with three bound
variables v1, v2, v3, and lambda_0 + sum_i mu_i m_i - sum_K lambda_K s_K = alpha_1 + alpha_23.
Claims built in ``che_zhong_thm1``; parameter points as in ``che_zhong_saddle``.
"""
from __future__ import annotations

from derivations import che_zhong_saddle as sd
from derivations import che_zhong_thm1 as t1
from symmech import Derivation

DERIVATION = Derivation(
    name="che_zhong_value_space",
    title="Che-Zhong Thm 1: the three-good dual certificate on the value space",
    scope=sd.SCOPE,
    claims=[c for c in t1.ALL_CLAIMS if c.id == "guarantee_three_goods"],
    model=t1.DERIVATION.model,
    references=t1.DERIVATION.references,
)
