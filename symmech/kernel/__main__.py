"""``python -m symmech.kernel``: the size of the trusted kernel, module by module (docs/soundness.md)."""
from __future__ import annotations

from pathlib import Path


def sizes() -> dict[str, int]:
    """Non-blank, non-comment source lines of each kernel module."""
    out = {}
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        lines = [ln for ln in path.read_text().splitlines() if ln.strip() and not ln.strip().startswith("#")]
        out[path.name] = len(lines)
    return out


if __name__ == "__main__":
    table = sizes()
    for name, n in table.items():
        print(f"{name:20s} {n:5d}")
    print(f"{'total':20s} {sum(table.values()):5d}")
