"""Staff pages of the registry (mounted at /staff/people/).

Every person is fetched through ``selectors.person_get_for_user`` (another organisation's person
is a 404); opening a person's record writes a "view" entry to the audit trail; health data
(certificates) needs "health.view"; a PESEL is searched by POST and never appears in a URL.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from wsparcie.core import tenancy
from wsparcie.core.errors import ApplicationError
from wsparcie.core.views import ScopedListView, ServiceFormView, is_htmx
from wsparcie.people import imports, selectors, services
from wsparcie.people.choices import DuplicateStatus, ImportMode, ImportStatus, RelationKind
from wsparcie.people.filters import DuplicateFilter, PersonFilter
from wsparcie.people.forms import (
    CertificateForm,
    DismissForm,
    ImportForm,
    IncomeForm,
    MergeForm,
    NamedAreaForm,
    NameSearchForm,
    PersonForm,
    PeselSearchForm,
    RelationForm,
)
from wsparcie.people.models import DuplicateCandidate, NamedArea, Person

PERSON_FIELDS = [
    "pesel",
    "other_id_type",
    "other_id_number",
    "first_name",
    "last_name",
    "birth_date",
    "sex",
    "citizenship",
    "phone",
    "email",
    "street",
    "postal_code",
    "city",
    "teryt",
    "notes",
]


def _errors_to_form(form, exc: ValidationError) -> None:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for field, messages_ in errors.items():
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


class PersonMixin:
    """``self.person`` for the ``pk`` in the URL, scoped to the user (404 otherwise)."""

    person_permission = "people.view"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.person = selectors.person_get_for_user(request.user, kwargs["pk"], self.person_permission)
        return super().dispatch(request, *args, **kwargs)

    def can(self, perm: str) -> bool:
        return tenancy.has_perm(self.request.user, perm, self.person.organisation_id)

    def require(self, perm: str) -> None:
        if not self.can(perm):
            raise PermissionDenied

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        context["can_edit"] = self.can("people.edit")
        context["can_health"] = self.can("health.view")
        return context


# --- list, search, create, edit -----------------------------------------------------------------


class AnyOrganisationPermission:
    """404 for a signed-in user who holds ``permission`` in no organisation."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not tenancy.has_perm(request.user, self.permission):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class PersonListView(AnyOrganisationPermission, ScopedListView):
    model = Person
    permission = "people.view"
    filterset_class = PersonFilter
    template_name = "people/person_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("household").order_by("last_name", "first_name", "id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pesel_form"] = PeselSearchForm()
        context["can_edit"] = tenancy.has_perm(self.request.user, "people.edit")
        context["can_import"] = tenancy.has_perm(self.request.user, "imports.run")
        context["can_merge"] = tenancy.has_perm(self.request.user, "people.merge")
        return context


class PeselSearchView(ServiceFormView):
    """Find a person by PESEL with a POST (the number never travels in a URL)."""

    form_class = PeselSearchForm
    template_name = "people/pesel_search.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not tenancy.has_perm(request.user, "people.view"):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form):
        person = selectors.person_find_by_pesel(self.request.user, form.cleaned_data["pesel"])
        if person is None:
            raise ValidationError({"pesel": _("Nie ma w rejestrze osoby o tym numerze PESEL.")})
        return person

    def get_success_url(self):
        return reverse("people:detail", args=[self.object.pk])


class PersonCreateView(ServiceFormView):
    form_class = PersonForm
    template_name = "people/person_form.html"
    success_message = gettext_lazy("Dodano osobę do rejestru.")
    duplicate_of = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not tenancy.has_perm(request.user, "people.edit"):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.add_organisation_field(self.request.user, "people.edit")
        return form

    def perform(self, form):
        data = dict(form.cleaned_data)
        organisation = tenancy.organisation_for_write(self.request.user, "people.edit", data.pop("organisation", None))
        try:
            return services.person_create(actor=self.request.user, organisation=organisation, **data)
        except services.DuplicatePesel as exc:
            self.duplicate_of = exc.extra.get("existing_person")
            raise ValidationError({"pesel": exc.message}) from exc

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Nowa osoba")
        context["duplicate_of"] = self.duplicate_of
        return context

    def get_success_url(self):
        return reverse("people:detail", args=[self.object.pk])


