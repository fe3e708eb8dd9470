"""Reference funding sources: who pays for the programmes on the seed pages.

Plain data, used by the data migration ``0003`` and by :func:`services.funding_sources_ensure`
(tests that flush the database and the demo loader call it, so the rows are always there).
"""

FUNDING_SOURCES: list[dict] = [
    {"code": "fundusz-solidarnosciowy", "name": "Fundusz Solidarnościowy", "is_eu": False},
    {
        "code": "sfwon",
        "name": "Solidarnościowy Fundusz Wsparcia Osób Niepełnosprawnych",
        "is_eu": False,
    },
    {"code": "budzet-panstwa", "name": "budżet państwa – dotacja celowa", "is_eu": False},
    {"code": "efs", "name": "Europejski Fundusz Społeczny", "is_eu": True},
    {"code": "budzet-wojewodztwa-mazowieckiego", "name": "budżet Województwa Mazowieckiego", "is_eu": False},
    {"code": "fundusz-covid-19", "name": "Fundusz Przeciwdziałania COVID-19", "is_eu": False},
    {"code": "pfron", "name": "Państwowy Fundusz Rehabilitacji Osób Niepełnosprawnych (PFRON)", "is_eu": False},
    {"code": "srodki-wlasne-gminy", "name": "środki własne gminy", "is_eu": False},
    {"code": "srodki-wlasne-powiatu", "name": "środki własne powiatu", "is_eu": False},
]
