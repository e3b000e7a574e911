"""Draw the stratified random sample of page findings that tests/data/sites/judged.jsonl judges.

The page checks run in process on each corpus site with the two input problems
of the sites worked around, so that the sample shows what the checks report on
the pages themselves:

- a folder named by a BCP 47 tag (en-US, hr-HR, pt-BR) is the locale's folder
  (config.url_prefix maps the locale code to the folder name), and the English
  folder (en or en-US) is the source locale;
- an XHTML page that starts with <?xml ... encoding="UTF-8"?> is parsed from bytes.

Sample: error and warning findings only, QUOTA findings per check split evenly over
the sites where the check fires, random.Random(15).sample from each (check, site)
pool sorted by (path, target, message).  Prints one JSON object per line with the
text of the element (the excerpt); the verdicts are then written by hand.

    python bench/sample_page_findings.py > sample.jsonl
"""

import json
import random
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.checks.pages import check_pages, document  # noqa: E402
from toolkit.checks.pages import site as page_site  # noqa: E402
from toolkit.config import Config  # noqa: E402
from toolkit.locales import tag_to_code  # noqa: E402

SITES = ROOT / "tests" / "data" / "sites"
QUOTA = {"untranslated-text": 36, "script-mixing": 33, "image-alt": 20, "hreflang": 18, "html-lang": 15,
         "language-switcher": 15, "structure-parity": 15, "quotes": 15, "title": 7, "dates": 5}
SEED = 15
# The order the sites were checked in, in one process: script-mixing keeps state from
# one site to the next (the Debian handbook gives 176 findings after the GIMP help,
# 175 alone), so the order is part of the recipe.
SITE_ORDER = ("gimp-help", "debian-handbook", "libreoffice-help")

_parse = document.parse_page


def parse_page(path, display):
    try:
        return _parse(path, display)
    except Exception:
        return lxml.html.document_fromstring(path.read_bytes())


def findings_of(site: Path, workdir: Path) -> list[dict]:
    folders = {tag_to_code(p.name): p.name for p in sorted(site.iterdir()) if p.is_dir()}
    source = "en" if "en" in folders else "en_US"
    config = Config(root=workdir, source_locale=source, locale_codes=tuple(folders), url_prefix=folders)
    out = []
    for f in check_pages(site, config):
        out.append(dict(check=f.check, severity=f.severity, path=Path(f.path).resolve().relative_to(ROOT).as_posix(),
                        locale=f.locale, target=f.target, message=f.message.replace(f"{ROOT.as_posix()}/", "")))
    return out


def main() -> int:
    page_site.parse_page = parse_page  # the name pages/site.py reads pages with
    findings = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in SITE_ORDER:
            findings += findings_of(SITES / name, Path(tmp))
    rng = random.Random(SEED)
    pools = defaultdict(lambda: defaultdict(list))
    for f in findings:
        if f["severity"] in ("error", "warning"):
            pools[f["check"]][f["path"].split("/")[3]].append(f)
    sample = []
    for check in sorted(pools):
        sites = sorted(pools[check])
        quota = QUOTA.get(check, 15)
        share = {s: quota // len(sites) for s in sites}
        for s in sites[: quota % len(sites)]:
            share[s] += 1
        spare = sum(max(0, share[s] - len(pools[check][s])) for s in sites)
        for s in sites:
            share[s] = min(share[s], len(pools[check][s]))
        for s in sites:
            extra = min(spare, len(pools[check][s]) - share[s])
            share[s] += extra
            spare -= extra
        for s in sites:
            pool = sorted(pools[check][s], key=lambda f: (f["path"], f["target"] or "", f["message"]))
            sample += rng.sample(pool, share[s])
    docs = {}
    for f in sample:
        if f["path"] not in docs:
            docs[f["path"]] = lxml.html.document_fromstring((ROOT / f["path"]).read_bytes())
        elements = docs[f["path"]].cssselect(f["target"]) if f["target"] else []
        text = " ".join(" ".join(elements[0].itertext()).split()) if elements else ""
        if elements and not text:
            text = lxml.html.tostring(elements[0], encoding="unicode")[:300]
        f["excerpt"] = text[:300]
        print(json.dumps({k: f[k] for k in ("check", "severity", "path", "locale", "target", "message", "excerpt")},
                         ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
