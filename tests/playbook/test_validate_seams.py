"""`crisisplay validate` finds the seams of every template, with the sample, the widest and
the narrowest facts, and names the template's file and the line that wrote each one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import Cli

FIXTURE_HOME = Path(__file__).parent / "fixtures" / "home"
X_FR = "templates/minimal/holding/x.fr.j2"


def home_with(tmp_path: Path, template: str) -> Path:
    home = tmp_path / "home"
    shutil.copytree(FIXTURE_HOME, home)
    (home / X_FR).write_text(template, encoding="utf-8")
    return home


def test_a_seam_is_reported_at_the_line_that_wrote_it(cli: Cli, tmp_path: Path) -> None:
    home = home_with(
        tmp_path,
        "{{ brand.name }} : panne en cours.\n"
        "{# a comment line #}\n"
        "Suivi sur https://status.example Prochain point bientôt.\n",
    )
    ran = cli("validate", home=home)
    assert ran.exit_code == 1
    assert ran.stdout.splitlines()[0] == (
        f"{X_FR}:3: holding on x (fr) with the sample facts: seam.url-stop: Le lien "
        "https://status.example est suivi d'un mot en majuscule sans point : "
        "« https://status.example Prochain » (Mettez un point après le lien, ou passez à la "
        "ligne.)"
    )


def test_a_seam_of_the_widest_facts_only_names_them(cli: Cli, tmp_path: Path) -> None:
    home = home_with(
        tmp_path,
        "{{ brand.name }} : panne en cours.\n"
        "{% if 'sms' in services_down %}\n"
        "Les SMS sont coupés. les appels aussi.\n"
        "{% endif %}\n",
    )
    ran = cli("validate", "--format", "json", home=home)
    assert ran.exit_code == 1
    (problem,) = json.loads(ran.stdout)["problems"]
    assert (problem["file"], problem["line"]) == (X_FR, 3)
    assert "with the widest facts: seam.lower-case" in problem["message"]


def test_text_from_a_macro_is_credited_to_the_line_that_calls_it(cli: Cli, tmp_path: Path) -> None:
    home = home_with(
        tmp_path,
        '{% import "minimal/_say.fr.j2" as say with context %}\n'
        "{{ brand.name }} : panne en cours.\n"
        "{{ say.doubled() }}\n",
    )
    (home / "templates/minimal/_say.fr.j2").write_text(
        "{% macro doubled() %}Nos équipes  sont mobilisées.{% endmacro %}\n", encoding="utf-8"
    )
    ran = cli("validate", home=home)
    assert ran.exit_code == 1
    assert ran.stdout.startswith(f"{X_FR}:3: holding on x (fr) with the sample facts: ")
    assert "seam.double-space" in ran.stdout.splitlines()[0]


def test_a_clean_template_has_no_seam(cli: Cli, tmp_path: Path) -> None:
    home = home_with(
        tmp_path,
        "{{ brand.name }} : panne en cours.\n"
        "{% if 'sms' in services_down %}Les SMS sont coupés. {% endif %}Les appels aussi.\n",
    )
    ran = cli("validate", home=home)
    assert ran.exit_code == 0, ran.stdout
