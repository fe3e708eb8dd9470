from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class WorkerRole(models.TextChoices):
    ASSISTANT = "assistant", _("asystent")
    CARER = "carer", _("opiekun")
    PSYCHOLOGIST = "psychologist", _("psycholog")
    THERAPIST = "therapist", _("terapeuta")
    TRAINER = "trainer", _("trener")
    OTHER = "other", _("inna osoba")


class Qualification(models.TextChoices):
    """Documents that qualify an assistant (AOON; shared/DOMAIN.md §1.1)."""

    DISABILITY_ASSISTANT = "disability_assistant", _("asystent osoby niepełnosprawnej")
    ELDERLY_CARER = "elderly_carer", _("opiekun osoby starszej")
    MEDICAL_CARER = "medical_carer", _("opiekun medyczny")
    PEDAGOGUE = "pedagogue", _("pedagog")
    PSYCHOLOGIST = "psychologist", _("psycholog")
    OCCUPATIONAL_THERAPIST = "occupational_therapist", _("terapeuta zajęciowy")
    NURSE = "nurse", _("pielęgniarka")
    PHYSIOTHERAPIST = "physiotherapist", _("fizjoterapeuta")
    EXPERIENCE = "experience", _("co najmniej 6 miesięcy udokumentowanego doświadczenia")
    CHOSEN_BY_PARTICIPANT = "chosen_by_participant", _("wskazany przez uczestnika (oświadczenie)")


class ContractKind(models.TextChoices):
    EMPLOYMENT = "employment", _("umowa o pracę")
    MANDATE = "mandate", _("umowa zlecenia")
    SPECIFIC_WORK = "specific_work", _("umowa o dzieło")
    SELF_EMPLOYED = "self_employed", _("działalność gospodarcza")
    VOLUNTEER = "volunteer", _("porozumienie wolontariackie")


class ServiceKind(models.TextChoices):
    PERSONAL_ASSISTANCE = "personal_assistance", _("asystencja osobista")
    RESPITE_DAY = "respite_day", _("opieka wytchnieniowa dzienna")
    RESPITE_RESIDENTIAL = "respite_residential", _("opieka wytchnieniowa całodobowa")
    CARE_SERVICES = "care_services", _("usługi opiekuńcze")
    SPECIALIST_CARE = "specialist_care", _("specjalistyczne usługi opiekuńcze")
    COUNSELLING = "counselling", _("poradnictwo specjalistyczne")
    PSYCHOLOGIST_HOME_VISIT = "psychologist_home_visit", _("wizyta psychologa w domu")
    SUPPORT_GROUP = "support_group", _("grupa wsparcia")
    TRAINING = "training", _("szkolenie")
    MEALS = "meals", _("posiłki")
    TELECARE = "telecare", _("teleopieka")
    EQUIPMENT_LOAN = "equipment_loan", _("wypożyczenie sprzętu")


class Unit(models.TextChoices):
    HOUR = "hour", _("godzina")
    DAY = "day", _("doba")
    MEAL = "meal", _("posiłek")
    ITEM = "item", _("sztuka")


UNIT_SHORT = {
    Unit.HOUR: pgettext_lazy("unit after a number", "h"),
    Unit.DAY: pgettext_lazy("unit after a number", "dób"),
    Unit.MEAL: pgettext_lazy("unit after a number", "posiłków"),
    Unit.ITEM: pgettext_lazy("unit after a number", "szt."),
}


class Activity(models.TextChoices):
    """What a session may record. The first four are the assistant's, as the seed page lists them."""

    DAILY_ACTIVITIES = "daily_activities", _("czynności dnia codziennego")
    TRIPS = "trips", _("wyjścia, powroty i dojazdy w wybrane miejsce")
    OFFICIAL_MATTERS = "official_matters", _("załatwianie spraw urzędowych")
    CULTURE = "culture", _("korzystanie z dóbr kultury")
    CARE = "care", _("czynności opiekuńcze")
    RESPITE = "respite", _("opieka wytchnieniowa")
    COUNSELLING = "counselling", _("porada / konsultacja")
    THERAPY = "therapy", _("terapia")
    GROUP_MEETING = "group_meeting", _("spotkanie grupy")
    TRAINING = "training", _("zajęcia szkoleniowe")
    OTHER = "other", _("inne")


#: The assistant's activities from the seed (AOON 2023, MOPS Płock).
ASSISTANT_ACTIVITIES = [Activity.DAILY_ACTIVITIES, Activity.TRIPS, Activity.OFFICIAL_MATTERS, Activity.CULTURE]


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("zaplanowana")
    IN_PROGRESS = "in_progress", _("w trakcie")
    DELIVERED = "delivered", _("zrealizowana")
    CANCELLED = "cancelled", _("odwołana")


class CertificateDegree(models.TextChoices):
    """Rows of a limit table: the degree the participant's certificate counts as."""

    SIGNIFICANT = "significant", _("znaczny")
    MODERATE = "moderate", _("umiarkowany")
    MILD = "mild", _("lekki")
    ANY = "any", _("dowolny")


class MealForm(models.TextChoices):
    """Forms of aid in „Posiłek w szkole i w domu” (shared/DOMAIN.md §1.4)."""

    SCHOOL_MEAL = "school_meal", _("posiłek w stołówce (szkoła, przedszkole, jadłodajnia)")
    HOME_MEAL = "home_meal", _("posiłek dowożony do domu")
    CASH_BENEFIT = "cash_benefit", _("zasiłek celowy na zakup posiłku lub żywności")
    FOOD_IN_KIND = "food_in_kind", _("świadczenie rzeczowe: produkty żywnościowe")


MEAL_FORMS_COUNTED = {MealForm.SCHOOL_MEAL, MealForm.HOME_MEAL}


class EquipmentCategory(models.TextChoices):
    WHEELCHAIR = "wheelchair", _("wózek inwalidzki")
    WALKER = "walker", _("balkonik / chodzik")
    CRUTCHES = "crutches", _("kule / laska")
    BED = "bed", _("łóżko rehabilitacyjne")
    MATTRESS = "mattress", _("materac przeciwodleżynowy")
    COMMODE = "commode", _("krzesło toaletowe / sanitarne")
    LIFT = "lift", _("podnośnik")
    REHABILITATION = "rehabilitation", _("sprzęt do ćwiczeń")
    OTHER = "other", _("inny sprzęt")


class Condition(models.TextChoices):
    NEW = "new", _("nowy")
    GOOD = "good", _("dobry")
    WORN = "worn", _("zużyty")
    DAMAGED = "damaged", _("uszkodzony")
    UNUSABLE = "unusable", _("nienadający się do użytku")
