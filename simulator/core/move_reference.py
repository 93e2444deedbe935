"""What each officer move means, in every language the product speaks: the words trainers
tag replies with, as `collectsim moves` and the reference in AUTHORING.md explain them.

The kinds (anti-pattern, red line, cost of default) and ladder levels are read from
`moves.py`, where the rubric reads them; only the meanings are written here.
"""

from __future__ import annotations

import re

from .moves import (
    ANTI_PATTERN_MOVES,
    DEFAULT_COST_MOVES,
    LADDER_FLOOR,
    PRESSURE_LADDER,
    RED_LINE_MOVES,
    Move,
)

M = Move
# Move -> {lang: meaning}. zh-Hant was converted from zh with OpenCC (s2twp) and reviewed.
MEANING: dict[Move, dict[str, str]] = {
    M.CONFIRM_IDENTITY: {"en": "ask whether you are speaking to the debtor", "zh": "核实对方是否为债务人本人", "es": "comprobar que se habla con el deudor", "zh-Hant": "核實對方是否為債務人本人"},
    M.INTRODUCE_SELF: {"en": "say who you are and which lender you call from", "zh": "说明自己是谁、代表哪家机构", "es": "decir quién es y de qué entidad llama", "zh-Hant": "說明自己是誰、代表哪家機構"},
    M.DISCLOSE_COLLECTION: {"en": "state that this is an attempt to collect a debt (required first in some profiles)", "zh": "说明这是催收来电（部分合规规则要求先说）", "es": "avisar de que la llamada es para cobrar una deuda (obligatorio primero en algunos perfiles)", "zh-Hant": "說明這是催收來電（部分合規規則要求先說）"},
    M.ASK_GOOD_TIME: {"en": "ask whether it is a good time: invites a put-off", "zh": "问“现在方便吗”：给对方推脱的机会", "es": "preguntar si es buen momento: invita a aplazar", "zh-Hant": "問「現在方便嗎」：給對方推託的機會"},
    M.DEMAND_TODAY: {"en": "demand payment today (core task 1)", "zh": "要求今天还款（核心任务一）", "es": "exigir el pago hoy (tarea clave 1)", "zh-Hant": "要求今天還款（核心任務一）"},
    M.DEMAND_FULL_AMOUNT: {"en": "demand the whole overdue amount", "zh": "要求还清全部逾期金额", "es": "exigir el importe vencido completo", "zh-Hant": "要求還清全部逾期金額"},
    M.ASK_WHEN_CAN_PAY: {"en": "ask when the debtor can pay: hands them the date", "zh": "问“什么时候能还”：把日期交给对方定", "es": "preguntar cuándo puede pagar: le deja fijar la fecha", "zh-Hant": "問「什麼時候能還」：把日期交給對方定"},
    M.ASK_REASON: {"en": "ask why the payment is late (core task 2)", "zh": "询问逾期原因（核心任务二）", "es": "preguntar por qué se retrasa el pago (tarea clave 2)", "zh-Hant": "詢問逾期原因（核心任務二）"},
    M.ASK_FOLLOW_UP: {"en": "ask targeted questions about the story", "zh": "针对对方说法追问细节", "es": "hacer preguntas concretas sobre lo que cuenta", "zh-Hant": "針對對方說法追問細節"},
    M.LISTEN_EMPATHISE: {"en": "listen and acknowledge the debtor's situation", "zh": "倾听并体谅对方处境", "es": "escuchar y reconocer la situación del deudor", "zh-Hant": "傾聽並體諒對方處境"},
    M.DOUBT_STORY: {"en": "doubt the debtor's story aloud", "zh": "当面质疑对方的说法", "es": "poner en duda en voz alta lo que cuenta", "zh-Hant": "當面質疑對方的說法"},
    M.COST_EXTRA_BURDEN: {"en": "cost of default: penalty interest and fees", "zh": "不还的代价：罚息和费用", "es": "coste del impago: intereses de demora y recargos", "zh-Hant": "不還的代價：罰息和費用"},
    M.COST_BUSINESS: {"en": "cost of default: harm to the business (suppliers, tenders, renewals)", "zh": "不还的代价：影响经营（供货、投标、续贷）", "es": "coste del impago: daño al negocio (proveedores, licitaciones, renovaciones)", "zh-Hant": "不還的代價：影響經營（供貨、投標、續貸）"},
    M.COST_LENDER_STANDING: {"en": "cost of default: a worse rating with this lender", "zh": "不还的代价：在本机构的评级下降", "es": "coste del impago: peor calificación con esta entidad", "zh-Hant": "不還的代價：在本機構的評級下降"},
    M.COST_FAMILY: {"en": "cost of default: consequences for the family", "zh": "不还的代价：牵连家庭", "es": "coste del impago: consecuencias para la familia", "zh-Hant": "不還的代價：牽連家庭"},
    M.COST_REPUTATION: {"en": "cost of default: the debtor's good name", "zh": "不还的代价：个人名声", "es": "coste del impago: el buen nombre del deudor", "zh-Hant": "不還的代價：個人名聲"},
    M.COST_CREDIT_RECORD: {"en": "cost of default: the credit-bureau record", "zh": "不还的代价：征信记录", "es": "coste del impago: el historial en la central de riesgos", "zh-Hant": "不還的代價：徵信記錄"},
    M.BENEFIT_ON_TIME: {"en": "the benefit of paying on time (core task 3, with the costs)", "zh": "按时还款的好处（核心任务三，与代价一起讲）", "es": "la ventaja de pagar a tiempo (tarea clave 3, junto con los costes)", "zh-Hant": "按時還款的好處（核心任務三，與代價一起講）"},
    M.SUGGEST_BRIDGE_FINANCING: {"en": "suggest borrowing from family or friends, as a suggestion only", "zh": "建议向亲友周转（只能是建议）", "es": "sugerir pedir prestado a familia o amigos, solo como sugerencia", "zh-Hant": "建議向親友週轉（只能是建議）"},
    M.ORDER_TO_BORROW: {"en": "tell the debtor to borrow the money: compliance profiles judge it", "zh": "要求对方去借钱还款（由合规规范判定）", "es": "ordenar al deudor que pida prestado el dinero: lo juzgan los perfiles de cumplimiento", "zh-Hant": "要求對方去借錢還款（由合規規範判定）"},
    M.PUSH_NEW_LOAN: {"en": "push the debtor to take a new loan to pay this one", "zh": "逼对方借新贷还旧贷", "es": "presionar para pedir un préstamo nuevo con el que pagar este", "zh-Hant": "逼對方借新貸還舊貸"},
    M.PRESSURE_SELL_ASSETS: {"en": "press the debtor to sell assets", "zh": "逼对方变卖资产", "es": "presionar para vender bienes", "zh-Hant": "逼對方變賣資產"},
    M.OFFER_PART_PAYMENT: {"en": "accept or propose paying part now", "zh": "接受或提出先还一部分", "es": "aceptar o proponer pagar una parte ahora", "zh-Hant": "接受或提出先還一部分"},
    M.OFFER_REMOTE_PAYMENT: {"en": "offer a way to pay from where the debtor is", "zh": "提供异地/线上还款方式", "es": "ofrecer una forma de pagar desde donde esté", "zh-Hant": "提供異地/線上還款方式"},
    M.REQUEST_COMMITMENT: {"en": "ask for a commitment", "zh": "要求对方作出承诺", "es": "pedir un compromiso", "zh-Hant": "要求對方作出承諾"},
    M.PIN_AMOUNT: {"en": "pin the amount of the commitment (core task 4)", "zh": "落实承诺金额（核心任务四）", "es": "fijar el importe del compromiso (tarea clave 4)", "zh-Hant": "落實承諾金額（核心任務四）"},
    M.PIN_DATE: {"en": "pin a named day (core task 4)", "zh": "落实具体日期（核心任务四）", "es": "fijar un día concreto (tarea clave 4)", "zh-Hant": "落實具體日期（核心任務四）"},
    M.PIN_METHOD: {"en": "pin how it will be paid (core task 4)", "zh": "落实还款方式（核心任务四）", "es": "fijar cómo se pagará (tarea clave 4)", "zh-Hant": "落實還款方式（核心任務四）"},
    M.ACCEPT_ON_SPOT: {"en": "accept the debtor's proposal on the spot instead of referring it", "zh": "当场接受对方方案，不上报", "es": "aceptar la propuesta en el acto en lugar de trasladarla", "zh-Hant": "當場接受對方方案，不上報"},
    M.REJECT_ON_SPOT: {"en": "reject the debtor's proposal on the spot", "zh": "当场拒绝对方方案", "es": "rechazar la propuesta en el acto", "zh-Hant": "當場拒絕對方方案"},
    M.REFER_TO_MANAGEMENT: {"en": "refer the proposal to management", "zh": "把方案上报领导", "es": "trasladar la propuesta a la dirección", "zh-Hant": "把方案呈報主管"},
    M.FIX_CALLBACK: {"en": "fix the next call", "zh": "约定回访电话", "es": "fijar la próxima llamada", "zh-Hant": "約定回訪電話"},
    M.FIX_VISIT: {"en": "fix a visit", "zh": "约定上门", "es": "fijar una visita", "zh-Hant": "約定上門"},
    M.CLOSE_CALL: {"en": "close the call (the reply should lead to an ending)", "zh": "结束通话（该回答应通向结局）", "es": "cerrar la llamada (la respuesta debe llevar a un final)", "zh-Hant": "結束通話（該回答應通向結局）"},
    M.ESCALATE_MONEY: {"en": "spell out money consequences: penalty interest, fees", "zh": "讲明经济后果：罚息、费用", "es": "explicar las consecuencias económicas: intereses de demora, recargos", "zh-Hant": "講明經濟後果：罰息、費用"},
    M.ESCALATE_CREDIT: {"en": "spell out credit consequences: rating, refused credit, bureau record", "zh": "讲明信用后果：评级、拒贷、征信记录", "es": "explicar las consecuencias crediticias: calificación, crédito denegado, central de riesgos", "zh-Hant": "講明信用後果：評級、拒貸、徵信記錄"},
    M.ESCALATE_REPUTATION: {"en": "raise reputation and relationships", "zh": "讲到名声和人际关系", "es": "mencionar la reputación y las relaciones", "zh-Hant": "講到名聲和人際關係"},
    M.CONTACT_GUARANTOR: {"en": "contact the guarantor or an informed contact", "zh": "联系担保人或知情联系人", "es": "contactar con el avalista o un contacto informado", "zh-Hant": "聯絡擔保人或知情聯絡人"},
    M.ESCALATE_FIELD_VISIT: {"en": "announce a field visit", "zh": "告知将上门拜访", "es": "anunciar una visita en persona", "zh-Hant": "告知將上門拜訪"},
    M.ESCALATE_DEMAND_LETTER: {"en": "announce a formal demand letter", "zh": "告知将发正式催收函", "es": "anunciar una carta formal de requerimiento", "zh-Hant": "告知將發正式催收函"},
    M.ESCALATE_LAWYER_LETTER: {"en": "announce a lawyer's letter or intent to sue", "zh": "告知将发律师函或拟起诉", "es": "anunciar una carta de abogado o la intención de demandar", "zh-Hant": "告知將發律師函或擬起訴"},
    M.ESCALATE_LITIGATION: {"en": "announce litigation or enforcing collateral", "zh": "告知将起诉或处置抵押物", "es": "anunciar la demanda judicial o la ejecución de garantías", "zh-Hant": "告知將起訴或處置抵押物"},
    M.ASK_FOR_DEBTOR: {"en": "ask a third party for the debtor", "zh": "请第三方转找债务人", "es": "preguntar por el deudor a un tercero", "zh-Hant": "請第三方轉找債務人"},
    M.ASK_LOCATION: {"en": "ask a third party where the debtor is", "zh": "向第三方打听债务人下落", "es": "preguntar a un tercero dónde está el deudor", "zh-Hant": "向第三方打聽債務人下落"},
    M.LEAVE_MESSAGE: {"en": "leave a neutral message to call back", "zh": "留下中性的回电口信", "es": "dejar un mensaje neutro para que devuelva la llamada", "zh-Hant": "留下中性的回電口信"},
    M.THREAT_VIOLENCE: {"en": "threaten violence or harm", "zh": "威胁使用暴力或伤害", "es": "amenazar con violencia o daño", "zh-Hant": "威脅使用暴力或傷害"},
    M.INSULT: {"en": "insult or demean the debtor", "zh": "辱骂、贬低对方", "es": "insultar o menospreciar al deudor", "zh-Hant": "辱罵、貶低對方"},
    M.FALSE_THREAT: {"en": "threaten what the lender cannot or will not do (police, jail)", "zh": "虚假威胁（报警、坐牢等做不到或不会做的事）", "es": "amenazar con lo que la entidad no puede o no va a hacer (policía, cárcel)", "zh-Hant": "虛假威脅（報警、坐牢等做不到或不會做的事）"},
    M.DISCLOSE_DEBT_THIRD_PARTY: {"en": "tell a third party about the debt", "zh": "向第三方透露欠款", "es": "revelar la deuda a un tercero", "zh-Hant": "向第三方透露欠款"},
    M.MISSTATE_AMOUNT: {"en": "misstate the amount owed", "zh": "说错欠款金额", "es": "dar un importe adeudado falso", "zh-Hant": "說錯欠款金額"},
    M.HARASS: {"en": "harass: repeated calls, calls at night, pressure on others", "zh": "骚扰：反复来电、深夜来电、骚扰他人", "es": "acosar: llamadas repetidas o nocturnas, presión a terceros", "zh-Hant": "騷擾：反覆來電、深夜來電、騷擾他人"},
}

