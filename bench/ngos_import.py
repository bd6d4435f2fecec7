"""Time importing the same 5,000-row registry file twice (issue 3: each run under 10 s).

Usage: .venv/bin/python bench/ngos_import.py [rows]
Builds a throwaway SQLite database under /tmp, writes a CSV with fields of activity, target groups
and districts, imports it twice through ngos.importing and prints the timings and the final count.
"""

import csv
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HUB_VAR_DIR", tempfile.mkdtemp(prefix="hub-ngos-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings.test"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from ngos.importing import import_organisations, read_dataset, summarise  # noqa: E402
from ngos.models import Organisation  # noqa: E402
from ngos.reference_data import FIELDS_OF_ACTIVITY, TARGET_GROUPS  # noqa: E402
from ngos.validators import bin_check_digit  # noqa: E402

DISTRICTS = ["alatau", "almaly", "auezov", "bostandyk", "zhetysu", "medeu", "nauryzbay", "turksib"]
FORMS = ["public_foundation", "public_association", "association_of_legal_entities", "institution"]


def bins(count):
    number = 10_000_000_000
    while count:
        number += 1
        digit = bin_check_digit(str(number))
        if digit is not None:
            count -= 1
            yield f"{number}{digit}"


def build_csv(rows):
    rng = random.Random(42)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["bin", "name_kk", "name_ru", "name_en", "short_name", "legal_form", "fields",
                     "target_groups", "districts", "city_wide", "phone", "email", "description"])  # fmt: skip
    for index, bin_ in enumerate(bins(rows)):
        writer.writerow([
            bin_, f"«Өркен {index}» қоғамдық қоры", f"Общественный фонд «Оркен {index}»", f"Orken {index} Foundation",
            f"Оркен {index}", rng.choice(FORMS),
            ";".join(rng.sample([f[0] for f in FIELDS_OF_ACTIVITY], 2)),
            ";".join(rng.sample([t[0] for t in TARGET_GROUPS], 2)),
            ";".join(rng.sample(DISTRICTS, 2)), "0", "+7 727 000 00 00", f"ngo{index}@example.kz",
            "Помогаем жителям Алматы: экология, молодёжь, социальная защита.",
        ])  # fmt: skip
    return buffer.getvalue().encode("utf-8")


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    call_command("migrate", verbosity=0)
    content = build_csv(rows)
    print(f"rows={rows} file={len(content) / 1024:.0f} KiB database={os.environ['HUB_VAR_DIR']}")
    # Runs 1 and 2 import the same file (new, then unchanged); run 3 changes every description (updates).
    changed = content.replace("Помогаем жителям".encode(), "Поддерживаем жителей".encode())
    for run, data in ((1, content), (2, content), (3, changed)):
        started = time.perf_counter()
        dataset = read_dataset("bench.csv", data)
        preview = import_organisations(dataset, dry_run=True)
        previewed = time.perf_counter()
        result = import_organisations(dataset, dry_run=False)
        finished = time.perf_counter()
        counts, problems, _rows = summarise(result, dataset)
        print(
            f"run {run}: preview {previewed - started:.2f}s, import {finished - previewed:.2f}s "
            f"({rows / (finished - previewed):.0f} rows/s); new={counts['new']} updated={counts['update']} "
            f"unchanged={counts['skip']} invalid={counts['invalid']} problems={len(problems)} "
            f"organisations={Organisation.objects.count()}"
        )
        assert not preview.has_validation_errors()


if __name__ == "__main__":
    main()
