"""The crawl family: what fetching a running site finds (``--sitemap``/``--crawl``).

The crawler (:mod:`toolkit.crawl`) makes these findings itself while it fetches;
they are declared here so that ``toolkit checks`` and the SARIF rules list them.
"""

from __future__ import annotations

from ..findings import Finding
from .registry import check

FAMILY = "crawl"


@check("http-error", FAMILY, "error",
       "a page of the site (listed in its sitemap or linked) answers with HTTP 4xx or 5xx, or not at all")
@check("redirect-chain", FAMILY, "warning",
       "a listed or linked URL redirects: two hops or more are a chain (warning), one hop is info")
@check("fetch-timeout", FAMILY, "error", "a page did not answer within the timeout")
@check("robots-disallowed", FAMILY, "info",
       "a URL the sitemap lists or a page links is disallowed by robots.txt, so it was not requested")
def crawl_findings(findings: list[Finding]) -> list[Finding]:
    """The crawler's own findings, as they are (silence one with a baseline entry)."""
    return list(findings)
