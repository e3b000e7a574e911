"""Page checks: rendered pages compared with their other language versions.

A catalogue can be perfect and the page still wrong: a template string never
marked for translation, an ``<html lang>`` left at "en", a Latin word on a
Cyrillic page, a Serbian page whose links lead to English pages.  These checks
read a directory laid out as ``<locale>/<path>.html`` (the toolkit's build or
any other site's) with lxml and compare each page with its English version.

Text inside an element with its own ``lang`` (a ``lang="en"`` fallback, the
language switcher's autonyms, a street name in another script) or with
``translate="no"`` is declared as not in the page's language and is left to
the checks that look at declarations (``html-lang``, ``language-switcher``).
"""

# The modules of the checks, in the order the checks run on each page (the order
# of a page's findings and of the check ids a report lists).  A page check is a
# function (page, site) -> findings, declared with @check.
from . import language, prose, structure, dates, links, wording, cookies  # noqa: F401
from .dates import shows_date
from .document import PageDoc
from .language import lang_problems
from .run import PageRun, check_pages
from .site import PageSummary, folder_locale, open_site

__all__ = ["PageDoc", "PageRun", "PageSummary", "check_pages", "folder_locale", "lang_problems", "open_site",
           "shows_date"]
