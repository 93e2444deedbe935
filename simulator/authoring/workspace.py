"""A trainer's content folder: the layout `collectsim init` makes and `new` writes into.

Editors find the schemas through paths relative to each file (the modeline) and to the
folder (`.vscode/settings.json`), both pointing at the folder's own copy of the schemas, so
they keep working when the folder is shared through git or collectsim is reinstalled.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from simulator.authoring.schemas import FILE_GLOBS, SCHEMA_KINDS, file_name, write_all

CONTENT_DIRS = ("personas", "scenarios", "golden")
SETTINGS = Path(".vscode") / "settings.json"
EXTENSIONS = Path(".vscode") / "extensions.json"
YAML_EXTENSION = "redhat.vscode-yaml"
MODELINE = "# yaml-language-server: $schema="

README = """\
# Collection-call content

Personas, scenarios and golden lines for collectsim, written by trainers.

| folder | what |
| --- | --- |
| `personas/` | debtor personas (`collectsim new persona NAME --archetype A`) |
| `scenarios/` | calls against them (`collectsim new scenario NAME --persona ID`) |
| `golden/` | lines of play that must keep their outcome (`collectsim test .`) |
| `schemas/` | JSON Schemas your editor checks the files against (`collectsim init .` refreshes them) |

Play them with `COLLECTSIM_PATH=$PWD collectsim play SCENARIO`; check them with
`collectsim lint personas scenarios`. Editors with the YAML language server (VS Code's
YAML extension, Neovim, Helix) read the first line of each file or `.vscode/settings.json`.
"""


def editor_settings() -> dict[str, list[str]]:
    """`yaml.schemas` for VS Code's YAML extension: schema path -> file globs."""
    return {f"./schemas/{file_name(k)}": list(FILE_GLOBS[k]) for k in SCHEMA_KINDS}


def _merge_json(path: Path, key: str, value: object) -> str:
    """Set `key` in a JSON settings file, keeping the trainer's other settings."""
    if path.exists():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            return f"left {path} alone (not plain JSON): add {json.dumps({key: value})}"
        if not isinstance(data, dict):
            return f"left {path} alone (not a JSON object)"
        if data.get(key) == value:
            return ""
    else:
        data = {}
    data[key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return f"wrote {path}"


def init(root: Path) -> list[str]:
    """Make (or bring up to date) a content folder; what was done, one line each."""
    done = []
    for d in CONTENT_DIRS:
        folder = root / d
        if not folder.is_dir():
            folder.mkdir(parents=True)
            (folder / ".gitkeep").touch()
            done.append(f"made {folder}/")
    write_all(root / "schemas")
    done.append(f"wrote {root / 'schemas'}/ ({', '.join(file_name(k) for k in SCHEMA_KINDS)})")
    for line in (_merge_json(root / SETTINGS, "yaml.schemas", editor_settings()),
                 _merge_json(root / EXTENSIONS, "recommendations", [YAML_EXTENSION])):
        if line:
            done.append(line)
    readme = root / "README.md"
    if not readme.exists():
        readme.write_text(README, encoding="utf-8")
        done.append(f"wrote {readme}")
    return done


def content_root(folder: Path) -> Path:
    """The content folder a file in `folder` belongs to: the nearest one above with a
    schemas/ folder, else the parent of personas/, scenarios/ or golden/, else `folder`."""
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / "schemas" / file_name("persona")).is_file():
            return candidate
    if folder.name in CONTENT_DIRS:
        return folder.parent
    return folder


def modeline(kind: str, out: Path) -> str:
    """The first line for a new file at `out`: a path relative to it, to its content
    folder's schemas (`ensure_schemas` puts them there)."""
    target = content_root(out.parent) / "schemas" / file_name(kind)
    return MODELINE + Path(os.path.relpath(target, out.parent.resolve())).as_posix()


def ensure_schemas(out: Path) -> list[str]:
    """Write the schemas a new file at `out` links to, when its content folder lacks them."""
    root = content_root(out.parent)
    if (root / "schemas" / file_name("persona")).is_file():
        return []
    write_all(root / "schemas")
    return [f"wrote {root / 'schemas'}/ for your editor (`collectsim init {root}` adds editor settings)"]
