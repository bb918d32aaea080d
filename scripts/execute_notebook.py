"""Executes a notebook in place so that it is stored with its outputs (it then reads on a web page).

    python scripts/execute_notebook.py examples/quickstart.ipynb

Run it with the environment newsprep is installed in (it needs nbclient and ipykernel: the test
extra). Cells run in the notebook's folder; timings are not recorded, so that re-running a notebook
whose outputs did not change leaves the file unchanged. ``tests/python/test_notebook.py`` checks that
the stored notebook has its outputs and runs it again.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def execute(path: Path, timeout: int = 300) -> None:
    """Runs every cell of ``path`` with this interpreter's kernel and writes the outputs into the file."""
    import nbclient
    import nbformat

    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)


def main(argv: list[str] | None = None) -> int:
    """Executes each notebook given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for path in args.notebooks:
        execute(path)
        print(f"executed {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