KIND: dict[str, dict[str, str]] = {
    "red_line": {"en": "red line", "zh": "红线", "es": "línea roja", "zh-Hant": "紅線"},
    "anti_pattern": {"en": "anti-pattern", "zh": "新手错误", "es": "error de novato", "zh-Hant": "新手錯誤"},
    "cost": {"en": "cost of default", "zh": "不还的代价", "es": "coste del impago", "zh-Hant": "不還的代價"},
    "escalation": {"en": "escalation", "zh": "升级施压", "es": "escalada", "zh-Hant": "升級施壓"},
    "": {"en": "", "zh": "", "es": "", "zh-Hant": ""},
}

_LADDER: dict[int, dict[str, str]] = {  # English: moves.PRESSURE_LADDER
    0: {"zh": "礼貌提醒", "es": "recordatorio cortés", "zh-Hant": "禮貌提醒"},
    1: {"zh": "坚定要求今天还款", "es": "exigencia firme de pago hoy", "zh-Hant": "堅定要求今天還款"},
    2: {"zh": "经济后果：罚息、费用", "es": "consecuencias económicas: intereses de demora, recargos", "zh-Hant": "經濟後果：罰息、費用"},
    3: {"zh": "信用后果：评级、拒贷、征信记录", "es": "consecuencias crediticias: calificación, crédito denegado, central de riesgos", "zh-Hant": "信用後果：評級、拒貸、徵信記錄"},
    4: {"zh": "名声与人际关系；担保人或知情联系人", "es": "reputación y relaciones; avalista o contactos informados", "zh-Hant": "名聲與人際關係；擔保人或知情聯絡人"},
    5: {"zh": "上门拜访；正式催收函", "es": "visita en persona; carta formal de requerimiento", "zh-Hant": "上門拜訪；正式催收函"},
    6: {"zh": "律师函；拟起诉通知", "es": "carta de abogado; aviso de intención de demandar", "zh-Hant": "律師函；擬起訴通知"},
    7: {"zh": "起诉；处置抵押物", "es": "demanda judicial; ejecución de garantías", "zh-Hant": "起訴；處置抵押物"},
}

