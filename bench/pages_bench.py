"""Server time and query count of the main pages on the municipality at scale, against a floor.

Runs the Django test client (``force_login``) against the scale database made by
``scale_data.py`` (``SCALE_DATABASE_URL``, default the local PostgreSQL ``mentoring_scale``).
For each page: a warm-up, then the median of --repeat requests (server time = the whole
request through middleware, view and template, without the network), with DEBUG off; then one
more request under ``CaptureQueriesContext`` for the query count. Each page is measured on the
smallest school (№ 1, a tenth of the average rows) and the biggest (№ 40, about twice the
average): the query count must be the same for both. The pair pages take the quietest pair of
the small school (one mentee, fewest meetings) and the busiest group of the big one (two
mentees, most meetings). The municipal overview is measured with all 40 schools and with 3 (the
other 37 moved to another municipality inside a transaction that is rolled back). «SQL, ms» is
the time spent in the database driver during one request of the big case (an execute_wrapper).

The floor is a bare view on the same machine and database: one query, a tiny template, through
the same middleware, under a temporary URLconf (``override_settings(ROOT_URLCONF=...)``). For
reference only, a second bare view puts the same query inside the project's layout (base.html:
menu, roles of the user) — «к макету» is the ratio to that.

    .venv/bin/python bench/pages_bench.py [--repeat 15] [--aim-ms 100] [--aim-ratio 3]

``--compare``: the same school pages on the municipality of 40 schools (``SCALE_DATABASE_URL``,
default ``mentoring_scale``) and on the region (``SCALE_REGION_DATABASE_URL``, default
``mentoring_scale_region``, made by ``scale_data.py --schools 1000 --municipalities 20``), side
by side: the smallest school (№ 1) and the biggest (№ 40, № 1000) of each, with the ratio of the
region to the municipality; then the municipal overview (the municipality of the biggest school)
and the regional overview (on the 40 schools: a region of that one municipality, made inside a
transaction that is rolled back). Each database is measured by a child process of this script
(``--json``). For a page that grows (above --aim-growth, or over its aim in ms, or with more
queries), the slowest query of the region's request is shown with EXPLAIN (ANALYZE, BUFFERS).

    .venv/bin/python bench/pages_bench.py --compare [--repeat 15] [--aim-growth 1.3]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import scaleenv  # noqa: F401  (points Django at the scale database)
from benchenv import machine
from django.db import connection, transaction
from django.db.models import Count
from django.http import HttpResponse
from django.template import Context, Template, engines
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import include, path

from mentoring.models import Membership, Municipality, Programme, Region, Role, School, User
from registry.models import Pair
from reports.models import MonthlyReport

FLOOR_TEMPLATE = Template("<!doctype html><title>floor</title><p>{{ count }} пользователей</p>")


LAYOUT_TEMPLATE = engines["django"].from_string(
    '{% extends "base.html" %}{% block content %}<p>{{ count }} пользователей</p>{% endblock %}'
)


def floor_view(request):
    return HttpResponse(FLOOR_TEMPLATE.render(Context({"count": User.objects.count()})))


def layout_view(request):
    """For reference only: the project's layout (menu, session, roles) around one query."""
    return HttpResponse(LAYOUT_TEMPLATE.render({"count": User.objects.count()}, request))


# The temporary URLconf: the project's URLs plus the floor.
urlpatterns = [
    path("__floor__/", floor_view),
    path("__layout__/", layout_view),
    path("", include("config.urls")),
]


