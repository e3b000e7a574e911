"""Internal links: a page's links stay among the pages of its locale (the
language switcher and hreflang alternates excepted)."""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ..registry import check, finding
from .document import PageDoc
from .language import switcher_links
from .site import Site

# -- internal links -----------------------------------------------------------------


@check("internal-links", "pages", "error",
       "internal links stay in the page's locale (the language switcher and hreflang alternates excepted)")
def check_internal_links(page: PageDoc, site: Site) -> Iterator[Finding]:
    container, switcher = switcher_links(page, site)
    excepted = {id(a) for a in switcher}
    candidates = [e for e in page.body.iter("a", "area") if e.get("href") is not None]
    if page.head is not None:
        candidates += [l for l in page.head.iter("link")
                       if "canonical" in (l.get("rel") or "").lower().split()]
    for element in candidates:
        if id(element) in excepted or element.get("hreflang") is not None:
            continue
        target = site.resolve(page, element.get("href", ""))
        if target.kind != "page":
            continue
        code = site.locale_of(target.key)
        if code is not None and code != page.locale.code:
            yield finding("internal-links", 
                f"link to {target.key} leaves the {page.locale.code} pages for {code}"
                + (f"; the {page.locale.code} version is {site.folders[page.locale.code]}/{target.key.partition('/')[2]}"
                   if site.exists(f"{site.folders[page.locale.code]}/{target.key.partition('/')[2]}") else ""),
                **page.where(element))
