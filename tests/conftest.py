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