LADDER: dict[int, dict[str, str]] = {lvl: {"en": PRESSURE_LADDER[lvl], **t} for lvl, t in _LADDER.items()}

HEADERS: dict[str, tuple[str, str, str, str]] = {
    "en": ("move", "kind", "ladder", "meaning"),
    "zh": ("动作", "类别", "施压等级", "含义"),
    "es": ("movimiento", "tipo", "escalón", "significado"),
    "zh-Hant": ("動作", "類別", "施壓等級", "含義"),
}
LADDER_HEADERS: dict[str, tuple[str, str]] = {
    "en": ("level", "pressure ladder"), "zh": ("等级", "施压阶梯"),
    "es": ("nivel", "escalera de presión"), "zh-Hant": ("等級", "施壓階梯"),
}


def kind_of(move: Move) -> str:
    if move in RED_LINE_MOVES:
        return "red_line"
    if move in ANTI_PATTERN_MOVES:
        return "anti_pattern"
    if move in DEFAULT_COST_MOVES:
        return "cost"
    if move in LADDER_FLOOR and LADDER_FLOOR[move] > 1:
        return "escalation"
    return ""


def _pick(texts: dict[str, str], lang: str) -> str:
    return texts.get(lang) or texts["en"]


def move_rows(lang: str = "en") -> list[tuple[str, str, str, str]]:
    """(move, kind, ladder level or '', meaning) for every move, in vocabulary order."""
    return [(m.value, _pick(KIND[kind_of(m)], lang),
             str(LADDER_FLOOR[m]) if m in LADDER_FLOOR else "", _pick(MEANING[m], lang))
            for m in Move]


def ladder_name(text: str) -> str:
    """A ladder row's name, the words before its first ':' or ';' ('money consequences'
    for level 2): what the debrief, the reports and the rubric's feedback call a level."""
    return re.split("[:;：；]", text, maxsplit=1)[0].strip()


def ladder_rows(lang: str = "en") -> list[tuple[str, str]]:
    return [(str(level), _pick(texts, lang)) for level, texts in LADDER.items()]
