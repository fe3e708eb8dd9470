from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    FEMALE = "female", _("kobieta")
    MALE = "male", _("mężczyzna")


class CertificateKind(models.TextChoices):
    ADULT = "adult", _("orzeczenie o stopniu niepełnosprawności")
    CHILD = "child", _("orzeczenie o niepełnosprawności (dziecko do 16 lat)")
    EQUIVALENT = "equivalent", _("orzeczenie równoważne")


class Degree(models.TextChoices):
    SIGNIFICANT = "significant", _("znaczny")
    MODERATE = "moderate", _("umiarkowany")
    MILD = "mild", _("lekki")


class EquivalentType(models.TextChoices):
    GROUP_I = "group_i", _("I grupa inwalidzka")
    GROUP_II = "group_ii", _("II grupa inwalidzka")
    GROUP_III = "group_iii", _("III grupa inwalidzka")
    ZUS_TOTAL_AND_INDEPENDENT = (
        "zus_total_independent",
        _("ZUS: całkowita niezdolność do pracy i samodzielnej egzystencji"),
    )
    ZUS_TOTAL = "zus_total", _("ZUS: całkowita niezdolność do pracy")
    ZUS_PARTIAL = "zus_partial", _("ZUS: częściowa niezdolność do pracy")
    KRUS_PERMANENT_CARE = (
        "krus_care",
        _(
            "KRUS: stała lub długotrwała niezdolność do pracy w gospodarstwie rolnym z prawem do zasiłku pielęgnacyjnego"
        ),
    )
    KRUS_PERMANENT = "krus", _("KRUS: stała lub długotrwała niezdolność do pracy w gospodarstwie rolnym")


#: The degree each equivalent certificate counts as (art. 5 and 62 ustawy o rehabilitacji;
#: shared/DOMAIN.md §2.3). One-directional.
EQUIVALENT_DEGREE = {
    EquivalentType.GROUP_I: Degree.SIGNIFICANT,
    EquivalentType.ZUS_TOTAL_AND_INDEPENDENT: Degree.SIGNIFICANT,
    EquivalentType.KRUS_PERMANENT_CARE: Degree.SIGNIFICANT,
    EquivalentType.GROUP_II: Degree.MODERATE,
    EquivalentType.ZUS_TOTAL: Degree.MODERATE,
    EquivalentType.GROUP_III: Degree.MILD,
    EquivalentType.ZUS_PARTIAL: Degree.MILD,
    EquivalentType.KRUS_PERMANENT: Degree.MILD,
}

#: Cause symbols (§32 rozporządzenia MGPiPS z 15.07.2003), at most three per certificate.
CAUSE_SYMBOLS = {
    "01-U": _("upośledzenie umysłowe"),
    "02-P": _("choroby psychiczne"),
    "03-L": _("zaburzenia głosu, mowy i choroby słuchu"),
    "04-O": _("choroby narządu wzroku"),
    "05-R": _("upośledzenie narządu ruchu"),
    "06-E": _("epilepsja"),
    "07-S": _("choroby układu oddechowego i krążenia"),
    "08-T": _("choroby układu pokarmowego"),
    "09-M": _("choroby układu moczowo-płciowego"),
    "10-N": _("choroby neurologiczne"),
    "11-I": _("inne"),
    "12-C": _("całościowe zaburzenia rozwojowe"),
}


class RelationKind(models.TextChoices):
    PARENT = "parent", _("rodzic")
    SPOUSE = "spouse", _("małżonek / partner")
    CHILD = "child", _("dziecko")
    SIBLING = "sibling", _("rodzeństwo")
    OTHER_FAMILY = "other_family", _("inny członek rodziny")
    LEGAL_GUARDIAN = "legal_guardian", _("opiekun prawny")
    ACTUAL_CAREGIVER = "actual_caregiver", _("opiekun faktyczny")


#: Relations that make someone the participant's family (AOON: the assistant may not be one).
FAMILY_RELATIONS = {
    RelationKind.PARENT,
    RelationKind.SPOUSE,
    RelationKind.CHILD,
    RelationKind.SIBLING,
    RelationKind.OTHER_FAMILY,
}


class DuplicateReason(models.TextChoices):
    NAME_AND_BIRTH_DATE = "name_birth_date", _("podobne imię i nazwisko, ta sama data urodzenia")


class DuplicateStatus(models.TextChoices):
    OPEN = "open", _("do sprawdzenia")
    DISMISSED = "dismissed", _("to różne osoby")


class ImportKind(models.TextChoices):
    """Kinds the people app itself knows; other apps register more (``people.imports.register_importer``)."""

    PERSONS = "persons", _("osoby")


class ImportMode(models.TextChoices):
    VALID_ROWS = "valid_rows", _("importuj poprawne wiersze")
    ALL_OR_NOTHING = "all_or_nothing", _("wszystko albo nic")
    PREVIEW = "preview", _("tylko sprawdź (decyzja po podglądzie błędów)")


class ImportStatus(models.TextChoices):
    RUNNING = "running", _("w toku")
    VALIDATED = "validated", _("sprawdzony, czeka na decyzję")
    DONE = "done", _("zakończony")
    FAILED = "failed", _("nieudany (nic nie zaimportowano)")
    CANCELLED = "cancelled", _("anulowany (nic nie zaimportowano)")


#: Relations that make ``person`` unfit as the assistant of ``relative`` (AOON: family member,
#: legal guardian; co-residence is checked through the household).
EXCLUDING_RELATIONS = FAMILY_RELATIONS | {RelationKind.LEGAL_GUARDIAN}

#: Degrees from the strongest; the rank of a degree in comparisons.
DEGREE_RANK = {Degree.SIGNIFICANT: 3, Degree.MODERATE: 2, Degree.MILD: 1}
