from simulator.core.identity import debtor_identity
from simulator.engine.bundle import load_scenario


def test_missing_details_are_generated_from_the_seed_in_the_call_language():
    b = load_scenario("first-call-zhang")
    en1 = debtor_identity(b.scenario, b.persona, 1, "en")
    assert en1 == debtor_identity(b.scenario, b.persona, 1, "en")
    assert en1.name == "Zhang Wei" and en1.phone and en1.address  # given name kept, rest filled
    assert en1.phone != debtor_identity(b.scenario, b.persona, 2, "en").phone
    zh = debtor_identity(b.scenario, b.persona, 1, "zh")
    assert zh.name == "张伟" and any("\u4e00" <= ch <= "\u9fff" for ch in zh.address)
