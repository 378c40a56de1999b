#!/usr/bin/env python3
"""Small helpers for bench/run.sh (standard library only).

  bench.py freeport [TAKEN...]      a free TCP port on 127.0.0.1, none of the ports TAKEN
  bench.py field FILE NAME          a top-level member of the JSON object in FILE
  bench.py report RAW ENV           the results table from the raw measurements and the environment lines
"""
import json
import socket
import statistics
import sys


def freeport(taken):
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if str(port) not in taken:
            print(port)
            return


def field(path, name):
    with open(path, encoding="utf-8") as f:
        value = json.load(f).get(name)
    print("" if value is None else value)


def read_raw(path):
    """Lines "key value" -> {key: [values]} (several values when a step was repeated)."""
    values = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 2:
                values.setdefault(parts[0], []).append(float(parts[1]))
    return values


def median(values, key):
    if key not in values:
        return None
    return statistics.median(values[key])


def seconds(value):
    return "-" if value is None else f"{value:8.1f} s"


def megabytes(value):
    return "-" if value is None else f"{value / 1e6:9.1f} MB"


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


BACKUPS = [
    ("backup.lifeboat", "size.lifeboat", "Lifeboat API backup (CUSTOM_ZSTD)"),
    ("backup.lifeboat_age", "size.lifeboat_age", "Lifeboat backup, age-encrypted, local + S3 copies"),
    ("backup.zstd", "size.zstd", "pg_dump -Fc -Z0 | zstd -3 -T2"),
    ("backup.gzip", "size.gzip", "pg_dump | gzip (plain, level 6)"),
    ("backup.custom", "size.custom", "pg_dump -Fc (default compression)"),
    ("backup.read", "size.read", "pg_dump -Fc -Z0 > /dev/null (reading only)"),
]
RESTORES = [
    ("restore.lifeboat", "Lifeboat API restore (verify, streamed pg_restore x 2, row check)"),
    ("restore.psql", "createdb + psql -f plain.sql (decompressed before, not timed)"),
    ("restore.pgrestore", "createdb + pg_restore -j2 of the pg_dump -Fc file"),
]


def report(raw_path, env_path):
    v = read_raw(raw_path)
    with open(env_path, encoding="utf-8") as f:
        env = [line.rstrip("\n") for line in f if line.strip()]
    out = ["Lifeboat benchmark", "=" * 78]
    out += env
    out.append("")
    out.append(f"{'BACKUPS (median wall time, output size)':<58}{'time':>10}{'size':>13}")
    for time_key, size_key, label in BACKUPS:
        out.append(f"  {label:<56}{seconds(median(v, time_key)):>10}{megabytes(median(v, size_key)):>13}")
    reading = ratio(median(v, "backup.lifeboat"), median(v, "backup.read"))
    if reading is not None:
        out.append(f"  Lifeboat backup / reading only: {reading:.2f} x (how close the backup is to the read limit)")
    gunzip = median(v, "prepare.gunzip")
    if gunzip is not None:
        out.append(f"  {'(gunzip of plain.sql.gz before the psql restore)':<56}{seconds(gunzip):>10}")
    out.append("")
    out.append("RESTORES (median wall time)")
    for key, label in RESTORES:
        out.append(f"  {label:<66}{seconds(median(v, key)):>10}")
    out.append("")
    out.append("LIFEBOAT MEMORY (VmRSS of the Payara Micro JVM, started with -Xmx512m)")
    rss_before = median(v, "rss.before_backup_kb")
    rss_peak = max(v.get("rss.peak_backup_kb", [0])) or None
    growth = max(v["rss.growth_backup_kb"]) if "rss.growth_backup_kb" in v else None
    restore_growth = max(v["rss.growth_restore_kb"]) if "rss.growth_restore_kb" in v else None
    kb = lambda x: "-" if x is None else f"{x / 1024:.0f} MB"
    out.append(f"  before the backup {kb(rss_before)}, peak during the backup {kb(rss_peak)}, "
               f"growth {kb(growth)} (largest of {len(v.get('rss.growth_backup_kb', []))} backups)")
    out.append(f"  growth during the restore {kb(restore_growth)} (not a target)")
    out.append("")

    lb, zstd, gz = median(v, "backup.lifeboat"), median(v, "backup.zstd"), median(v, "backup.gzip")
    lb_age = median(v, "backup.lifeboat_age")
    lb_size, gz_size = median(v, "size.lifeboat"), median(v, "size.gzip")
    lb_restore, pgr = median(v, "restore.lifeboat"), median(v, "restore.pgrestore")
    targets = [
        ("backup wall <= 1.15 x zstd pipeline", ratio(lb, zstd), "x", lambda r: r <= 1.15),
        ("backup >= 4 x faster than pg_dump | gzip", ratio(gz, lb), "x faster", lambda r: r >= 4.0),
        ("backup size <= 0.95 x gzip output", ratio(lb_size, gz_size), "x", lambda r: r <= 0.95),
        ("encrypted + S3 backup <= 1.10 x Lifeboat backup", ratio(lb_age, lb), "x", lambda r: r <= 1.10),
        ("RSS growth during backup < 200 MB", None if growth is None else growth / 1024, "MB", lambda r: r < 200),
        ("restore <= 1.2 x pg_restore -j2", ratio(lb_restore, pgr), "x", lambda r: r <= 1.2),
    ]
    out.append("TARGETS")
    failed = 0
    for label, value, unit, ok in targets:
        if value is None:
            verdict, shown = "N/A", "-"
        else:
            verdict = "PASS" if ok(value) else "FAIL"
            shown = f"{value:.0f} {unit}" if unit == "MB" else f"{value:.2f} {unit}"
        failed += verdict != "PASS"
        out.append(f"  {label:<50}{shown:>18}   {verdict}")
    out.append("")
    out.append("All targets met." if failed == 0 else f"{failed} of {len(targets)} targets not met.")
    out.append("")
    out.append("Raw measurements (every repetition, in run order):")
    with open(raw_path, encoding="utf-8") as f:
        out += ["  " + line.rstrip("\n") for line in f if line.strip()]
    print("\n".join(out))


def main(args):
    if args[:1] == ["freeport"]:
        freeport(args[1:])
    elif args[:1] == ["field"] and len(args) == 3:
        field(args[1], args[2])
    elif args[:1] == ["report"] and len(args) == 3:
        report(args[1], args[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
