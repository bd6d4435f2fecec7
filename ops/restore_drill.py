"""Restore drill: back up the database and the files, restore both elsewhere, and compare.

Usage (PostgreSQL; the same environment as the site):
    .venv/bin/python ops/restore_drill.py [--keep] [--backup-dir DIR]

1. takes a snapshot of the live site: rows per table, the Adaldyq alany audit chain, and the
   SHA-256 of a sample of media and private files (up to 200);
2. backs up: ``pg_dump -Fc`` of the database and a tar of MEDIA_ROOT and the private roots
   (this is the backup the README describes; copy DIR off the machine);
3. wipes the drill target (database ``<name>_restore_drill`` and folder ``DIR/restored``), never the live site;
4. restores the dump into it with ``pg_restore`` and unpacks the files;
5. takes the same snapshot of the restored copy and prints every difference; exits 1 if there is one.
"""

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.dev")
FILE_SAMPLE = 200


def file_roots():
    from django.conf import settings

    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.ANTICORRUPTION_PRIVATE_ROOT)}


def snapshot():
    """Rows per table, the audit chain, and hashes of a fixed sample of files."""
    import django

    django.setup()
    from django.db import connection

    from anticorruption.audit import verify_chain

    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        rows = {}
        for table in tables:
            # Table names come from the database's own catalogue, quoted by Django.
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows[table] = cursor.fetchone()[0]
    checked, broken = verify_chain()
    files = {}
    for label, root in file_roots().items():
        paths = sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []
        for path in random.Random(16).sample(paths, min(FILE_SAMPLE, len(paths))):
            files[f"{label}/{path.relative_to(root)}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return {"rows": rows, "audit": {"checked": checked, "broken": broken}, "files": files}


def drill_url(url):
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_restore_drill"
    return urlunsplit(parts._replace(path="/" + name)), name


def run(*command, **kwargs):
    print("$", " ".join(str(c) for c in command), flush=True)
    subprocess.run([str(c) for c in command], check=True, **kwargs)


def back_up(url, folder):
    run("pg_dump", "-Fc", "--no-owner", "-f", folder / "db.dump", url)
    with tarfile.open(folder / "files.tar.gz", "w:gz") as archive:
        for label, root in file_roots().items():
            if root.exists():
                archive.add(root, arcname=label)


def restore(url, folder):
    target_url, name = drill_url(url)
    admin_url = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    run("psql", admin_url, "-q", "-c", f'DROP DATABASE IF EXISTS "{name}"', "-c", f'CREATE DATABASE "{name}"')
    run("pg_restore", "--no-owner", "-d", target_url, folder / "db.dump")
    restored = folder / "restored"
    subprocess.run(["rm", "-rf", str(restored)], check=True)
    restored.mkdir()
    with tarfile.open(folder / "files.tar.gz") as archive:
        archive.extractall(restored, filter="data")
    return target_url, name, restored


def compare(before, after):
    problems = []
    for table in sorted(set(before["rows"]) | set(after["rows"])):
        if before["rows"].get(table) != after["rows"].get(table):
            problems.append(f"rows of {table}: {before['rows'].get(table)} -> {after['rows'].get(table)}")
    if before["audit"] != after["audit"] or after["audit"]["broken"] is not None:
        problems.append(f"audit chain: {before['audit']} -> {after['audit']}")
    for name, digest in before["files"].items():
        if after["files"].get(name) != digest:
            problems.append(f"file {name}: {'missing' if name not in after['files'] else 'changed'}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backup-dir", type=Path, default=None)
    parser.add_argument("--keep", action="store_true", help="Keep the restored database and files.")
    parser.add_argument("--snapshot", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.snapshot:
        print(json.dumps(snapshot()))
        return 0
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("The drill needs DATABASE_URL=postgres://... (pg_dump and pg_restore).")
    folder = options.backup_dir or Path(tempfile.mkdtemp(prefix="hub-restore-drill-"))
    folder.mkdir(parents=True, exist_ok=True)
    before = snapshot()
    back_up(url, folder)
    target_url, name, restored = restore(url, folder)
    env = {**os.environ, "DATABASE_URL": target_url, "MEDIA_ROOT": str(restored / "media"),
           "ANTICORRUPTION_PRIVATE_ROOT": str(restored / "private")}  # fmt: skip
    output = subprocess.run([sys.executable, __file__, "--snapshot"], env=env, check=True, capture_output=True)
    after = json.loads(output.stdout.decode().strip().splitlines()[-1])
    problems = compare(before, after)
    print(f"tables: {len(before['rows'])}, rows: {sum(before['rows'].values())}, "
          f"audit entries: {before['audit']['checked']}, files compared: {len(before['files'])}")  # fmt: skip
    if not options.keep:
        admin_url = urlunsplit(urlsplit(url)._replace(path="/postgres"))
        run("psql", admin_url, "-q", "-c", f'DROP DATABASE IF EXISTS "{name}"')
    print("\n".join(problems) if problems else f"Restore drill passed; backup in {folder}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
