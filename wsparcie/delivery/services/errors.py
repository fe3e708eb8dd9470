"""The rule errors of delivery: each a 409 with a stable ``code`` in the API."""

from __future__ import annotations

from wsparcie.core.errors import ApplicationError


class DeliveryRuleError(ApplicationError):
    status = 409


class WorkerOverlap(DeliveryRuleError):
    code = "worker_overlap"


class ParticipantOverlap(DeliveryRuleError):
    code = "participant_overlap"


class WorkerDailyLimit(DeliveryRuleError):
    code = "worker_daily_limit"


class HourLimit(DeliveryRuleError):
    code = "hour_limit"


class OutsidePeriod(DeliveryRuleError):
    code = "outside_period"


class NoContract(DeliveryRuleError):
    code = "no_contract"


class NotAllowedWorker(DeliveryRuleError):
    code = "not_allowed_worker"


class MonthClosed(DeliveryRuleError):
    code = "month_closed"


class SessionStateError(DeliveryRuleError):
    code = "session_state"
