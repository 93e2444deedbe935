"""UI strings in English and Chinese. Persona and case text come from the content itself."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "debtor": {"en": "Debtor", "zh": "债务人"},
    "you": {"en": "You", "zh": "你"},
    "replies": {"en": "Your reply (1-9, arrows+Enter, mouse)", "zh": "你的回答（1-9、方向键+回车、鼠标）"},
    "case_file": {"en": "Case file", "zh": "案卷"},
    "checklist": {"en": "Core tasks", "zh": "四项核心任务"},
    "pressure": {"en": "Pressure", "zh": "施压"},
    "prev_peak": {"en": "last contact peak", "zh": "上次联系峰值"},
    "mood": {"en": "Mood", "zh": "情绪"},
    "end_call": {"en": "End call", "zh": "结束通话"},
    "help": {"en": "Help", "zh": "帮助"},
    "language": {"en": "中文", "zh": "English"},
    "theme": {"en": "Theme", "zh": "主题"},
    "history": {"en": "History", "zh": "历史"},
    "quit": {"en": "Quit", "zh": "退出"},
    "amount": {"en": "Amount", "zh": "金额"},
    "overdue": {"en": "Days overdue", "zh": "逾期天数"},
    "bucket": {"en": "Bucket", "zh": "逾期阶段"},
    "contacts": {"en": "Contacts", "zh": "联系人"},
    "history_prior": {"en": "Earlier contacts", "zh": "此前联系"},
    "none_yet": {"en": "none: first contact", "zh": "无：首次联系"},
    "notes": {"en": "Briefing", "zh": "情况简介"},
    "payments": {"en": "Payments", "zh": "还款记录"},
    "debrief": {"en": "Debrief", "zh": "复盘"},
    "pass": {"en": "PASS", "zh": "通过"},
    "fail": {"en": "FAIL", "zh": "未通过"},
    "pass_mark": {"en": "pass mark", "zh": "及格线"},
    "auto_fail": {"en": "AUTO-FAIL", "zh": "一票否决"},
    "penalty": {"en": "penalty", "zh": "扣分"},
    "items": {"en": "Rubric items (Enter: show evidence turn)", "zh": "评分项（回车：跳到证据轮次）"},
    "transcript": {"en": "Transcript (Enter on a turn: road not taken)", "zh": "通话记录（在某轮回车：其他选择）"},
    "road": {"en": "Road not taken", "zh": "另一种选择"},
    "road_hint": {"en": "Pick a turn in the transcript to see the other replies.",
                  "zh": "在通话记录中选一轮，查看其他回答的效果。"},
    "chosen": {"en": "chosen", "zh": "已选"},
    "score": {"en": "score", "zh": "得分"},
    "chart": {"en": "Pressure over turns", "zh": "各轮施压"},
    "retry": {"en": "Retry (same seed)", "zh": "重试（同种子）"},
    "new_seed": {"en": "New seed", "zh": "换种子"},
    "turn": {"en": "turn", "zh": "第"},
    "tip": {"en": "Tip", "zh": "建议"},
    "picker": {"en": "Choose a scenario", "zh": "选择场景"},
    "filter": {"en": "filter scenarios…", "zh": "筛选场景…"},
    "outcome": {"en": "Outcome", "zh": "结果"},
    "call_over": {"en": "The call is over.", "zh": "通话结束。"},
    "help_text": {
        "en": (
            "[b]The four core tasks[/b]\n"
            " 1. Demand payment today\n 2. Learn the reason it is late\n"
            " 3. State the pros and cons of paying\n 4. End on a concrete commitment\n\n"
            "[b]The call flow[/b]\n Greet and confirm identity, state the debt, ask why, "
            "weigh the costs of not paying, raise pressure step by step (never past the "
            "red lines), pin an amount, a date and a method, and close.\n\n"
            "[b]Keys[/b]\n 1-9 choose a reply · arrows+Enter · e end the call · "
            "l language · t theme · h history · ctrl+p command palette · q quit"
        ),
        "zh": (
            "[b]四项核心任务[/b]\n 1. 要求今天还款\n 2. 了解逾期原因\n 3. 讲清还与不还的利弊\n"
            " 4. 以具体承诺结束\n\n[b]通话流程[/b]\n 问候并核实身份，说明欠款，询问原因，"
            "讲清不还的代价，逐步施压（绝不越过红线），落实金额、日期和方式，然后结束。\n\n"
            "[b]按键[/b]\n 1-9 选择回答 · 方向键+回车 · e 结束通话 · l 语言 · t 主题 · "
            "h 历史 · ctrl+p 命令面板 · q 退出"
        ),
    },
    "core.demand_today": {"en": "Demand payment today", "zh": "要求今天还款"},
    "core.learn_reason": {"en": "Learn the reason", "zh": "了解原因"},
    "core.pros_and_cons": {"en": "State pros and cons", "zh": "讲清利弊"},
    "core.get_commitment": {"en": "Concrete commitment", "zh": "具体承诺"},
    "outcome.commitment": {"en": "commitment", "zh": "拿到承诺"},
    "outcome.callback": {"en": "callback agreed", "zh": "约定回访"},
    "outcome.refused": {"en": "refused", "zh": "拒绝"},
    "outcome.hang_up": {"en": "debtor hung up", "zh": "对方挂断"},
    "outcome.complaint": {"en": "complaint", "zh": "投诉"},
    "outcome.message_left": {"en": "message left", "zh": "已留言"},
    "outcome.turn_limit": {"en": "ran out of turns", "zh": "轮次用尽"},
    "outcome.stuck": {"en": "no reply on offer", "zh": "无可选回答"},
    "outcome.abandoned": {"en": "you ended the call", "zh": "你结束了通话"},
    "past_calls": {"en": "Past calls", "zh": "历史通话"},
    "unfinished": {"en": "unfinished", "zh": "未完成"},
}


def t(key: str, lang: str) -> str:
    entry = STRINGS.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry["en"]
