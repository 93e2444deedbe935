"""What the scorer says, as message codes with parameters, and the catalogue that words them.

Checks and compliance rules return `Msg(code, params)`, never sentences: the fold runs
millions of times in the explorer and bulk grading and words nothing; a front end renders a
message once, in its language, through `say`. The catalogue is the same shape as the UI
strings (`simulator/tui/i18n.py`): code -> {language: template}. A new language is a new key
in each entry; a missing one falls back along `fallbacks` (zh-Hant -> zh -> en).

A parameter may itself be a Msg (rendered in the same language), a tuple of them (a list,
joined per language) or a plain value.
"""

from __future__ import annotations

from typing import NamedTuple

from simulator.core.move_reference import LADDER, ladder_name

from .messages_es import MESSAGES_ES
from .messages_zh_hant import MESSAGES_ZH_HANT


class Msg(NamedTuple):
    code: str
    params: tuple[tuple[str, object], ...] = ()

    def get(self, name: str, default: object = None) -> object:
        return next((v for k, v in self.params if k == name), default)


def msg(code: str, **params: object) -> Msg:
    return Msg(code, tuple(params.items()))


def word(code: str) -> Msg:
    """A parameter-free message used as a word inside another (a missing part, a cost)."""
    return Msg(code)


def pressure_shown(peak: int | None, ceiling: int, previous: int | None = None) -> Msg:
    """A call's pressure as the debrief, plain play and the reports show it: the peak
    reached against the limit for this debtor's stage, and the last contact's peak."""
    shown = Msg("pressure.shown", (("level", rung(peak) if peak is not None else Msg("pressure.nothing")),
                                   ("ceiling", rung(ceiling))))
    if previous is None:
        return shown
    return Msg("pressure.with_last", (("shown", shown), ("previous", rung(previous))))


def rung(level: int) -> Msg:
    """A pressure level as every front end shows it: the ladder's own words, then its number
    ('money consequences (2)'). The one way a level reaches a user (debrief, plain play,
    reports, the rubric's feedback)."""
    return Msg("pressure.rung", (("name", Msg(f"ladder.{level}")), ("level", level)))


