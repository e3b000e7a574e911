"""Translation progress: translated, fuzzy and untranslated entries per locale and domain.

Counts come from the ``.po`` files through polib's own classification (the
header and obsolete ``#~`` entries are not counted).  A locale without a
catalogue for a domain counts every entry of that domain's ``.pot`` as
untranslated, so a new locale shows 0 % rather than vanishing from the table.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Iterable

import polib

from .catalog import read_po
from ..config import DOMAINS, Config


@dataclass(frozen=True)
class Progress:
    """Progress of one catalogue (or a sum of catalogues)."""

    locale: str
    domain: str  # a domain name, or "all" for a locale's total
    translated: int
    fuzzy: int
    untranslated: int
    path: str | None = None  # the .po file, relative to the project root
    exists: bool = True

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        """Translated share in percent; an empty catalogue is complete."""
        return 100.0 if self.total == 0 else 100.0 * self.translated / self.total

    def to_dict(self) -> dict:
        return {**asdict(self), "total": self.total, "percent": round(self.percent, 1)}


def catalog_counts(catalog: polib.POFile) -> tuple[int, int, int]:
    """``(translated, fuzzy, untranslated)`` of one catalogue, obsolete entries left out."""
    return (len(catalog.translated_entries()), len(catalog.fuzzy_entries()),
            len(catalog.untranslated_entries()))


def translation_progress(config: Config, locales: Iterable[str] | None = None,
                         domains: Iterable[str] = DOMAINS) -> list[Progress]:
    """Progress of every target locale (or ``locales``) in every domain, locale-major."""
    codes = list(locales) if locales is not None else [locale.code for locale in config.targets]
    domains = list(domains)
    template_sizes: dict[str, int] = {}
    rows: list[Progress] = []
    for code in codes:
        for domain in domains:
            path = config.po_path(code, domain)
            display = config.relative(path)
            if path.is_file():
                translated, fuzzy, untranslated = catalog_counts(read_po(path, display=display))
                rows.append(Progress(code, domain, translated, fuzzy, untranslated, display))
                continue
            if domain not in template_sizes:
                pot = config.pot_path(domain)
                template_sizes[domain] = (
                    sum(1 for e in read_po(pot, display=config.relative(pot)) if not e.obsolete)
                    if pot.is_file() else 0
                )
            rows.append(Progress(code, domain, 0, 0, template_sizes[domain], display, exists=False))
    return rows


def locale_totals(rows: Iterable[Progress]) -> list[Progress]:
    """One ``domain="all"`` row per locale, summing its domains, in first-seen order."""
    sums: dict[str, list[int]] = {}
    for row in rows:
        counts = sums.setdefault(row.locale, [0, 0, 0])
        counts[0] += row.translated
        counts[1] += row.fuzzy
        counts[2] += row.untranslated
    return [Progress(code, "all", *counts) for code, counts in sums.items()]
