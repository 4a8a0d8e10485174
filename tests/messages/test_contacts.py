"""The organisation's contacts reach every template: a text a reader must act on gives the
number or the address it needs, from the organisation file."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisisplay.errors import InputError
from crisisplay.home import Home
from crisisplay.messages.variables import builtin_variables
from crisisplay.playbook.load import Playbook, load_playbook
from tests.messages.conftest import CONTEXT, render_with, write_template


def test_the_bundled_organisation_gives_every_contact(bundled: Playbook) -> None:
    scenario = bundled.scenario("nationwide-outage")
    contacts = builtin_variables(bundled.organisation, scenario, {}, CONTEXT, lang="fr")["contacts"]
    assert contacts["care"]["phone"] and contacts["care"]["abroad"].startswith("+33")
    assert contacts["press"]["phone"] and "@" in contacts["press"]["email"]
    assert "@" in contacts["dpo"]["email"] and contacts["dpo"]["address"]
    assert contacts["authorities"]["name"] and contacts["authorities"]["phone"]
    assert contacts["accessibility"]["emergency"] == "114"
    english = builtin_variables(bundled.organisation, scenario, {}, CONTEXT, lang="en")
    assert english["contacts"]["care"]["hours"] != contacts["care"]["hours"]


def test_a_template_reads_a_contact(tmp_home: Path) -> None:
    write_template(
        tmp_home,
        "nationwide-outage/reply-angry/x.fr.j2",
        "Appelez le {{ contacts.care.phone }} (de l'étranger : {{ contacts.care.abroad }}).",
    )
    playbook = load_playbook(Home(tmp_home))
    (x, _) = render_with(playbook)("nationwide-outage", "reply-angry")
    assert "01 99 00 30 00" in x.text and "+33 1 99 00 30 00" in x.text


def test_a_contact_the_organisation_leaves_out_fails_with_its_name(tmp_home: Path) -> None:
    org = tmp_home / "playbooks" / "organisation.yaml"
    text = org.read_text(encoding="utf-8")
    contacts = text.index("\ncontacts:")
    start = text.index("\n  press:", contacts)
    end = text.index("\n  dpo:", contacts)
    org.write_text(text[:start] + text[end:], encoding="utf-8")
    write_template(
        tmp_home, "nationwide-outage/reply-angry/x.fr.j2", "Presse : {{ contacts.press.phone }}"
    )
    playbook = load_playbook(Home(tmp_home))
    with pytest.raises(InputError, match="press"):
        render_with(playbook)("nationwide-outage", "reply-angry")