CATALOGUE: dict[str, dict[str, str]] = {
    "list.sep": {"en": ", ", "zh": "、"},
    "detail.sep": {"en": "; ", "zh": "；"},
    # commitment parts and costs that bite
    "part.amount": {"en": "an amount", "zh": "金额"},
    "part.day": {"en": "a named day", "zh": "具体日期"},
    "part.method": {"en": "a method (lump sum or instalments, and where the money comes from)",
                    "zh": "还款方式（一次还清或分期，钱从哪里来）"},
    "cost.credit_record": {"en": "credit record", "zh": "征信记录"},
    "cost.extra_burden": {"en": "extra burden (penalty interest, fees)", "zh": "额外负担（罚息、费用）"},
    "cost.family": {"en": "family", "zh": "家人"},
    "cost.lender_standing": {"en": "standing with the lender", "zh": "在本机构的信用评级"},
    "cost.reputation": {"en": "reputation", "zh": "名声"},
    "cost.business": {"en": "business", "zh": "生意"},
    # moves a bundled rubric names in uses_moves / avoids_moves (others read as their names)
    "move.ask_for_debtor": {"en": "ask for the debtor", "zh": "指名找借款人"},
    "move.confirm_identity": {"en": "confirm who answered", "zh": "确认接听人身份"},
    "move.leave_message": {"en": "leave a neutral message", "zh": "留下中性的口信"},
    "move.demand_today": {"en": "demand payment today", "zh": "要求今天还款"},
    "move.escalate_money": {"en": "money consequences", "zh": "讲经济后果"},
    "move.escalate_credit": {"en": "credit consequences", "zh": "讲信用后果"},
    "move.escalate_reputation": {"en": "reputation consequences", "zh": "讲名誉后果"},
    "move.cost_family": {"en": "costs to the family", "zh": "对家庭的影响"},
    "move.cost_reputation": {"en": "costs to reputation", "zh": "对名声的影响"},
    # ... and those the informed-contact and guarantor rubrics name (issue 15)
    "move.introduce_self": {"en": "say who you are", "zh": "表明自己身份"},
    "move.ask_reason": {"en": "ask why the debtor stopped paying", "zh": "询问借款人为什么不还款"},
    "move.ask_follow_up": {"en": "ask about the debtor's situation", "zh": "追问借款人的情况"},
    "move.pin_date": {"en": "name the day it must be paid by", "zh": "说明最后还款日"},
    "move.fix_callback": {"en": "fix a call-back", "zh": "约定回电时间"},
    "move.contact_guarantor": {"en": "invoke the guarantee", "zh": "明确担保责任"},
    "move.cost_credit_record": {"en": "the credit record", "zh": "对征信的影响"},
    "move.cost_extra_burden": {"en": "penalty and costs", "zh": "罚息和费用"},
    "move.escalate_field_visit": {"en": "a field visit", "zh": "上门拜访"},
    "move.escalate_lawyer_letter": {"en": "a lawyer's letter", "zh": "律师函"},
    "mistake.ask_good_time": {"en": "asked 'is this a good time?'", "zh": "问了“现在方便吗”"},
    "mistake.ask_when_can_pay": {"en": "asked 'when can you pay?'", "zh": "问了“你什么时候能还”"},
    "mistake.doubt_story": {"en": "doubted the debtor's story", "zh": "质疑了对方的说法"},
    "mistake.accept_on_spot": {"en": "accepted the proposal on the spot", "zh": "当场答应了对方的提议"},
    "mistake.reject_on_spot": {"en": "rejected the proposal on the spot", "zh": "当场拒绝了对方的提议"},
    # the four core tasks
    "demand.never": {"en": "never demanded payment today", "zh": "从未要求今天还款"},
    "demand.unheard": {"en": "the demand at turn {turn} went to someone never confirmed as the debtor",
                       "zh": "第 {turn} 轮的还款要求对象始终没有确认是借款人本人"},
    "demand.late": {"en": "the first demand for today came only at turn {turn}, after {what} at turn {before}: "
                            "demand at once, before anything else",
                    "zh": "第 {turn} 轮才第一次要求今天还款，在第 {before} 轮{what}之后：应当一开口就要求"},
    "demand.what.reason": {"en": "asking the reason", "zh": "问原因"},
    "demand.what.when": {"en": "asking 'when can you pay?'", "zh": "问“你什么时候能还”"},
    "reason.volunteered": {"en": "the debtor gave the reason at turn {turn} without being asked",
                           "zh": "第 {turn} 轮原因是债务人主动说的，你没有问"},
    "reason.never": {"en": "the reason for non-payment never came out", "zh": "始终没有问出逾期原因"},
    "pros.no_cost": {"en": "no cost of default stated", "zh": "没有讲违约成本"},
    "pros.no_benefit": {"en": "no benefit of paying on time", "zh": "没有讲按时还款的好处"},
    "pros.no_again": {"en": "no renewed demand for today after the reason or the costs",
                      "zh": "听完原因或讲完代价后没有再次要求今天还款"},
    "commit.none": {"en": "the call ended without a commitment", "zh": "通话结束时没有拿到承诺"},
    "commit.lacks": {"en": "the promise at turn {turn} lacks {parts}", "zh": "第 {turn} 轮的承诺缺少{parts}"},
    "commit.not_closed": {"en": "a promise was made at turn {turn} but the call ended as '{outcome}'",
                          "zh": "第 {turn} 轮有了承诺，但通话以“{outcome}”结束"},
    "commit.shared": {"en": "the same missing parts also cost points under 'A concrete commitment'",
                      "zh": "缺少的部分也在“承诺是否具体”中扣分"},
    "costs.none_bite": {"en": "none of the costs that bite for this debtor ({costs})",
                        "zh": "没有提到对该客户有效的代价（{costs}）"},
    # call flow
    "flow.known": {"en": "officer and debtor know each other", "zh": "双方彼此认识"},
    "flow.no_identity": {"en": "the debt came at turn {turn} before the identity was confirmed (see compliance)",
                         "zh": "第 {turn} 轮在核实身份前就谈了欠款（见合规）"},
    "flow.never_identity": {"en": "you never confirmed who you were speaking to", "zh": "始终没有确认对方身份"},
    "flow.no_intro": {"en": "you did not say who you are", "zh": "没有说明自己的身份"},
    "flow.reason_first": {"en": "asked for the reason at turn {reason} before demanding payment today at turn {turn}",
                          "zh": "第 {reason} 轮先问原因，第 {turn} 轮才要求今天还款"},
    "flow.no_demand": {"en": "no demand for payment today", "zh": "没有要求今天还款"},
    "flow.no_again": {"en": "after hearing the reason you did not demand payment today again",
                      "zh": "听完原因后没有再次要求今天还款"},
    "flow.no_refer": {"en": "did not refer the proposal to management", "zh": "没有说要上报领导"},
    "flow.no_next": {"en": "no call-back or visit fixed", "zh": "没有约定回访或上门"},
    # pressure
    "pressure.none": {"en": "no pressure at all: the call never demanded anything",
                      "zh": "完全没有施压：整通电话没有提出任何要求"},
    "pressure.retreat": {"en": "turn {turn} retreated from {posture} to {level}: {how}",
                         "zh": "第 {turn} 轮从{posture}退回到{level}：{how}"},
    "retreat.accept": {"en": "accepted a delay after pressing; deciding on the spot also counts as a beginner's mistake",
                       "zh": "施压后又接受了拖延；当场表态也计为新手错误"},
    "retreat.soften": {"en": "softened the demand", "zh": "软化了要求"},
    "pressure.opened_high": {"en": "opened at {level} at turn {turn}: negotiate first",
                             "zh": "第 {turn} 轮一开口就是{level}：应先协商"},
    "pressure.early": {"en": "{level} at turn {turn} before learning the reason",
                       "zh": "第 {turn} 轮在了解原因前就施压到{level}"},
    "pressure.flat": {"en": "pressure never rose above the opening {level}",
                      "zh": "施压始终没有高过开场的{level}"},
    "pressure.over": {"en": "{level} at turn {turn} is past the limit for day {days}, class {cls}: {ceiling}",
                      "zh": "第 {turn} 轮的{level}超过了逾期第 {days} 天、{cls} 类客户的上限：{ceiling}"},
    "pressure.first_contact": {"en": "first contact", "zh": "首次联系"},
    "pressure.not_harder": {"en": "peak pressure {peak} did not exceed the last contact's {previous}",
                            "zh": "施压峰值{peak}没有超过上次联系的{previous}"},
    "pressure.shown": {"en": "peak {level}, limit {ceiling}", "zh": "峰值{level}，上限{ceiling}"},
    "pressure.rung": {"en": "{name} ({level})", "zh": "{name}（{level}）"},
    "pressure.nothing": {"en": "none", "zh": "无"},
    "pressure.with_last": {"en": "{shown}; last contact {previous}", "zh": "{shown}；上次联系{previous}"},
    "mistakes.at": {"en": "turn {turn}: {what}", "zh": "第 {turn} 轮{what}"},
    "moves.never": {"en": "never: {moves}", "zh": "从未做到：{moves}"},
    "moves.forbidden": {"en": "turn {turn} did what this item forbids ({moves})",
                        "zh": "第 {turn} 轮做了本项禁止的事（{moves}）"},
    # compliance findings
    "red.threat_violence": {"en": "threat of violence", "zh": "暴力威胁"},
    "red.insult": {"en": "insult or obscene language", "zh": "辱骂或污言秽语"},
    "cite.red_line": {"en": "red line (all profiles)", "zh": "红线（所有合规规范）"},
    "red.false_threat": {"en": "false threat (arrest, jail, action not intended or not lawful)",
                         "zh": "虚假威胁（抓人、坐牢、不打算或不合法的行动）"},
    "red.disclose_debt_third_party": {"en": "disclosing the debt to a third party", "zh": "向第三方透露欠款"},
    "red.misstate_amount": {"en": "lying about the amount owed or one's authority", "zh": "谎报欠款金额或自己的权限"},
    "red.harass": {"en": "harassment", "zh": "骚扰"},
    "red.dropped_threat": {"en": "false threat: threatened {level} on day {days} (proportionate up to "
                                 "{limit}) at turn {turn}, then dropped it at turn {dropped}",
                           "zh": "虚假威胁：第 {turn} 轮在逾期第 {days} 天威胁采取{level}（相称上限为{limit}），"
                                 "第 {dropped} 轮又放弃"},
    "red.right_party": {"en": "spoke of the debt at turn {turn} before confirming the person is the debtor",
                        "zh": "第 {turn} 轮在确认对方是借款人本人之前就谈了欠款"},
    "rule.third_party": {"en": "discussed the debt with someone who is not the debtor",
                         "zh": "与非债务人本人谈论了欠款"},
    "rule.disclosure": {"en": "discussed the debt before saying this is an attempt to collect a debt",
                        "zh": "在说明这是催收之前就谈了欠款"},
    "rule.hours": {"en": "call placed at {time}, outside {start}-{end} allowed by profile '{profile}'",
                   "zh": "通话时间 {time} 不在规范“{profile}”允许的 {start}-{end} 之内"},
    # how a call ended (also the UI's words)
    "outcome.commitment": {"en": "commitment", "zh": "拿到承诺"},
    "outcome.callback": {"en": "callback agreed", "zh": "约定回访"},
    "outcome.refused": {"en": "refused", "zh": "拒绝"},
    "outcome.hang_up": {"en": "debtor hung up", "zh": "对方挂断"},
    "outcome.complaint": {"en": "complaint", "zh": "投诉"},
    "outcome.message_left": {"en": "message left", "zh": "已留言"},
    "outcome.turn_limit": {"en": "ran out of turns", "zh": "轮次用尽"},
    "outcome.stuck": {"en": "no reply on offer", "zh": "无可选回答"},
    "outcome.abandoned": {"en": "you ended the call", "zh": "你结束了通话"},
    # why the call ended
    "ending.commitment": {"en": "the debtor committed at turn {turn}", "zh": "第 {turn} 轮债务人作出承诺"},
    "ending.direct": {"en": "at turn {turn} you said \"{reply}\", which led straight to this ending",
                      "zh": "第 {turn} 轮你的回答（“{reply}”）直接导致了这个结局"},
    "ending.limit": {"en": "at turn {turn} you said \"{reply}\", which pushed the debtor past a limit: {changes}",
                     "zh": "第 {turn} 轮你的回答（“{reply}”）让债务人越过了底线：{changes}"},
    "ending.change": {"en": "{var} {old}→{new}", "zh": "{var} {old}→{new}"},
    "ending.turn_limit": {"en": "the call ran out of turns at turn {turn}", "zh": "第 {turn} 轮用尽了轮次"},
    "ending.stuck": {"en": "no reply was on offer after turn {turn}", "zh": "第 {turn} 轮之后没有可选的回答"},
    "ending.abandoned": {"en": "you ended the call after turn {turn}", "zh": "你在第 {turn} 轮之后结束了通话"},
    "ending.other": {"en": "the call ended as '{outcome}' at turn {turn}", "zh": "通话在第 {turn} 轮以“{outcome}”结束"},
}
# the pressure ladder's names, in every language the ladder has (simulator/core/move_reference.py)
CATALOGUE.update({f"ladder.{level}": {lang: ladder_name(text) for lang, text in texts.items()}
                  for level, texts in LADDER.items()})


