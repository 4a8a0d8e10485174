"""The login the server recorded beside the self-declared actor: the organisation file maps
logins to people, and the report shows the login when it is someone else's."""

from __future__ import annotations

import json

import psycopg

from tests.conftest import ROOT, Cli
from tests.store.pgcluster import Cluster

ANSWERS = ROOT / "playbooks" / "answers" / "nationwide-outage.yaml"
CAMILLE_LOGIN = "croux"  # camille-roux's login in the bundled organisation file
OTHER = "cp_member_bob"


def _member(cluster: Cluster, store_url: str, login: str) -> str:
    cluster.create_login(login, f"{login}-pw")
    with psycopg.connect(store_url, autocommit=True) as conn:
        conn.execute(f"GRANT crisisplay_member TO {login}")
    return cluster.url(store_url.rsplit("/", 1)[1], login, f"{login}-pw")


def test_the_report_shows_a_login_only_when_it_is_not_the_actors(
    cli: Cli, cluster: Cluster, store_url: str
) -> None:
    camille = _member(cluster, store_url, CAMILLE_LOGIN)
    bob = _member(cluster, store_url, OTHER)
    ran = cli("--store", camille, "activate", "nationwide-outage", "--answers", str(ANSWERS),
              "--quiet", "--actor", "camille-roux")  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    said = cli("--store", bob, "log", "decision", "Open a second call centre", "--actor",
               "camille-roux")  # fmt: skip
    assert said.exit_code == 0, said.stderr

    report = cli("--store", camille, "report", "--format", "json")
    assert report.exit_code == 0, report.stderr
    decisions = json.loads(report.stdout)["record"]["decisions"]
    by_login = {d["login"] for d in decisions if d["actor"] == "camille-roux"}
    assert by_login == {None, OTHER}  # her own login is not shown; bob's is
    (theirs,) = [d for d in decisions if d["login"] == OTHER]
    assert theirs["kind"] == "decision.logged"

    text = cli("--store", camille, "report", "--format", "md")
    mine = [line for line in text.stdout.splitlines() if "Open a second call centre" in line]
    assert "| Camille Roux (compte cp\\_member\\_bob) |" in mine[0]  # markdown escapes _
    assert "Camille Roux (compte" not in text.stdout.replace(mine[0], "")
