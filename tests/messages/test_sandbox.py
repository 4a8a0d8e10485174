"""Templates run in a sandbox they cannot leave: well-known escapes are refused and run nothing.

Each payload, if it ran, would create a marker file; the test checks the refusal names the
template and that no marker exists.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from crisisplay.errors import InputError
from crisisplay.home import Home
from crisisplay.messages.limits import RenderLimits
from crisisplay.messages.loader import ConfinedLoader, UnsafeTemplateName, check_name
from crisisplay.messages.run import run_template
from crisisplay.messages.sandbox import MessageEnvironment
from crisisplay.playbook.load import load_playbook
from tests.messages.conftest import render_with, write_template

TOUCH = "popen('touch {marker}').read()"
PAYLOADS = {
    "class-mro-subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals-builtins": "{{ brand.__init__.__globals__['__builtins__']['__import__']('os')."
    + TOUCH
    + " }}",
    "self-init-globals": "{{ self.__init__.__globals__.os." + TOUCH + " }}",
    "cycler-globals": "{{ cycler.__init__.__globals__.os." + TOUCH + " }}",
    "joiner-globals": "{{ joiner.__init__.__globals__.os." + TOUCH + " }}",
    "lipsum-globals": "{{ lipsum.__globals__['os']." + TOUCH + " }}",
    "namespace-globals": "{{ namespace.__init__.__globals__.os." + TOUCH + " }}",
    "attr-filter-chain": "{{ ''|attr('__class__')|attr('__mro__') }}",
    "str-format-attribute": "{{ '{0.__class__.__mro__}'.format(lang) }}",
    "format-filter": "{{ '%s'|format(lang.__class__) }}",
    "percent-width": "{{ '%999999999d' % 1 }}",
    "huge-range": "{{ range(10**9)|list }}",
    "string-multiplication": "{{ 'x' * 10**9 }}",
    "request-config": "{{ request.application.__globals__ }}{{ config.items() }}",
    "macro-globals": "{% macro m() %}{% endmacro %}{{ m.__globals__.os." + TOUCH + " }}",
    "enormous-loops": "{% set s = 'x' * 90000 %}{% for a in s %}{% for b in s %}"
    "{% endfor %}{% endfor %}",
    "doubling-text": "{% set a = 'xxxxxxxxxx' %}" + "{% set a = a ~ a %}" * 40 + "{{ a }}",
    "builtin-dict": "{{ dict(a=1) }}",
}


@pytest.fixture
def marker(tmp_path: Path) -> Path:
    return tmp_path / "pwned"


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_escape_payload_is_refused_and_runs_nothing(
    tmp_home: Path, marker: Path, name: str
) -> None:
    write_template(
        tmp_home,
        "nationwide-outage/holding/x.fr.j2",
        "Panne.\n" + PAYLOADS[name].replace("{marker}", str(marker)) + "\n",
    )
    render = render_with(load_playbook(Home(tmp_home)))
    with pytest.raises(InputError) as caught:
        render("nationwide-outage", "holding", channels=["x"])
    error = str(caught.value)
    assert "templates/nationwide-outage/holding/x.fr.j2" in error
    assert any(
        reason in error
        for reason in ("unsafe", "unknown variable", "No filter", "limit", "not allowed")
    ), error
    assert not marker.exists()


def test_there_are_at_least_twelve_payloads() -> None:
    assert len(PAYLOADS) >= 12


@pytest.mark.parametrize(
    "name",
    ["../playbooks/organisation.yaml", "/etc/passwd", "a\\b.j2", "C:/x.j2", "a/../../b", ".hidden"],
)
def test_unsafe_template_names_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(UnsafeTemplateName):
        check_name(name)
    loader = ConfinedLoader(tmp_path)
    with pytest.raises(UnsafeTemplateName):
        loader.path_of(name)


def test_an_include_with_dotdot_is_refused(tmp_home: Path) -> None:
    write_template(
        tmp_home,
        "nationwide-outage/holding/x.fr.j2",
        "{% include '../playbooks/organisation.yaml' %}",
    )
    render = render_with(load_playbook(Home(tmp_home)))
    with pytest.raises(InputError, match=r"refused: '\.\.' is not allowed"):
        render("nationwide-outage", "holding", channels=["x"])


def test_a_symlink_out_of_templates_is_refused(tmp_home: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    link = tmp_home / "templates/_shared/leak.j2"
    os.symlink(secret, link)
    write_template(tmp_home, "nationwide-outage/holding/x.fr.j2", "{% include '_shared/leak.j2' %}")
    render = render_with(load_playbook(Home(tmp_home)))
    with pytest.raises(InputError, match="leads outside templates/") as caught:
        render("nationwide-outage", "holding", channels=["x"])
    assert "SECRET" not in str(caught.value)


def test_a_symlink_inside_templates_is_fine(tmp_path: Path) -> None:
    (tmp_path / "real.j2").write_text("hello", encoding="utf-8")
    os.symlink(tmp_path / "real.j2", tmp_path / "alias.j2")
    env = MessageEnvironment(tmp_path)
    assert run_template(env, "alias.j2", {}, RenderLimits()) == "hello"


def test_a_symlinked_message_folder_leading_out_is_refused(tmp_home: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.fr.j2").write_text("hello", encoding="utf-8")
    folder = tmp_home / "templates/nationwide-outage/holding"
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    os.symlink(outside, folder)
    render = render_with(load_playbook(Home(tmp_home)))
    with pytest.raises(InputError, match="leads outside templates/"):
        render("nationwide-outage", "holding", channels=["x"])


def test_render_time_is_capped(tmp_path: Path) -> None:
    # A fake timer: every tick moves time on by one second.
    ticks = iter(range(10**6))
    limits = RenderLimits(max_seconds=5, timer=lambda: float(next(ticks)))
    (tmp_path / "slow.j2").write_text(
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
        "{{ f(30) }}",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="longer than 5 s"):
        run_template(MessageEnvironment(tmp_path), "slow.j2", {}, limits)


def test_output_size_is_capped(tmp_path: Path) -> None:
    (tmp_path / "big.j2").write_text(
        "{% set s = 'y' * 900 %}{% for c in s %}{{ s }}{% endfor %}", encoding="utf-8"
    )
    with pytest.raises(InputError, match="longer than 100,000 characters"):
        run_template(MessageEnvironment(tmp_path), "big.j2", {}, RenderLimits())


def test_recursive_loops_are_refused_at_compile_time(tmp_path: Path) -> None:
    (tmp_path / "r.j2").write_text(
        "{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}", encoding="utf-8"
    )
    with pytest.raises(InputError, match="recursive loops are not allowed"):
        run_template(MessageEnvironment(tmp_path), "r.j2", {}, RenderLimits())


def test_html_parts_escape_facts_and_text_parts_do_not(tmp_path: Path) -> None:
    (tmp_path / "m.html.fr.j2").write_text("<p>{{ v }}</p>", encoding="utf-8")
    (tmp_path / "m.fr.j2").write_text("{{ v }}", encoding="utf-8")
    env = MessageEnvironment(tmp_path)
    value = {"v": "<script>alert(1)</script>"}
    assert run_template(env, "m.html.fr.j2", value, RenderLimits()) == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )
    assert run_template(env, "m.fr.j2", value, RenderLimits()) == value["v"]
