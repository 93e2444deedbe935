"""Traditional Chinese from Simplified (and back) with OpenCC, for a translator to start
from: `collectsim i18n export --prefill`. The result is marked fuzzy until a person has
reviewed it; what review found s2twp getting wrong in collection calls is fixed here."""

from __future__ import annotations

from collections.abc import Callable

# Machine conversions a translator may start from (OpenCC configurations).
CONVERSIONS = {"zh-Hant": ("zh", "s2twp"), "zh": ("zh-Hant", "tw2sp")}
# What review of the bundled personas and rubric messages found s2twp getting wrong: words it
# takes for computing terms (对象 became 物件 "object", 权限 許可權 "permission"), 挂断 (hang
# up) as 結束通話 (a phone's "end call" button), mainland office words (上报领导), and the
# mainland forms of 账 and 回复 and of quotation marks. Review of all zh-Hant catalogues found
# more: 签 read as 籤 (a lot, not a signature), 别 as 彆, 只要 as 隻要, 面馆 as 面館, 复印件 as
# 覆印件, 设备 as 裝置 (a gadget) and 程序 as 程式 (software), besides 傢俱, 瞭解 and 計劃
# where Taiwan writes 家具, 了解 and 計畫.
KEEP = {"zh-Hant": {"挂断": "掛斷", "对象": "對象", "权限": "權限", "上报领导": "呈報主管",
                    "报给领导": "呈報主管", "向领导汇报": "向主管報告"}}
AFTER = {"zh-Hant": (("賬", "帳"), ("回復", "回覆"), ("“", "「"), ("”", "」"), ("‘", "『"), ("’", "』"),
                    ("籤", "簽"), ("標簽", "標籤"), ("抽簽", "抽籤"), ("書簽", "書籤"), ("彆", "別"),
                    ("隻要", "只要"), ("面館", "麵館"), ("覆印件", "影本"), ("複印件", "影本"),
                    ("裝置", "設備"), ("程式", "程序"), ("繫結", "綁定"), ("太沖", "太衝"),
                    ("傢俱", "家具"), ("瞭解", "了解"), ("計劃", "計畫"))}


def converter(lang: str) -> tuple[str, Callable[[str], str]]:
    """(from language, convert function) to prefill `lang` with OpenCC, or an error saying
    why not."""
    if lang not in CONVERSIONS:
        raise ValueError(f"no machine conversion into {lang}; one of {', '.join(CONVERSIONS)}")
    src, config = CONVERSIONS[lang]
    try:
        import opencc
    except ImportError:
        raise ValueError("--prefill needs OpenCC: pip install opencc") from None
    cc = opencc.OpenCC(config)

    def convert(text: str) -> str:
        pieces = [text]
        for word, kept in KEEP.get(lang, {}).items():
            pieces = [kept if p == word else p for part in pieces
                      for p in _split_keep(part, word)]
        out = "".join(p if p in KEEP.get(lang, {}).values() else cc.convert(p) for p in pieces)
        for a, b in AFTER.get(lang, ()):
            out = out.replace(a, b)
        return out

    return src, convert


def _split_keep(text: str, word: str) -> list[str]:
    parts = text.split(word)
    return [x for i, p in enumerate(parts) for x in ((p,) if i == 0 else (word, p)) if x]


