"""The officer-move vocabulary: the fixed words the rubric understands.

Every reply a persona offers is tagged with one or more of these moves. Trainers pick from
this list; the rubric, the novice policy and the compliance profiles reason about moves,
never about reply wording.
"""

from __future__ import annotations

from enum import StrEnum


class Move(StrEnum):
    # call opening (DOMAIN §6 steps 1-2)
    CONFIRM_IDENTITY = "confirm_identity"
    INTRODUCE_SELF = "introduce_self"
    DISCLOSE_COLLECTION = "disclose_collection"  # "this is an attempt to collect a debt"
    ASK_GOOD_TIME = "ask_good_time"  # anti-pattern
    # the four core tasks
    DEMAND_TODAY = "demand_today"
    DEMAND_FULL_AMOUNT = "demand_full_amount"
    ASK_WHEN_CAN_PAY = "ask_when_can_pay"  # anti-pattern
    ASK_REASON = "ask_reason"
    ASK_FOLLOW_UP = "ask_follow_up"  # targeted questions about the story
    LISTEN_EMPATHISE = "listen_empathise"
    DOUBT_STORY = "doubt_story"  # anti-pattern
    COST_EXTRA_BURDEN = "cost_extra_burden"
    COST_BUSINESS = "cost_business"
    COST_LENDER_STANDING = "cost_lender_standing"
    COST_FAMILY = "cost_family"
    COST_REPUTATION = "cost_reputation"
    COST_CREDIT_RECORD = "cost_credit_record"
    BENEFIT_ON_TIME = "benefit_on_time"
    SUGGEST_BRIDGE_FINANCING = "suggest_bridge_financing"  # offers the option (DOMAIN §5)
    ORDER_TO_BORROW = "order_to_borrow"  # tells the debtor to borrow: profiles judge it (§10)
    PUSH_NEW_LOAN = "push_new_loan"
    PRESSURE_SELL_ASSETS = "pressure_sell_assets"
    OFFER_PART_PAYMENT = "offer_part_payment"
    OFFER_REMOTE_PAYMENT = "offer_remote_payment"
    REQUEST_COMMITMENT = "request_commitment"
    PIN_AMOUNT = "pin_amount"
    PIN_DATE = "pin_date"
    PIN_METHOD = "pin_method"
    ACCEPT_ON_SPOT = "accept_on_spot"  # anti-pattern
    REJECT_ON_SPOT = "reject_on_spot"  # anti-pattern
    REFER_TO_MANAGEMENT = "refer_to_management"
    FIX_CALLBACK = "fix_callback"
    FIX_VISIT = "fix_visit"
    CLOSE_CALL = "close_call"
    # the pressure ladder (DOMAIN §4), as named escalations
    ESCALATE_MONEY = "escalate_money"  # level 2
    ESCALATE_CREDIT = "escalate_credit"  # level 3
    ESCALATE_REPUTATION = "escalate_reputation"  # level 4
    CONTACT_GUARANTOR = "contact_guarantor"  # level 4
    ESCALATE_FIELD_VISIT = "escalate_field_visit"  # level 5
    ESCALATE_DEMAND_LETTER = "escalate_demand_letter"  # level 5
    ESCALATE_LAWYER_LETTER = "escalate_lawyer_letter"  # level 6
    ESCALATE_LITIGATION = "escalate_litigation"  # level 7
    # third parties (someone else answers the phone)
    ASK_FOR_DEBTOR = "ask_for_debtor"
    ASK_LOCATION = "ask_location"
    LEAVE_MESSAGE = "leave_message"
    # red lines (DOMAIN §4): compliance failures, not pressure
    THREAT_VIOLENCE = "threat_violence"
    INSULT = "insult"
    FALSE_THREAT = "false_threat"
    DISCLOSE_DEBT_THIRD_PARTY = "disclose_debt_third_party"
    MISSTATE_AMOUNT = "misstate_amount"
    HARASS = "harass"


DEFAULT_COST_MOVES: frozenset[Move] = frozenset(
    {
        Move.COST_EXTRA_BURDEN,
        Move.COST_BUSINESS,
        Move.COST_LENDER_STANDING,
        Move.COST_FAMILY,
        Move.COST_REPUTATION,
        Move.COST_CREDIT_RECORD,
    }
)

ANTI_PATTERN_MOVES: frozenset[Move] = frozenset(
    {
        Move.ASK_GOOD_TIME,
        Move.ASK_WHEN_CAN_PAY,
        Move.DOUBT_STORY,
        Move.ACCEPT_ON_SPOT,
        Move.REJECT_ON_SPOT,
    }
)

RED_LINE_MOVES: frozenset[Move] = frozenset(
    {
        Move.THREAT_VIOLENCE,
        Move.INSULT,
        Move.FALSE_THREAT,
        Move.DISCLOSE_DEBT_THIRD_PARTY,
        Move.MISSTATE_AMOUNT,
        Move.HARASS,
    }
)

# Moves that discuss the debt itself: before identity is confirmed they disclose it.
DEBT_MOVES: frozenset[Move] = frozenset(
    {
        Move.DEMAND_TODAY,
        Move.DEMAND_FULL_AMOUNT,
        Move.ASK_WHEN_CAN_PAY,
        Move.ASK_REASON,
        Move.REQUEST_COMMITMENT,
        Move.PIN_AMOUNT,
        Move.OFFER_PART_PAYMENT,
        Move.ESCALATE_MONEY,
        Move.ESCALATE_CREDIT,
        Move.ESCALATE_REPUTATION,
        Move.ESCALATE_FIELD_VISIT,
        Move.ESCALATE_DEMAND_LETTER,
        Move.ESCALATE_LAWYER_LETTER,
        Move.ESCALATE_LITIGATION,
        Move.DISCLOSE_DEBT_THIRD_PARTY,
        Move.MISSTATE_AMOUNT,
    }
    | DEFAULT_COST_MOVES
)

# The lowest pressure-ladder level each escalation move implies; a reply's declared
# pressure may not be below it (checked at load time, so the ladder stays honest).
LADDER_FLOOR: dict[Move, int] = {
    Move.DEMAND_TODAY: 1,
    Move.ESCALATE_MONEY: 2,
    Move.ESCALATE_CREDIT: 3,
    Move.ESCALATE_REPUTATION: 4,
    Move.CONTACT_GUARANTOR: 4,
    Move.ESCALATE_FIELD_VISIT: 5,
    Move.ESCALATE_DEMAND_LETTER: 5,
    Move.ESCALATE_LAWYER_LETTER: 6,
    Move.ESCALATE_LITIGATION: 7,
}

PRESSURE_LADDER: dict[int, str] = {
    0: "courteous reminder",
    1: "firm demand for payment today",
    2: "money consequences: penalty interest, fees",
    3: "credit consequences: rating, refused credit, credit-bureau record",
    4: "reputation and relationships; guarantor or informed contacts",
    5: "field visit; formal demand letter",
    6: "lawyer's letter; notice of intent to sue",
    7: "litigation; enforcing collateral",
}
