from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProgrammeKind(models.TextChoices):
    GOVERNMENT = "government_programme", _("program rządowy")
    MINISTRY = "ministry_programme", _("program resortowy")
    EU_PROJECT = "eu_project", _("projekt UE")
    REGIONAL = "regional_programme", _("program regionalny")
    GRANT = "grant", _("grant")


class PartnerRole(models.TextChoices):
    LEADER = "leader", _("lider")
    PARTNER = "partner", _("partner")
    IMPLEMENTER = "implementer", pgettext_lazy("partner role", "realizator")
    GRANTEE = "grantee", _("grantobiorca")
    FUNDER = "funder", _("instytucja finansująca")


class PeriodPrecision(models.TextChoices):
    DAY = "day", _("dokładne daty")
    MONTH = "month", _("miesiące")
    YEAR = "year", _("rok")
    PERSPECTIVE = "perspective", _("perspektywa finansowa")


class ProgrammeStatus(models.TextChoices):
    """The lifecycle as the organisation states it; dates win when they say it has ended."""

    PLANNED = "planned", _("planowany")
    CURRENT = "current", _("w realizacji")
    COMPLETED = "completed", _("zakończony")


class StatusFilter(models.TextChoices):
    CURRENT = "current", _("w realizacji")
    COMPLETED = "completed", _("zakończone")


class TargetKind(models.TextChoices):
    PARTICIPANTS = "participants", _("uczestnicy")
    RESULT = "result", _("rezultat")


class LimitUnit(models.TextChoices):
    HOUR = "hour", _("godzin")
    DAY = "day", _("dni")
    VISIT = "visit", _("wizyt")
    OTHER = "other", _("jednostek")


class LimitPeriod(models.TextChoices):
    PROGRAMME = "programme", _("przez cały okres programu")
    YEAR = "year", _("w roku")
    MONTH = "month", _("w miesiącu")
    WEEK = "week", _("w tygodniu")
    DAY = "day", _("na dobę")


class LimitAppliesTo(models.TextChoices):
    PARTICIPANT = "participant", _("na uczestnika")
    WORKER = "worker", _("na pracownika")
    PROGRAMME = "programme", _("na cały program")


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("planowany")
    IN_PROGRESS = "in_progress", _("w realizacji")
    COMPLETED = "completed", _("zakończony")


class DocumentKind(models.TextChoices):
    REGULATIONS = "regulations", _("regulamin")
    APPLICATION_FORM = "application_form", _("formularz zgłoszeniowy")
    DECLARATION = "declaration", _("deklaracja")
    OTHER = "other", _("inny dokument")
