"""Translators' string tables: export a language's texts from personas and scenarios as PO
or XLIFF for Poedit, Weblate or any CAT tool, import the translated file back, and see how
much of each language there is.

Each text has a stable id (file kind and id, then state and reply ids), so a table keeps
its meaning while the persona grows. Imported translations go to `i18n/LANG/NAME.po` beside
each file and are used in calls in that language; a text whose source changed since it was
translated shows in the source language, marked, until it is translated again.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import err, guarded

EPILOG = """\
examples:
  collectsim i18n export personas scenarios --lang es -o es.po
  collectsim i18n export personas/victim-seamstress.yaml --lang zh-Hant --format xliff -o zh-Hant.xlf
  collectsim i18n export --lang zh-Hant --prefill -o zh-Hant.po   start from OpenCC, then review
  collectsim i18n import es.po personas scenarios
  collectsim i18n status personas scenarios
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    from simulator.authoring.translate import FORMATS

    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    ex = sub.add_parser("export", help="write a language's string table")
    ex.add_argument("paths", nargs="*", metavar="PATH", help="persona and scenario files or folders (default: personas scenarios)")
    ex.add_argument("--lang", required=True, help="the language to translate into: es, zh-Hant, zh, en")
    ex.add_argument("--format", choices=FORMATS, default="po")
    ex.add_argument("--source", help="the language to translate from (default: each file's first)")
    ex.add_argument("--prefill", action="store_true",
                    help="fill untranslated zh-Hant (or zh) texts by converting the other Chinese "
                    "script with OpenCC, marked fuzzy for review")
    ex.add_argument("--output", "-o", metavar="FILE", help="write here instead of to stdout")
    im = sub.add_parser("import", help="store a translated PO or XLIFF file beside the content")
    im.add_argument("file", metavar="FILE", help="the translated .po or .xlf")
    im.add_argument("paths", nargs="*", metavar="PATH", help="where the translated files are "
                    "(default: personas scenarios)")
    im.add_argument("--lang", help="the file's language, when it does not say")
    st = sub.add_parser("status", help="translation coverage per language")
    st.add_argument("paths", nargs="*", metavar="PATH", help="(default: personas scenarios)")


def run(args: argparse.Namespace) -> int:
    return guarded(lambda: _run(args))  # type: ignore[return-value]


def _run(args: argparse.Namespace) -> int:
    from simulator.authoring import translate as tr

    try:
        files = tr.content_files(args.paths)
        if args.action == "export":
            text = tr.export(files, tr.normalise_lang(args.lang), args.format,
                             tr.normalise_lang(args.source) if args.source else None, args.prefill)
            if args.output:
                Path(args.output).write_text(text, encoding="utf-8")
                print(f"wrote {args.output}", file=sys.stderr)
            else:
                sys.stdout.write(text)
            return 0
        if args.action == "import":
            said, table = tr.read_table(Path(args.file))
            if not (args.lang or said):
                err(f"{args.file} does not say its language: add --lang")
                return 2
            lang = tr.normalise_lang(args.lang or said)  # type: ignore[arg-type]
            rep = tr.import_table(files, lang, table)
            for path in rep.written:
                print(f"wrote {path}")
            print(f"{rep.translated} translation(s) into {lang} in {len(rep.written)} file(s)")
            for what, ids in (("unknown id (not in these files)", rep.unknown),
                              ("source text changed since it was exported: marked fuzzy", rep.stale),
                              ("placeholders differ from the source: marked fuzzy", rep.placeholder)):
                for i in ids:
                    print(f"  {i}: {what}")
            return 1 if rep.unknown or rep.stale or rep.placeholder else 0
        total = tr.Coverage()
        for f in files:
            c = tr.coverage(f)
            total.add(c)
            print(f"{f.path}: {c.line()}")
        print(f"{len(files)} file(s): {total.line()}")
        return 0
    except ValueError as exc:
        err(str(exc))
        return 2
