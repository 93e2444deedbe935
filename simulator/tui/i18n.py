"""UI strings in English, Simplified and Traditional Chinese and Spanish. Persona and case
text come from the content itself.

The same mechanism as the scorer's message catalogue (scoring/messages.py), which also holds
the words both share (outcomes): `t` looks here first, then there, with one fallback rule.
"""

from __future__ import annotations

from scoring.messages import CATALOGUE, pick
from simulator.core.langs import LANG_NAMES, next_lang

from .i18n_es import KEY_LABELS_ES, STRINGS_ES
from .i18n_zh_hant import KEY_LABELS_ZH_HANT, STRINGS_ZH_HANT

STRINGS: dict[str, dict[str, str]] = {
    "debtor": {"en": "Debtor", "zh": "债务人"},
    "you": {"en": "You", "zh": "你"},
    "replies": {"en": "Your reply (1-9, arrows+Enter, mouse)", "zh": "你的回答（1-9、方向键+回车、鼠标）"},
    "case_file": {"en": "Case file", "zh": "案卷"},
    "checklist": {"en": "Core tasks", "zh": "四项核心任务"},
    "pressure": {"en": "Pressure", "zh": "施压"},
    "mood": {"en": "Mood", "zh": "情绪"},
    "end_call": {"en": "End call", "zh": "结束通话"},
    "help": {"en": "Help", "zh": "帮助"},
    "theme": {"en": "Theme", "zh": "主题"},
    "history": {"en": "History", "zh": "历史"},
    "quit": {"en": "Quit", "zh": "退出"},
    "moved_on": {"en": "This call went on in another tab, so this one has stopped. Reload the page to "
                       "carry on from the last saved turn.",
                 "zh": "这通电话已在另一个标签页中继续，本页已停止。刷新页面即可从最后保存的回合接着打。"},
    "amount": {"en": "Amount", "zh": "金额"},
    "overdue": {"en": "Days overdue", "zh": "逾期天数"},
    "bucket": {"en": "Bucket", "zh": "逾期阶段"},
    "contacts": {"en": "Contacts", "zh": "联系人"},
    "history_prior": {"en": "Earlier contacts", "zh": "此前联系"},
    "none_yet": {"en": "none: first contact", "zh": "无：首次联系"},
    "notes": {"en": "Briefing", "zh": "情况简介"},
    "known": {"en": "On file for this call", "zh": "本次来电已知"},
    "payments": {"en": "Payments", "zh": "还款记录"},
    "debrief": {"en": "Debrief", "zh": "复盘"},
    "pass": {"en": "PASS", "zh": "通过"},
    "fail": {"en": "FAIL", "zh": "未通过"},
    "pass_mark": {"en": "pass mark", "zh": "及格线"},
    "auto_fail": {"en": "AUTO-FAIL", "zh": "一票否决"},
    "penalty": {"en": "penalty", "zh": "扣分"},
    "items": {"en": "Rubric items · Enter: evidence", "zh": "评分项 · 回车：证据轮次"},
    "transcript": {"en": "Transcript · Enter: road not taken", "zh": "通话记录 · 回车：其他选择"},
    "turns_ref": {"en": "[turn {turns}]", "zh": "[第 {turns} 轮]"},
    "n_a": {"en": "n/a", "zh": "不适用"},
    "why": {"en": "Why", "zh": "原因"},
    "fails_call": {"en": "fails the call", "zh": "一票否决"},
    "road": {"en": "Road not taken", "zh": "另一种选择"},
    "road_hint": {"en": "Pick a turn in the transcript to see the other replies.",
                  "zh": "在通话记录中选一轮，查看其他回答的效果。"},
    "chosen": {"en": "chosen", "zh": "已选"},
    "score": {"en": "score", "zh": "得分"},
    "chart": {"en": "Pressure and temper over turns", "zh": "各轮施压与情绪"},
    "chart_key": {"en": "g: full chart", "zh": "g：完整图表"},
    "unchecked": {"en": "Not graded under profile {profile}, and why",
                  "zh": "规范 {profile} 中未评分的规则及原因"},
    "var_anger": {"en": "Anger", "zh": "怒气"},
    "var_trust": {"en": "Trust", "zh": "信任"},
    "last_peak": {"en": "last contact's peak", "zh": "上次峰值"},
    "chart_turn": {"en": "turn", "zh": "轮次"},
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
            " 3. State the pros and cons of paying\n 4. End on a concrete commitment: an "
            "amount, a named day and a method, then close (report it to management, fix the "
            "call-back or visit)\n\n"
            "[b]The call flow[/b]\n Greet and confirm identity, state the debt, ask why, "
            "weigh the costs of not paying, raise pressure step by step (never past the "
            "red lines), pin an amount, a date and a method, and close.\n\n"
            "[b]Keys[/b]\n 1-9 choose a reply · arrows+Enter · c case file and briefing · e end the call now (the call "
            "also ends when you close it or the debtor hangs up) · l language · t theme · "
            "h history · ctrl+p command palette · q quit (the call is saved: "
            "collectsim play --resume)\n\n? or Esc closes this help."
        ),
        "zh": (
            "[b]四项核心任务[/b]\n 1. 要求今天还款\n 2. 了解逾期原因\n 3. 讲清还与不还的利弊\n"
            " 4. 以具体承诺结束：金额、具体日期和方式，然后收尾（上报领导，约定回访或上门）\n\n"
            "[b]通话流程[/b]\n 问候并核实身份，说明欠款，询问原因，"
            "讲清不还的代价，逐步施压（绝不越过红线），落实金额、日期和方式，然后结束。\n\n"
            "[b]按键[/b]\n 1-9 选择回答 · 方向键+回车 · c 案卷与简介 · e 立即结束通话（你收尾或对方挂断时通话也会结束）"
            " · l 语言 · t 主题 · h 历史 · ctrl+p 命令面板 · q 退出（通话已保存：collectsim play "
            "--resume）\n\n按 ? 或 Esc 关闭帮助。"
        ),
    },
    "help_debrief": {
        "en": (
            "[b]Reading the debrief[/b]\n"
            " The score is out of 100; a pass needs the pass mark [i]and[/i] every core task, "
            "and any red line fails the call outright.\n"
            " Each rubric item shows its points, the turns that prove it, why points were "
            "lost and a tip. Enter on an item jumps to its first evidence turn.\n"
            " Under the verdict, the pressure of each turn in one line (a taller block is a higher "
            "rung of the pressure ladder), its peak and the limit for this debtor; g shows the "
            "full chart. In the transcript, #N is the turn and the line under your reply names "
            "the rung it reached (no line: a neutral reply). The rubric items end with the rules "
            "of the compliance profile that were not graded, and why. Enter on a turn shows the road not taken: every reply that was on "
            "offer, what it would have done to the score and the pressure at once, and "
            "whether it fails the call.\n\n"
            "[b]Keys[/b]\n arrows move · Tab next pane · Enter evidence / road not taken · g chart · "
            "r retry the same call (same seed) · n try a new seed · l language · t theme · "
            "h history · q quit\n\n? or Esc closes this help."
        ),
        "zh": (
            "[b]如何看复盘[/b]\n"
            " 满分 100；通过需要达到及格线[i]并且[/i]完成全部核心任务，触碰任何红线一票否决。\n"
            " 每个评分项显示得分、证据轮次、失分原因和建议。在评分项上回车跳到第一个证据轮次。\n"
            " 结论下方一行是每轮的施压（方块越高，施压阶梯越高）、峰值和该客户的上限；g 显示完整图表。"
            "通话记录中 #N 是轮次，回答下方一行写明它达到的施压阶梯（没有这一行表示中性回答）。"
            "评分项最后列出合规规范中未评分的规则及原因。在某轮回车查看"
            "另一种选择：当时可选的每个回答对得分和施压的即时影响，以及是否一票否决。\n\n"
            "[b]按键[/b]\n 方向键移动 · Tab 切换窗格 · 回车 证据/另一种选择 · g 图表 · r 重来（同种子）"
            " · n 换种子 · l 语言 · t 主题 · h 历史 · q 退出\n\n按 ? 或 Esc 关闭帮助。"
        ),
    },
    "core.demand_today": {"en": "Demand payment today", "zh": "要求今天还款"},
    "core.learn_reason": {"en": "Learn the reason", "zh": "了解原因"},
    "core.pros_and_cons": {"en": "State pros and cons", "zh": "讲清利弊"},
    "core.get_commitment": {"en": "End on a commitment", "zh": "以承诺收尾"},
    "past_calls": {"en": "Past calls", "zh": "历史通话"},
    "unfinished": {"en": "unfinished", "zh": "未完成"},
    "turns": {"en": "turns", "zh": "轮数"},
    "more_below": {"en": "more below", "zh": "下面还有"},
    "more_above": {"en": "more above", "zh": "上面还有"},
    "why_ended": {"en": "Why it ended", "zh": "结束原因"},
    "end_now_q": {"en": "End the call now? No turn has been played: it will be scored as it stands.",
                  "zh": "现在结束通话？还没有进行任何一轮：将按现状评分。"},
    "yes_no": {"en": "y end the call · n keep calling", "zh": "y 结束通话 · n 继续通话"},
    "case_hint": {"en": "Case file and briefing · Esc or c closes", "zh": "案卷与情况简介 · Esc 或 c 关闭"},
}


