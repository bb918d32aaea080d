"""Shared fixtures: where the shared evaluation data lives, and a skip when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("NEWSPREP_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))


def shared_path(*parts: str) -> Path:
    """Path into ../shared, skipping the calling test with a clear message when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"shared evaluation data not found at {p} (set NEWSPREP_SHARED to its folder)")
    return p
