"""Real processes and real HTTP for the robustness tests: the test database's URL for a
server or worker started apart, a free port, a logged-in client without a browser."""

import http.cookiejar
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

PASSWORD = "robusta-processer-2026"


def until(check, seconds=60, pause=0.05, what=lambda: ""):
    """``check()``'s first true outcome, asked every ``pause`` seconds for at most ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if outcome := check():
            return outcome
        time.sleep(pause)
    raise AssertionError(f"it never came: {what()}")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def user_for_servers(username):
    """A user another process can log in: its password hashed as the servers read it (the
    tests' own hasher is a fast one they do not know)."""
    user = get_user_model().objects.create_user(username)
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, f"{username}-salt", iterations=1000)
    user.save()
    return user


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def text(self):
        return self.body.decode()


class Browserless:
    """HTTP with one cookie jar for both nodes (cookies are not kept per port), redirects not followed."""

    class KeepRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), self.KeepRedirects
        )

    def request(self, url, data=None, content_type=None, referer=None):
        headers = {"Referer": referer or url} | ({"Content-Type": content_type} if content_type else {})
        try:
            with self.opener.open(urllib.request.Request(url, data=data, headers=headers), timeout=60) as response:
                return Answer(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.headers, error.read())

    def get(self, url):
        return self.request(url)

    def post(self, url, form):
        return self.request(url, urllib.parse.urlencode(form).encode(), "application/x-www-form-urlencoded")

    def post_file(self, url, fields, name, filename, content):
        boundary = "finsam-two-nodes-boundary"
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
            for key, value in fields.items()
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: text/csv\r\n\r\n".encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return self.request(url, b"".join(parts), f"multipart/form-data; boundary={boundary}")


def csrf(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text())[1]


def log_in(client, base, username):
    page = client.get(f"{base}/accounts/login/")
    answer = client.post(
        f"{base}/accounts/login/",
        {"csrfmiddlewaretoken": csrf(page), "username": username, "password": PASSWORD},
    )
    assert answer.status == 302, answer.text()[:500]
