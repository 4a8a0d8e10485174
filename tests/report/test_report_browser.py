"""The HTML report in a real browser: headless Debian chromium renders it, offline.

Fails (never skips) when chromium is missing: CI installs it (`.ci/run`), and a report nobody
has seen rendered is not tested. The screenshot stays in the test's temporary folder; its path
is printed (`pytest -s` or `-rP` shows it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crisisplay.home import Home
from crisisplay.report.chart import build_chart
from crisisplay.report.run import render, report_of
from tests.conftest import ROOT
from tests.report.browser import (
    MISSING,
    Page,
    devtools,
    open_page,
    pdf_page_sizes,
    print_pdf,
    read_png,
    require_chromium,
)
from tests.report.timelines import drill_timeline

pytestmark = pytest.mark.browser

CANARY = "http://report-canary.invalid/pixel.png"
#: colours of the chart's CSS: holding statements, resolutions, the 30-minute target
HOLDING, RESOLUTION, TARGET = (0x1F, 0x5F, 0xA8), (0x1A, 0x7F, 0x37), (0xC6, 0x28, 0x28)


PDF: dict[str, bytes] = {}
#: A4 in PostScript points, landscape as the print style sheet asks
A4_LANDSCAPE = (841.89, 595.28)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Page, Page, int]:
    binary = require_chromium()
    folder = tmp_path_factory.mktemp("browser")
    timeline = drill_timeline("nationwide-eta-slip", folder)
    report = report_of(Home(ROOT), timeline)
    page_file = folder / "report.html"
    page_file.write_text(render(report, "html"), encoding="utf-8")
    control = folder / "control.html"
    control.write_text(f'<!DOCTYPE html><title>control</title><img src="{CANARY}" alt="">')
    with devtools(binary, folder / "profile", folder / "chromium.log") as tools:
        page = open_page(tools, page_file.as_uri())
        control_page = open_page(tools, control.as_uri())
        PDF["report"] = print_pdf(tools, page.session)
    shot = folder / "report.png"
    shot.write_bytes(page.screenshot)
    print(f"\nscreenshot of the HTML report: {shot}")
    return shot, page, control_page, len(build_chart(report).marks)


def test_no_request_leaves_the_machine(rendered: tuple[Path, Page, Page, int]) -> None:
    _, page, control, _ = rendered
    assert CANARY in control.requests  # the check does see a page's requests
    assert page.requests, "the page's own load was not seen"
    assert all(url.startswith(("file:", "data:")) for url in page.requests), page.requests
    assert page.facts["resources"] == []  # nothing fetched after the document itself
    assert (page.facts["scripts"], page.facts["images"]) == (0, 0)
    assert page.errors == []  # no load failed, no Content-Security-Policy violation


def test_the_chart_is_in_the_page(rendered: tuple[Path, Page, Page, int]) -> None:
    _, page, _, marks = rendered
    box = page.facts["svg"]
    assert box is not None, "no svg.timeline in the page"
    assert box["width"] > 800 and box["height"] > 400, box
    assert page.facts["marks"] == marks > 30
    expected = {"circle", "square", "triangle", "check", "cross", "flag", "diamond", "ring"}
    assert expected <= set(page.facts["shapes"])  # diamond: the drill's injects


def test_the_screenshot_shows_the_rendered_chart(rendered: tuple[Path, Page, Page, int]) -> None:
    shot, page, _, _ = rendered
    image = read_png(shot.read_bytes())
    box = page.facts["svg"]
    assert image.width == 1280 and image.height >= box["y"] + box["height"]
    x0, y0 = int(box["x"]), int(box["y"])
    colours = image.colours(x0, y0, x0 + int(box["width"]), y0 + int(box["height"]))
    total = sum(colours.values())
    assert (total - colours[(255, 255, 255)]) / total > 0.05, "the chart area is blank"
    assert len(colours) > 30
    for colour in (HOLDING, RESOLUTION, TARGET):
        near = sum(
            n
            for p, n in colours.items()
            if max(abs(a - b) for a, b in zip(p, colour, strict=True)) <= 8
        )
        assert near >= 10, f"no mark drawn in {colour}"


def test_a_missing_chromium_fails_with_the_way_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pytest.fail.Exception, match="apt-get install chromium") as failed:
        require_chromium()
    assert str(failed.value) == MISSING


def test_no_two_chart_labels_overlap(rendered: tuple[Path, Page, Page, int]) -> None:
    _, page, _, _ = rendered
    assert page.facts["lang"] == "fr"  # the French report, as its incident speaks French
    boxes = [b for b in page.facts["labels"] if b["x1"] > b["x0"] and b["y1"] > b["y0"]]
    assert len(boxes) > 30
    assert any(b["text"].startswith("1. ") for b in boxes)  # the phases, numbered
    overlaps = [
        (a["text"], b["text"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["x0"] < b["x1"] - 0.5
        and b["x0"] < a["x1"] - 0.5
        and a["y0"] < b["y1"] - 0.5
        and b["y0"] < a["y1"] - 0.5
    ]
    assert not overlaps, overlaps


def test_print_to_pdf_gives_a4_pages(rendered: tuple[Path, Page, Page, int]) -> None:
    sizes = pdf_page_sizes(PDF["report"])
    assert len(sizes) >= 2  # the report does not fit one page: it is paginated, not shrunk
    for width, height in sizes:
        assert abs(width - A4_LANDSCAPE[0]) < 2 and abs(height - A4_LANDSCAPE[1]) < 2
