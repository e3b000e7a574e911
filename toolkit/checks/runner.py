"""The check runner: runs the registered checks of each family and gathers their findings.

Catalogue checks run entry by entry.  For each live entry the runner builds
the (form, source, translation) pairs (one per non-empty plural form, each
form compared with the msgid it stands for), picks the checks whose trigger
characters the entry holds, skips the ids the entry silences with
``toolkit-ignore``, calls each pair check once per pair and prefixes its
message with the form ("msgstr[1]: ...").  A large catalogue's entries are
checked in several processes (:class:`concurrent.futures.ProcessPoolExecutor`);
a worker that fails stops the run with its traceback.

:func:`collect` is what ``toolkit check`` and ``toolkit report`` run;
:func:`session` wraps a whole command's run (collector off, memos cleared).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import importlib
import importlib.util
import multiprocessing
import os
import traceback
from pathlib import Path
from typing import Callable, Iterable, Iterator

import polib

from ..errors import InputError, ToolkitError
from ..findings import Finding
from ..locales import Locale
from ..po.catalog import read_po
from . import catalogue as family
from . import text as tu
from .catalogue import EntryContext, CatalogContext, Issue, catalog_locale, single_number_forms
from .glossary import Glossary, find_glossary
from .registry import Check, checks_of
from .suppression import NOTHING, entry_ignored, ignored_checks

FAMILY_CHOICES = ("catalogue", "pages", "legal", "all")
PAGES_MODULE = "toolkit.checks.pages"
# Below this many entries a second process costs more than it saves.
PARALLEL_MIN_ENTRIES = 4000


class CheckWorkerError(ToolkitError):
    """A worker process failed while checking; the message carries its traceback.  Exit 2."""


@contextlib.contextmanager
def session() -> Iterator[None]:
    """One command's run of the checks: at its end the text helpers forget what they remembered."""
    try:
        yield
    finally:
        tu.clear_memos()


# -- one catalogue ------------------------------------------------------------------

def check_catalog(
    catalog: polib.POFile,
    locale: Locale,
    path: str,
    *,
    glossary: Glossary | None = None,
    source_locale: str = "en",
    checks: set[str] | None = None,
    jobs: int | None = None,
) -> list[Finding]:
    """Every catalogue check on one catalogue; ``path`` is how findings name it.

    ``checks`` limits the run to those ids (default: all).  Entries silenced
    with ``toolkit-ignore`` yield nothing for the ids they name.  A large
    catalogue's entries are checked in ``jobs`` processes (default: one per
    available core); the findings are the same, in the same order.
    """
    plural_forms = catalog.metadata.get("Plural-Forms") or locale.plural_forms
    single = single_number_forms(plural_forms)
    if not single:
        single = single_number_forms(locale.plural_forms)
    base = {"path": path, "locale": locale.code}
    live = [entry for entry in catalog if not entry.obsolete]
    task = _Task(catalog, live, locale, glossary, source_locale, single, checks, base)
    return family.one_finding_per_cause(_run(task, _jobs(jobs)), live, locale, base)


class _Task:
    """What the checks of one catalogue need; forked workers inherit it."""

    def __init__(self, catalog, live, locale, glossary, source_locale, single, checks, base):
        self.catalog, self.live, self.locale, self.glossary = catalog, live, locale, glossary
        self.source_locale, self.single, self.checks, self.base = source_locale, single, checks, base

    def entries(self, indices: list[int] | None = None) -> list[list[Finding]]:
        entries = self.live if indices is None else [self.live[i] for i in indices]
        return _check_entries(entries, self)

    def whole(self) -> list[Finding]:
        return _check_whole(self)


def _check_whole(task: _Task) -> list[Finding]:
    """The checks of the whole file: header, duplicates, obsolete entries."""
    findings: list[Finding] = []
    catalog = task.catalog
    header_ignored = ignored_checks(catalog.metadata_is_fuzzy or [], catalog.header)
    cctx = CatalogContext(catalog, task.locale, header_ignored)
    for check in checks_of(family.FAMILY, "catalogue"):
        if task.checks is not None and check.id not in task.checks:
            continue
        for issue, entry in check.function(cctx):
            if entry is None:
                if check.id in header_ignored:
                    continue
                findings.append(_finding(check, issue, None, task.base))
            elif check.id not in entry_ignored(entry):
                findings.append(_finding(check, issue, entry, task.base))
    return findings


