from django.db import models
from django.utils.translation import gettext_lazy as _


class LineCategory(models.TextChoices):
    """Kinds of budget lines, as grant agreements group costs."""

    STAFF = "staff", _("wynagrodzenia i personel")
    SERVICES = "services", _("usługi dla uczestników")
    EQUIPMENT = "equipment", _("sprzęt i wyposażenie")
    TRAVEL = "travel", _("dojazdy i transport")
    MATERIALS = "materials", _("materiały i bilety")
    MANAGEMENT = "management", _("obsługa programu / koszty pośrednie")
    OTHER = "other", _("inne")


class ContributionRole(models.TextChoices):
    """How a funding source counts against the agreement: the grant or the own contribution."""

    GRANT = "grant", _("dofinansowanie")
    OWN = "own", _("wkład własny")
    OTHER = "other", _("inne środki")


class UtilisationStatus(models.TextChoices):
    OK = "ok", _("w normie")
    WARNING = "warning", _("blisko limitu")
    OVER = "over", _("przekroczony")
    UNPLANNED = "unplanned", _("bez planu")
