"""pybabel's catalogue layout (``-d DIR -D DOMAIN``): DIR/<locale>/LC_MESSAGES/<domain>.po."""

from __future__ import annotations

import re
from pathlib import Path

from ..config import DOMAINS
from ..errors import InputError
from ..locales import Locale, UnknownLocaleError, get_locale

_DOMAIN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


def add_domain_argument(parser) -> None:
    parser.add_argument("-D", "--domain", action="append", metavar="DOMAIN",
                        help="only these domains (with -d or -i/-o: any name, default messages; "
                        f"in a project: {', '.join(DOMAINS)})")


def domains(args, *, standalone: bool) -> list[str]:
    """The -D values: any plain name standalone, the project's domains otherwise."""
    names = [d for item in (args.domain or []) for d in item.split()]
    for name in names:
        if not _DOMAIN.match(name):
            raise InputError(f"-D {name!r}: not a domain name")
        if not standalone and name not in DOMAINS:
            raise InputError(f"-D {name!r}: the project's domains are {', '.join(DOMAINS)} (with -d DIR any name works)")
    if names:
        return list(dict.fromkeys(names))
    return ["messages"] if standalone else list(DOMAINS)


def locale_of(code: str) -> Locale:
    try:
        return get_locale(code)
    except UnknownLocaleError as error:
        raise InputError(str(error)) from error


def po_in(directory: Path, code: str, domain: str) -> Path:
    return Path(directory) / code / "LC_MESSAGES" / f"{domain}.po"


def locales_in(directory: Path, domain: str) -> list[str]:
    """Every locale folder under ``directory`` with a ``LC_MESSAGES/<domain>.po``, sorted."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError("no such folder", str(directory))
    return sorted(p.name for p in directory.iterdir() if (p / "LC_MESSAGES" / f"{domain}.po").is_file())


def header_locale_code(path: Path) -> str:
    """The ``Language`` header of a catalogue, as a locale name (``sr-Latn`` -> ``sr_Latn``)."""
    from .catalog import read_po

    language = read_po(path).metadata.get("Language", "").strip()
    if not language:
        raise InputError("no Language header: pass -l LOCALE", str(path))
    return language.split(".")[0]
