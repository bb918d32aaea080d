"""Data bundled with newsprep for examples and demos (a leaf module: it imports nothing from newsprep)."""

from __future__ import annotations

from importlib import resources

__all__ = ["example_page"]


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
