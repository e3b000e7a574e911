"""Staging access: basic auth from the environment and a required header, never in output."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.crawl.fetch import Fetcher, basic_auth_from_env, parse_cookie, parse_header
from toolkit.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
USER, PASSWORD = "qa", "s3cret-Ünï"
PAGE = ('<!doctype html><html lang="{lang}"><head><title>t</title>'
        '<link rel="alternate" hreflang="sr-Cyrl" href="/sr/index.html"></head>'
        '<body><a href="/en/about.html">about</a></body></html>')


@pytest.fixture
def staging(tmp_path, serve):
    for path, lang in (("en/index.html", "en"), ("en/about.html", "en"), ("sr/index.html", "sr-Cyrl")):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(PAGE.format(lang=lang))
    (tmp_path / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    return serve(tmp_path, auth=f"{USER}:{PASSWORD}", required_header=("X-Staging-Token", "t0k"))


def run(*args, env):
    return subprocess.run([sys.executable, "-m", "toolkit", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **env})


def test_credentials_from_the_environment_and_a_header(staging):
    env = {"TOOLKIT_HTTP_USER": USER, "TOOLKIT_HTTP_PASSWORD": PASSWORD}
    ok = run("check", "--crawl", staging.url + "/en/index.html", "--header", "X-Staging-Token: t0k",
             "--checks", "pages", "--format", "json", env=env)
    assert "3 page(s) fetched" in ok.stderr, ok.stderr
    assert not [f for f in json.loads(ok.stdout)["findings"] if f["check"] == "http-error"]
    for output in (ok.stdout, ok.stderr):
        assert PASSWORD not in output and "t0k" not in output and "cWE6" not in output  # base64 of "qa:"

    combined = run("check", "--crawl", staging.url + "/en/index.html", "--header", "X-Staging-Token: t0k",
                   "--format", "json", env={"TOOLKIT_BASIC_AUTH": f"{USER}:{PASSWORD}"})
    assert "3 page(s) fetched" in combined.stderr

    no_header = run("check", "--crawl", staging.url + "/en/index.html", "--format", "json", env=env)
    assert no_header.returncode == 2
    assert "robots.txt answered HTTP 403" in no_header.stderr, no_header.stderr


def test_without_credentials_nothing_is_fetched_and_the_error_says_why(staging):
    result = run("check", "--crawl", staging.url + "/en/index.html", "--header", "X-Staging-Token: t0k",
                 "--format", "json", env={})
    assert result.returncode == 2
    assert "robots.txt answered HTTP 401" in result.stderr
    assert staging.log == ["/robots.txt"]  # no page requested


def test_credentials_stay_on_their_origin_and_out_of_reprs(staging):
    fetcher = Fetcher(headers=[("X-Staging-Token", "t0k")], cookies=[("session", "abc")],
                      auth=(USER, PASSWORD), auth_origin=staging.url)
    assert "t0k" not in repr(fetcher.__dict__) and PASSWORD not in repr(fetcher.__dict__)
    assert fetcher._request_headers(staging.url + "/x")["X-Staging-Token"] == "t0k"
    other = fetcher._request_headers("http://elsewhere.example/x")
    assert "Authorization" not in other and "X-Staging-Token" not in other and "Cookie" not in other
    response = fetcher.get(staging.url + "/en/index.html")
    assert response.status == 200 and "t0k" not in repr(response)


def test_option_and_environment_parsing():
    assert parse_header("X-A:  b c ") == ("X-A", "b c")
    assert parse_cookie("a=b=c") == ("a", "b=c")
    for bad in ("no colon", "Bad Name: x", ": x"):
        with pytest.raises(InputError):
            parse_header(bad)
    with pytest.raises(InputError):
        parse_cookie("novalue")
    assert basic_auth_from_env({"TOOLKIT_BASIC_AUTH": "u:p:q"}) == ("u", "p:q")
    assert basic_auth_from_env({"TOOLKIT_HTTP_USER": "u", "TOOLKIT_HTTP_PASSWORD": "p"}) == ("u", "p")
    assert basic_auth_from_env({}) is None
    with pytest.raises(InputError):
        basic_auth_from_env({"TOOLKIT_BASIC_AUTH": "nopassword"})
