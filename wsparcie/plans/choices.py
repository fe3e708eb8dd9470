from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PlanKind(models.TextChoices):
    REINTEGRATION_PATH = "reintegration_path", _("ścieżka reintegracji")
    DEINSTITUTIONALISATION_PLAN = "deinstitutionalisation_plan", _("indywidualny plan deinstytucjonalizacji")
    SOCIAL_CONTRACT = "social_contract", _("kontrakt socjalny")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("plan status", "projekt")
    ACTIVE = "active", _("w realizacji")
    COMPLETED = "completed", _("zakończony")
    DISCONTINUED = "discontinued", _("przerwany")


#: Statuses in which the plan is still being worked on (goals, actions and reviews may change).
OPEN_STATUSES = (PlanStatus.DRAFT, PlanStatus.ACTIVE)
CLOSED_STATUSES = (PlanStatus.COMPLETED, PlanStatus.DISCONTINUED)


class GoalStatus(models.TextChoices):
    OPEN = "open", _("w realizacji")
    ACHIEVED = "achieved", _("osiągnięty")
    NOT_ACHIEVED = "not_achieved", _("nieosiągnięty")


class ActionKind(models.TextChoices):
    """What an action of a plan draws on (DOMAIN §3.3: social, vocational, educational, health instruments)."""

    SERVICE = "service", _("usługa")
    SESSION = "session", _("spotkanie / sesja")
    INSTITUTION = "institution", _("inna instytucja")
    SOCIAL_WORK = "social_work", _("praca socjalna")
    TRAINING = "training", _("szkolenie / kurs")
    COUNSELLING = "counselling", _("poradnictwo")
    OTHER = "other", _("inne")


class TeamKind(models.TextChoices):
    """Cooperation teams of the Liderzy kooperacji model (shared/seeds, powiat płocki)."""

    G_PZK = "g_pzk", _("Gminno-Powiatowy Zespół Kooperacji (G-PZK)")
    PZK = "pzk", _("Partnerski Zespół Kooperacji (PZK)")
    MODEL_TEAM = "model_team", _("Zespół ds. Modelu")
    OTHER = "other", _("inny zespół")


class InstitutionType(models.TextChoices):
    """Kinds of bodies that join a cooperation team (the seed's list of 350 target entities)."""

    OPS = "ops", _("ośrodek pomocy społecznej")
    PCPR = "pcpr", _("powiatowe centrum pomocy rodzinie")
    LOCAL_GOVERNMENT = "local_government", _("urząd gminy / starostwo")
    EDUCATION = "education", _("szkoła / przedszkole")
    CULTURE = "culture", _("ośrodek kultury / biblioteka")
    CARE_FACILITY = "care_facility", _("DPS, ośrodek wsparcia, WTZ, ZAZ")
    NGO = "ngo", _("organizacja pozarządowa")
    CHILD_AND_FAMILY = "child_and_family", _("placówka opiekuńczo-wychowawcza")
    POLICE = "police", _("policja")
    COURT = "court", _("sąd / kuratorzy")
    HEALTH = "health", _("ochrona zdrowia")
    COUNSELLING = "counselling", _("poradnia psychologiczno-pedagogiczna")
    LABOUR_MARKET = "labour_market", _("instytucja rynku pracy")
    REGIONAL = "regional", _("instytucja wojewódzka / rządowa")
    OTHER = "other", _("inna")
