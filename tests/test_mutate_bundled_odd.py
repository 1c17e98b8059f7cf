"""symmech mutate on the bundled derivations at odd registry positions (the other half:
tests/test_mutate_bundled_even.py): a small seeded sample per derivation, nothing the hunt can show false
survives, no conflicts (split from tests/test_mutate.py for pytest-xdist balance)."""
import pytest

from _mutate_bundled import check_mutants_of_bundled_derivation, half


@pytest.mark.parametrize("name", half(1))
def test_mutants_of_every_bundled_derivation(name):
    check_mutants_of_bundled_derivation(name)
