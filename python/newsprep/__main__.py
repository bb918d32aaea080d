"""``python -m newsprep`` is the ``newsprep`` command (see :mod:`newsprep._cli`).

``python -m newsprep demo`` runs newsprep on the bundled example page.
"""

from __future__ import annotations

import sys

from ._cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
