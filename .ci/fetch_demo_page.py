"""Log in to a running demo as office staff and fetch a federation page, as a browser would."""

import http.cookiejar
import re
import sys
import urllib.parse
import urllib.request

base = sys.argv[1]
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

login_page = opener.open(f"{base}/accounts/login/").read().decode()
token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
form = urllib.parse.urlencode(
    {"username": "kansli", "password": "finsam-demo-2026", "csrfmiddlewaretoken": token, "next": "/f/sodra-vatterbygden/"}
).encode()
request = urllib.request.Request(f"{base}/accounts/login/", data=form, headers={"Referer": f"{base}/accounts/login/"})
response = opener.open(request)
page = response.read().decode()

assert response.geturl().endswith("/f/sodra-vatterbygden/"), response.geturl()
for expected in ["Samordningsförbundet Södra Vätterbygden", "Region Jönköpings län", "Habo kommun"]:
    assert expected in page, f"{expected!r} missing from the federation page"
print(f"Fetched {response.geturl()} as kansli: {len(page)} bytes, federation, members and board shown.")
