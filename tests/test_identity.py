from simulator.core.identity import debtor_identity
from simulator.core.scenario import Debtor
from simulator.engine.bundle import load_scenario
from simulator.tui.view import case_rows


def _without_business(b):
    case = b.scenario.case.model_copy(update={"debtor": Debtor(name=b.scenario.case.debtor.name)})
    return b.scenario.model_copy(update={"case": case})


def test_a_missing_business_is_made_up_from_the_seed_in_the_call_language():
    b = load_scenario("first-call-zhang")
    sc = _without_business(b)
    en1 = debtor_identity(sc, b.persona, 1, "en")
    assert en1 == debtor_identity(sc, b.persona, 1, "en")
    assert en1.name == "Zhang Wei" and en1.business  # given name kept, business filled
    assert {debtor_identity(sc, b.persona, n, "en").business for n in range(2, 6)} - {en1.business}
    zh = debtor_identity(sc, b.persona, 1, "zh")
    assert zh.name == "张伟" and any("\u4e00" <= ch <= "\u9fff" for ch in zh.business)


def test_given_details_are_kept_and_a_missing_name_is_the_personas():
    b = load_scenario("first-call-zhang")
    given = debtor_identity(b.scenario, b.persona, 1, "en")
    assert given.business == b.scenario.case.debtor.business["en"] and given.phone == ""
    nameless = b.scenario.model_copy(update={"case": b.scenario.case.model_copy(
        update={"debtor": Debtor(business="Shop", phone="138 0000 0000")})})
    who = debtor_identity(nameless, b.persona, 1, "zh")
    assert (who.name, who.business, who.phone) == (b.persona.name["zh"], "Shop", "138 0000 0000")


def test_the_call_screens_case_file_shows_the_filled_in_debtor():
    b = load_scenario("first-call-zhang")
    sc = _without_business(b)
    who = debtor_identity(sc, b.persona, 7, "en")
    shown = [text for row in case_rows(sc, "en", who) for text, _ in row]
    assert who.business in shown and "Zhang Wei" in shown
    assert who.business not in [text for row in case_rows(sc, "en") for text, _ in row]