def measure(client: Client, url: str, repeat: int) -> tuple[float, int, int]:
    """(median ms, queries, status) of GET url; SQL ms of the counted request in SQL_MS[url]."""
    for _ in range(2):
        response = client.get(url)
    status = response.status_code
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
    spent = []

    def timer(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent.append(time.perf_counter() - started)

    with connection.execute_wrapper(timer):
        client.get(url)
    SQL_MS[url] = sum(spent) * 1000
    with override_settings(DEBUG=True), CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(samples), len(queries), status


SQL_MS: dict[str, float] = {}


def clients() -> dict[str, Client]:
    made = {}
    for username in ("curator1", "curator40", "officer", "mentor1_1", "mentor40_1"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        made[username] = client
    return made


def school_pages(number: int) -> dict[str, str]:
    """Page name → URL on the school of that number (for its curator)."""
    school = School.objects.get(short_name=f"МБОУ «СОШ № {number}»")
    programme = Programme.objects.get(school=school)
    # On the small school the quietest pair, on the big one a group with the most meetings.
    pair = pick_pair(programme, biggest=number != 1)
    report = MonthlyReport.objects.get(programme=programme)
    p = programme.pk
    return {
        "панель школы": f"/schools/{school.pk}/",
        "база наставников": f"/programmes/{p}/mentors/",
        "база наставляемых (стр. 1)": f"/programmes/{p}/mentees/",
        "карта запросов": f"/programmes/{p}/request-map/",
        "пары и группы": f"/programmes/{p}/pairs/",
        "пара": f"/pairs/{pair.pk}/",
        "пара: хронология": f"/pairs/{pair.pk}/timeline/",
        "дорожная карта": f"/programmes/{p}/roadmap/",
        "документы": f"/programmes/{p}/documents/",
        "ежемесячные отчёты": f"/programmes/{p}/monthly/",
        "ежемесячный отчёт": f"/monthly/{report.pk}/",
    }


def pick_pair(programme, biggest: bool) -> Pair:
    """The pair with the most mentees and meetings (or the fewest) of the programme."""
    pairs = Pair.objects.filter(programme=programme).annotate(
        mentee_count=Count("mentees", distinct=True), meeting_count=Count("meetings")
    )
    order = ["mentee_count", "meeting_count", "id"]
    return pairs.order_by(*[f"-{key}" for key in order] if biggest else order).first()


def yes(flag: bool) -> str:
    return "да" if flag else "нет"


def compare(rows, name, who, small, big, repeat) -> None:
    """Measure a page on the small and the big case: small/big = (client, url)."""
    ms1, q1, s1 = measure(*small, repeat)
    ms2, q2, s2 = measure(*big, repeat)
    rows.append((name, who, ms1, q1, ms2, q2, SQL_MS[big[1]], {s1, s2}))


def slowest_query(client: Client, url: str) -> dict:
    """The slowest query of one request, with its EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL."""
    with override_settings(DEBUG=True), CaptureQueriesContext(connection) as queries:
        client.get(url)
    selects = [
        q for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")
    ]
    if not selects:
        return {}
    query = max(selects, key=lambda q: float(q["time"]))
    plan = ""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
            plan = "\n".join(row[0] for row in cursor.fetchall())
    return {"ms": float(query["time"]) * 1000, "sql": query["sql"], "plan": plan}


def officer_of(school: School) -> User:
    return User.objects.get(
        memberships__role=Role.MUNICIPAL_OFFICER,
        memberships__municipality_id=school.municipality_id,
    )


def scaling_pages(repeat: int) -> dict:
    """--json: the pages of the smallest and the biggest school, the overviews, on this database."""
    last = School.objects.count()
    small_school = School.objects.get(short_name="МБОУ «СОШ № 1»")
    big_school = School.objects.get(short_name=f"МБОУ «СОШ № {last}»")
    result = {"database": connection.settings_dict["NAME"], "schools": last, "pages": []}

    def login(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    def run(name, who, small, big, aim):
        """small/big: (client, url) or None."""
        row = {"name": name, "who": who, "aim": aim}
        for key, case in (("small", small), ("big", big)):
            if case:
                ms, queries, status = measure(*case, repeat)
                row[key] = {"ms": ms, "queries": queries, "status": status, "url": case[1]}
                row[key]["slowest"] = slowest_query(*case)
        result["pages"].append(row)

    with override_settings(ROOT_URLCONF=__name__, DEBUG=False):
        users = {
            name: login(User.objects.get(username=name))
            for name in ("curator1", f"curator{last}", "mentor1_1", f"mentor{last}_1")
        }
        small, big = school_pages(1), school_pages(last)
        for name in small:
            run(
                name,
                "куратор",
                (users["curator1"], small[name]),
                (users[f"curator{last}"], big[name]),
                "school",
            )
        run(
            "мои пары",
            "наставник",
            (users["mentor1_1"], "/my/pairs/"),
            (users[f"mentor{last}_1"], "/my/pairs/"),
            "school",
        )
        drill = "/municipalities/{}/schools/{}/"
        run(
            "школа глазами МНЦ",
            "МНЦ",
            (
                login(officer_of(small_school)),
                drill.format(small_school.municipality_id, small_school.pk),
            ),
            (
                login(officer_of(big_school)),
                drill.format(big_school.municipality_id, big_school.pk),
            ),
            "school",
        )
        municipality = big_school.municipality
        result["municipality_schools"] = municipality.schools.count()
        run(
            "обзор муниципалитета",
            "МНЦ",
            None,
            (login(officer_of(big_school)), f"/municipalities/{municipality.pk}/"),
            "overview",
        )
        with transaction.atomic():
            region = Region.objects.first()
            if region is None:
                region = Region.objects.create(name="Временный край")
                municipality.region = region
                municipality.save(update_fields=["region"])
                regional = User.objects.create(username="regional_tmp")
                Membership.objects.create(user=regional, role=Role.REGIONAL_OFFICER, region=region)
            else:
                regional = User.objects.get(username="regional")
            result["region_municipalities"] = region.municipalities.count()
            result["region_schools"] = School.objects.filter(municipality__region=region).count()
            run(
                "обзор региона",
                "РНЦ",
                None,
                (login(regional), f"/regions/{region.pk}/"),
                "overview",
            )
            transaction.set_rollback(True)
    return result


def slowest_ms(case: dict) -> float:
    return (case.get("slowest") or {}).get("ms", 0.0)


def compare_databases(args) -> None:
    """--compare: a child process per database, then the table side by side."""
    urls = [
        os.environ.get("SCALE_DATABASE_URL", scaleenv.DEFAULT_URL),
        scaleenv.REGION_URL,
    ]
    results = []
    for url in urls:
        env = {**os.environ, "SCALE_DATABASE_URL": url}
        command = [sys.executable, __file__, "--json", "--repeat", str(args.repeat)]
        output = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
        results.append(json.loads(output.stdout))
    few, many = results
    print(machine())
    print(
        f"{few['database']}: {few['schools']} schools; {many['database']}: {many['schools']} "
        f"schools in {many['region_municipalities']} municipalities; median of {args.repeat} "
        f"requests, DEBUG off"
    )
    print(
        f"municipal overview: the municipality of the biggest school, {few['municipality_schools']}"
        f" / {many['municipality_schools']} schools; regional overview: "
        f"{few['region_schools']} / {many['region_schools']} schools"
    )
    n1, n2 = few["schools"], many["schools"]
    print()
    print(
        f"| страница | кто | школа | {n1} школ: мс | запросов | {n2} школ: мс | запросов | "
        f"× | самый долгий запрос, мс | цель |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    growing = []
    for a, b in zip(few["pages"], many["pages"], strict=True):
        for case, label in (("small", "№ 1"), ("big", "крупнейшая")):
            if case not in b:
                continue
            x, y = a[case], b[case]
            ratio = y["ms"] / x["ms"]
            aim_ms = args.aim_ms if b["aim"] == "school" else args.aim_overview_ms
            ok = y["ms"] < aim_ms and (b["aim"] != "school" or ratio <= args.aim_growth)
            aim = (
                f"≤ {args.aim_growth}× и < {aim_ms:.0f} мс"
                if b["aim"] == "school"
                else (f"≤ {aim_ms:.0f} мс")
            )
            status = "" if {x["status"], y["status"]} == {200} else f" (HTTP {y['status']})"
            label = label if b["aim"] == "school" else "—"
            print(
                f"| {b['name']}{status} | {b['who']} | {label} | {x['ms']:.1f} | "
                f"{x['queries']} | {y['ms']:.1f} | {y['queries']} | {ratio:.2f} | "
                f"{slowest_ms(x):.1f} → {slowest_ms(y):.1f} | {yes(ok)} ({aim}) |"
            )
            if not ok or y["queries"] > x["queries"]:
                growing.append((f"{b['name']} ({label})", y))
    for name, y in growing:
        slowest = y.get("slowest") or {}
        print(f"\n## {name}: {y['url']} — slowest query {slowest_ms(y):.1f} ms")
        print(slowest.get("sql", ""))
        print(slowest.get("plan", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--aim-ms", type=float, default=100.0)
    parser.add_argument("--aim-ratio", type=float, default=3.0)
    parser.add_argument("--compare", action="store_true", help="40 schools against the region")
    parser.add_argument("--json", action="store_true", help="(the child of --compare)")
    parser.add_argument("--aim-growth", type=float, default=1.3)
    parser.add_argument("--aim-overview-ms", type=float, default=150.0)
    args = parser.parse_args()
    if args.compare:
        compare_databases(args)
        return
    if args.json:
        print(json.dumps(scaling_pages(args.repeat), ensure_ascii=False))
        return
    municipality = Municipality.objects.get(name=scaleenv.MUNICIPALITY)
    small_school = School.objects.get(short_name="МБОУ «СОШ № 1»")
    big_school = School.objects.get(short_name="МБОУ «СОШ № 40»")
    rows = []
    with override_settings(ROOT_URLCONF=__name__, DEBUG=False):
        client = clients()
        floor_ms, floor_q, floor_status = measure(client["curator1"], "/__floor__/", args.repeat)
        layout_ms, layout_q, _ = measure(client["curator40"], "/__layout__/", args.repeat)
        small, big = school_pages(1), school_pages(40)
        for name in small:
            compare(
                rows,
                name,
                "куратор",
                (client["curator1"], small[name]),
                (client["curator40"], big[name]),
                args.repeat,
            )
        compare(
            rows,
            "мои пары",
            "наставник",
            (client["mentor1_1"], "/my/pairs/"),
            (client["mentor40_1"], "/my/pairs/"),
            args.repeat,
        )
        drill = f"/municipalities/{municipality.pk}/schools/{{}}/"
        compare(
            rows,
            "школа глазами МНЦ",
            "МНЦ",
            (client["officer"], drill.format(small_school.pk)),
            (client["officer"], drill.format(big_school.pk)),
            args.repeat,
        )
        overview = f"/municipalities/{municipality.pk}/"
        with transaction.atomic():
            other = Municipality.objects.create(name="Временный округ")
            School.objects.filter(municipality=municipality).exclude(
                short_name__in=["МБОУ «СОШ № 1»", "МБОУ «СОШ № 20»", "МБОУ «СОШ № 40»"]
            ).update(municipality=other)
            few = measure(client["officer"], overview, args.repeat)
            transaction.set_rollback(True)
        many = measure(client["officer"], overview, args.repeat)
        rows.append(
            (
                "обзор муниципалитета (3 / 40 школ)",
                "МНЦ",
                *few[:2],
                *many[:2],
                SQL_MS[overview],
                {few[2], many[2]},
            )
        )

    print(machine())
    print(f"database: {connection.settings_dict['NAME']}; median of {args.repeat} requests")
    print(
        f"floor (bare view: one query of its own, a tiny template): {floor_ms:.2f} ms, "
        f"{floor_q} queries with the middleware's, status {floor_status}"
    )
    print(
        f"for reference, the same query inside the project's layout (base.html, menu, roles): "
        f"{layout_ms:.2f} ms, {layout_q} queries"
    )
    print()
    print(
        "| страница | кто | мал. школа, мс | запросов | бол. школа, мс | запросов | "
        "из них SQL, мс | к полу | к макету | запросов поровну | < 100 мс | ≤ 3× пола |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    fast = flat = near = 0
    for name, who, ms1, q1, ms2, q2, sql, statuses in rows:
        worst = max(ms1, ms2)
        ratio = worst / floor_ms
        fast += worst < args.aim_ms
        flat += q1 == q2
        near += ratio <= args.aim_ratio
        same = "да" if q1 == q2 else f"нет ({q1} → {q2})"
        status = "" if statuses == {200} else f" (HTTP {sorted(statuses)})"
        print(
            f"| {name}{status} | {who} | {ms1:.1f} | {q1} | {ms2:.1f} | {q2} | {sql:.1f} | "
            f"{ratio:.0f}× | {worst / layout_ms:.1f}× | {same} | "
            f"{yes(worst < args.aim_ms)} | {yes(ratio <= args.aim_ratio)} |"
        )
    print(
        f"\n{len(rows)} pages: {fast} under {args.aim_ms:.0f} ms, {flat} with the same query count "
        f"on the small and the big school, {near} within {args.aim_ratio:.0f}× of the floor"
    )


if __name__ == "__main__":
    main()