def _pairs(entry: polib.POEntry, single_forms: frozenset[int]) -> list[tuple[str, str, str]]:
    """(form, source, translation) of each non-empty plural form, each form
    compared with the msgid it stands for (a single-number form with the singular)."""
    pairs = []
    if entry.msgid in tu.CREDITS_MSGIDS:
        return pairs
    for index in sorted(entry.msgstr_plural):
        text = entry.msgstr_plural[index]
        if text:
            source = entry.msgid if index in single_forms else entry.msgid_plural
            pairs.append((f"msgstr[{index}]", source, text))
    return pairs


def _check_entries(entries: list[polib.POEntry], task: _Task) -> list[list[Finding]]:
    """The findings of each entry, in the order of ``entries``."""
    per_entry: list[list[Finding]] = []
    wanted = task.checks
    selected = [c for c in checks_of(family.FAMILY) if c.scope != "catalogue" and (wanted is None or c.id in wanted)]
    untranslated_checks = [c for c in selected if c.id in family.UNTRANSLATED_CHECKS]
    # One search lists the trigger characters a text holds.
    find_triggers = tu.char_pattern(frozenset().union(*(c.triggers for c in selected if c.triggers is not None))).findall
    # The checks to run depend only on which trigger characters an entry
    # holds and whether it is a plural entry.
    plans: dict[tuple[frozenset[str], bool], list[tuple[Check, Callable, bool]]] = {}
    base = task.base
    # One context, refilled for each entry and form (checks do not keep it).
    ctx = EntryContext(None, task.locale, task.glossary, [], task.source_locale, task.single)
    for entry in entries:
        findings: list[Finding] = []
        per_entry.append(findings)
        flags = entry.flags
        ignored = entry_ignored(entry) if flags or entry.tcomment or entry.comment else NOTHING
        ctx.entry = entry
        ctx._formats = None
        # Fuzzy translations never reach the site: only report them as fuzzy.
        # An entry without any translation has nothing for the text checks.
        if entry.msgid_plural:
            pairs = [] if "fuzzy" in flags else _pairs(entry, task.single)
            all_text = entry.msgid + entry.msgid_plural + "".join([text for _, _, text in pairs])
        else:
            source = family.compared_source(entry)
            pairs = [] if not entry.msgstr or "fuzzy" in flags or source is None else [("msgstr", source, entry.msgstr)]
            all_text = (source or "") + entry.msgstr
        ctx.pairs = pairs
        if pairs:
            plan = (frozenset(find_triggers(all_text)), bool(entry.msgid_plural))
            run = plans.get(plan)
            if run is None:
                present, plural = plan
                run = plans[plan] = [
                    (c, c.function, c.scope == "pair") for c in selected
                    if (c.triggers is None or not c.triggers.isdisjoint(present)) and c.id != "fuzzy"
                    and (plural or c.id not in family.PLURAL_ONLY)
                ]
        else:
            run = [(c, c.function, False) for c in untranslated_checks]
        for check, function, per_pair in run:
            if ignored and check.id in ignored:
                continue
            if not per_pair:
                issue = function(ctx)
                if issue is not None:
                    findings.append(_finding(check, issue, entry, base))
                continue
            for form, source, text in pairs:
                ctx.form = form
                issue = function(source, text, ctx)
                if issue is not None:
                    findings.append(_finding(check, issue, entry, base, form))
    return per_entry


