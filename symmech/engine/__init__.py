"""The engine that runs derivations: :class:`~symmech.engine.derivation.Derivation`, the runner, the
verdict cache, the registry of bundled derivations, worker processes and the stored results."""
