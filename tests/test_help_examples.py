"""Every example of every --help runs, with exit 0, in a copy of the bundled home.

The examples are read from the help as printed (an example wrapped over several lines is one
paragraph). The home gets what the examples name: the incident timeline
``timelines/20261123-0742-nationwide-outage-3f9a.jsonl`` (an activation from its answers file),
the drill timeline ``timelines/20261122-0840-drill-weekend-cm-gap.jsonl``, a ``draft.txt`` and
a second (small) home ``my-home``. Nobody sits at the test's keyboard, so a command that would
prompt is given its bundled answers file, ``--speed`` (real-time pacing) and ``--step`` (the
trainer's Enter key) are left out, ``--watch`` is ended by a Ctrl-C at its first refresh, and a
text piped in from ``pbpaste`` comes on stdin.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, Cli
from tests.engine.conftest import FIXTURE_HOME
from tests.test_docs import COMMANDS

INCIDENT = "timelines/20261123-0742-nationwide-outage-3f9a.jsonl"
DRILL = "timelines/20261122-0840-drill-weekend-cm-gap.jsonl"
_PROMPTING = {("activate",), ("drill", "run")}
#: commands of the shared store: their examples need a server (tests/store/ runs the commands)
_SHARED_ONLY = ("crisisplay store ", "crisisplay incidents", "crisisplay sync",
                "crisisplay timeline push", "crisisplay timeline pull",
                "crisisplay timeline follow")  # fmt: skip


def _examples(cli: Cli) -> list[str]:
    found: list[str] = []
    for command in [(), *COMMANDS]:
        text = cli(*command, "--help").stdout
        for paragraph in re.split(r"\n\s*\n", text):
            # Help is wrapped at 80 columns, after spaces and after hyphens ("local-").
            joined = re.sub(r"(?<=\w-) (?=\w)", "", " ".join(paragraph.split()))
            start = joined.find("crisisplay ")
            example = start >= 0 and (start == 0 or joined[:start].endswith(("Example: ", "| ")))
            if example and not joined[start:].startswith(_SHARED_ONLY):
                found.append(joined[start:])
    return list(dict.fromkeys(found))


#: who decides each gate, and owns each task, the examples name, in the example incident
_MEMBERS = {
    "comms-approval": "camille-roux",
    "legal-review": "julie-fabre",
    "brief-teams": "karim-mansouri",
    "press": "anne-lefevre",
}
#: an incident under way, whose board waits on the CM's update: `publish` and `do` act on it
UNDER_WAY = "timelines/example-under-way.jsonl"


def _unattended(words: list[str]) -> list[str]:
    if "--speed" in words:
        at = words.index("--speed")
        del words[at : at + 2]
    words = [word for word in words if word != "--step"]
    names = [w for w in words if not w.startswith("-")]
    acting = (names[0] in ("gate", "fact") and names[1] != "show") or "--mine" in words
    if names[0] in ("do", "publish"):
        if "--timeline" not in words:
            words += ["--timeline", UNDER_WAY]
        if "--actor" not in words:
            words += ["--actor", "ines-haddad" if names[0] == "publish" else _MEMBERS[names[1]]]
    if acting and "--actor" not in words:
        # a member acts as who they are: the person who holds the role the act needs
        words += ["--actor", _MEMBERS.get(names[-1], "noc-duty")]
    if names[:1] == ["resume"] and "--answers" not in words:
        # the one incident the examples resume is the nationwide outage of INCIDENT
        words += ["--answers", "playbooks/answers/nationwide-outage.yaml", "--quiet"]
    if tuple(names[:2]) in _PROMPTING or tuple(names[:1]) in _PROMPTING:
        target = names[2] if names[0] == "drill" else names[1]
        if "--answers" not in words:
            words += ["--answers", f"playbooks/answers/{target}.yaml", "--quiet"]
        if names[0] == "activate" and "--timeline" not in words:
            words += ["--timeline", f"timelines/example-{target}.jsonl"]
        if names[0] == "drill" and "--timeline" not in words:
            words += ["--timeline", f"timelines/example-drill-{target}.jsonl"]
    return words


@pytest.fixture
def example_home(tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    for name in ("playbooks", "templates"):
        shutil.copytree(ROOT / name, home / name)
    shutil.copytree(FIXTURE_HOME, home / "my-home")  # any valid home will do, a small one is fast
    monkeypatch.chdir(home)
    draft = "Panne en cours, toutes nos excuses. Prochain point à 15h sur https://status.example\n"
    (home / "draft.txt").write_text(draft, encoding="utf-8")
    for args in (
        ["activate", "nationwide-outage", "--timeline", INCIDENT],
        ["drill", "run", "weekend-cm-gap", "--timeline", DRILL],
    ):
        ran = cli(*_unattended(args))
        assert ran.exit_code == 0, ran.stdout + ran.stderr
    answers = yaml.safe_load((home / "playbooks/answers/nationwide-outage.yaml").read_text())
    del answers["messages"]["update"]  # the CM publishes it from her own terminal
    (home / "under-way.yaml").write_text(yaml.safe_dump(answers, allow_unicode=True))
    under_way = ["activate", "nationwide-outage", "--answers", "under-way.yaml", "--quiet"]
    ran = cli(*under_way, "--timeline", UNDER_WAY, "--actor", "camille-roux")
    assert ran.exit_code == 0 and "[publish update]" in ran.stdout, ran.stdout + ran.stderr
    monkeypatch.setattr("crisisplay.console.incident_views.time.sleep", _ctrl_c, raising=True)
    return home


def _ctrl_c(_seconds: float) -> None:
    raise KeyboardInterrupt


def test_every_help_example_runs(
    cli: Cli, example_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    examples = _examples(cli)
    assert len(examples) >= 25
    assert any("--set region=Bretagne" in example for example in examples)
    for example in examples:
        for step in example.split(" && "):
            words = shlex.split(step.split(" > ")[0])
            if words[0] == "cd":
                monkeypatch.chdir(words[1])
                continue
            assert words[0] == "crisisplay", example
            stdin = "Panne en cours, prochain point à 15h" if words[-1] == "-" else None
            ran = cli(*_unattended(words[1:]), input=stdin)
            assert ran.exit_code == 0, f"{example}\n{ran.stdout}\n{ran.stderr}"
        monkeypatch.chdir(example_home)