def _finding(check: Check, issue: Issue, entry: polib.POEntry | None, base: dict,
             form: str | None = None) -> Finding:
    message, details = (issue, None) if isinstance(issue, str) else issue
    if form is not None:
        # A pair check's finding names the form it compared.
        if form != "msgstr":
            message = f"{form}: {message}"
        details = {"form": form, **details} if details else {"form": form}
    else:
        details = dict(details) if details else {}
    severity = details.pop("severity", check.severity)
    if entry is None:
        return Finding(check=check.id, severity=severity, message=message, line=1, extra=details, **base)
    if entry.msgctxt is not None:
        details["msgctxt"] = entry.msgctxt
    return Finding(
        check=check.id, severity=severity, message=message, line=entry.linenum,
        msgid=entry.msgid, extra=details, **base,
    )


# -- in parallel --------------------------------------------------------------------

def _jobs(jobs: int | None) -> int:
    if jobs is not None:
        return max(1, jobs)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# The task of the run in progress: forked workers find it here.
_TASK: _Task | None = None


def _work(indices: list[int], whole: bool) -> tuple[dict[int, list[Finding]], list[Finding] | None]:
    """In a worker: the findings of the entries at ``indices`` (by index, those
    with findings only), and those of the whole file when ``whole``."""
    task = _TASK
    results = task.entries(indices)
    found = {index: result for index, result in zip(indices, results) if result}
    return found, (task.whole() if whole else None)


