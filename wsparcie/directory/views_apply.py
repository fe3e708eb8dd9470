"""The public online application: the form (check, then send), the confirmation with the
reference number, and the status page (reference + birth date, sent by POST).

Abuse protection: a per-address rate limit on every page (``public``) and on stored submissions
(``public_apply``), a honeypot field, a signed form token with the time the form was opened (a
minimum fill time, and a double-click sends nothing twice), file type and size checks. The
application is committed before the confirmation is shown (POST, then redirect).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from wsparcie.core.errors import ApplicationError
from wsparcie.directory import forms_apply, selectors, services
from wsparcie.directory.forms_apply import ApplyForm, StatusForm
from wsparcie.directory.models import OnlineApplication
from wsparcie.directory.throttling import PublicApplyThrottle, PublicThrottle, StatusLookupThrottle, allow
from wsparcie.directory.views import too_many_requests

SESSION_KEY = "directory_confirmation"
#: Room for the form's text fields on top of the documents' size limit.
FORM_OVERHEAD_BYTES = 1024 * 1024

#: What an applicant reads for each recruitment status (no personal detail, no staff notes).
PUBLIC_STATUS = {
    "submitted": gettext_lazy("Zgłoszenie zostało złożone i czeka na rozpatrzenie przez ośrodek."),
    "under_review": gettext_lazy("Ośrodek rozpatruje zgłoszenie. Może skontaktować się z Tobą w sprawie dokumentów."),
    "qualified": gettext_lazy(
        "Zakwalifikowano Cię do programu. Aby rozpocząć udział, podpisz deklarację uczestnictwa w ośrodku."
    ),
    "enrolled": gettext_lazy("Jesteś uczestnikiem programu."),
    "waiting_list": gettext_lazy(
        "Brak wolnych miejsc: jesteś na liście rezerwowej. Ośrodek zaproponuje miejsce, gdy się zwolni."
    ),
    "rejected": gettext_lazy("Zgłoszenie nie zostało przyjęte. Uzasadnienie przekaże ośrodek – skontaktuj się z nim."),
    "withdrawn": gettext_lazy("Zgłoszenie zostało wycofane."),
    "completed": gettext_lazy("Udział w programie został zakończony."),
}


def judgement_questions(criteria) -> list[str]:
    """Questions only a social worker can answer (``social_worker_judgement`` criteria)."""
    found = []
    for criterion in criteria:
        if criterion.kind == "social_worker_judgement":
            found.append(criterion.params.get("question") or criterion.name)
        found.extend(judgement_questions(criterion.children))
    return found


class ApplyView(View):
    """``/services/apply/<programme_id>/``: an edition in recruitment (else 404)."""

    template_name = "directory/apply.html"

    def dispatch(self, request, *args, **kwargs):
        if not allow(request, PublicThrottle):
            return too_many_requests(request)
        return super().dispatch(request, *args, **kwargs)

    # -- set-up -----------------------------------------------------------------------------

    def load(self, programme_id: int) -> None:
        from wsparcie.enrolment import selectors as enrolment_selectors

        self.programme = selectors.programme_get_open(programme_id)
        self.criteria = enrolment_selectors.programme_criteria(self.programme)
        self.facts = enrolment_selectors.programme_form_facts(self.programme)
        self.documents = selectors.upload_documents_for(self.programme)
        self.municipalities = selectors.municipality_options(self.programme, self.criteria)

    def make_form(self, data=None, files=None, stage="check") -> ApplyForm:
        return ApplyForm(
            data,
            files,
            programme=self.programme,
            facts=self.facts,
            documents=self.documents,
            municipalities=self.municipalities,
            stage=stage,
        )

    def render_page(self, request, form, *, token: str, stage: int, evaluation=None, digest="", notice="", status=200):
        context = {
            "programme": self.programme,
            "organisation": self.programme.organisation,
            "form": form,
            "form_token": token,
            "stage": stage,
            "evaluation": evaluation,
            "digest": digest,
            "notice": notice,
            "questions": judgement_questions(self.criteria),
            "has_criteria": bool(self.criteria),
            "form_errors": [form] if form.errors else [],
            "services": selectors.services_of_programme(self.programme).filter(status="active")[:10],
            "clause_version": services.INFORMATION_CLAUSE_VERSION,
            "programme_links": selectors.programme_public_links(self.programme),
        }
        return render(request, self.template_name, context, status=status)

    # -- GET and POST -------------------------------------------------------------------------

    def get(self, request, programme_id: int):
        self.load(programme_id)
        token = forms_apply.new_form_token(self.programme.pk)
        return self.render_page(request, self.make_form(), token=token, stage=1)

    def post(self, request, programme_id: int):
        self.load(programme_id)
        too_big = self.refuse_oversized(request)
        if too_big is not None:
            return too_big
        submit = request.POST.get("action") == "submit"
        token_value = request.POST.get("form_token", "")
        token = forms_apply.read_form_token(token_value, self.programme.pk)
        if token is None:
            form = self.make_form(request.POST, stage="check")
            form.is_valid()
            form.errors.clear()
            form.add_error(None, _("Formularz wygasł albo jest nieprawidłowy. Sprawdź dane i wyślij je ponownie."))
            return self.render_page(
                request, form, token=forms_apply.new_form_token(self.programme.pk), stage=1, status=400
            )
        form_uuid, age = token

        already = selectors.online_application_for_token(form_uuid)
        if already is not None:  # a double click or a reload after sending
            return self.confirm(request, already, repeated=True)

        form = self.make_form(request.POST, request.FILES, stage="submit" if submit else "check")
        if submit and request.POST.get(forms_apply.HONEYPOT):
            form.is_valid()
            form.errors.clear()
            form.add_error(None, _("Nie udało się wysłać zgłoszenia. Jeśli to pomyłka, zadzwoń do ośrodka."))
            return self.render_page(request, form, token=token_value, stage=2, status=400)
        if not form.is_valid():
            evaluation = None
            stage = 2 if submit else 1
            return self.render_page(request, form, token=token_value, stage=stage, evaluation=evaluation, status=400)

        answers = form.answers()
        evaluation = self.evaluate(form)
        digest = forms_apply.facts_digest(answers)
        if not submit:
            return self.render_page(request, form, token=token_value, stage=2, evaluation=evaluation, digest=digest)

        if not forms_apply.digest_matches(request.POST.get("checked", ""), answers):
            notice = _(
                "Twoje odpowiedzi zmieniły się od ostatniego sprawdzenia. Przeczytaj nową wstępną ocenę "
                "i wyślij zgłoszenie ponownie (pliki trzeba załączyć jeszcze raz)."
            )
            return self.render_page(
                request, form, token=token_value, stage=2, evaluation=evaluation, digest=digest, notice=notice
            )
        if age < forms_apply.MIN_FILL_SECONDS:
            form.add_error(None, _("Formularz wysłano zbyt szybko. Sprawdź dane i wyślij go ponownie."))
            return self.render_page(
                request, form, token=token_value, stage=2, evaluation=evaluation, digest=digest, status=400
            )
        if not allow(request, PublicApplyThrottle):
            return too_many_requests(request)

        try:
            online = services.online_application_submit(
                programme=self.programme,
                form_token=form_uuid,
                person_data=self.person_data(form),
                birth_date=form.birth_date,
                answers={k: v for k, v in answers.items() if k != "pesel"},  # the PESEL is on the person
                evaluation=evaluation,
                documents=[
                    (doc, form.cleaned_data[name]) for name, doc in form.document_fields if form.cleaned_data.get(name)
                ],
                contact_consent=form.cleaned_data.get("contact_consent", False),
                notes=self.staff_note(form, evaluation),
            )
        except services.RepeatedApplication as exc:
            if exc.existing is not None and exc.same_person:
                return self.confirm(request, exc.existing, repeated=True)
            return render(
                request,
                "directory/apply_repeated.html",
                {"programme": self.programme, "organisation": self.programme.organisation, "message": exc.message},
                status=409,
            )
        except (ValidationError, ApplicationError) as exc:
            messages_ = exc.messages if isinstance(exc, ValidationError) else [exc.message]
            for message in messages_:
                form.add_error(None, message)
            return self.render_page(
                request, form, token=token_value, stage=2, evaluation=evaluation, digest=digest, status=400
            )
        return self.confirm(request, online, repeated=False)

    # -- helpers ----------------------------------------------------------------------------

    def refuse_oversized(self, request):
        """Refuse a request larger than the documents allowed (before it is read)."""
        limit = settings.WSPARCIE_MAX_DOCUMENT_BYTES * max(len(self.documents), 0) + FORM_OVERHEAD_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length <= limit:
            return None
        return render(
            request,
            "directory/apply_too_big.html",
            {
                "programme": self.programme,
                "organisation": self.programme.organisation,
                "limit_mb": settings.WSPARCIE_MAX_DOCUMENT_BYTES // (1024 * 1024),
            },
            status=413,
        )

    def evaluate(self, form) -> dict:
        from wsparcie.enrolment import selectors as enrolment_selectors

        org_id = self.programme.organisation_id

        def area_codes_for(street: str, teryt: str):
            return selectors.area_codes_for_address(org_id, street=street, teryt=teryt)

        facts = form.facts_snapshot(area_codes_for=area_codes_for)
        return enrolment_selectors.eligibility_for_facts(self.programme, facts).as_dict()

    def person_data(self, form) -> dict:
        data = form.cleaned_data
        municipality = data.get("municipality") or ""
        consent = data.get("contact_consent", False)
        return {
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "pesel": data["pesel"],
            "street": data.get("street", ""),
            "postal_code": data.get("postal_code", ""),
            "city": data.get("city", ""),
            "teryt": "" if municipality in ("", forms_apply.OTHER_MUNICIPALITY) else municipality,
            "phone": data.get("phone", "") if consent else "",
            "email": data.get("email", "") if consent else "",
        }

    def staff_note(self, form, evaluation: dict) -> str:
        verdict = {True: _("spełnia"), False: _("nie spełnia"), None: _("brak danych")}[evaluation.get("eligible")]
        lines = [
            _("Zgłoszenie przez internet, numer {reference}."),
            _("Wstępna ocena na podstawie oświadczeń z formularza: %(verdict)s.") % {"verdict": verdict},
        ]
        for result in evaluation.get("criteria", []):
            lines.append(f"– {result.get('name') or result.get('code')}: {result.get('reason')}")
        answers = {k: v for k, v in form.answers().items() if k != "pesel" and v not in (None, "")}
        if answers:
            lines.append(_("Odpowiedzi: %(answers)s") % {"answers": "; ".join(f"{k}={v}" for k, v in answers.items())})
        data = form.cleaned_data
        if data.get("contact_consent") and (data.get("phone") or data.get("email")):
            lines.append(
                _("Kontakt (zgoda): %(contact)s")
                % {"contact": ", ".join(v for v in (data.get("phone"), data.get("email")) if v)}
            )
        return "\n".join(lines)

    def confirm(self, request, online: OnlineApplication, *, repeated: bool):
        request.session[SESSION_KEY] = {"id": str(online.pk), "repeated": repeated}
        return HttpResponseRedirect(reverse("directory:apply_confirmation"))


class ConfirmationView(View):
    """The reference number of the application just sent (from the session, never the URL)."""

    def get(self, request):
        if not allow(request, PublicThrottle):
            return too_many_requests(request)
        data = request.session.get(SESSION_KEY) or {}
        online = selectors.online_application_for_confirmation(data.get("id"))
        if online is None:
            messages.info(
                request, _("Nie ma zgłoszenia do pokazania. Sprawdź jego status, podając numer i datę urodzenia.")
            )
            return HttpResponseRedirect(reverse("directory:status"))
        return render(
            request,
            "directory/apply_confirmation.html",
            {
                "online": online,
                "repeated": data.get("repeated", False),
                "programme": online.programme,
                "organisation": online.organisation,
                "evaluation": online.eligibility_preview,
                "documents": online.documents.all(),
            },
        )


class StatusView(View):
    """``/services/status/``: reference + birth date (POST, so nothing personal is in the URL)."""

    template_name = "directory/status.html"

    def get(self, request):
        if not allow(request, PublicThrottle):
            return too_many_requests(request)
        return render(request, self.template_name, {"form": StatusForm(), "form_errors": []})

    def post(self, request):
        if not allow(request, StatusLookupThrottle):
            return too_many_requests(request)
        form = StatusForm(request.POST)
        online = None
        if form.is_valid():
            online = selectors.online_application_lookup(
                reference=form.cleaned_data["reference"], birth_date=form.cleaned_data["birth_date"]
            )
            if online is None:
                form.add_error(
                    None,
                    _(
                        "Nie znaleziono zgłoszenia o tym numerze i dacie urodzenia. Sprawdź oba pola (numer ma postać WSP-XXXX-XXXX)."
                    ),
                )
        if online is None:
            return render(
                request, self.template_name, {"form": form, "form_errors": [form]}, status=400 if form.errors else 200
            )
        from wsparcie.enrolment import selectors as enrolment_selectors

        application = online.application
        return render(
            request,
            "directory/status_result.html",
            {
                "online": online,
                "programme": online.programme,
                "organisation": online.organisation,
                "status_label": application.get_status_display(),
                "status_text": PUBLIC_STATUS.get(application.status, ""),
                "status": application.status,
                "waiting_position": enrolment_selectors.waiting_position(application),
            },
        )
