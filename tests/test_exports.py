"""Keep ``__all__`` honest (as hypothesis does with _check_exports)."""
import symmech


def test_all_names_exist_and_are_public():
    for name in symmech.__all__:
        assert hasattr(symmech, name), name
    public = {n for n in vars(symmech) if not n.startswith("_")} - {"annotations"}
    modules = {n for n in public if type(getattr(symmech, n)).__name__ == "module"}
    assert public - modules - set(symmech.__all__) == set(), public - modules - set(symmech.__all__)
