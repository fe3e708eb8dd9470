"""Choices of the register of services. Values follow Open Referral HSDS 3.0 where it has them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceStatus(models.TextChoices):
    """HSDS ``service.status`` (the values are the standard's, spaces included)."""

    ACTIVE = "active", _("prowadzona")
    TEMPORARILY_CLOSED = "temporarily closed", _("czasowo zawieszona")
    INACTIVE = "inactive", _("nieprowadzona (zakończona)")
    DEFUNCT = "defunct", _("zlikwidowana")


#: Statuses shown by default in the public search (the others only on request and in open data).
AVAILABLE_STATUSES = (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)


class Need(models.TextChoices):
    """What a resident looks for: the search's "by need" filter (HSDS taxonomy ``wsparcie-potrzeby``)."""

    CARE_AT_HOME = "care_at_home", _("opieka w domu")
    TELECARE = "telecare", _("teleopieka i bezpieczeństwo")
    ASSISTANCE = "assistance", _("asystencja osobista")
    RESPITE = "respite", _("wytchnienie dla opiekunów")
    PSYCHOLOGICAL = "psychological", _("wsparcie psychologiczne")
    COUNSELLING = "counselling", _("poradnictwo")
    CRISIS = "crisis", _("kryzys i przemoc")
    ACTIVATION = "activation", _("aktywizacja społeczna i zawodowa")
    COMMUNITY = "community", _("spotkania, kluby i czas wolny")
    CHILDREN_FAMILY = "children_family", _("dzieci i rodzina")
    FOOD = "food", _("posiłki")
    EQUIPMENT = "equipment", _("sprzęt rehabilitacyjny")
    HOUSING = "housing", _("mieszkanie i drobne naprawy")
    TRAINING = "training", _("szkolenia")


class Audience(models.TextChoices):
    """Who a service is for: the search's "for whom" filter."""

    SENIORS = "seniors", _("seniorzy")
    PEOPLE_WITH_DISABILITIES = "disabilities", _("osoby z niepełnosprawnościami")
    CAREGIVERS = "caregivers", _("opiekunowie i rodziny osób niesamodzielnych")
    FAMILIES = "families", _("rodziny z dziećmi")
    CHILDREN = "children", _("dzieci i młodzież")
    AT_RISK = "at_risk", _("osoby zagrożone ubóstwem lub wykluczeniem")
    ADULTS = "adults", _("dorośli")


class AccessibilityFeature(models.TextChoices):
    """Structured accessibility of a place (HSDS ``accessibility`` rows, one per feature)."""

    STEP_FREE = "step_free", _("wejście bez schodów lub z podjazdem")
    LIFT = "lift", _("winda")
    ACCESSIBLE_TOILET = "accessible_toilet", _("toaleta dostosowana")
    INDUCTION_LOOP = "induction_loop", _("pętla indukcyjna")
    SIGN_LANGUAGE = "sign_language", _("tłumacz PJM na życzenie")
    PARKING = "parking", _("miejsce parkingowe dla osób z niepełnosprawnościami")


class Weekday(models.TextChoices):
    """iCalendar BYDAY codes, as HSDS ``schedule.byday`` uses them."""

    MO = "MO", _("poniedziałek")
    TU = "TU", _("wtorek")
    WE = "WE", _("środa")
    TH = "TH", _("czwartek")
    FR = "FR", _("piątek")
    SA = "SA", _("sobota")
    SU = "SU", _("niedziela")


class PhoneType(models.TextChoices):
    """HSDS ``phone.type``."""

    VOICE = "voice", _("telefon")
    CELL = "cell", _("komórkowy")
    FAX = "fax", _("faks")
    TEXT = "text", _("SMS")
