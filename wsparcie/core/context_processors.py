from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from wsparcie.core import tenancy

# (label, url name, permission): shown when the user holds the permission somewhere and the
# app provides the page. Apps add their entry here when they add their first page.
STAFF_MENU = [
    (_("Programy i projekty"), "programmes:list", "programmes.view"),
    (_("Osoby"), "people:list", "people.view"),
    (_("Rekrutacja"), "enrolment:list", "enrolment.view"),
    (_("Usługi i sesje"), "delivery:index", "delivery.view"),
    (_("Mój grafik"), "delivery:my_day", "delivery.own"),
    (_("Plany wsparcia"), "plans:list", "plans.view"),
    (_("Teleopieka"), "telecare:desk", "telecare.view"),
    (_("Budżety"), "finance:index", "finance.view"),
    (_("Wskaźniki"), "indicators:index", "indicators.view"),
    (_("Rejestr usług"), "directory:staff_list", "directory.edit"),
    (_("Dziennik zdarzeń"), "core:audit", "audit.view"),
]


def wsparcie(request):
    menu = []
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        for label, name, perm in STAFF_MENU:
            if not tenancy.has_perm(user, perm):
                continue
            try:
                menu.append({"label": label, "url": reverse(name)})
            except NoReverseMatch:
                continue
    return {
        "staff_menu": menu,
        "high_contrast": request.COOKIES.get("contrast") == "high",
    }
