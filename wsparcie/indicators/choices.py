from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorKind(models.TextChoices):
    OUTPUT = "output", _("produktu")
    RESULT = "result", _("rezultatu")


class IndicatorSource(models.TextChoices):
    MEASURED = "measured", _("liczony z danych")
    MANUAL = "manual", _("wpisywany ręcznie z dowodem")


class ManualAggregation(models.TextChoices):
    LATEST = "latest", _("stan na dzień (ostatnia wartość)")
    SUM = "sum", _("suma wpisów")


class Answer(models.TextChoices):
    """A sensitive EU monitoring question: "refused" is a value of its own, never "no"
    (shared/DOMAIN.md §5: "Odmowa podania informacji")."""

    YES = "yes", _("Tak")
    NO = "no", _("Nie")
    REFUSED = "refused", _("Odmowa podania informacji")


class YesNo(models.TextChoices):
    YES = "yes", _("Tak")
    NO = "no", _("Nie")


class Citizenship(models.TextChoices):
    POLISH = "polish", _("Obywatelstwo polskie")
    EU = "eu", _("Brak polskiego obywatelstwa – obywatel kraju UE")
    NON_EU = "non_eu", _("Brak polskiego obywatelstwa lub UE – obywatel kraju spoza UE/ bezpaństwowiec")


class Education(models.TextChoices):
    """CST2021 wording (with en dashes in the ISCED ranges, as SOWA's validator expects)."""

    ISCED_0 = "isced0", _("Niższe niż podstawowe (ISCED 0)")
    ISCED_1_2 = "isced1_2", _("Podstawowe (ISCED 1) lub gimnazjalne (ISCED 2)")
    ISCED_3_4 = "isced3_4", _("Ponadgimnazjalne (ISCED 3) lub policealne (ISCED 4)")
    ISCED_5_8 = "isced5_8", _("Wyższe (ISCED 5–8)")


class Degurba(models.TextChoices):
    CITIES = "1", _("1 – miasta (obszary gęsto zaludnione)")
    TOWNS = "2", _("2 – małe miasta i przedmieścia (obszary pośrednio zaludnione)")
    RURAL = "3", _("3 – obszary wiejskie (obszary słabo zaludnione)")


class LabourStatus(models.TextChoices):
    UNEMPLOYED = "unemployed", _("Osoba bezrobotna")
    INACTIVE = "inactive", _("Osoba bierna zawodowo")
    EMPLOYED = "employed", _("Osoba pracująca")


class ParticipantKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Indywidualny")
    INSTITUTION = "institution", _("Pracownik lub przedstawiciel instytucji/podmiotu")


class DurabilityState(models.TextChoices):
    NOT_STARTED = "not_started", _("przed okresem trwałości")
    RUNNING = "running", _("trwa")
    ENDING_SOON = "ending_soon", _("kończy się wkrótce")
    ENDED = "ended", _("zakończony")
    UNKNOWN = "unknown", _("brak daty końca")
