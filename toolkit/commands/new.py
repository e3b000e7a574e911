"""``toolkit new DIR``: a project that works at once.

``[tool.toolkit]`` in its ``pyproject.toml``, a mapping file, a base layout, two pages,
one Markdown article, a legal disclaimer with an empty approvals file, a ``package.json``
pinning axe-core and a Makefile with the pipeline's targets.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from ..errors import InputError
from ..locales import UnknownLocaleError, get_locale

SKELETON = Path(__file__).resolve().parent.parent / "skeleton"
DEFAULT_LOCALES = "hr,sr,sq"

PYPROJECT = """\
[tool.toolkit]
# Every key is described in the toolkit's README (Configuration).
project-name = {name}
source-locale = "en"
locales = [{locales}]
templates = "templates"
pages = ["pages/**/*.html"]
article-template = "article.html"
content = "content"
static = "static"
locales-dir = "locales"
build-dir = "build/site"
mapping = "babel.cfg"
i18n-dir = "i18n"
site-url = ""
"""

MAKEFILE = """\
# The toolkit's pipeline.  `make` builds the site in every locale; `make report` checks it too.
TOOLKIT ?= toolkit
LOCALES := {locales}
DOMAINS := messages content legal
TEMPLATES := $(shell find templates content -type f)
POT := $(DOMAINS:%=locales/%.pot)
PO := $(foreach l,$(LOCALES),$(DOMAINS:%=locales/$(l)/LC_MESSAGES/%.po))

.PHONY: all extract init update compile build legal stats check a11y report serve clean

all: build

# .pot from the templates and content.
$(POT) &: $(TEMPLATES) babel.cfg
\t$(TOOLKIT) extract
extract: $(POT)

# A locale's catalogues are created once, then updated from the .pot.
locales/%/LC_MESSAGES/messages.po locales/%/LC_MESSAGES/content.po locales/%/LC_MESSAGES/legal.po &: | $(POT)
\t$(TOOLKIT) init -l $*
init: $(PO)

build/.po-stamp: $(POT) | $(PO)
\t$(TOOLKIT) update
\tmkdir -p build && touch $@
update: build/.po-stamp

build/.mo-stamp: build/.po-stamp $(PO)
\t$(TOOLKIT) compile
\ttouch $@
compile: build/.mo-stamp

build/.site-stamp: build/.mo-stamp $(TEMPLATES) $(shell find static -type f) i18n/legal-approvals.json
\t$(TOOLKIT) build
\ttouch $@
build: build/.site-stamp

legal:
\t$(TOOLKIT) legal status

stats:
\t$(TOOLKIT) stats

check: build
\t$(TOOLKIT) check

a11y: build
\t$(TOOLKIT) a11y --format json -o build/a11y.json

report: a11y
\t$(TOOLKIT) report

serve: build
\t$(TOOLKIT) serve

clean:
\trm -rf build .toolkit-cache
"""


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "new", help="create a new project that works at once",
        description="Create DIR (empty or new) with a [tool.toolkit] configuration, templates, "
        "one Markdown article, a Makefile and a package.json pinning axe-core.",
    )
    parser.add_argument("directory", type=Path, metavar="DIR")
    parser.add_argument("--locales", default=DEFAULT_LOCALES,
                        help=f"comma-separated target locales (default: {DEFAULT_LOCALES})")
    parser.add_argument("--name", help="the project's name (default: DIR's name)")
    parser.set_defaults(func=run)


def needs_config(args) -> bool:
    return False


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a TOML basic string


def run(args, config) -> int:
    target: Path = args.directory
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError("not an empty folder; toolkit new writes only into a new or empty one", str(target))
    codes = []
    for item in (c.strip() for c in args.locales.split(",")):
        if not item:
            continue
        try:
            codes.append(get_locale(item).code)
        except UnknownLocaleError as error:
            raise InputError(f"--locales: {error}") from error
    if "en" in codes or len(set(codes)) != len(codes):
        raise InputError("--locales: list each target locale once (en is the source locale)")
    name = args.name or target.resolve().name
    if not re.fullmatch(r"[^\x00-\x1f]+", name):
        raise InputError(f"--name: not a usable name: {name!r}")
    shutil.copytree(SKELETON, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "gitignore").rename(target / ".gitignore")
    locales_toml = ", ".join(_toml_string(code) for code in codes)
    (target / "pyproject.toml").write_text(
        PYPROJECT.format(name=_toml_string(name), locales=locales_toml), encoding="utf-8"
    )
    (target / "Makefile").write_text(MAKEFILE.format(locales=" ".join(codes)), encoding="utf-8")
    print(f"{target}/: new project {name!r}, source locale en, locales {', '.join(codes) or '(none)'}")
    print("next:")
    print(f"  cd {target}")
    print("  npm install               # axe-core for toolkit a11y (package.json pins it)")
    print("  toolkit extract")
    for code in codes:
        print(f"  toolkit init -l {code}")
    print("  toolkit update && toolkit compile && toolkit build && toolkit check && toolkit a11y")
    print("  (or: make report)")
    return 0
