from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("złożony")
    UNDER_REVIEW = "under_review", _("w ocenie")
    QUALIFIED = "qualified", _("zakwalifikowany (czeka na deklarację)")
    ENROLLED = "enrolled", _("uczestnik")
    WAITING_LIST = "waiting_list", _("lista rezerwowa")
    REJECTED = "rejected", _("odrzucony")
    WITHDRAWN = "withdrawn", _("wycofany")
    COMPLETED = "completed", _("zakończony")


#: Statuses that hold one of the edition's places now.
PLACE_HOLDING = (ApplicationStatus.QUALIFIED, ApplicationStatus.ENROLLED)

#: Statuses counted against ``Programme.planned_participants``: the current place holders and
#: those who completed the edition (they used their place; it is not offered again). A
#: withdrawal or rejection frees the place.
CAPACITY_COUNTED = (ApplicationStatus.QUALIFIED, ApplicationStatus.ENROLLED, ApplicationStatus.COMPLETED)

#: Statuses from which an application may still be qualified.
QUALIFIABLE = (ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW)

#: Statuses of an application that is still open (not withdrawn, rejected or completed).
ACTIVE = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.UNDER_REVIEW,
    ApplicationStatus.QUALIFIED,
    ApplicationStatus.ENROLLED,
    ApplicationStatus.WAITING_LIST,
)


class ApplicationSource(models.TextChoices):
    STAFF = "staff", _("wprowadzony przez pracownika")
    ONLINE = "online", _("złożony przez internet")
    IMPORT = "import", _("zaimportowany")


class CriterionKind(models.TextChoices):
    """Kinds of eligibility criteria; the parameters each takes are described in :mod:`rules`."""

    AGE = "age", _("wiek")
    RESIDENCE = "residence", _("miejsce zamieszkania")
    CERTIFICATE = "certificate", _("orzeczenie o niepełnosprawności")
    INCOME = "income", _("dochód")
    CAREGIVER_OF = "caregiver_of", _("opiekun osoby spełniającej warunki")
    SOCIAL_WORKER_JUDGEMENT = "social_worker_judgement", _("ocena pracownika socjalnego")
    ANY_OF = "any_of", _("jeden z wariantów (lub)")
    ALL_OF = "all_of", _("wszystkie warunki (i)")


#: Kinds whose child criteria are evaluated (combinators, and the cared-for person's conditions).
KINDS_WITH_CHILDREN = (CriterionKind.ANY_OF, CriterionKind.ALL_OF, CriterionKind.CAREGIVER_OF)


class ScreeningResult(models.TextChoices):
    ELIGIBLE = "eligible", _("spełnia kryteria")
    UNKNOWN = "unknown", _("brak danych do oceny")
