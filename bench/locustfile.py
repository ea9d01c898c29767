"""Mixed curator / mentor / officer workload for ``load_run.py`` (locust, headless).

Run it through ``load_run.py``: that script starts gunicorn on 127.0.0.1 against the scale
database and writes the targets (accounts, school, programme, pair and municipality ids) to the
JSON file named by ``BENCH_TARGETS``. Each simulated user logs in once through the log-in form
(CSRF cookie + token) with its own account, then browses with a think time of 1–3 s.

The production settings mark the session and CSRF cookies ``Secure``, which a client does not
return over plain HTTP; so the cookies are sent by hand in a ``Cookie`` header, and redirects
are not followed: a page that answers anything but 200 counts as an error.
"""

import itertools
import json
import os
import random
import re
import time

import gevent
from locust import HttpUser, between, events, task

with open(os.environ["BENCH_TARGETS"], encoding="utf-8") as _handle:
    TARGETS = json.load(_handle)
THINK = [float(x) for x in os.environ.get("BENCH_THINK", "1,3").split(",")]
USERS = int(os.environ.get("BENCH_USERS", "40"))
MEASURE = float(os.environ.get("BENCH_MEASURE", "60"))
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_curators = itertools.cycle(TARGETS["curators"])
_mentors = itertools.cycle(TARGETS["mentors"])


class Visitor(HttpUser):
    abstract = True
    wait_time = between(*THINK)
    account: dict

    def login(self) -> None:
        self.cookie = ""
        page = self.client.get("/accounts/login/", name="вход (форма)", allow_redirects=False)
        token = TOKEN.search(page.text)
        csrf = page.cookies.get("csrftoken")
        if page.status_code != 200 or not token or not csrf:
            raise RuntimeError(f"no log-in form: HTTP {page.status_code}")
        with self.client.post(
            "/accounts/login/",
            data={
                "username": self.account["username"],
                "password": TARGETS["password"],
                "csrfmiddlewaretoken": token.group(1),
            },
            headers={"Cookie": f"csrftoken={csrf}"},
            name="вход (отправка)",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            session = answer.cookies.get("sessionid")
            if answer.status_code != 302 or not session:
                answer.failure(f"log-in failed: HTTP {answer.status_code}")
                raise RuntimeError("log-in failed")
        self.cookie = f"sessionid={session}; csrftoken={answer.cookies.get('csrftoken', csrf)}"
        LOGGED_IN.append(self.account["username"])
        if len(LOGGED_IN) == USERS:
            # Everyone is in: measure the steady workload for MEASURE seconds from now, then stop.
            STATE["ready_at"] = time.monotonic() - STARTED
            gevent.spawn_later(MEASURE, self.environment.runner.quit)

    def page(self, url: str, name: str) -> None:
        with self.client.get(
            url,
            name=name,
            headers={"Cookie": self.cookie},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")


class Curator(Visitor):
    fixed_count = round(USERS * 0.6)

    def on_start(self):
        self.account = next(_curators)
        self.login()

    @task(3)
    def dashboard(self):
        self.page(f"/schools/{self.account['school']}/", "панель школы")

    @task(1)
    def mentors(self):
        self.page(f"/programmes/{self.account['programme']}/mentors/", "база наставников")

    @task(1)
    def mentees(self):
        page = random.randint(1, self.account["mentee_pages"])
        self.page(
            f"/programmes/{self.account['programme']}/mentees/?page={page}", "база наставляемых"
        )

    @task(1)
    def pairs(self):
        self.page(f"/programmes/{self.account['programme']}/pairs/", "пары и группы")

    @task(2)
    def pair(self):
        self.page(f"/pairs/{random.choice(self.account['pairs'])}/", "пара")

    @task(1)
    def timeline(self):
        self.page(f"/pairs/{random.choice(self.account['pairs'])}/timeline/", "пара: хронология")

    @task(1)
    def roadmap(self):
        self.page(f"/programmes/{self.account['programme']}/roadmap/", "дорожная карта")


class Mentor(Visitor):
    fixed_count = round(USERS * 0.3)

    def on_start(self):
        self.account = next(_mentors)
        self.login()

    @task(3)
    def my_pairs(self):
        self.page("/my/pairs/", "мои пары")

    @task(2)
    def timeline(self):
        self.page(f"/pairs/{random.choice(self.account['pairs'])}/timeline/", "пара: хронология")

    @task(1)
    def pair(self):
        self.page(f"/pairs/{random.choice(self.account['pairs'])}/", "пара")


class Officer(Visitor):
    fixed_count = USERS - round(USERS * 0.6) - round(USERS * 0.3)

    def on_start(self):
        self.account = TARGETS["officer"]
        self.login()

    @task(3)
    def overview(self):
        self.page(f"/municipalities/{self.account['municipality']}/", "обзор муниципалитета")

    @task(2)
    def school(self):
        school = random.choice(self.account["schools"])
        self.page(
            f"/municipalities/{self.account['municipality']}/schools/{school}/",
            "школа глазами МНЦ",
        )


# Every request as (seconds since start at its end, name, ms, ok): load_run.py computes exact
# percentiles from these (written to BENCH_SAMPLES when the run stops), counting the pages
# requested after the last simulated user has logged in (``ready_at``): the log-in burst of the
# ramp-up (password hashing) is reported apart.
SAMPLES: list[tuple[float, str, float, bool]] = []
STARTED = time.monotonic()
LOGGED_IN: list[str] = []
STATE: dict = {"ready_at": None}


@events.request.add_listener
def _sample(name, response_time, exception, **kwargs):
    SAMPLES.append((time.monotonic() - STARTED, name, response_time, exception is None))


@events.test_stop.add_listener
def _write(environment, **kwargs):
    with open(os.environ["BENCH_SAMPLES"], "w", encoding="utf-8") as handle:
        json.dump({"ready_at": STATE["ready_at"], "samples": SAMPLES}, handle)


@events.test_start.add_listener
def _check(environment, **kwargs):
    if not environment.host.startswith(("http://127.0.0.1", "http://localhost")):
        raise SystemExit("the load run only talks to 127.0.0.1")
