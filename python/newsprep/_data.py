"""Data bundled with newsprep for examples and demos (a leaf module: it imports nothing from newsprep)."""

from __future__ import annotations

from importlib import resources

__all__ = ["example_page", "example_warc"]


def example_page() -> str:
    """A news page as a scraper returns it, chrome included: the page the README and the demo use.

    The page was written for newsprep (no third-party text): navigation and sign-up lines, a
    headline and byline, the article, then share buttons, related stories and a footer.

    Returns:
        The page text (about 1,700 characters, lines separated by ``"\\n"``).

    Example:
        >>> import newsprep
        >>> page = newsprep.example_page()
        >>> page.splitlines()[0]
        'Skip to main content'
        >>> newsprep.clean(page).splitlines()[0]
        'Ceasefire talks resume in Geneva as envoys race a Friday deadline'
    """
    return resources.files("newsprep").joinpath("data/example_page.txt").read_text(encoding="utf-8")


def example_warc() -> bytes:
    """A web archive (WARC) of one page, to try the archive readers on without a download.

    One ``response`` record (WARC/1.0, uncompressed) of ``https://example.com/a``: an HTTP 200
    response whose body is a two-line HTML page written for newsprep. Pass it (or a file you
    write it to) to :func:`newsprep.read_warc`, :func:`newsprep.extract_warc` or
    :meth:`newsprep.Pipeline.warc_frames`, as you would a Common Crawl file's path.

    Returns:
        The archive's bytes (221).

    Example:
        >>> import newsprep
        >>> warc = newsprep.example_warc()
        >>> warc[:8]
        b'WARC/1.0'
        >>> [r.url for r in newsprep.read_warc(warc)]
        ['https://example.com/a']
        >>> next(iter(newsprep.extract_warc(warc)))["title"].tolist()
        ['Rain in Faro']
    """
    page = b"<h1>Rain in Faro</h1><p>Rain fell in Faro on Monday; the roads were closed.</p>"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
    head = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/a\r\n"
    return head + b"Content-Length: %d\r\n\r\n%s\r\n\r\n" % (len(http), http)
