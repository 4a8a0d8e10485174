"""`crisisplay render`: text, json, --out, --set, --facts, --timeline and the exit codes."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path

from crisisplay.timeline import vocabulary
from crisisplay.timeline.events import NewEvent
from crisisplay.timeline.store import TimelineStore, read_events
from crisisplay.timeline.verify import verify
from crisisplay.timeline.vocabulary import new_event
from tests.conftest import Cli
from tests.messages.conftest import plain, write_template

SETS = [
    "--set", "services_down=voice,data",
    "--set", "affected_share=60",
    "--set", "started_at=7h42",
    "--set", "emergency_calls_ok=yes",
]  # fmt: skip


def test_render_text_shows_a_panel_per_channel_and_skipped_channels(cli: Cli) -> None:
    ran = cli("render", "nationwide-outage", "holding", "--lang", "fr", "--sample", "--panels")
    assert ran.exit_code == 0, ran.stderr
    for channel in ("x (fr)", "sms (fr)", "email (fr)", "status-page (fr)"):
        assert channel in ran.stdout
    assert "push (fr) skipped: Sans internet mobile" in ran.stdout
    assert "GSM-7, 2 parts" in ran.stdout
    assert "Subject: EXEMPLE (faits fictifs, ne pas publier) - Panne de notre réseau" in ran.stdout


def test_render_json_is_one_document_with_the_stable_fields(cli: Cli) -> None:
    ran = cli("render", "nationwide-outage", "holding", "--sample", "--format", "json",
              "--next-update", "11h30")  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    items = {item["channel"]: item for item in json.loads(ran.stdout)}
    assert items["push"] == {
        "channel": "push",
        "lang": "fr",
        "message": "holding",
        "kind": "holding",
        "skipped": True,
        "sample": True,
        "reason": "Sans internet mobile, la notification n'arriverait pas.",
    }
    x = items["x"]
    assert {"text", "length", "limit", "ok", "findings", "sha256"} <= set(x)
    assert x["limit"] == 280 and x["ok"] is True and "Prochain point à 11h30." in x["text"]
    assert items["sms"]["encoding"] == "GSM-7" and items["sms"]["non_gsm_chars"] == []
    assert items["email"]["subject"] and items["email"]["html"].startswith("<!DOCTYPE html>")


def test_render_with_set_names_facts_and_fills_them_in(cli: Cli) -> None:
    # the first figured message (the holding statement carries no figure)
    ran = cli("render", "nationwide-outage", "update", *SETS, "--set", "cause_known=no",
              "--next-update", "11:30", "--channel", "x", "--format", "json")  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    [x] = json.loads(ran.stdout)
    assert "pour environ 60\u00a0% de nos clients" in x["text"]


def test_missing_facts_are_named_at_once_with_exit_2(cli: Cli) -> None:
    ran = cli("render", "nationwide-outage", "holding", "--set", "started_at=07:42")
    assert ran.exit_code == 2
    assert (
        "missing facts for message 'holding': affected_share, emergency_calls_ok, services_down"
        in ran.stderr
    )
    assert "--set affected_share=..." in ran.stderr
    assert len(ran.stderr.strip().splitlines()) == 1


def test_a_bad_set_value_names_the_fact_with_exit_2(cli: Cli) -> None:
    ran = cli("render", "nationwide-outage", "holding", *SETS, "--set", "affected_share=lots")
    assert ran.exit_code == 2
    assert "fact 'affected_share': 'lots' is not a number" in ran.stderr


def test_a_bad_value_in_a_facts_file_names_file_and_line(cli: Cli, tmp_path: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(
        "services_down: [voice]\naffected_share: 60\nstarted_at: half past seven\n",
        encoding="utf-8",
    )
    ran = cli("render", "nationwide-outage", "holding", "--facts", str(facts))
    assert ran.exit_code == 2
    assert f"{facts}:3:13: fact 'started_at'" in ran.stderr


def test_set_wins_over_the_facts_file(cli: Cli, tmp_path: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(
        "services_down: [voice]\naffected_share: 60\nstarted_at: '07:42'\nemergency_calls_ok: yes\n"
        "cause_known: no\n"
    )
    ran = cli("render", "nationwide-outage", "update", "--facts", str(facts), "--set",
              "affected_share=30", "--next-update", "11:30", "--channel", "x", "--format",
              "json")  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    assert "environ 30\u00a0% de nos clients" in json.loads(ran.stdout)[0]["text"]


def test_an_error_finding_gives_exit_1(cli: Cli, home_copy: Path) -> None:
    write_template(
        home_copy, "nationwide-outage/holding/x.fr.j2", "Un incident mineur, sans gravité."
    )
    ran = cli(
        "render", "nationwide-outage", "holding", "--sample", "--channel", "x", home=home_copy
    )
    assert ran.exit_code == 1
    assert "error minimising" in ran.stderr  # piped: the text on stdout, findings on stderr


def test_unknown_scenario_or_message_gives_exit_2(cli: Cli) -> None:
    assert cli("render", "nationwide-outag", "holding", "--sample").exit_code == 2
    ran = cli("render", "nationwide-outage", "holdin", "--sample")
    assert ran.exit_code == 2 and "did you mean 'holding'" in ran.stderr


def test_out_writes_one_file_per_channel_and_part(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    ran = cli(
        "render", "nationwide-outage", "holding", "--sample", "--lang", "en", "--out", str(out)
    )
    assert ran.exit_code == 0, ran.stderr
    names = sorted(p.name for p in out.iterdir())
    assert "holding.x.en.txt" in names and "holding.email.en.html" in names
    assert "holding.email.en.title.txt" in names
    assert not any(".push." in n for n in names)  # skipped: mobile data is down
    again = cli(
        "render", "nationwide-outage", "holding", "--sample", "--lang", "en", "--out", str(out)
    )
    assert "(overwritten)" in again.stderr


def test_out_refuses_to_write_through_a_symlink(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = tmp_path / "elsewhere.txt"
    (out / "holding.x.fr.txt").symlink_to(target)
    ran = cli("render", "nationwide-outage", "holding", "--sample", "--out", str(out))
    assert ran.exit_code == 2 and "symlink" in ran.stderr
    assert not target.exists()


def _timeline(path: Path) -> None:
    at = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
    store = TimelineStore(path, incident="inc-42")
    store.append_many(
        [
            NewEvent(
                vocabulary.IncidentActivated.KIND,
                "lead",
                None,
                {"scenario": "nationwide-outage", "lang": "fr", "drill": True},
                at,
            ),
            NewEvent(
                vocabulary.FactSet.KIND,
                "lead",
                None,
                {"fact": "services_down", "value": ["sms"]},
                at,
            ),
            NewEvent(
                vocabulary.FactSet.KIND, "lead", None, {"fact": "affected_share", "value": 40}, at
            ),
            NewEvent(
                vocabulary.FactSet.KIND, "lead", None, {"fact": "affected_share", "value": 45}, at
            ),
            NewEvent(
                vocabulary.FactSet.KIND, "lead", None, {"fact": "started_at", "value": "08:10"}, at
            ),
            NewEvent(
                vocabulary.FactSet.KIND,
                "lead",
                None,
                {"fact": "emergency_calls_ok", "value": True},
                at,
            ),
            NewEvent(vocabulary.SeverityAssessed.KIND, "lead", None, {"level": "major"}, at),
        ]
    )


def test_render_with_a_timeline_uses_its_facts_and_records_each_channel(
    cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "incident.jsonl"
    _timeline(path)
    ran = cli("render", "nationwide-outage", "update", "--timeline", str(path), "--format",
              "json", "--actor", "camille-roux", "--next-update", "10:30", "--set",
              "cause_known=no")  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    items = json.loads(ran.stdout)
    by_channel = {item["channel"]: item for item in items}
    # Latest value wins; the drill flag comes from the activation.
    assert "environ 45\u00a0% de nos clients" in by_channel["x"]["text"]
    assert by_channel["x"]["text"].startswith("EXERCICE EXERCICE EXERCICE\n")
    assert by_channel["sms"]["skipped"] is True
    events = read_events(path).events[6:]
    rendered = [e for e in events if e.kind == vocabulary.MessageRendered.KIND]
    skipped = [e for e in events if e.kind == vocabulary.ChannelSkipped.KIND]
    assert len(rendered) + len(skipped) == len(items)
    assert [e.payload["channel"] for e in skipped] == ["sms"]
    for event in rendered:
        item = by_channel[event.payload["channel"]]
        assert event.actor == "camille-roux"
        assert event.payload["sha256"] == hashlib.sha256(item["text"].encode()).hexdigest()
        assert event.payload["message"] == "update" and event.payload["kind"] == "update"
        assert event.payload["lang"] == "fr" and event.payload["ok"] is True
        assert event.payload["length"] == item["length"]
    assert verify(path).ok


def test_a_timeline_of_another_scenario_is_refused(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "incident.jsonl"
    _timeline(path)
    ran = cli("render", "local-outage", "holding", "--timeline", str(path))
    assert ran.exit_code == 2 and "not 'local-outage'" in ran.stderr


def _promise_and_resolve(path: Path, *, resolve: bool) -> None:
    at = datetime(2026, 11, 23, 9, 20, tzinfo=timezone.utc)
    due = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)  # 11:00 in Paris
    store = TimelineStore(path)
    news = [new_event(vocabulary.PromiseMade(due, "holding"), "lead", None, at)]
    if resolve:
        news.append(new_event(vocabulary.IncidentResolved(), "lead", None, at))
    store.append_many(news)


def test_every_text_on_an_incident_says_the_promise_in_force(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "incident.jsonl"
    _timeline(path)
    _promise_and_resolve(path, resolve=False)
    ran = cli("render", "nationwide-outage", "internal-brief", "--timeline", str(path),
              "--sample", "--format", "json")  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    texts = [item["text"] for item in json.loads(ran.stdout) if not item["skipped"]]
    assert texts and all("11h" in text for text in texts)
    recorded = [e for e in read_events(path).events if e.kind == vocabulary.MessageRendered.KIND]
    assert recorded and all(
        e.payload["next_update"] == "2026-11-23T10:00:00.000Z" for e in recorded
    )
    assert all(e.payload["preview"] is True for e in recorded)
    # Another time than the one promised is refused, and nothing is recorded.
    before = path.read_bytes()
    ran = cli("render", "nationwide-outage", "update", "--timeline", str(path), "--sample",
              "--next-update", "12:00")  # fmt: skip
    assert ran.exit_code == 1 and "contradicts the promise in force (11:00)" in ran.stderr
    assert path.read_bytes() == before


def test_an_in_progress_message_after_resolution_is_refused(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "incident.jsonl"
    _timeline(path)
    _promise_and_resolve(path, resolve=True)
    before = path.read_bytes()
    ran = cli("render", "nationwide-outage", "holding", "--timeline", str(path), "--sample")
    assert ran.exit_code == 1
    assert "refused: the incident is resolved: the holding message" in ran.stderr
    assert "not recorded" in ran.stderr
    assert path.read_bytes() == before
    ran = cli("render", "nationwide-outage", "resolution", "--timeline", str(path),
              "--sample", "--format", "json")  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    assert "not resolved yet" not in ran.stderr


def test_sample_texts_say_so_in_their_first_line(cli: Cli) -> None:
    ran = cli("render", "nationwide-outage", "holding", "--sample", "--format", "json")
    assert ran.exit_code == 0, ran.stderr
    items = [i for i in json.loads(ran.stdout) if not i["skipped"]]
    assert items and all(i["sample"] is True for i in items)
    assert all(i["text"].startswith("EXEMPLE (faits fictifs, ne pas publier)\n") for i in items)
    ran = cli("render", "nationwide-outage", "holding", "--sample", "--lang", "en", "--drill",
              "--channel", "x", "--format", "json")  # fmt: skip
    [x] = json.loads(ran.stdout)
    assert x["text"].startswith("EXERCISE EXERCISE EXERCISE - SAMPLE (invented facts, do not")
    assert x["ok"], x["findings"]  # the markers leave room for themselves
    ran = cli("render", "nationwide-outage", "holding", *SETS, "--format", "json")
    assert all(i["sample"] is False for i in json.loads(ran.stdout))


def test_a_sample_is_told_on_the_sample_story_s_own_morning(cli: Cli) -> None:
    # The sample facts read as one morning (a start at 07:42, a return around 10:45): a preview
    # at night must not say "update at 20:00, back around 10:45".
    ran = cli("render", "nationwide-outage", "update", "--sample", "--channel", "x",
              "--format", "json")  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    [x] = json.loads(ran.stdout)
    text = plain(x["text"])
    assert "Point de 10h :" in text and "Prochain point à 11h." in text, text
    ran = cli("render", "nationwide-outage", "press-statement", "--sample", "--format", "json")
    [press] = json.loads(ran.stdout)
    assert "14 mars 2026" in plain(press["text"]), press["text"][:300]


def test_a_sample_is_dated_on_the_day_its_story_starts(cli: Cli) -> None:
    # the sample attack is detected on 1 December at 03:17: its press statement is dated that
    # day and says "today", not "14 March" before a detection in December
    ran = cli("render", "cyberattack", "press-statement", "--sample", "--format", "json")
    [press] = json.loads(ran.stdout)
    text = plain(press["text"])
    assert "Paris, le 1er décembre 2026 - " in text, text[:300]
    assert "une cyberattaque aujourd'hui à 3h17." in text, text[:300]
    ran = cli("render", "billing-incident", "press-statement", "--sample", "--format", "json")
    [press] = json.loads(ran.stdout)
    assert "Paris, le 2 avril 2025 - " in plain(press["text"]), press["text"][:300]
