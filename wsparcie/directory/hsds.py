"""The register in Open Referral HSDS 3.0 shape: serializers for the public API and the open-data
JSON, and the flat rows of the open-data CSV.

HSDS objects keep their standard names (``organization``, ``service_at_locations``,
``cost_options``, ``required_documents``, ``service_areas``, ``capacities``...). Extensions the
standard lacks are plainly named (``eligibility``, ``free_of_charge``, ``teryt``,
``register_url``, ``apply_url``). Ids are the rows' UUIDs; objects the register keeps as columns
(a cost option, a capacity, an address) get a stable UUID derived from their owner's id.
"""

from __future__ import annotations

import uuid

from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers

from wsparcie.directory import selectors
from wsparcie.directory.choices import AccessibilityFeature, Audience, Need
from wsparcie.directory.models import (
    Contact,
    DirectoryOrganisation,
    Location,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)

HSDS_VERSION = "3.0"
NAMESPACE = uuid.UUID("6b1f3c56-3f0e-4b8e-9a43-9a1c6f2b7d10")
TAXONOMY_NEEDS = "wsparcie-potrzeby"
TAXONOMY_AUDIENCES = "wsparcie-adresaci"


def derived_id(owner_id, kind: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{owner_id}:{kind}"))


def programme_id(programme) -> str:
    return derived_id(f"programme-{programme.pk}", "program")


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class HSDSPhoneSerializer(serializers.ModelSerializer):
    id = serializers.CharField(read_only=True)
    languages = serializers.SerializerMethodField()

    class Meta:
        model = Phone
        fields = ["id", "service_id", "contact_id", "location_id", "number", "type", "description", "languages"]

    def get_languages(self, obj) -> list[dict]:
        return [{"name": "polski", "code": "pl"}]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        for key in ("service_id", "contact_id", "location_id"):
            data[key] = str(data[key]) if data[key] else None
        data["organization_id"] = str(instance.provider_id) if instance.provider_id else None
        return data


class HSDSOrganizationSerializer(serializers.ModelSerializer):
    id = serializers.CharField(read_only=True)
    phones = HSDSPhoneSerializer(many=True, read_only=True)
    website = serializers.CharField(read_only=True)

    class Meta:
        model = DirectoryOrganisation
        fields = ["id", "name", "alternate_name", "description", "email", "website", "phones"]


class HSDSAddressSerializer(serializers.Serializer):
    """The location's one physical address."""

    def to_representation(self, location: Location) -> dict:
        return {
            "id": derived_id(location.pk, "address"),
            "location_id": str(location.pk),
            "attention": location.name,
            "address_1": location.street,
            "address_2": location.room,
            "city": location.city,
            "region": "",
            "state_province": "",
            "postal_code": location.postal_code,
            "country": "PL",
            "address_type": "physical",
        }


class HSDSLocationSerializer(serializers.ModelSerializer):
    id = serializers.CharField(read_only=True)
    location_type = serializers.SerializerMethodField()
    organization_id = serializers.SerializerMethodField()
    external_identifier = serializers.CharField(source="teryt", read_only=True)
    external_identifier_type = serializers.SerializerMethodField()
    latitude = serializers.FloatField(read_only=True, allow_null=True)
    longitude = serializers.FloatField(read_only=True, allow_null=True)
    addresses = serializers.SerializerMethodField()
    accessibility = serializers.SerializerMethodField()
    phones = HSDSPhoneSerializer(many=True, read_only=True)

    class Meta:
        model = Location
        fields = [
            "id",
            "location_type",
            "organization_id",
            "name",
            "description",
            "transportation",
            "latitude",
            "longitude",
            "external_identifier",
            "external_identifier_type",
            "teryt",
            "addresses",
            "accessibility",
            "phones",
        ]

    def get_location_type(self, obj) -> str:
        return "physical"

    def get_organization_id(self, obj) -> str | None:
        return str(obj.provider_id) if obj.provider_id else None

    def get_external_identifier_type(self, obj) -> str:
        return "TERYT TERC" if obj.teryt else ""

    def get_addresses(self, obj) -> list[dict]:
        return [HSDSAddressSerializer().to_representation(obj)]

    def get_accessibility(self, obj) -> list[dict]:
        rows = [
            {
                "id": derived_id(obj.pk, f"accessibility:{code}"),
                "location_id": str(obj.pk),
                "description": AccessibilityFeature(code).label,
                "details": code,
                "url": None,
            }
            for code in obj.accessibility
        ]
        if obj.accessibility_description:
            rows.append(
                {
                    "id": derived_id(obj.pk, "accessibility:description"),
                    "location_id": str(obj.pk),
                    "description": obj.accessibility_description,
                    "details": "",
                    "url": None,
                }
            )
        return rows


class HSDSServiceAtLocationSerializer(serializers.ModelSerializer):
    id = serializers.CharField(read_only=True)
    service_id = serializers.CharField(read_only=True)
    location_id = serializers.CharField(read_only=True)
    location = HSDSLocationSerializer(read_only=True)

    class Meta:
        model = ServiceAtLocation
        fields = ["id", "service_id", "location_id", "description", "location"]


class HSDSScheduleSerializer(serializers.ModelSerializer):
    id = serializers.CharField(read_only=True)
    service_id = serializers.CharField(read_only=True)
    location_id = serializers.SerializerMethodField()
    freq = serializers.SerializerMethodField()
    byday = serializers.SerializerMethodField()
    opens_at = serializers.TimeField(format="%H:%M", read_only=True, allow_null=True)
    closes_at = serializers.TimeField(format="%H:%M", read_only=True, allow_null=True)
    timezone = serializers.SerializerMethodField()

    class Meta:
        model = Schedule
        fields = [
            "id",
            "service_id",
            "location_id",
            "valid_from",
            "valid_to",
            "freq",
            "byday",
            "opens_at",
            "closes_at",
            "timezone",
            "description",
        ]

    def get_location_id(self, obj) -> str | None:
        return str(obj.location_id) if obj.location_id else None

    def get_freq(self, obj) -> str | None:
        return "WEEKLY" if obj.byday else None

    def get_byday(self, obj) -> str:
        return ",".join(obj.byday)

    def get_timezone(self, obj) -> str:
        return "Europe/Warsaw"


class HSDSServiceAreaSerializer(serializers.ModelSerializer):
    id = serializers.CharField(read_only=True)
    service_id = serializers.CharField(read_only=True)
    name = serializers.SerializerMethodField()
    extent = serializers.SerializerMethodField()
    extent_type = serializers.SerializerMethodField()
    uri = serializers.SerializerMethodField()

    class Meta:
        model = ServiceArea
        fields = ["id", "service_id", "name", "description", "extent", "extent_type", "uri", "municipality", "teryt"]

    def get_name(self, obj) -> str:
        return str(obj)

    def get_extent(self, obj) -> str | None:
        return None

    def get_extent_type(self, obj) -> str | None:
        return None

    def get_uri(self, obj) -> str:
        return f"urn:teryt:terc:{obj.teryt}"


class HSDSRequiredDocumentSerializer(serializers.ModelSerializer):
    id = serializers.CharField(read_only=True)
    service_id = serializers.CharField(read_only=True)

    class Meta:
        model = RequiredDocument
        fields = ["id", "service_id", "document", "uri"]


class HSDSContactSerializer(serializers.ModelSerializer):
    id = serializers.CharField(read_only=True)
    service_id = serializers.CharField(read_only=True)
    phones = HSDSPhoneSerializer(many=True, read_only=True)

    class Meta:
        model = Contact
        fields = ["id", "service_id", "name", "title", "department", "email", "phones"]


class HSDSProgramSerializer(serializers.Serializer):
    def to_representation(self, programme) -> dict:
        request = self.context.get("request")
        return {
            "id": programme_id(programme),
            "programme_id": programme.pk,
            "organization_id": None,
            "name": str(programme),
            "alternate_name": programme.slug,
            "description": programme.goal or programme.description,
            "period": programme.period_label,
            "recruitment_open": bool(programme.recruitment_open),
            "apply_url": _absolute(request, reverse("directory:apply", args=[programme.pk]))
            if programme.recruitment_open and programme.is_public
            else None,
        }


class HSDSServiceSerializer(serializers.ModelSerializer):
    """One service, HSDS 3.0 with its related objects nested."""

    id = serializers.CharField(read_only=True)
    organization_id = serializers.CharField(source="provider_id", read_only=True)
    organization = HSDSOrganizationSerializer(source="provider", read_only=True)
    partners = HSDSOrganizationSerializer(many=True, read_only=True)
    program_id = serializers.SerializerMethodField()
    program = serializers.SerializerMethodField()
    fees_description = serializers.SerializerMethodField()
    minimum_age = serializers.IntegerField(source="age_min", read_only=True, allow_null=True)
    maximum_age = serializers.IntegerField(source="age_max", read_only=True, allow_null=True)
    assured_date = serializers.DateField(source="last_checked", read_only=True, allow_null=True)
    last_modified = serializers.DateTimeField(source="updated_at", read_only=True)
    free_of_charge = serializers.BooleanField(source="is_free", read_only=True)
    eligibility = serializers.SerializerMethodField()
    cost_options = serializers.SerializerMethodField()
    service_at_locations = HSDSServiceAtLocationSerializer(source="at_locations", many=True, read_only=True)
    schedules = HSDSScheduleSerializer(many=True, read_only=True)
    service_areas = HSDSServiceAreaSerializer(source="areas", many=True, read_only=True)
    required_documents = HSDSRequiredDocumentSerializer(source="documents", many=True, read_only=True)
    contacts = HSDSContactSerializer(many=True, read_only=True)
    phones = HSDSPhoneSerializer(many=True, read_only=True)
    capacities = serializers.SerializerMethodField()
    attributes = serializers.SerializerMethodField()
    languages = serializers.SerializerMethodField()
    register_url = serializers.SerializerMethodField()
    apply_url = serializers.SerializerMethodField()
    maintained_by = serializers.SlugRelatedField(source="organisation", slug_field="slug", read_only=True)

    class Meta:
        model = Service
        fields = [
            "id",
            "organization_id",
            "program_id",
            "name",
            "alternate_name",
            "description",
            "url",
            "email",
            "status",
            "application_process",
            "fees_description",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "last_modified",
            "free_of_charge",
            "eligibility",
            "organization",
            "partners",
            "program",
            "service_at_locations",
            "schedules",
            "service_areas",
            "cost_options",
            "required_documents",
            "contacts",
            "phones",
            "capacities",
            "attributes",
            "languages",
            "register_url",
            "apply_url",
            "maintained_by",
        ]

    def get_program_id(self, obj) -> str | None:
        return programme_id(obj.programme) if obj.programme_id else None

    def get_program(self, obj) -> dict | None:
        if not obj.programme_id:
            return None
        return HSDSProgramSerializer(context=self.context).to_representation(obj.programme)

    def get_fees_description(self, obj) -> str:
        if obj.is_free:
            return obj.fee_description or "Bezpłatna."
        return obj.fee_description

    def get_eligibility(self, obj) -> dict:
        return {
            "description": obj.eligibility_description,
            "minimum_age": obj.age_min,
            "maximum_age": obj.age_max,
            "requires_disability_certificate": obj.requires_disability_certificate,
            "for_caregivers": obj.for_caregivers,
            "for_families": obj.for_families,
            "income_criterion_percent": obj.income_criterion_percent,
            "audiences": [{"code": code, "name": Audience(code).label} for code in obj.audiences],
        }

    def get_cost_options(self, obj) -> list[dict]:
        option = {
            "id": derived_id(obj.pk, "cost"),
            "service_id": str(obj.pk),
            "valid_from": None,
            "valid_to": None,
            "option": "bezpłatna" if obj.is_free else "odpłatna",
            "currency": "PLN",
            "amount": "0.00" if obj.is_free else (f"{obj.fee_amount:.2f}" if obj.fee_amount is not None else None),
            "amount_description": obj.fee_description,
        }
        return [option]

    def get_capacities(self, obj) -> list[dict]:
        maximum = getattr(obj, "capacity_total", None)
        if maximum is None:
            return []
        return [
            {
                "id": derived_id(obj.pk, "capacity"),
                "service_id": str(obj.pk),
                "maximum": maximum,
                "available": selectors.free_places(obj),
                "description": "Wolne miejsca wynikają z rekrutacji do programu (zakwalifikowani i uczestnicy)."
                if obj.programme_id
                else "Liczba miejsc.",
                "updated": timezone.now().isoformat(),
                "unit": {"id": derived_id("unit", "place"), "name": "miejsce", "scheme": "", "identifier": "place"},
            }
        ]

    def get_attributes(self, obj) -> list[dict]:
        rows = []
        for taxonomy, codes, labels in (
            (TAXONOMY_NEEDS, obj.needs, Need),
            (TAXONOMY_AUDIENCES, obj.audiences, Audience),
        ):
            for code in codes:
                rows.append(
                    {
                        "id": derived_id(obj.pk, f"{taxonomy}:{code}"),
                        "link_id": str(obj.pk),
                        "link_type": "service",
                        "link_entity": "service",
                        "taxonomy_term": {
                            "id": derived_id(taxonomy, code),
                            "code": code,
                            "name": labels(code).label,
                            "taxonomy": taxonomy,
                        },
                    }
                )
        return rows

    def get_languages(self, obj) -> list[dict]:
        return [{"name": "polski", "code": "pl"}]

    def get_register_url(self, obj) -> str:
        return _absolute(self.context.get("request"), reverse("directory:service", args=[obj.pk]))

    def get_apply_url(self, obj) -> str | None:
        programme = obj.programme
        if programme is None or not programme.recruitment_open or not programme.is_public:
            return None
        return _absolute(self.context.get("request"), reverse("directory:apply", args=[programme.pk]))


def open_data_document(services, request=None) -> dict:
    """The whole register: services (nested as in the API) plus the organisations and locations."""
    data = HSDSServiceSerializer(services, many=True, context={"request": request}).data
    organizations: dict[str, dict] = {}
    locations: dict[str, dict] = {}
    for service in data:
        organizations.setdefault(service["organization"]["id"], service["organization"])
        for partner in service["partners"]:
            organizations.setdefault(partner["id"], partner)
        for sal in service["service_at_locations"]:
            locations.setdefault(sal["location"]["id"], sal["location"])
    return {
        "hsds_version": HSDS_VERSION,
        "name": "Rejestr dostępnych usług społecznych",
        "generated_at": timezone.now().isoformat(),
        "licence": "CC0-1.0",
        "count": len(data),
        "organizations": list(organizations.values()),
        "locations": list(locations.values()),
        "services": data,
    }


CSV_COLUMNS = [
    "id",
    "name",
    "status",
    "organization_id",
    "organization_name",
    "partners",
    "program_name",
    "description",
    "needs",
    "audiences",
    "minimum_age",
    "maximum_age",
    "requires_disability_certificate",
    "for_caregivers",
    "for_families",
    "income_criterion_percent",
    "eligibility_description",
    "application_process",
    "required_documents",
    "free_of_charge",
    "fee_amount",
    "fees_description",
    "addresses",
    "teryt",
    "accessibility",
    "schedules",
    "service_areas",
    "service_area_teryt",
    "phones",
    "email",
    "url",
    "capacity",
    "free_places",
    "assured_date",
    "register_url",
]


def csv_safe(value) -> str:
    """Text for a CSV cell; a leading ``= + - @`` is escaped so spreadsheets do not run it."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def csv_rows(services, request=None):
    yield CSV_COLUMNS
    for s in services:
        locations = [sal.location for sal in s.at_locations.all()]
        phones = [str(p) for p in s.phones.all()] + [str(p) for c in s.contacts.all() for p in c.phones.all()]
        capacity = getattr(s, "capacity_total", None)
        free = selectors.free_places(s)
        row = {
            "id": s.pk,
            "name": s.name,
            "status": s.status,
            "organization_id": s.provider_id,
            "organization_name": s.provider.name,
            "partners": " | ".join(p.name for p in s.partners.all()),
            "program_name": str(s.programme) if s.programme_id else "",
            "description": s.description,
            "needs": " | ".join(str(Need(code).label) for code in s.needs),
            "audiences": " | ".join(str(Audience(code).label) for code in s.audiences),
            "minimum_age": s.age_min,
            "maximum_age": s.age_max,
            "requires_disability_certificate": "tak" if s.requires_disability_certificate else "nie",
            "for_caregivers": "tak" if s.for_caregivers else "nie",
            "for_families": "tak" if s.for_families else "nie",
            "income_criterion_percent": s.income_criterion_percent,
            "eligibility_description": s.eligibility_description,
            "application_process": s.application_process,
            "required_documents": " | ".join(d.document for d in s.documents.all()),
            "free_of_charge": "tak" if s.is_free else "nie",
            "fee_amount": f"{s.fee_amount:.2f}" if s.fee_amount is not None else "",
            "fees_description": s.fee_description,
            "addresses": " | ".join(loc.address for loc in locations),
            "teryt": " | ".join(sorted({loc.teryt for loc in locations if loc.teryt})),
            "accessibility": " | ".join(
                "; ".join(
                    [*(str(AccessibilityFeature(c).label) for c in loc.accessibility), loc.accessibility_description]
                ).strip("; ")
                for loc in locations
            ),
            "schedules": " | ".join(sch.display for sch in s.schedules.all()),
            "service_areas": " | ".join(str(a) for a in s.areas.all()),
            "service_area_teryt": " | ".join(sorted({a.teryt for a in s.areas.all()})),
            "phones": " | ".join(phones),
            "email": s.email,
            "url": s.url,
            "capacity": capacity if capacity is not None else "",
            "free_places": free if free is not None else "",
            "assured_date": s.last_checked.isoformat() if s.last_checked else "",
            "register_url": _absolute(request, reverse("directory:service", args=[s.pk])),
        }
        yield [csv_safe(row[column]) for column in CSV_COLUMNS]
