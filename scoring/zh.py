"""The scorer's own sentences (why an item lost points, which red line was crossed) in Chinese.

Why here and not in the checks: a check's `result()` runs at every step of the expert search
and of bulk grading, where building two languages of text would be paid millions of times;
the report is built once. So the checks speak English, and `Scorer.report(lang="zh")` turns
each sentence into Chinese through the templates below. A sentence no template matches is
left in English (a test plays every bundled scenario to keep this table complete).
Trainer-written text (rubric titles and tips, profile rules) is bilingual in its YAML and
does not pass through here.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .compliance import Finding

# (English sentence, as a regex; Chinese, with the groups as {1}, {2}...)
_DETAILS: tuple[tuple[str, str], ...] = (
    (r"asked 'when can you pay\?' at turn (\d+)", "第 {1} 轮问了“你什么时候能还？”"),
    (r"never demanded payment today", "从未要求今天还款"),
    (r"the debtor volunteered the reason; you never asked", "原因是债务人主动说的，你没有问"),
    (r"the reason for non-payment never came out", "始终没有问出逾期原因"),
    (r"no default cost stated", "没有讲违约成本"),
    (r"no benefit of paying on time", "没有讲按时还款的好处"),
    (r"no renewed demand after the costs", "讲完代价后没有再次要求今天还款"),
    (r"the promise was vague: no amount, named day and method", "承诺太含糊：没有金额、具体日期和方式"),
    (r"a promise was made but the call ended as '(\w+)'",
     "有了承诺，但通话以“{1}”结束，没有收尾（上报领导、约定下一步）"),
    (r"the call ended without a commitment", "通话结束时没有拿到承诺"),
    (r"missing (.+)", "缺少{1}"),
    (r"none of the costs that bite for this debtor \((.*)\)", "没有提到对该客户有效的代价（{1}）"),
    (r"officer and debtor know each other", "双方彼此认识"),
    (r"identity not confirmed before the debt was discussed", "谈欠款前没有核实身份"),
    (r"you did not say who you are", "没有说明自己的身份"),
    (r"asked for the reason before demanding payment today", "先问原因，后要求今天还款"),
    (r"no demand for payment today", "没有要求今天还款"),
    (r"after hearing the reason you did not demand payment today again", "听完原因后没有再次要求今天还款"),
    (r"did not refer the proposal to management", "没有说要上报领导"),
    (r"no call-back or visit fixed", "没有约定回访或上门"),
    (r"no pressure at all: the call never demanded anything", "完全没有施压：整通电话没有提出任何要求"),
    (r"pressure fell back at turn (\d+)", "第 {1} 轮施压回落"),
    (r"opened at pressure (\d+): negotiate first", "一开口就是施压等级 {1}：应先协商"),
    (r"heavy pressure at turn (\d+) before learning the reason", "第 {1} 轮在了解原因前就重度施压"),
    (r"pressure never rose during the call", "整通电话施压没有提升"),
    (r"level (\d+) is past the ceiling of (\d+) for day (\d+), class (\w+)",
     "等级 {1} 超过了逾期第 {3} 天、{4} 类客户的上限 {2}"),
    (r"first contact", "首次联系"),
    (r"peak pressure (\d+) did not exceed the last contact's (\d+)", "施压峰值 {1} 没有超过上次联系的 {2}"),
    (r"(\d+) beginner's mistake\(s\)", "{1} 个新手错误"),
    (r"never: (.+)", "从未做到：{1}"),
    (r"turn (\d+) did what this item forbids", "第 {1} 轮做了本项禁止的事"),
    # red lines and built-in profile rules
    (r"threat of violence", "暴力威胁"),
    (r"insult or obscene language", "辱骂或污言秽语"),
    (r"false threat \(arrest, jail, action not intended or not lawful\)", "虚假威胁（抓人、坐牢、不打算或不合法的行动）"),
    (r"disclosing the debt to a third party", "向第三方透露欠款"),
    (r"lying about the amount owed or one's authority", "谎报欠款金额或自己的权限"),
    (r"harassment", "骚扰"),
    (r"discussed the debt with someone who is not the debtor", "与非债务人本人谈论了欠款"),
    (r"discussed the debt before saying this is an attempt to collect a debt", "在说明这是催收之前就谈了欠款"),
    (r"call placed at (\S+), outside (\S+) allowed by profile '(\w+)'",
     "通话时间 {1} 不在规范“{3}”允许的 {2} 之内"),
)
# words inside a sentence: a commitment's parts, and the costs that bite for a debtor
_WORDS = {"an amount": "金额", "a named day": "具体日期", "a method": "还款方式",
          "credit record": "征信记录", "extra burden": "额外负担（罚息、费用）", "family": "家人",
          "lender standing": "在本机构的信用评级", "reputation": "名声", "business": "生意"}


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Compiled on the first Chinese report, not when the scorer is imported (start-up)."""
    return tuple((re.compile(en + r"\Z"), zh) for en, zh in _DETAILS)


def _one(sentence: str) -> str | None:
    for pattern, zh in _compiled():
        m = pattern.match(sentence)
        if m:
            groups = ["、".join(_WORDS.get(w, w) for w in g.split(", ")) for g in m.groups()]
            return zh.format(None, *groups)
    return None


def _has_semicolon_template(text: str) -> bool:
    """One sentence of the checks contains '; ' itself; it must not be split."""
    return any("; " in en and pattern.match(text) for (pattern, _), (en, _) in zip(_compiled(), _DETAILS, strict=True))


def to_zh(text: str) -> str:
    """`text` (one sentence, or several joined by '; ') in Chinese, sentence by sentence;
    any sentence without a template stays as it was."""
    if not text:
        return text
    whole = _one(text) if _has_semicolon_template(text) else None  # e.g. LearnReason's
    return whole or "；".join(_one(part) or part for part in text.split("; "))


def untranslated(text: str) -> list[str]:
    """The sentences of `text` that have no Chinese template (for the completeness test)."""
    if _has_semicolon_template(text):
        return []
    return [part for part in text.split("; ") if part and _one(part) is None]


def finding_message(f: Finding, lang: str) -> str:
    """What a compliance finding says, in `lang`."""
    return (f.message_zh or to_zh(f.message)) if lang == "zh" else f.message
