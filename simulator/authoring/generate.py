"""Generated personas of a chosen size, for benchmarks and load tests of the toolkit.

Each is the `new persona` template's winnable spine with extra detour states hung off it,
so every generated persona is lint-clean and explorable like a real one.
"""

from __future__ import annotations

import random
from pathlib import Path

from .new import new_persona

SPINE = ["identified", "asks-time", "excuse", "no-cash", "offers"]


def detours(n: int, rng: random.Random) -> str:
    """`n` extra states: each hangs off a spine state and rejoins the spine or a vague end."""
    out = []
    for i in range(n):
        back = rng.choice(["vague-end", *SPINE[2:]])
        out.append(f"""
  - id: detour-{i}
    say: [{{en: "Well, let me tell you about that ({i}).", zh: "这个嘛，我跟你说说（{i}）。"}}]
    replies:
      - id: hear-{i}
        text: {{en: "Go on, I'm listening.", zh: "您说，我听着。"}}
        moves: [listen_empathise]
        effects: [{{var: trust, add: {rng.choice([1, -1])}}}]
        to: {back if i + 1 >= n else f"detour-{i + 1}"}
      - id: move-on-{i}
        text: {{en: "I understand. Let's get back to the payment.", zh: "理解。我们还是说回还款。"}}
        moves: [ask_follow_up]
        to: {rng.choice(SPINE[1:3])}
""")
    return "".join(out)


def generated_persona(name: str, states: int = 30, seed: int = 0) -> str:
    """Persona YAML with about `states` states (the template has 12)."""
    rng = random.Random(seed)
    text = new_persona(name, rng.choice(["stubborn", "evasive", "victim", "forgetful"]), Path("x.yaml"))
    extra = max(0, states - 12)
    text += detours(extra, rng)
    if extra:  # one way in to the detours from each spine state
        for k, st in enumerate(SPINE[:3]):
            hook = f"  - id: {st}\n    say:\n"
            first = 0 if k == 0 else rng.randrange(extra)
            entry = (f"  - id: {st}\n    say:\n")
            text = text.replace(hook, entry, 1)
            marker = f"  - id: {st}\n"
            head, tail = text.split(marker, 1)
            body_end = tail.find("    replies:\n") + len("    replies:\n")
            tail = (tail[:body_end] + f"      - id: aside-{k}\n        text: {{en: \"Tell me more.\", zh: \"再说说。\"}}\n"
                    f"        moves: [ask_follow_up]\n        to: detour-{first}\n" + tail[body_end:])
            text = head + marker + tail
    return text


def write_library(folder: Path, count: int, states: int = 30, seed: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(count):
        p = folder / f"gen-{i:05d}.yaml"
        p.write_text(generated_persona(f"gen-{i:05d}", states, seed + i), encoding="utf-8")
        out.append(p)
    return out
