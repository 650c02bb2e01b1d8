"""A bounded load: many simulated users on a running finsam for a fixed time.

Each user logs in as one of the demo's office staff, board members or auditors (all at once,
before the clock starts, when the draft PDFs are made once too) and then, until the time is
up, browses lists and intervention pages, saves and ends participants (office staff) and
downloads PDFs. Prints requests served, errors (there must be none) and latency percentiles
per kind of request; exits non-zero on any error.

    python scripts/load.py http://127.0.0.1:8777 --users 20 --seconds 30
"""

import argparse
import http.cookiejar
import os
import random
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict

from demo.speed import core_speed

PASSWORD = "finsam-demo-2026"
SV = "/f/sodra-vatterbygden"
# What each demo user browses and downloads: what their role lets them see.
EVERYONE = [f"{SV}/interventions/", f"{SV}/person/", f"{SV}/budget/?year=2024", f"{SV}/accounts/?year=2024"]
LISTS = {
    "kansli": [*EVERYONE, f"{SV}/participants/", f"{SV}/participants/?page=2", "/f/hoglandet/interventions/"],
    "styrelse": EVERYONE,
    "revisor": [*EVERYONE, f"{SV}/history/", "/f/hoglandet/auditors/?year=2024"],
}
ANNUAL, STATEMENTS = f"{SV}/reports/annual.pdf?year=2024", "/f/hoglandet/statements.pdf?year=2024"
PDFS = {"kansli": [ANNUAL, STATEMENTS], "styrelse": [ANNUAL], "revisor": [ANNUAL, STATEMENTS]}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def hidden_fields(html):
    """What a browser sends back unseen: the CSRF token and the version of the record the
    form was drawn from (a form without it is refused, lest it overwrite a colleague's save)."""
    return dict(HIDDEN.findall(html))


def options(html, select_id):
    block = re.search(rf'<select[^>]*id="{select_id}".*?</select>', html, re.S)
    return [value for value in re.findall(r'<option value="([^"]+)"', block.group(0)) if value] if block else []


class User:
    def __init__(self, base, username, results, lock):
        self.base, self.username = base, username
        self.results, self.lock = results, lock
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.rng = random.Random(f"{username}-{id(self)}")

    def request(self, kind, path, data=None):
        """GET ``path``, or POST ``data`` to it; a POST must be accepted and redirected
        elsewhere (a form shown again with its errors counts as an error)."""
        url = self.base + path
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers={"Referer": url})
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=60) as response:
                status, content = response.status, response.read()
                if data is not None and response.geturl() == url:
                    status = "form refused"
        except urllib.error.HTTPError as error:
            status, content = error.code, error.read()
        except OSError as error:
            status, content = f"{type(error).__name__}", b""
        elapsed = time.perf_counter() - started
        ok = status == 200 or (status == 202 and kind == "PDF waiting")
        with self.lock:
            self.results[kind].append(elapsed)
            if not ok:
                self.results["errors"].append(f"{kind} {path} → {status}")
        return content.decode("utf-8", "replace") if ok else ""

    def log_in(self):
        page = self.request("login", "/accounts/login/")
        token = CSRF.search(page).group(1)
        self.request(
            "login",
            "/accounts/login/",
            {"csrfmiddlewaretoken": token, "username": self.username, "password": PASSWORD},
        )

    def browse(self):
        self.request("list", self.rng.choice(LISTS[self.username]))

    def intervention(self):
        listing = self.request("list", f"{SV}/interventions/?year=2024")
        links = re.findall(rf'href="({SV}/interventions/\d+/)"', listing)
        if links:
            self.request("intervention page", self.rng.choice(links) + "?year=2024")

    def save_participant(self):
        form = self.request("participant form", f"{SV}/participants/new/")
        if not form:
            return
        interventions, municipalities = options(form, "id_intervention"), options(form, "id_municipality")
        code = f"LOAD-{self.username}-{self.rng.randrange(10**9)}"
        data = {
            "csrfmiddlewaretoken": CSRF.search(form).group(1),
            "intervention": interventions[0],
            "code": code,
            "gender": self.rng.choice(["woman", "man"]),
            "birth_year": str(self.rng.randrange(1965, 2000)),
            "municipality": self.rng.choice(municipalities),
            "enrolled_on": "2026-03-02",
        }
        self.request("save participant", f"{SV}/participants/new/", data)
        if self.rng.random() < 0.5:
            found = self.request("list", f"{SV}/participants/?code={code}")
            end_link = re.search(rf'href="({SV}/participants/\d+/end/)"', found)
            if end_link:
                end_form = self.request("participant form", end_link.group(1))
                self.request(
                    "end participant",
                    end_link.group(1),
                    {
                        **hidden_fields(end_form),
                        "ended_on": "2026-06-30",
                        "end_reason": self.rng.choice(["work", "studies", "illness"]),
                    },
                )

    def download(self, path=None):
        """A PDF as a browser gets it: while a worker makes the draft, the page answers 202
        and the browser asks again, less often the longer it waits (1 s, then half as long
        again each time, at most 5 s); the time counted is until the PDF arrives."""
        path = path or self.rng.choice(PDFS[self.username])
        started, wait = time.perf_counter(), 1.0
        for _attempt in range(60):
            content = self.request("PDF waiting", path)
            if not content or content.startswith("%PDF"):
                break
            time.sleep(wait)
            wait = min(wait * 1.5, 5.0)
        with self.lock:
            self.results["PDF"].append(time.perf_counter() - started)

    def run(self, deadline):
        actions = [self.browse, self.browse, self.browse, self.intervention, self.download]
        if self.username == "kansli":
            actions += [self.save_participant, self.save_participant]
        while time.monotonic() < deadline:
            self.rng.choice(actions)()