class PersonEditView(PersonMixin, ServiceFormView):
    form_class = PersonForm
    template_name = "people/person_form.html"
    success_message = gettext_lazy("Zapisano zmiany.")
    duplicate_of = None

    def get(self, request, *args, **kwargs):
        self.require("people.edit")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.require("people.edit")
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        return {name: getattr(self.person, name) or "" for name in PERSON_FIELDS}

    def perform(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k in PERSON_FIELDS}
        if not form.cleaned_data.get("sex") and self.person.pesel == (data.get("pesel") or None):
            data.pop("sex")
        try:
            return services.person_update(actor=self.request.user, person=self.person, data=data)
        except services.DuplicatePesel as exc:
            self.duplicate_of = exc.extra.get("existing_person")
            raise ValidationError({"pesel": exc.message}) from exc

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Zmień dane: %(name)s") % {"name": self.person}
        context["duplicate_of"] = self.duplicate_of
        return context

    def get_success_url(self):
        return reverse("people:detail", args=[self.person.pk])


class PersonDetailView(PersonMixin, View):
    template_name = "people/person_detail.html"

    def get(self, request, pk):
        person = self.person
        services.person_record_view(actor=request.user, person=person)
        from django.utils import timezone

        today = timezone.localdate()
        can_health = self.can("health.view")
        criterion = selectors.income_criterion_on(today)
        income = selectors.income_on(person, today)
        context = {
            "person": person,
            "can_edit": self.can("people.edit"),
            "can_health": can_health,
            "can_merge": self.can("people.merge"),
            "members": selectors.household_members(person),
            "relations": selectors.relations_of(person),
            "incomes": person.incomes.all()[:5],
            "income": income,
            "criterion": criterion,
            "areas": NamedArea.objects.filter(organisation_id=person.organisation_id, code__in=person.areas),
            "duplicates": selectors.duplicates_of(person) if self.can("people.merge") else [],
            "today": today,
        }
        if criterion is not None and income is not None:
            from wsparcie.people import rules

            context["income_limit"] = rules.income_limit(
                single_person=criterion.single_person,
                per_person_in_family=criterion.per_person_in_family,
                household_size=income.household_size,
                percent=100,
            )
        if can_health:
            context["certificate_now"] = selectors.certificate_valid_on(person, today)
        return render(request, self.template_name, context)


# --- certificates, relations, household, incomes -------------------------------------------------


class CertificatesView(PersonMixin, ServiceFormView):
    """Disability certificates: health data, only for roles with "health.view"."""

    form_class = CertificateForm
    template_name = "people/person_certificates.html"
    success_message = gettext_lazy("Dodano orzeczenie.")

    def get(self, request, *args, **kwargs):
        self.require("health.view")
        services.person_record_view(actor=request.user, person=self.person, note="orzeczenia o niepełnosprawności")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.require("health.view")
        self.require("people.edit")
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return services.certificate_create(actor=self.request.user, person=self.person, **form.cleaned_data)

    def get_context_data(self, **kwargs):
        from django.utils import timezone

        context = super().get_context_data(**kwargs)
        context["certificates"] = selectors.certificates_of(self.person)
        context["valid_now"] = selectors.certificate_valid_on(self.person, timezone.localdate())
        return context

    def get_success_url(self):
        return reverse("people:certificates", args=[self.person.pk])


