"""Load run: gunicorn on 127.0.0.1 with the scale database, a mixed workload with locust.

1. collects static files into a temporary folder (WhiteNoise serves them, DEBUG off);
2. starts gunicorn (``--workers``, default 2 × CPUs) on a free port of 127.0.0.1 with the
   production settings (``DJANGO_DEBUG=0``, a throwaway ``DJANGO_SECRET_KEY``,
   ``DJANGO_ALLOWED_HOSTS=127.0.0.1``, ``DJANGO_SECURE_SSL_REDIRECT=0``) and the scale database;
3. runs ``bench/locustfile.py`` headless with ``--users`` users (60 % curators, 30 % mentors,
   10 % the municipal officer), each logging in once, and measures the pages requested during
   ``--duration`` seconds after the last user has logged in (the ramp-up is not counted);
4. prints requests/s, p50/p95/p99 and errors per page and in total, and stops gunicorn
   whatever happens.

Needs locust (``.venv/bin/pip install -e '.[bench]'`` or ``pip install locust``) and the
database made by ``scale_data.py``.

    .venv/bin/python bench/load_run.py [--users 40] [--duration 60] [--think 1,3] [--workers 4]
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import scaleenv  # noqa: F401  (points Django at the scale database)
from benchenv import ROOT, WORKDIR, machine
from django.db import connection

from mentoring.models import Membership, Municipality, Programme, Role, School
from registry.models import Mentee, Pair

BIN = Path(sys.executable).parent


def targets() -> dict:
    municipality = Municipality.objects.get(name=scaleenv.MUNICIPALITY)
    curators = []
    for membership in Membership.objects.filter(role=Role.CURATOR).select_related("user"):
        programme = Programme.objects.get(school_id=membership.school_id)
        mentees = Mentee.objects.filter(programme=programme).count()
        curators.append(
            {
                "username": membership.user.username,
                "school": membership.school_id,
                "programme": programme.pk,
                "pairs": list(
                    Pair.objects.filter(programme=programme).values_list("pk", flat=True)
                ),
                "mentee_pages": max(1, (mentees + 49) // 50),
            }
        )
    mentors = []
    for membership in Membership.objects.filter(role=Role.MENTOR).select_related("user"):
        pairs = Pair.objects.filter(mentor__participant__user=membership.user)
        pair_ids = list(pairs.values_list("pk", flat=True))
        mentors.append({"username": membership.user.username, "pairs": pair_ids})
    mentors = [m for m in mentors if m["pairs"]]
    officer = Membership.objects.get(role=Role.MUNICIPAL_OFFICER, municipality=municipality)
    schools = School.objects.filter(municipality=municipality).order_by("pk")
    return {
        "password": scaleenv.PASSWORD,
        "curators": sorted(curators, key=lambda c: int(c["username"][7:])),
        "mentors": mentors,
        "officer": {
            "username": officer.user.username,
            "municipality": municipality.pk,
            "schools": [school.pk for school in schools],
        },
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer in time")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


LOGIN = ("вход (форма)", "вход (отправка)")


def report(samples: list, ready_at: float) -> dict:
    """Table of the pages requested after every user logged in (and of the log-ins); totals back."""
    logins = [s for s in samples if s[1] in LOGIN]
    pages = [s for s in samples if s[1] not in LOGIN and s[0] - s[2] / 1000 >= ready_at]
    samples = logins + pages
    window = max(s[0] for s in pages) - ready_at if pages else 0
    names = sorted({s[1] for s in samples}, key=lambda n: (n in LOGIN, n))
    print("| запрос | запросов | ошибок | запросов/с | p50, мс | p95, мс | p99, мс | макс., мс |")
    print("|---|---|---|---|---|---|---|---|")
    totals = {}
    for name in [*names, "страницы, всего"]:
        rows = pages if name == "страницы, всего" else [s for s in samples if s[1] == name]
        times = [s[2] for s in rows]
        line = {
            "n": len(rows),
            "errors": sum(not s[3] for s in rows),
            "rps": len(rows) / window if window and name not in LOGIN else 0,
            "p50": percentile(times, 0.50),
            "p95": percentile(times, 0.95),
            "p99": percentile(times, 0.99),
            "max": max(times),
        }
        rps = f"{line['rps']:.1f}" if name not in LOGIN else "—"
        label = f"**{name}**" if name == "страницы, всего" else name
        print(
            f"| {label} | {line['n']} | {line['errors']} | {rps} | {line['p50']:.0f} | "
            f"{line['p95']:.0f} | {line['p99']:.0f} | {line['max']:.0f} |"
        )
        totals = line
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument(
        "--duration", type=int, default=60, help="seconds measured after every user logged in"
    )
    parser.add_argument("--think", default="1,3", help="think time between pages, s: min,max")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    args = parser.parse_args()
    if not (BIN / "locust").exists():
        raise SystemExit("locust is not installed: .venv/bin/pip install locust")

    load_before = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="load-", dir=WORKDIR))
    (work / "targets.json").write_text(json.dumps(targets()), encoding="utf-8")
    database = connection.settings_dict["NAME"]
    connection.close()
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "load-run-" + os.urandom(24).hex(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_HSTS_SECONDS": "0",
        "DJANGO_STATIC_ROOT": str(work / "static"),
        "DJANGO_MEDIA_ROOT": str(work / "media"),
        "DATABASE_URL": scaleenv.DATABASE_URL,
        "BENCH_TARGETS": str(work / "targets.json"),
        "BENCH_USERS": str(args.users),
        "BENCH_THINK": args.think,
        "BENCH_SAMPLES": str(work / "samples.json"),
        "BENCH_MEASURE": str(args.duration),
    }
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    print(f"collectstatic {time.perf_counter() - started:.1f} s")
    port = free_port()
    gunicorn = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--error-logfile",
            str(work / "gunicorn.log"),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/accounts/login/", gunicorn)
        prefix = str(work / "locust")
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(max(1, args.users // 5)),
                "--run-time",
                f"{args.duration + 180}s",  # a cap: the locustfile stops `duration` s after log-ins
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                prefix,
                "--only-summary",
                "--loglevel",
                "WARNING",
                "--stop-timeout",
                "5",
            ],
            cwd=ROOT,
            env=env,
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=open(work / "locust.log", "w"),  # noqa: SIM115
        )
    finally:
        stop(gunicorn)
        log_file = work / "gunicorn.log"
        log = log_file.read_text(encoding="utf-8", errors="replace") if log_file.exists() else ""
        errors = [line for line in log.splitlines() if "Error" in line or "Traceback" in line]
    print(machine(f"gunicorn {args.workers} sync workers"))
    print(f"database: {database}; load average before the run: {load_before:.2f}")
    print(
        f"{args.users} users ({round(args.users * 0.6)} curators, {round(args.users * 0.3)} "
        f"mentors, the rest the officer), think time {args.think} s, {args.duration} s"
    )
    samples_file = work / "samples.json"
    if not samples_file.exists():
        print((work / "locust.log").read_text(encoding="utf-8", errors="replace")[-3000:])
        raise SystemExit("locust wrote no samples")
    recorded = json.loads(samples_file.read_text(encoding="utf-8"))
    if recorded["ready_at"] is None:
        raise SystemExit("not every simulated user logged in: see the failures above")
    warm_up = [s for s in recorded["samples"] if s[1] not in LOGIN and s[0] < recorded["ready_at"]]
    print(
        f"ramp-up: all {args.users} users logged in after {recorded['ready_at']:.1f} s "
        f"({len(warm_up)} page requests during the ramp-up are not counted)"
    )
    totals = report(recorded["samples"], recorded["ready_at"])
    failures = Path(f"{prefix}_failures.csv")
    if failures.exists():
        for line in failures.read_text(encoding="utf-8").strip().splitlines()[1:11]:
            print("failure:", line)
    print(
        f"pages: {totals['rps']:.1f} requests/s, p50 {totals['p50']:.0f} ms, "
        f"p95 {totals['p95']:.0f} ms, p99 {totals['p99']:.0f} ms, {totals['errors']} errors"
    )
    print(f"gunicorn error log: {len(errors)} error lines")
    for line in errors[:5]:
        print("  ", line)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
