"""examples/quickstart.ipynb: stored with its outputs (it reads on a web page), and every cell still runs.

Refresh the stored outputs with ``python scripts/execute_notebook.py examples/quickstart.ipynb``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[2] / "examples" / "quickstart.ipynb"
KERNEL = "newsprep-test-python3"


def notebook_json() -> dict:
    """The notebook as stored in git (skips when the examples are not beside the tests)."""
    if not NOTEBOOK.exists():
        pytest.skip(f"{NOTEBOOK} not found (the tests run outside a checkout)")
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))


def test_notebook_is_stored_with_its_outputs():
    nb = notebook_json()
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code, "the notebook has no code cells"
    refresh = "run: python scripts/execute_notebook.py examples/quickstart.ipynb"
    for i, cell in enumerate(code, 1):
        assert cell.get("execution_count") == i, f"code cell {i} was not run in order; {refresh}"
        assert cell.get("outputs"), f"code cell {i} has no output; {refresh}"
        assert not [o for o in cell["outputs"] if o["output_type"] == "error"], f"code cell {i} failed"
    html = "".join(str(o.get("data", {}).get("text/html", "")) for c in code for o in c["outputs"])
    assert "tex2jax_ignore" in html and "<mark" in html  # the Document and explain() views are there


@pytest.fixture
def kernel_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A kernelspec that runs ipykernel with this interpreter, so the notebook sees this environment."""
    pytest.importorskip("ipykernel", reason="ipykernel is not installed (pip install ipykernel)")
    spec = tmp_path / "kernels" / KERNEL
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "Python 3 (tests)", "language": "python"}), encoding="utf-8"
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    return KERNEL


def test_quickstart_runs_without_errors(kernel_name: str):
    nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed (pip install nbclient)")
    nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed (pip install nbclient)")
    notebook_json()
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=120,
        kernel_name=kernel_name,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as exc:  # names the cell and shows the traceback
        pytest.fail(f"a notebook cell failed:\n{exc}")
    code = [c for c in nb.cells if c.cell_type == "code"]
    errors = [o for c in code for o in c.outputs if o.output_type == "error"]
    assert not errors
    assert all(c.execution_count is not None for c in code)
    # The cells show what the markdown promises.
    text = "\n".join(
        o.get("text", "") + str(o.get("data", {}).get("text/plain", "")) for c in code for o in c.outputs
    )
    assert "São Paulo" in text and "sao-paulo" in text
    assert "Skip to main content" in text
    html = "".join(str(o.get("data", {}).get("text/html", "")) for c in code for o in c.outputs)
    assert "tex2jax_ignore" in html  # explain() and the Document render as HTML
    # The stored outputs are what the notebook shows today (a reader of the stored file sees them):
    # printed text, every plain-text result, and newsprep's own HTML views.
    stored = [c for c in notebook_json()["cells"] if c["cell_type"] == "code"]
    for i, (fresh, kept) in enumerate(zip(code, stored, strict=True), 1):
        assert shown(fresh["outputs"]) == shown(kept["outputs"]), (
            f"code cell {i}'s stored outputs are stale: run python scripts/execute_notebook.py "
            "examples/quickstart.ipynb and commit the notebook"
        )


def shown(outputs: list) -> list[str]:
    """What a reader sees of a cell's outputs that newsprep decides: printed text, plain-text results,
    newsprep's HTML views (pandas' own HTML tables vary with its version; their plain text is kept)."""

    def joined(v: str | list[str]) -> str:  # stored JSON splits text into lines; nbclient does not
        return v if isinstance(v, str) else "".join(v)

    out = []
    for o in outputs:
        data = o.get("data", {})
        text = joined(o.get("text", "")) + joined(data.get("text/plain", ""))
        html = joined(data.get("text/html", ""))
        out.append(text + (html if "tex2jax_ignore" in html else ""))
    return out
