import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=30, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=100, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

# the verdict cache of test runs lives in a fresh temporary directory, never in the checkout's
# .symmech_cache/ (a test must not be answered by a verdict stored by an earlier run or by a user)
if "SYMMECH_CACHE_DIR" not in os.environ:
    import tempfile

    os.environ["SYMMECH_CACHE_DIR"] = tempfile.mkdtemp(prefix="symmech-test-cache-")