# The trainer's gradebook (`collectsim gradebook`).
GRADEBOOK_STRINGS: dict[str, dict[str, str]] = {
    "gb.title": {"en": "Gradebook", "zh": "成绩册"},
    "gb.book": {"en": "Gradebook", "zh": "成绩册"},
    "gb.cohort": {"en": "Cohort", "zh": "整体统计"},
    "gb.analysis": {"en": "Item analysis", "zh": "选项分析"},
    "gb.filter": {"en": "filter by candidate or scenario… (/)", "zh": "按学员或场景筛选…（/）"},
    "gb.loading": {"en": "Opening the results db…", "zh": "正在打开成绩库…"},
    "gb.error": {"en": "Cannot read the results db", "zh": "无法读取成绩库"},
    "gb.candidate": {"en": "candidate", "zh": "学员"},
    "gb.scenario": {"en": "scenario", "zh": "场景"},
    "gb.score": {"en": "score", "zh": "得分"},
    "gb.result": {"en": "result", "zh": "结果"},
    "gb.attempts": {"en": "tries", "zh": "次数"},
    "gb.last": {"en": "ended (UTC)", "zh": "结束（UTC）"},
    "gb.signature": {"en": "signature", "zh": "签名"},
    "gb.sig.valid": {"en": "valid", "zh": "有效"},
    "gb.sig.tampered": {"en": "TAMPERED", "zh": "已被篡改"},
    "gb.sig.unsigned": {"en": "UNSIGNED", "zh": "未签名"},
    "gb.summary": {"en": "{rows} results · {candidates} candidates · {scenarios} scenarios · "
                         "{finished} finished attempts · {in_progress} in progress",
                   "zh": "{rows} 条成绩 · {candidates} 名学员 · {scenarios} 个场景 · "
                         "已完成 {finished} 次 · 进行中 {in_progress} 次"},
    "gb.tampered_count": {"en": "{n} record(s) TAMPERED: run `collectsim verify`",
                          "zh": "{n} 条记录已被篡改：请运行 `collectsim verify`"},
    "gb.shown": {"en": "{shown} of {rows} shown", "zh": "显示 {shown}/{rows}"},
    "gb.empty": {
        "en": ("[b]No finished attempts yet[/b] in {url}\n\n"
               "Results appear here once candidates are recorded:\n\n"
               "  collectsim sitting create --name NAME --candidate NAME --scenario SCENARIO\n"
               "      then each candidate: collectsim sit   (with the one-time code)\n"
               "  collectsim assess SCENARIO... --candidate NAME   a sitting at this terminal\n\n"
               "Practice records (run --record) are never listed here.\n"
               "Add --db URL (or set COLLECTSIM_DB) to use the same db as this screen. "
               "Press r to reload."),
        "zh": ("{url} 中[b]还没有已完成的考核[/b]\n\n"
               "记录学员成绩后，结果会显示在这里：\n\n"
               "  collectsim sitting create --name NAME --candidate NAME --scenario SCENARIO\n"
               "      然后每位学员运行：collectsim sit   （输入一次性考核码）\n"
               "  collectsim assess SCENARIO... --candidate NAME   在本终端考核\n\n"
               "练习记录（run --record）不会列在这里。\n"
               "加上 --db URL（或设置 COLLECTSIM_DB）以使用与本界面相同的成绩库。按 r 重新加载。"),
    },
    "gb.n": {"en": "n", "zh": "人数"},
    "gb.mean": {"en": "mean", "zh": "平均"},
    "gb.median": {"en": "median", "zh": "中位数"},
    "gb.stdev": {"en": "stdev", "zh": "标准差"},
    "gb.min": {"en": "min", "zh": "最低"},
    "gb.max": {"en": "max", "zh": "最高"},
    "gb.pass_rate": {"en": "pass rate", "zh": "通过率"},
    "gb.item": {"en": "rubric item", "zh": "评分项"},
    "gb.item_mean": {"en": "mean of points", "zh": "平均得分率"},
    "gb.item_means": {"en": "Rubric items: mean fraction of the points", "zh": "评分项：平均得分率"},
    "gb.flag": {"en": "flag", "zh": "标记"},
    "gb.flag.tempting": {"en": "tempting mistake", "zh": "诱人错误"},
    "gb.flag.separating": {"en": "separating", "zh": "区分度高"},
    "gb.turn": {"en": "turn", "zh": "轮次"},
    "gb.state": {"en": "state", "zh": "状态"},
    "gb.reply": {"en": "reply", "zh": "回答"},
    "gb.picked": {"en": "picked", "zh": "选择"},
    "gb.pass_if_picked": {"en": "pass if picked", "zh": "选者通过率"},
    "gb.pass_if_not": {"en": "pass if not", "zh": "未选者通过率"},
    "gb.separation": {"en": "separation", "zh": "区分度"},
    "gb.analysis_hint": {
        "en": "A tempting mistake is picked, and those who pick it pass far less often; "
              "a separating reply is picked by those who pass.",
        "zh": "诱人错误：有人选，且选它的人通过率明显更低；区分度高的回答：通过的人会选它。"},
    "gb.analysis_min_n": {
        "en": "Shown only for menus seen by at least {n} candidates: below that a pass rate says "
              "nothing about a reply.",
        "zh": "只显示至少 {n} 位学员见过的选项菜单：人数更少时，通过率说明不了任何问题。"},
    "gb.attempt": {"en": "attempt", "zh": "考核"},
    "gb.of": {"en": "of", "zh": "/"},
    "gb.seed": {"en": "seed", "zh": "种子"},
    "gb.lang": {"en": "language", "zh": "语言"},
    "gb.mode": {"en": "mode", "zh": "模式"},
    "gb.started": {"en": "started", "zh": "开始"},
    "gb.ended": {"en": "ended", "zh": "结束"},
    "gb.hashes": {"en": "content hashes", "zh": "内容哈希"},
    "gb.points": {"en": "points", "zh": "得分"},
    "gb.weight": {"en": "weight", "zh": "权重"},
    "gb.no_findings": {"en": "No auto-fail, no penalty, no coaching note.", "zh": "无一票否决，无扣分，无改进提示。"},
    "gb.note": {"en": "note", "zh": "提示"},
    "gb.items_title": {"en": "Rubric items", "zh": "评分项"},
    "gb.transcript": {"en": "Transcript", "zh": "通话记录"},
    "gb.officer": {"en": "Officer", "zh": "催收员"},
    "gb.tampered_note": {
        "en": "This record no longer matches its signature: it was changed after the call. "
              "Do not trust its score.",
        "zh": "该记录与签名不符：通话结束后被修改过。不要采信其分数。"},
    "gb.help_text": {
        "en": ("[b]Gradebook[/b]\n Each candidate's latest finished attempt per scenario, with "
               "the number of attempts and whether the stored record still matches its signature. "
               "Enter on a cohort row lists that scenario's candidates.\n\n"
               "[b]Keys[/b]\n b gradebook · c cohort · i item analysis · / filter · "
               "s sort by the next column (or click a header) · Enter open the attempt · "
               "[ ] earlier / later attempt · escape back · r reload · l language · "
               "t theme · q quit\n\n"
               "[b]Item analysis[/b]\n For each turn's menu: how often each reply was picked and "
               "the pass rate of those who picked it against those who did not. A tempting "
               "mistake is worth a training session; a separating reply is what the good "
               "candidates know."),
        "zh": ("[b]成绩册[/b]\n 每位学员在每个场景最近一次完成的考核、考核次数，以及记录是否仍与签名一致。"
               "在整体统计中对某场景按回车，可列出该场景的学员。\n\n"
               "[b]按键[/b]\n b 成绩册 · c 整体统计 · i 选项分析 · / 筛选 · s 按下一列排序（或点击表头） · "
               "回车 打开考核 · [ ] 上一次/下一次考核 · escape 返回 · r 重新加载 · l 语言 · t 主题 · q 退出\n\n"
               "[b]选项分析[/b]\n 每一轮的选项：各回答被选的比例，以及选它与没选它的学员的通过率。"
               "诱人错误值得专门培训；区分度高的回答正是优秀学员掌握的。"),
    },
}
STRINGS.update(GRADEBOOK_STRINGS)
for _lang, _table in (("es", STRINGS_ES), ("zh-Hant", STRINGS_ZH_HANT)):
    for _key, _text in _table.items():
        STRINGS[_key][_lang] = _text
# The language key's label names the language it switches to.
STRINGS["language"] = {lang: LANG_NAMES[next_lang(lang)] for lang in LANG_NAMES}


def t(key: str, lang: str) -> str:
    return pick(STRINGS, key, lang) or pick(CATALOGUE, key, lang) or key


# Footer key labels: bindings are declared once, in English; the footer looks them up here.
KEY_LABELS_ZH = {
    "Analysis": "题项分析", "Back": "返回", "Close": "关闭", "Cohort": "群体统计",
    "Earlier": "上一次", "End call": "结束通话", "Filter": "筛选", "Gradebook": "成绩册",
    "Help": "帮助", "History": "历史", "Later": "下一次", "New seed": "换种子",
    "Quit": "退出", "Reload": "刷新", "Retry": "重来", "Sort": "排序", "Theme": "主题",
    "palette": "命令面板", "Case file": "案卷", "Chart": "图表", "Open": "打开",
}


KEY_LABELS = {"zh": KEY_LABELS_ZH, "es": KEY_LABELS_ES, "zh-Hant": KEY_LABELS_ZH_HANT}


def key_label(description: str, lang: str) -> str:
    return KEY_LABELS.get(lang, {}).get(description, description)
