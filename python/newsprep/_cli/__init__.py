"""The ``newsprep`` console command: clean, split and match documents in JSON, CSV, Parquet or text files.

Usage::

    newsprep clean INPUT -o OUTPUT [--column text] [--sites domain] [--no-removed]
    newsprep sentences INPUT -o OUTPUT
    newsprep entities INPUT -o OUTPUT [--gazetteer names.jsonl] [--fold-accents] [--case-sensitive]
                      [--exact-case-names NAMES] [--stop-names NAMES] [--min-length N]
    newsprep process INPUT -o OUTPUT [the entities options] [--html]
    newsprep extract INPUT... -o OUTPUT [--column html] [--url-column url] [--keep-html]
    newsprep demo

INPUT is a ``.jsonl``/``.ndjson`` file, a ``.json`` file (an array of objects, or JSON lines), a
``.csv`` file with a header line (its separator, comma, semicolon, tab or ``|``, is read from that
line), a ``.parquet`` file, a ``.txt`` file, a directory of ``.txt`` files (one document per file)
or ``-`` for JSON lines on standard input; ``--format`` overrides the extension. CSV, JSON and text
inputs are UTF-8 unless ``--encoding`` names another (a record that does not decode fails alone, and
its error names the option). ``extract`` (and ``process --html``) read HTML: a column of those
formats (``--column``, default ``html``), an ``.html`` file or a directory of them (``.html``,
``.htm``, ``.xhtml``, ``.shtml``), or ``.warc``/``.warc.gz`` archives (several at once, or
directories of them, read in parallel; see :mod:`.warc_run`). OUTPUT's extension picks JSON lines,
CSV or Parquet; ``-`` (the default) writes JSON lines to standard output. Records are read and
processed in batches (``--batch-size``), so files larger than memory work (a JSON array is read
whole). Every output record keeps the input's fields and adds the command's results. ``entities``
and ``process`` use the bundled country gazetteer unless ``--gazetteer`` is given.

Every input row is counted: processed, failed (reported as ``file:line: reason`` on standard error;
the other records are still written) or skipped (blank lines). The command ends with ``processed
N, failed M[, skipped K] (T rows read)`` and exits with 1 when a record failed, 2 on a usage error
(a bad option, a missing column or file, a bad gazetteer: nothing is processed and no output is
left) and 0 otherwise. A folder's files that are not of the kind read (a README beside the
pages) are named on standard error as left out; newsprep's warnings about the input (markup given
to ``clean``, page text to ``extract``) are printed there as ``newsprep COMMAND: warning: ...``.

Layout: :mod:`.readers` (input formats), :mod:`.writers` (output formats), :mod:`.commands` (what
each command adds), :mod:`.batches` (one batch through a command, the progress bar), :mod:`.app`
(arguments and the run loop), :mod:`.demo`, :mod:`.common`.
"""

from __future__ import annotations

from .app import build_parser, main, run
from .commands import COMMANDS as _COMMANDS
from .common import CliError

COMMANDS = tuple(_COMMANDS)
"""The names of the processing commands."""

__all__ = ["COMMANDS", "CliError", "build_parser", "main", "run"]
