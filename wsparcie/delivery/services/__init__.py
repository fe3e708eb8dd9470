"""Every write of delivery. Services are keyword-only, validate, run in a transaction and leave
an audit record (through ``wsparcie.core.services``). Rule violations raise the
:class:`DeliveryRuleError` family, whose ``code`` the API returns with 409.

Entering a session checks, in this order: the input, a closed month (signed card), the
programme's and the enrolment's period, the assistant's relation to the participant, overlaps,
12 hours in 24, and the limits (granted units, per edition, by certificate, per month, days per
year). The worker's row is locked ``FOR UPDATE`` first, so one worker's sessions are checked one
at a time; the two exclusion constraints catch anything that still races, and their
``IntegrityError`` is turned into the same 409 error.

The package: ``errors``, ``common`` (shared checks), ``workers``, ``editions`` (services of an
edition, caps, limits, grants), ``sessions`` (and the monthly card), ``meals``, ``equipment``.
"""

from wsparcie.delivery.services.editions import (
    grant_set,
    rate_cap_set,
    service_create,
    service_limits_set,
    service_update,
)
from wsparcie.delivery.services.equipment import (
    delivery_settings_set,
    equipment_item_create,
    equipment_item_update,
    loan_create,
    loan_extend,
    loan_return,
)
from wsparcie.delivery.services.errors import (
    DeliveryRuleError,
    HourLimit,
    MonthClosed,
    NoContract,
    NotAllowedWorker,
    OutsidePeriod,
    ParticipantOverlap,
    SessionStateError,
    WorkerDailyLimit,
    WorkerOverlap,
)
from wsparcie.delivery.services.meals import (
    meal_aid_create,
    meal_aid_update,
)
from wsparcie.delivery.services.sessions import (
    SESSION_EDITABLE,
    SessionContext,
    _translate_integrity,
    card_sign,
    session_cancel,
    session_create,
    session_start,
    session_stop,
    session_update,
)
from wsparcie.delivery.services.workers import (
    assignment_create,
    contract_create,
    worker_create,
    worker_update,
)

__all__ = [
    "DeliveryRuleError",
    "HourLimit",
    "MonthClosed",
    "NoContract",
    "NotAllowedWorker",
    "OutsidePeriod",
    "ParticipantOverlap",
    "SessionStateError",
    "WorkerDailyLimit",
    "WorkerOverlap",
    "assignment_create",
    "contract_create",
    "worker_create",
    "worker_update",
    "grant_set",
    "rate_cap_set",
    "service_create",
    "service_limits_set",
    "service_update",
    "SESSION_EDITABLE",
    "SessionContext",
    "card_sign",
    "session_cancel",
    "session_create",
    "session_start",
    "session_stop",
    "session_update",
    "_translate_integrity",
    "meal_aid_create",
    "meal_aid_update",
    "delivery_settings_set",
    "equipment_item_create",
    "equipment_item_update",
    "loan_create",
    "loan_extend",
    "loan_return",
]