# Spanish and Traditional Chinese, kept in their own modules (one per language, for their
# translators), are keys of the same entries.
def _add_language(lang: str, table: dict[str, str]) -> None:
    for code, text in table.items():
        CATALOGUE[code][lang] = text


_add_language("es", MESSAGES_ES)
_add_language("zh-Hant", MESSAGES_ZH_HANT)


def fallbacks(lang: str) -> tuple[str, ...]:
    """`zh-Hant` -> (zh-Hant, zh, en); `es` -> (es, en)."""
    base = lang.split("-")[0]
    return tuple(dict.fromkeys((lang, base, "en")))


def pick(table: dict[str, dict[str, str]], key: str, lang: str) -> str | None:
    entry = table.get(key)
    if entry is None:
        return None
    for code in fallbacks(lang):
        if code in entry:
            return entry[code]
    return next(iter(entry.values()), None)


def say(m: Msg | str | dict[str, str], lang: str = "en") -> str:
    """A message in `lang`. A code the catalogue lacks reads as its last part with spaces
    (a move name used as a word, e.g. `move.fix_visit` -> 'fix visit'). Trainer text (a
    profile rule's own words, plain or per language) passes through."""
    if isinstance(m, str):
        return m
    if isinstance(m, dict):
        return pick({"": m}, "", lang) or ""
    template = pick(CATALOGUE, m.code, lang)
    if template is None:
        return m.code.rsplit(".", 1)[-1].replace("_", " ")
    if not m.params:
        return template
    return template.format(**{k: _value(v, lang) for k, v in m.params})


def say_all(ms: tuple[Msg, ...], lang: str = "en") -> str:
    return (pick(CATALOGUE, "detail.sep", lang) or "; ").join(say(m, lang) for m in ms)


def _value(v: object, lang: str) -> object:
    if isinstance(v, Msg):
        return say(v, lang)
    if isinstance(v, tuple):
        return (pick(CATALOGUE, "list.sep", lang) or ", ").join(str(_value(x, lang)) for x in v)
    return v
