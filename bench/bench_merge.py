"""Benchmark: ``toolkit update``'s catalogue merge against GNU msgmerge.

Generates its own data: a template of N sentence-like messages (some with
msgctxt, some plural), a Serbian catalogue translating it, and a new template
in which 10% of the msgids are reworded (a word changed, added or removed, a
typo fixed) and a few messages are added and removed.  Then it merges the
catalogue with both tools and counts, for each, the fuzzy entries that carry
the right old translation (known from generation) and the wrong ones.

    python bench/bench_merge.py                # 20,000 entries
    python bench/bench_merge.py --entries 500  # a quick run
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from toolkit.cli import collector_for  # noqa: E402
from toolkit.po.catalog import WRAP_WIDTH, new_catalog, read_po, write_po  # noqa: E402
from toolkit.locales import get_locale  # noqa: E402
from toolkit.update.merge import update_file  # noqa: E402

WORDS = """
arms ammunition small light weapons control collection destruction stockpile
management safety security storage marking tracing registration licence
licences permit permits export import transfer transfers brokering report
reports reporting regional national authority authorities police border
customs ministry interior defence justice commission committee council
project projects programme programmes activity activities workshop workshops
training trainings meeting meetings conference seminar visit visits study
studies survey surveys analysis assessment evaluation review reviews
gender equality women men youth violence domestic firearms misuse risk
risks reduction prevention awareness campaign campaigns public community
communities civil society organisation organisations partner partners
donor donors funding support supported funded european union united
nations development office belgrade sarajevo skopje tirana podgorica
pristina zagreb region countries country government governments officer
officers expert experts team teams staff member members new annual
quarterly monthly weekly final draft updated revised official online
digital secure safe local international cross border joint common shared
open closed available unavailable required optional important recent
latest previous next first second third last main key general specific
technical legal financial administrative strategic operational practical
file files page pages document documents form forms section sections
item items list lists table tables record records entry entries field
fields value values name names date dates address email phone number
account accounts user users password passwords profile settings
language languages translation translations message messages content
search results filter filters download upload share print save delete
edit create update remove add view show hide open close send submit
cancel confirm accept reject approve publish archive restore select
please click here more less all none some each every this that these
those your our their its the a an of for to in on at by with from about
into over under after before during between within without through
and or but not is are was were be been has have had will can could
should must may might do does did
""".split()

OPERATIONS = ("change", "add", "remove", "typo")


@dataclass
class Dataset:
    """The generated catalogues and what a correct merge would carry."""

    old: polib.POFile
    new: polib.POFile
    # key in the new template -> the old translation a fuzzy match should carry
    expected: dict[tuple[str | None, str], str] = field(default_factory=dict)
    added: set[tuple[str | None, str]] = field(default_factory=set)


# Share of labels, sentences and paragraphs, and their lengths in words.
# "site": UI strings plus some content paragraphs (msgmerge's fuzzy search
# slows down most on long strings); "ui": labels and short sentences only.
MIXES = {
    "site": ((0.20, 1, 4), (0.72, 5, 16), (0.08, 20, 50)),
    "ui": ((0.25, 1, 4), (0.75, 5, 12)),
}


def _sentence(rng: random.Random, mix: str = "site") -> str:
    roll = rng.random()
    for share, low, high in MIXES[mix]:
        if roll < share:
            break
        roll -= share
    count = rng.randint(low, high)
    words = [rng.choice(WORDS) for _ in range(count)]
    if rng.random() < 0.15:
        words.insert(rng.randrange(len(words) + 1), rng.choice(["%(name)s", "%(count)d", "{date}", "%s"]))
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    if count > 4:
        text += rng.choice([".", ".", ".", "?", "!", ":"])
    return text


_CIPHER = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "абцдефгхијклмнопљрстуввџыжАБЦДЕФГХИЈКЛМНОПЉРСТУВВЏЫЖ",
)


def _translate(text: str, context: str | None) -> str:
    """An injective stand-in for a translation: placeholders kept, letters mapped."""
    words = [w if w.startswith(("%", "{")) else w.translate(_CIPHER) for w in text.split(" ")]
    out = " ".join(reversed(words)) if len(words) > 1 else words[0] + "а"
    return out + (f" [{context}]" if context else "")


def _reword(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    words[0] = words[0][:1].lower() + words[0][1:]
    op = rng.choice(OPERATIONS)
    if op == "remove" and len(words) < 3:
        op = "add"
    index = rng.randrange(len(words))
    if op == "change":
        replacement = rng.choice(WORDS)
        while replacement == words[index].lower():
            replacement = rng.choice(WORDS)
        words[index] = replacement
    elif op == "add":
        words.insert(index, rng.choice(WORDS))
    elif op == "remove":
        del words[index]
    else:
        word = words[index]
        if len(word) >= 2:
            at = rng.randrange(len(word) - 1)
            word = word[:at] + word[at + 1] + word[at] + word[at + 2:]
        else:
            word = word + word
        words[index] = word
    out = " ".join(words)
    return out[:1].upper() + out[1:] if out else "X"


def generate(entries: int, *, seed: int = 1, reworded: float = 0.10, added: float = 0.02,
             removed: float = 0.02, locale_code: str = "sr", mix: str = "site") -> Dataset:
    rng = random.Random(seed)
    locale = get_locale(locale_code)
    nplurals = locale.nplurals
    taken: set[tuple[str | None, str]] = set()
    contexts = ["menu", "button", "verb", "noun", "legal", "footer"]

    def fresh(context: str | None) -> str:
        while True:
            text = _sentence(rng, mix)
            if (context, text) not in taken:
                taken.add((context, text))
                return text

    template: list[polib.POEntry] = []
    for number in range(entries):
        roll = rng.random()
        if roll < 0.03 and template:
            # The same msgid in another context: msgctxt is part of the key.
            base = rng.choice(template)
            context = rng.choice(contexts)
            if (context, base.msgid) in taken or base.msgid_plural:
                context = None
                msgid = fresh(None)
            else:
                taken.add((context, base.msgid))
                msgid = base.msgid
        else:
            context = rng.choice(contexts) if roll < 0.06 else None
            msgid = fresh(context)
        entry = polib.POEntry(msgid=msgid, msgctxt=context, occurrences=[(f"templates/page{number % 97}.html", str(number % 400 + 1))])
        if roll > 0.95 and not msgid.startswith(("%", "{")):
            entry.msgid_plural = msgid + " (many)"
        if "%(" in msgid or "%s" in msgid or "%d" in msgid:
            entry.flags = ["python-format"]
        template.append(entry)

    old = new_catalog(locale, project="bench")
    for index, source in enumerate(template):
        entry = _copy(source)
        roll = rng.random()
        if roll < 0.05:
            pass  # untranslated
        else:
            translation = _translate(source.msgid, source.msgctxt)
            if source.msgid_plural:
                entry.msgstr_plural = {i: translation + ("" if i == 0 else f" ({i})") for i in range(nplurals)}
            else:
                entry.msgstr = translation
            if roll < 0.07:
                entry.flags.append("fuzzy")
        old.append(entry)
    for _ in range(max(1, entries // 100)):
        msgid = fresh(None)
        old.append(polib.POEntry(msgid=msgid, msgstr=_translate(msgid, None), obsolete=True))

    data = Dataset(old=old, new=new_catalog(None, project="bench"))
    new_entries: list[polib.POEntry] = []
    for source, translated in zip(template, old):
        roll = rng.random()
        if roll < removed:
            continue
        entry = _copy(source)
        if roll < removed + reworded:
            while True:
                text = _reword(source.msgid, rng)
                if (source.msgctxt, text) not in taken:
                    break
            taken.add((source.msgctxt, text))
            entry.msgid = text
            if source.msgid_plural:
                entry.msgid_plural = text + " (many)"
            if _translation_of(translated):
                data.expected[(entry.msgctxt, entry.msgid)] = _translation_of(translated)
        new_entries.append(entry)
    for _ in range(int(entries * added)):
        msgid = fresh(None)
        entry = polib.POEntry(msgid=msgid, occurrences=[("templates/new.html", "1")])
        new_entries.insert(rng.randrange(len(new_entries) + 1), entry)
        data.added.add((None, msgid))
    for entry in new_entries:
        data.new.append(entry)
    return data


def _copy(source: polib.POEntry) -> polib.POEntry:
    return polib.POEntry(
        msgid=source.msgid, msgctxt=source.msgctxt, msgid_plural=source.msgid_plural,
        occurrences=list(source.occurrences), flags=list(source.flags),
        msgstr_plural={} if not source.msgid_plural else {0: "", 1: ""},
    )


def _translation_of(entry: polib.POEntry) -> str:
    if entry.msgid_plural:
        return entry.msgstr_plural.get(0, "") if entry.msgstr_plural else ""
    return entry.msgstr


def score(merged: polib.POFile, data: Dataset) -> dict[str, int]:
    """Fuzzy entries carrying the right old translation, and the others."""
    right = wrong = 0
    for entry in merged:
        if entry.obsolete or "fuzzy" not in entry.flags:
            continue
        key = (entry.msgctxt, entry.msgid)
        expected = data.expected.get(key)
        if expected is None:
            # a fuzzy entry the generator did not reword: only an old fuzzy
            # entry kept as it was is right
            if key in data.added:
                wrong += 1
            continue
        if _translation_of(entry) == expected:
            right += 1
        else:
            wrong += 1
    return {"right": right, "wrong": wrong, "missed": len(data.expected) - right}


def run(entries: int, *, seed: int = 1, workdir: Path | None = None, mix: str = "site") -> dict:
    """Generate, merge with both tools, and return timings and match counts."""
    if shutil.which("msgmerge") is None:
        raise SystemExit("msgmerge not found: apt-get install gettext")
    own = workdir is None
    folder = Path(tempfile.mkdtemp(prefix="bench-merge-")) if own else workdir
    folder.mkdir(parents=True, exist_ok=True)
    try:
        data = generate(entries, seed=seed, mix=mix)
        old_path, pot_path = folder / "old.po", folder / "new.pot"
        write_po(data.old, old_path)
        write_po(data.new, pot_path)

        # Wall-clock and CPU seconds both: on a busy machine the CPU time is
        # the steadier measure (msgmerge's CPU time adds up its threads).
        gnu_out = folder / "msgmerge.po"
        cpu = _children_cpu()
        start = time.perf_counter()
        subprocess.run(["msgmerge", "--quiet", "-o", str(gnu_out), str(old_path), str(pot_path)], check=True)
        gnu_seconds = time.perf_counter() - start
        gnu_cpu = _children_cpu() - cpu

        ours_out = folder / "toolkit.po"
        shutil.copyfile(old_path, ours_out)
        cpu = time.process_time()
        start = time.perf_counter()
        with collector_for("update"):  # as `toolkit update` runs it
            update_file(pot_path, ours_out, get_locale("sr"))
        our_seconds = time.perf_counter() - start
        our_cpu = time.process_time() - cpu

        gnu = score(polib.pofile(str(gnu_out), wrapwidth=WRAP_WIDTH), data)
        ours = score(read_po(ours_out), data)
        return {
            "entries": entries,
            "mix": mix,
            "template_entries": len(data.new),
            "reworded": len(data.expected),
            "added": len(data.added),
            "msgmerge": {"seconds": round(gnu_seconds, 3), "cpu_seconds": round(gnu_cpu, 3), **gnu},
            "toolkit": {"seconds": round(our_seconds, 3), "cpu_seconds": round(our_cpu, 3), **ours},
            "ratio": round(gnu_seconds / our_seconds, 2) if our_seconds else None,
            "cpu_ratio": round(gnu_cpu / our_cpu, 2) if our_cpu else None,
        }
    finally:
        if own:
            shutil.rmtree(folder, ignore_errors=True)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000, help="messages in the template (default 20000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mix", choices=sorted(MIXES), default="site",
                        help="site: UI strings and content paragraphs (default); ui: short strings only")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR", help="write the files here and keep them")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    result = run(args.entries, seed=args.seed, workdir=args.keep, mix=args.mix)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{result['entries']} entries ({result['mix']} mix), {result['reworded']} reworded translations, {result['added']} added messages")
    for tool in ("msgmerge", "toolkit"):
        row = result[tool]
        print(
            f"{tool:>9}: {row['seconds']:8.3f} s wall {row['cpu_seconds']:8.3f} s CPU   "
            f"right fuzzy {row['right']:6d}   wrong fuzzy {row['wrong']:5d}   missed {row['missed']:5d}"
        )
    print(f"ratio (msgmerge time / toolkit time): {result['ratio']}x wall, {result['cpu_ratio']}x CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