class RelationsView(PersonMixin, ServiceFormView):
    """Relations of a person; the other person is found by name (htmx search) and added by POST."""

    form_class = RelationForm
    template_name = "people/person_relations.html"
    success_message = gettext_lazy("Zapisano relację.")

    def post(self, request, *args, **kwargs):
        self.require("people.edit")
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        relative = selectors.person_get_for_user(self.request.user, form.cleaned_data["relative"])
        return services.relation_create(
            actor=self.request.user,
            person=self.person,
            relative=relative,
            kind=form.cleaned_data["kind"],
            is_caregiver=form.cleaned_data["is_caregiver"] or None,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(_search_context(self.request, self.person))
        context["relations"] = selectors.relations_of(self.person)
        context["kinds"] = RelationKind.choices
        return context

    def get_template_names(self):
        if is_htmx(self.request) and self.request.method == "GET":
            return [f"{self.template_name}#found"]
        return [self.template_name]

    def get_success_url(self):
        return reverse("people:relations", args=[self.person.pk])


def _search_context(request, person: Person) -> dict:
    form = NameSearchForm(request.GET or None)
    found = []
    if form.is_bound and form.is_valid():
        found = (
            selectors.persons_search(
                Person.objects.filter(organisation_id=person.organisation_id), form.cleaned_data["find"]
            )
            .exclude(pk=person.pk)
            .order_by("last_name", "first_name", "id")[:20]
        )
    return {"search_form": form, "found": found}


class RelationDeleteView(PersonMixin, View):
    def post(self, request, pk, relation_pk):
        self.require("people.edit")
        relation = selectors.relations_of(self.person).filter(pk=relation_pk).first()
        if relation is None:
            raise Http404
        services.relation_delete(actor=request.user, relation=relation)
        messages.success(request, _("Usunięto relację."))
        return HttpResponseRedirect(reverse("people:relations", args=[pk]))


class HouseholdView(PersonMixin, View):
    """Who lives with whom: join another person's household, start a new one, or leave."""

    template_name = "people/person_household.html"

    def get(self, request, pk):
        context = {
            "person": self.person,
            "can_edit": self.can("people.edit"),
            "members": selectors.household_members(self.person),
            **_search_context(request, self.person),
        }
        if is_htmx(request):
            return render(request, f"{self.template_name}#found", context)
        return render(request, self.template_name, context)

    def post(self, request, pk):
        self.require("people.edit")
        action = request.POST.get("action")
        try:
            if action == "leave":
                services.person_set_household(actor=request.user, person=self.person, household=None)
                messages.success(request, _("Osoba nie należy już do gospodarstwa domowego."))
            elif action == "new":
                services.household_create(
                    actor=request.user,
                    organisation=self.person.organisation,
                    name=_("Gospodarstwo %(name)s") % {"name": self.person.last_name},
                    members=[self.person],
                )
                messages.success(request, _("Utworzono gospodarstwo domowe."))
            elif action == "join":
                other = selectors.person_get_for_user(request.user, request.POST.get("other") or 0)
                if other.organisation_id != self.person.organisation_id:
                    raise Http404
                household = other.household
                if household is None:
                    household = services.household_create(
                        actor=request.user,
                        organisation=other.organisation,
                        name=_("Gospodarstwo %(name)s") % {"name": other.last_name},
                        members=[other],
                    )
                services.person_set_household(actor=request.user, person=self.person, household=household)
                messages.success(request, _("%(a)s mieszka teraz z: %(b)s.") % {"a": self.person, "b": other})
        except (ValidationError, ApplicationError) as exc:
            messages.error(request, "; ".join(getattr(exc, "messages", [getattr(exc, "message", str(exc))])))
        return HttpResponseRedirect(reverse("people:household", args=[pk]))


class IncomesView(PersonMixin, ServiceFormView):
    form_class = IncomeForm
    template_name = "people/person_incomes.html"
    success_message = gettext_lazy("Zapisano dochód.")

    def post(self, request, *args, **kwargs):
        self.require("people.edit")
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return services.income_record_create(actor=self.request.user, person=self.person, **form.cleaned_data)

    def get_context_data(self, **kwargs):
        from django.utils import timezone

        from wsparcie.people import rules

        context = super().get_context_data(**kwargs)
        context["incomes"] = self.person.incomes.all()
        today = timezone.localdate()
        criterion = selectors.income_criterion_on(today)
        income = selectors.income_on(self.person, today)
        context["criterion"] = criterion
        context["income"] = income
        if criterion and income:
            context["limits"] = [
                (
                    pct,
                    rules.income_limit(
                        single_person=criterion.single_person,
                        per_person_in_family=criterion.per_person_in_family,
                        household_size=income.household_size,
                        percent=pct,
                    ),
                    rules.income_within_limit(
                        income_per_person=income.income_per_person,
                        household_size=income.household_size,
                        single_person=criterion.single_person,
                        per_person_in_family=criterion.per_person_in_family,
                        percent=pct,
                    ),
                )
                for pct in (100, 150, 200)
            ]
        return context

    def get_success_url(self):
        return reverse("people:incomes", args=[self.person.pk])


# --- named areas --------------------------------------------------------------------------------


class AreasView(ServiceFormView):
    form_class = NamedAreaForm
    template_name = "people/areas.html"
    success_message = gettext_lazy("Zapisano obszar.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not tenancy.has_perm(request.user, "people.view"):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.add_organisation_field(self.request.user, "people.edit")
        return form

    def post(self, request, *args, **kwargs):
        if not tenancy.has_perm(request.user, "people.edit"):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        data = dict(form.cleaned_data)
        organisation = tenancy.organisation_for_write(self.request.user, "people.edit", data.pop("organisation", None))
        return services.named_area_create(actor=self.request.user, organisation=organisation, **data)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["areas"] = selectors.named_areas_for_user(self.request.user).order_by("name")
        context["can_edit"] = tenancy.has_perm(self.request.user, "people.edit")
        return context

    def get_success_url(self):
        return reverse("people:areas")


class AreaEditView(ServiceFormView):
    form_class = NamedAreaForm
    template_name = "people/area_form.html"
    success_message = gettext_lazy("Zapisano obszar; przypisanie osób przeliczono.")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.area = tenancy.get_for_user(NamedArea.objects.all(), request.user, "people.edit", pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["code"].disabled = True  # persons and programme criteria refer to the code
        return form

    def get_initial(self):
        a = self.area
        return {
            "code": a.code,
            "name": a.name,
            "description": a.description,
            "streets": "\n".join(a.streets),
            "teryt_codes": "\n".join(a.teryt_codes),
        }

    def perform(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k in {"name", "description", "streets", "teryt_codes"}}
        return services.named_area_update(actor=self.request.user, area=self.area, data=data)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["area"] = self.area
        return context

    def get_success_url(self):
        return reverse("people:areas")


# --- imports ------------------------------------------------------------------------------------


class ImportView(ServiceFormView):
    """Upload a CSV/XLSX file: checked first (preview) or imported at once."""

    form_class = ImportForm
    template_name = "people/import.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not tenancy.has_perm(request.user, "imports.run"):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.add_organisation_field(self.request.user, "imports.run")
        return form

    def perform(self, form):
        data = form.cleaned_data
        organisation = tenancy.organisation_for_write(self.request.user, "imports.run", data.get("organisation"))
        importer = imports.get_importer(data["kind"])
        tenancy.require_perm(self.request.user, importer.permission, organisation)
        upload = data["file"]
        return imports.import_start(
            actor=self.request.user,
            organisation=organisation,
            kind=data["kind"],
            mode=data["mode"],
            file_name=upload.name,
            content=upload.read(),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        imports.imports_fail_interrupted()
        context["jobs"] = selectors.imports_for_user(self.request.user)[:10]
        context["columns"] = imports.get_importer("persons").columns
        return context

    def get_success_url(self):
        return reverse("people:import_detail", args=[self.object.pk])


class ImportDetailView(View):
    template_name = "people/import_detail.html"

    def get(self, request, pk):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        imports.imports_fail_interrupted()
        job = tenancy.get_for_user(selectors.imports_for_user(request.user), request.user, "imports.run", pk=pk)
        context = {
            "job": job,
            "errors": (job.errors or [])[: imports.ERRORS_SHOWN],
            "running": job.status == ImportStatus.RUNNING,
            "waiting": job.status == ImportStatus.VALIDATED,
            "modes": ImportMode,
        }
        if is_htmx(request):
            return render(request, f"{self.template_name}#progress", context)
        return render(request, self.template_name, context)


class ImportDecideView(View):
    def post(self, request, pk):
        if not request.user.is_authenticated:
            raise Http404
        job = tenancy.get_for_user(selectors.imports_for_user(request.user), request.user, "imports.run", pk=pk)
        try:
            imports.import_decide(actor=request.user, job=job, mode=request.POST.get("mode", ""))
        except (ValidationError, ApplicationError) as exc:
            messages.error(request, "; ".join(getattr(exc, "messages", [getattr(exc, "message", str(exc))])))
        return HttpResponseRedirect(reverse("people:import_detail", args=[pk]))


class ImportErrorsView(View):
    def get(self, request, pk):
        if not request.user.is_authenticated:
            raise Http404
        job = tenancy.get_for_user(selectors.imports_for_user(request.user), request.user, "imports.run", pk=pk)
        response = HttpResponse(imports.errors_csv(job), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="bledy-importu-{job.pk}.csv"'
        return response


# --- duplicates ---------------------------------------------------------------------------------


class DuplicateListView(AnyOrganisationPermission, ScopedListView):
    model = DuplicateCandidate
    permission = "people.merge"
    filterset_class = DuplicateFilter
    template_name = "people/duplicate_list.html"

    def get_queryset(self):
        qs = super().get_queryset().select_related("person_a", "person_b")
        if "status" not in self.request.GET:
            qs = qs.filter(status=DuplicateStatus.OPEN)
        return qs


class DuplicateReviewView(View):
    """Compare two records side by side; merge them (explicitly, audited) or mark them different."""

    template_name = "people/duplicate_review.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.candidate = tenancy.get_for_user(
            DuplicateCandidate.objects.select_related("person_a", "person_b"),
            request.user,
            "people.merge",
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, merge_form=None, dismiss_form=None, status=200):
        c = self.candidate
        rows = [
            (Person._meta.get_field(name).verbose_name, getattr(c.person_a, name), getattr(c.person_b, name))
            for name in [
                "pesel",
                "first_name",
                "last_name",
                "birth_date",
                "sex",
                "street",
                "postal_code",
                "city",
                "phone",
                "email",
            ]
        ]
        for person in (c.person_a, c.person_b):
            services.person_record_view(actor=self.request.user, person=person, note="porównanie możliwych duplikatów")
        return render(
            self.request,
            self.template_name,
            {
                "candidate": c,
                "rows": rows,
                "merge_form": merge_form or MergeForm(candidate=c),
                "dismiss_form": dismiss_form or DismissForm(),
                "counts": [
                    (p, p.relations_out.count() + p.relations_in.count(), p.certificates.count(), p.incomes.count())
                    for p in (c.person_a, c.person_b)
                ],
            },
            status=status,
        )

    def get(self, request, pk):
        return self.render_page()

    def post(self, request, pk):
        c = self.candidate
        if request.POST.get("action") == "dismiss":
            form = DismissForm(request.POST)
            if form.is_valid():
                services.duplicate_dismiss(actor=request.user, candidate=c, note=form.cleaned_data["note"])
                messages.success(request, _("Oznaczono jako różne osoby."))
                return HttpResponseRedirect(reverse("people:duplicates"))
            return self.render_page(dismiss_form=form, status=400)
        form = MergeForm(request.POST, candidate=c)
        if form.is_valid():
            keep, remove = (
                (c.person_a, c.person_b)
                if form.cleaned_data["keep"] == str(c.person_a.pk)
                else (c.person_b, c.person_a)
            )
            try:
                services.person_merge(actor=request.user, keep=keep, remove=remove, note=form.cleaned_data["note"])
            except (ValidationError, ApplicationError) as exc:
                form.add_error(None, getattr(exc, "message", None) or "; ".join(exc.messages))
                return self.render_page(merge_form=form, status=400)
            messages.success(request, _("Scalono rekordy: zostaje nr %(pk)s.") % {"pk": keep.pk})
            return HttpResponseRedirect(reverse("people:detail", args=[keep.pk]))
        return self.render_page(merge_form=form, status=400)