def cpu_seconds(pid):
    """CPU time (user and system) of process ``pid`` and its children: a gunicorn master and
    its workers."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry) == pid or int(fields[1]) == pid:  # fields[1]: the parent's pid
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def run_all(threads):
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="e.g. http://127.0.0.1:8777")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--server-pid", type=int, help="the gunicorn master's pid: report its CPU per page")
    arguments = parser.parse_args()

    results, lock = defaultdict(list), threading.Lock()
    usernames = ["kansli", "kansli", "styrelse", "revisor"]
    users = [
        User(arguments.base.rstrip("/"), usernames[i % len(usernames)], results, lock) for i in range(arguments.users)
    ]
    # Everyone logs in at once, then browses: a login (argon2, ~150 ms of a core) comes once
    # in a working day, so it is timed apart and not counted in the throughput.
    run_all([threading.Thread(target=user.log_in) for user in users])
    logins = results.pop("login", [])
    # The drafts are made once, as they are after the first reader of the day: the worker's
    # first renders (seconds of a core each, timed by make bench) are not counted against the
    # pages. A save of this year's participants changes neither draft.
    first_renders = {}
    for path in sorted({path for paths in PDFS.values() for path in paths}):
        reader = next(user for user in users if path in PDFS[user.username])
        reader.download(path)
        first_renders[path] = results.pop("PDF")[0]
    results.pop("PDF waiting", None)
    cpu_before = cpu_seconds(arguments.server_pid) if arguments.server_pid else None
    started = time.monotonic()
    deadline = started + arguments.seconds
    run_all([threading.Thread(target=user.run, args=(deadline,)) for user in users])
    elapsed = time.monotonic() - started
    cpu = cpu_seconds(arguments.server_pid) - cpu_before if arguments.server_pid else None

    errors = results.pop("errors", [])
    if logins:
        p50, slowest = percentile(logins, 0.5) * 1000, max(logins) * 1000
        print(f"{len(users)} users logged in at once first: login requests p50 {p50:.0f} ms, max {slowest:.0f} ms")
    for path, seconds in first_renders.items():
        print(f"first made before the clock too: {path} in {seconds:.1f} s")
    # "PDF" is the time until a PDF arrived, over its "PDF waiting" requests: not a request itself.
    served = sum(len(times) for kind, times in results.items() if kind != "PDF")
    print(f"{arguments.users} simulated users for {elapsed:.0f} s against {arguments.base}")
    print(f"requests served: {served}, errors: {len(errors)}, throughput: {served / elapsed:.1f} requests/s")
    # Pages: what a user asked for, not the browser's polls for a PDF being made.
    pages = sum(len(times) for kind, times in results.items() if kind not in {"PDF", "PDF waiting"})
    polls = len(results.get("PDF waiting", []))
    print(f"page requests: {pages}, {pages / elapsed:.1f} pages/s (besides {polls} PDF requests and polls)")
    if cpu is not None:
        load = os.getloadavg()[0]
        print(f"server CPU: {cpu:.1f} s, {1000 * cpu / max(1, served):.1f} ms a request (load average {load:.2f})")
        print(f"a core's speed: 5 M additions in plain Python took {core_speed() * 1000:.0f} ms (as in make bench)")
    print(f"{'request':<20} {'count':>6} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    everything = [t for kind, times in results.items() if kind != "PDF" for t in times]
    for kind, times in sorted(results.items()) + [("all", everything)]:
        if times:
            figures = [percentile(times, p) * 1000 for p in (0.5, 0.9, 0.99)] + [max(times) * 1000]
            print(f"{kind:<20} {len(times):>6} " + " ".join(f"{f:>8.0f}" for f in figures))
    for error in errors[:20]:
        print("ERROR", error)
    return 1 if errors or not served else 0


if __name__ == "__main__":
    sys.exit(main())