def _run(task: _Task, jobs: int) -> list[Finding]:
    """Entry findings in entry order, then those of the whole file.

    With ``jobs`` > 1 and enough entries, the entries are dealt to ``jobs``
    groups (entries sharing a msgid share a group, where its analysis is
    remembered); this process checks the first, a pool of forked workers the
    others, the last of them also running the checks of the whole file."""
    live = task.live
    if jobs < 2 or len(live) < PARALLEL_MIN_ENTRIES or "fork" not in multiprocessing.get_all_start_methods():
        return [f for found in task.entries() for f in found] + task.whole()
    # The workers also send their results back (and one checks the whole
    # file): the first group, checked here, is a little larger than the others.
    slots = 20 * jobs
    own = 21
    slot_group = [0] * own + [1 + (slot - own) * (jobs - 1) // (slots - own) for slot in range(own, slots)]
    groups: list[list[int]] = [[] for _ in range(jobs)]
    for index, entry in enumerate(live):
        groups[slot_group[hash(entry.msgid) % slots]].append(index)

    global _TASK
    _TASK = task
    try:
        with concurrent.futures.ProcessPoolExecutor(
            max_workers=jobs - 1, mp_context=multiprocessing.get_context("fork"),
        ) as pool:
            last = len(groups) - 1
            futures = [pool.submit(_work, group, number == last) for number, group in enumerate(groups) if number]
            own_results = task.entries(groups[0])
            found = {index: result for index, result in zip(groups[0], own_results) if result}
            whole: list[Finding] = []
            for future in futures:
                try:
                    results, side = future.result()
                except Exception as error:
                    for other in futures:
                        other.cancel()
                    detail = "".join(traceback.format_exception(error)).rstrip()
                    raise CheckWorkerError(f"a check worker failed on {task.base['path']}:\n{detail}") from error
                found.update(results)
                if side is not None:
                    whole = side
    finally:
        _TASK = None
    return [f for index in range(len(live)) for f in found.get(index, ())] + whole


# -- baselines ----------------------------------------------------------------------

def apply_check_baseline(findings: list[Finding], path: Path) -> tuple[list[Finding], list[Finding]]:
    """(findings the baseline at ``path`` does not accept, those it accepts)."""
    from .baseline import load_baseline

    return load_baseline(path).split(findings)


# -- files and families -------------------------------------------------------------

def check_catalog_files(paths: Iterable[Path | str], config=None, locale: str | None = None,
                        *, glossary: Glossary | None = None, checks: set[str] | None = None,
                        jobs: int | None = None) -> list[Finding]:
    """Read and check each .po file; an unreadable one is an InputError naming file and line."""
    findings: list[Finding] = []
    source_locale = config.source_locale if config is not None else "en"
    for path in paths:
        path = Path(path)
        name = config.relative(path) if config is not None else str(path)
        catalog = read_po(path, display=name)
        file_locale = catalog_locale(path, catalog, config, locale)
        findings.extend(check_catalog(catalog, file_locale, name, glossary=glossary,
                                      source_locale=source_locale, checks=checks, jobs=jobs))
    return findings


def project_catalogs(config) -> list[Path]:
    """Every existing catalogue of the project: configured targets × domains."""
    from ..config import DOMAINS

    return [
        config.po_path(locale.code, domain)
        for locale in config.targets
        for domain in DOMAINS
        if config.po_path(locale.code, domain).is_file()
    ]


def page_checker():
    """The page-check family's entry point, ``check_pages(root, config, locales=None)``,
    or None when that family is not installed."""
    if importlib.util.find_spec(PAGES_MODULE) is None:
        return None
    return importlib.import_module(PAGES_MODULE).check_pages


def chosen_locale(config, name: str, sites: list[Path]):
    """The -l locale: a configured one, or, for a site folder given on the command
    line, any locale (outside a project the locales are the site's folders)."""
    try:
        return config.locale(name)
    except InputError:
        if not sites:
            raise
    from .pages import folder_locale

    locale = folder_locale(name.strip())
    if locale is None:
        raise InputError(f"not a locale: {name!r}")
    return locale


def collect(config, paths: Iterable[Path] = (), families: str = "all", locale: str | None = None,
            jobs: int | None = None) -> tuple[list[Finding], list[str], list[str]]:
    """Run the requested families; returns (findings, what was checked, check ids run).

    With no ``paths``: the project's catalogues and its built site.  With
    paths: each ``.po`` file is checked as a catalogue and each folder as a
    built site."""
    paths = list(paths)
    want_catalogues = families in ("catalogue", "all")
    want_pages = families in ("pages", "all")
    # Legal checks read the approvals and the built pages: the project's, or a given site folder.
    want_legal = families in ("legal", "all")
    po_files: list[Path] = []
    sites: list[Path] = []
    if paths:
        for path in paths:
            if path.is_dir():
                sites.append(path)
            elif path.is_file() and path.suffix in (".po", ".pot"):
                po_files.append(path)
            elif not path.exists():
                raise InputError("no such file or folder", str(path))
            else:
                raise InputError("not a .po catalogue or a site folder", str(path))
        if sites and not (want_pages or want_legal):
            raise InputError("a folder is a built site, but --checks catalogue excludes page checks", str(sites[0]))
        if po_files and not want_catalogues:
            raise InputError("a .po file is a catalogue, but --checks pages excludes catalogue checks", str(po_files[0]))
    else:
        if want_catalogues:
            po_files = project_catalogs(config)
        if (want_pages or want_legal) and config.build_path.is_dir():
            sites = [config.build_path]

    findings: list[Finding] = []
    checked: list[str] = []
    check_ids: list[str] = []
    if po_files:
        glossary = find_glossary(config)
        findings.extend(check_catalog_files(po_files, config, locale, glossary=glossary, jobs=jobs))
        checked.extend(config.relative(p) for p in po_files)
        check_ids.extend(family.catalogue_check_ids())
    legal_catalogues = want_legal and not paths
    locales = [chosen_locale(config, locale, sites)] if locale and (sites or legal_catalogues) else None
    if want_legal and (legal_catalogues or sites):
        from .legal import check_legal_catalogs, check_legal_pages

        if legal_catalogues:
            findings.extend(check_legal_catalogs(config, locales))
        for site in sites:
            findings.extend(check_legal_pages(site, config, locales))
        check_ids.extend(c.id for c in checks_of("legal"))
        if not want_pages:
            checked.extend(config.relative(site) for site in sites)
    if sites and want_pages:
        check_pages = page_checker()
        if check_pages is None:
            if paths or families == "pages":
                raise InputError("page checks are not installed in this toolkit", str(sites[0]))
        else:
            for site in sites:
                findings.extend(check_pages(site, config, locales))
                checked.append(config.relative(site))
            check_ids.extend(c.id for c in checks_of("pages"))
    elif families == "pages" and not paths:
        raise InputError(f"no built site at {config.relative(config.build_path)}; run `toolkit build` first")
    return findings, checked, check_ids
