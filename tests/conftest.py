import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=30, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=100, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

# the verdict cache of test runs lives in a fresh temporary directory, never in the checkout's
# .symmech_cache/ (a test must not be answered by a verdict stored by an earlier run or by a user)
# (set at import, before pytest-xdist starts its workers, so the workers inherit it and share the
# run's one directory); the process that made the directory removes it when the run ends
_OWN_CACHE_DIR = None
if "SYMMECH_CACHE_DIR" not in os.environ:
    import atexit
    import shutil
    import tempfile

    _OWN_CACHE_DIR = tempfile.mkdtemp(prefix="symmech-test-cache-")
    os.environ["SYMMECH_CACHE_DIR"] = _OWN_CACHE_DIR
    atexit.register(shutil.rmtree, _OWN_CACHE_DIR, ignore_errors=True)  # also on an aborted run


def pytest_unconfigure(config):
    """Remove this run's temporary verdict cache (only the directory this process created)."""
    if _OWN_CACHE_DIR is not None:
        import shutil

        shutil.rmtree(_OWN_CACHE_DIR, ignore_errors=True)


# --- scheduling: the longest test files first ----------------------------------------------------------------
# pytest-xdist (--dist loadfile) hands whole files to the workers in collection order; by default it sorts them by
# their number of tests, which put one-test files of 10-15 s (the docs build) last, with the other worker idle.
# Longest-first keeps the two workers busy to the end.  Seconds per file measured with
# `python -m pytest --durations=0` on 2026-12-04 (2 cores); a file not listed counts 0.02 s per test.  The order
# changes when tests run, never what they check.
FILE_SECONDS = {
    "test_latex_all.py": 60, "test_mutate_bundled_odd.py": 15, "conjecture/test_conjecture_second_gen.py": 15,
    "derivations/test_che_zhong_upgrades.py": 15, "derivations/test_che_zhong_lemma2_system.py": 55,
    "test_falsify_and_branches.py": 14, "derivations/test_che_zhong_upgrades_cor2_cov.py": 14,
    "derivations/test_che_zhong_upgrades_cor2_rho.py": 14, "test_docs.py": 13,
    "derivations/test_m_goods_asymmetric.py": 12, "regret/test_derivations.py": 11,
    "derivations/test_che_zhong_upgrades_saddle.py": 11, "test_root_systems.py": 11,
    "test_mutate_bundled_even.py": 10, "derivations/test_che_zhong_final.py": 10,
    "derivations/test_carrasco_audit.py": 8, "test_parallel.py": 7, "conjecture/test_conjecture_files.py": 6,
    "derivations/test_many_periods.py": 6, "derivations/test_che_zhong_more.py": 6, "test_strategies.py": 6,
    "rank/test_bm_derivations.py": 5, "conjecture/test_conjecture_soundness.py": 5, "test_differential.py": 4,
    "derivations/test_general_moment.py": 4, "auctions/test_thesis_ch1_derivations.py": 4,
    "test_falsify_thin_slab.py": 4, "test_issue19_api.py": 4, "derivations/test_che_zhong_thm1.py": 4,
    "test_mutate.py": 3, "test_soundness_hints.py": 3, "test_checks_soundness.py": 3,
    "derivations/test_carrasco_remaining.py": 2, "lp/test_one_good_refined.py": 2, "test_latex.py": 2,
    "derivations/test_one_moment.py": 2, "certify/test_certify.py": 2, "bundling/test_hh_derivations.py": 2,
    "bundling/test_density_checker.py": 2, "multigood/test_knightian_lp.py": 2,
    "derivations/test_che_zhong_audit.py": 2, "conjecture/test_checking.py": 4,
    "kernel/test_adversary.py": 10, "kernel/test_issue25_reproductions.py": 7, "conjecture/test_solve_objectives.py": 4,
    "kernel/test_kernel_contract.py": 3, "test_witness_rigorous.py": 2, "test_cache_keys.py": 2,
}


def pytest_collection_modifyitems(config, items):
    """Order test files longest first (a stable sort: tests keep their order within a file)."""
    import collections

    def rel(item) -> str:
        path = str(item.nodeid).split("::")[0]
        return path[len("tests/"):] if path.startswith("tests/") else path

    counts = collections.Counter(rel(item) for item in items)
    weight = {f: FILE_SECONDS.get(f, 0.02 * n) for f, n in counts.items()}
    items.sort(key=lambda item: -weight[rel(item)])
