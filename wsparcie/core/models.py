"""Organisations, memberships (roles) and the append-only audit trail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wsparcie.core.roles import Role


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("utworzono"), auto_now_add=True)
    updated_at = models.DateTimeField(_("zmieniono"), auto_now=True)

    class Meta:
        abstract = True


class TenantModel(TimeStampedModel):
    """Base of every row an organisation owns. Query it only through ``core.tenancy``."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organizacja")
    )

    class Meta:
        abstract = True


class Organisation(TimeStampedModel):
    """A social welfare centre, county office, regional body or NGO using (or named in) wsparcie."""

    class Kind(models.TextChoices):
        WELFARE_CENTRE = "welfare_centre", _("ośrodek pomocy społecznej")
        COUNTY = "county", _("powiat / PCPR")
        REGIONAL = "regional", _("regionalny ośrodek polityki społecznej")
        MINISTRY = "ministry", _("ministerstwo / administracja rządowa")
        NGO = "ngo", _("organizacja pozarządowa")
        OTHER = "other", _("inna instytucja")

    slug = models.SlugField(_("identyfikator"), max_length=64, unique=True)
    name = models.CharField(_("nazwa"), max_length=255)
    short_name = models.CharField(_("nazwa skrócona"), max_length=100, blank=True)
    kind = models.CharField(_("rodzaj"), max_length=20, choices=Kind.choices, default=Kind.WELFARE_CENTRE)
    is_tenant = models.BooleanField(
        _("korzysta z systemu"), default=True, help_text=_("Czy organizacja prowadzi swoje dane w wsparcie.")
    )
    street = models.CharField(_("ulica i numer"), max_length=200, blank=True)
    postal_code = models.CharField(_("kod pocztowy"), max_length=6, blank=True)
    city = models.CharField(_("miejscowość"), max_length=100, blank=True)
    teryt = models.CharField(_("kod TERYT gminy"), max_length=7, blank=True)
    phones = models.JSONField(_("telefony"), default=list, blank=True)
    fax = models.CharField(_("faks"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("strona internetowa"), blank=True)
    office_hours = models.TextField(_("godziny pracy"), blank=True)
    description = models.TextField(_("opis"), blank=True)

    class Meta:
        verbose_name = _("organizacja")
        verbose_name_plural = _("organizacje")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def public_url(self) -> str | None:
        """The organisation's public page, when the public app provides one."""
        from django.urls import NoReverseMatch, reverse

        try:
            return reverse("public:organisation", kwargs={"slug": self.slug})
        except NoReverseMatch:
            return None

    @property
    def address(self) -> str:
        return ", ".join(part for part in [self.street, f"{self.postal_code} {self.city}".strip()] if part)


class Membership(TimeStampedModel):
    """One role of one user in one organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("użytkownik")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organizacja")
    )
    role = models.CharField(_("rola"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("rola w organizacji")
        verbose_name_plural = _("role w organizacjach")
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                name="membership_unique_role",
                violation_error_message=_("Ten użytkownik ma już tę rolę w tej organizacji."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.organisation})"


class AuditEntry(models.Model):
    """One recorded event: a create, change, delete or view of domain data.

    Append-only: the application offers no way to change or delete an entry, and a database
    trigger (migration ``0002``) refuses UPDATE and DELETE on this table.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("utworzenie")
        UPDATE = "update", _("zmiana")
        DELETE = "delete", _("usunięcie")
        VIEW = "view", _("wgląd")
        ACTION = "action", _("czynność")
        LOGIN_FAILED = "login_failed", _("nieudane logowanie")

    created_at = models.DateTimeField(_("kiedy"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kto"),
    )
    actor_name = models.CharField(_("kto (nazwa)"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organizacja"),
    )
    action = models.CharField(_("czynność"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("rodzaj obiektu"), max_length=100)
    object_id = models.CharField(_("identyfikator obiektu"), max_length=64, blank=True)
    object_repr = models.CharField(_("obiekt"), max_length=255, blank=True)
    changes = models.JSONField(_("zmiany"), default=dict, blank=True)
    note = models.TextField(_("uwagi"), blank=True)
    ip_address = models.GenericIPAddressField(_("adres IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("wpis dziennika zdarzeń")
        verbose_name_plural = _("dziennik zdarzeń")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "-created_at"], name="audit_org_time"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_type}#{self.object_id}"
