"""Open data: the verified registry as CSV, XLSX and JSON, safe to open in a spreadsheet."""

import json

from django.utils import timezone

from hub.downloads import download
from hub.links import absolute_url
from hub.spreadsheets import CSV_TYPE, XLSX_TYPE, csv_bytes, xlsx_bytes

FORMATS = {
    "csv": CSV_TYPE,
    "xlsx": XLSX_TYPE,
    "json": "application/json; charset=utf-8",
}
# What the staff export offers besides UTF-8: the name people know, and Python's codec.
CSV_ENCODINGS = {"utf-8": "utf-8", "windows-1251": "cp1251"}
COLUMNS = [
    "bin",
    "name_kk",
    "name_ru",
    "name_en",
    "short_name",
    "legal_form",
    "registration_date",
    "fields",
    "target_groups",
    "districts",
    "city_wide",
    "address",
    "phone",
    "email",
    "website",
    "description_kk",
    "description_ru",
    "description_en",
    "original_language",
    "founding_year",
    "staff_count",
    "volunteer_count",
    "url",
]


def rows(queryset):

    queryset = queryset.prefetch_related("fields", "target_groups", "districts")
    for org in queryset.iterator(chunk_size=1000):
        yield {
            "bin": org.bin,
            "name_kk": org.name_kk,
            "name_ru": org.name_ru,
            "name_en": org.name_en,
            "short_name": org.short_name,
            "legal_form": org.legal_form,
            "registration_date": org.registration_date.isoformat() if org.registration_date else "",
            "fields": ";".join(sorted(item.slug for item in org.fields.all())),
            "target_groups": ";".join(sorted(item.slug for item in org.target_groups.all())),
            "districts": ";".join(sorted(item.slug for item in org.districts.all())),
            "city_wide": org.city_wide,
            "address": org.address,
            "phone": org.phone,
            "email": org.email,
            "website": org.website,
            "description_kk": org.description_kk,
            "description_ru": org.description_ru,
            "description_en": org.description_en,
            "original_language": org.original_language,
            "founding_year": org.founding_year,
            "staff_count": org.staff_count,
            "volunteer_count": org.volunteer_count,
            "url": absolute_url(org.get_absolute_url()),
        }


def table(queryset):
    yield COLUMNS
    for row in rows(queryset):
        yield [row[column] for column in COLUMNS]


def as_csv(queryset, encoding="utf-8"):
    return csv_bytes(table(queryset), encoding)


def as_xlsx(queryset):
    return xlsx_bytes(table(queryset), "organisations")


def as_json(queryset):
    return json.dumps({"organisations": list(rows(queryset))}, ensure_ascii=False, indent=1).encode("utf-8")


def open_data_response(queryset, fmt, encoding="utf-8"):
    """The registry as a download; a CSV in an encoding other than UTF-8 raises ``CellNotEncodable``
    when a cell holds a letter that encoding lacks (Windows-1251 has no ә ғ қ ң ө ұ ү һ)."""
    if fmt == "csv" and encoding != "utf-8":
        content_type, content = f"text/csv; charset={encoding}", as_csv(queryset, CSV_ENCODINGS[encoding])
    else:
        content_type, content = FORMATS[fmt], {"csv": as_csv, "xlsx": as_xlsx, "json": as_json}[fmt](queryset)
    return download(content, content_type, f"almaty-ngos-{timezone.localdate():%Y-%m-%d}.{fmt}")
