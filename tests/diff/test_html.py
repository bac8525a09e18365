"""visualize.comparison_html: the side-by-side page is self-contained and renders in a browser
(headless Chromium screenshots it, as tests/visualize does for the trace report)."""
import re
import subprocess

import numpy as np
import pytest

import visualize
from tests.visualize.test_html_screenshot import CHROMIUM, FLAGS, read_png
from tracekeras.tracing import alignment

from .conftest import trace_path


@pytest.fixture(name="page")
def page_of_the_reordered_trace():
    return visualize.comparison_html(alignment.compare(trace_path("base"),
                                                       trace_path("reordered")))


def test_the_page_fetches_nothing(page):
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>")
    for needle in ("http://", "https://", "<script", "<link", "src=", "@import", "url("):
        assert needle not in page


def test_the_page_has_the_summary_the_differences_and_every_row_side_by_side(page):
    assert ("<p class='summary fail'>131/132 key stages in order, 1 moved, 1 decision differs, "
            "epoch loss max rel. diff 3e-7</p>") in page
    rows = re.findall(r"<tr class='is-(\w+)'", page.split("<h2>Side by side</h2>")[1])
    assert len(rows) == 133 and rows.count("moved") == 2 and rows.count("decision") == 1
    assert "title='input_shape: (None, 5) → (None, 9)'" in page
    assert page._repr_html_() == page


def test_a_passing_comparison_is_marked_as_passing():
    page = visualize.comparison_html(alignment.compare(trace_path("base"), trace_path("again")))
    assert "<p class='summary pass'>132/132 key stages in order" in page


def area(pixels, colour):
    """How many pixels have exactly this colour (a row's background fills hundreds)."""
    return int((pixels == np.array(colour)).all(axis=2).sum())


@pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium (make test installs it)")
def test_the_page_renders_with_its_row_colours(page, tmp_path):
    html = tmp_path / "diff.html"
    html.write_text(page, encoding="utf-8")
    shot = tmp_path / "shot.png"
    flags = [f for f in FLAGS if not f.startswith("--window-size")] + ["--window-size=1280,2200"]
    subprocess.run([CHROMIUM, *flags, f"--user-data-dir={tmp_path / 'profile'}",
                    f"--screenshot={shot}", html.as_uri()],
                   check=True, capture_output=True, timeout=120)
    pixels = read_png(shot)
    assert pixels.shape[1] == 1280
    assert len({tuple(p) for p in pixels[::7, ::7].reshape(-1, 3)}) > 50, "(nearly) blank"
    assert area(pixels, (0xf3, 0xe5, 0xf5)) > 1000, "no moved row (purple) on the page"
    assert area(pixels, (0xff, 0xf8, 0xe1)) > 1000, "no decision row (amber) on the page"
    assert area(pixels, (0xc6, 0x28, 0x28)) > 100, "no failing summary bar (red)"
    # nothing is missing or extra in this comparison: no red or green rows
    assert area(pixels, (0xff, 0xeb, 0xee)) == area(pixels, (0xe8, 0xf5, 0xe9)) == 0
