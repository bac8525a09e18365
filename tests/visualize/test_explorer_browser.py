"""The trace explorer works in a real browser, offline: Playwright drives the system Chromium.

The report of a real seed fit (``Sequential([Dense(512, relu), Dense(10,
softmax)])``, rmsprop, sparse categorical crossentropy, accuracy, batch 128)
is opened with every request routed to a handler that refuses it: the page
must fetch nothing, log no error (a Content-Security-Policy violation is a
console error, so the inline script's hash is checked too), fit its diagrams
to the screen, show ``select_data_adapter``'s adapters and its tf_keras
source in the side panel, step through ten spans in time order, find
``_build_map`` and zoom. A screenshot of each state is saved in the test's
``tmp_path`` (``explorer-*.png``).
"""
import os
import re

import numpy as np
import pytest

import tracekeras
import visualize
from tracekeras import layers
from tracekeras.models import Sequential

CHROMIUM = "/usr/bin/chromium"
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="playwright is not installed (pip install playwright)")
pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                reason=f"no Chromium at {CHROMIUM}: the browser tests need it")


@pytest.fixture(scope="module")
def seed_report():
    tracekeras.utils.set_random_seed(0)
    model = Sequential([layers.Dense(512, activation="relu"),
                        layers.Dense(10, activation="softmax")])
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    rng = np.random.default_rng(0)
    x, y = rng.random((384, 784), dtype="float32"), rng.integers(0, 10, 384)
    with tracekeras.trace() as t:
        model.fit(x, y, epochs=2, batch_size=128, verbose=0)
    return visualize.html_report(t)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


class Page:
    """A page with the report loaded, every request refused and recorded, errors kept."""

    def __init__(self, browser, html, tmp_path):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.requests, self.errors, self.tmp = [], [], tmp_path
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self.refuse)
        self.page.set_content(html)

    def refuse(self, route):
        url = route.request.url
        if not url.startswith(("data:", "about:")):
            self.requests.append(url)
        route.abort()

    def shot(self, name):
        path = self.tmp / f"explorer-{name}.png"
        self.page.screenshot(path=str(path))
        return path

    def panel(self):
        return self.page.inner_text(".tk-panel-body")

    def view_box(self, view="tk-calls"):
        return [float(v) for v in self.page.get_attribute(f"#{view} svg", "viewBox").split()]

    def close(self):
        assert self.errors == [], self.errors
        assert self.requests == [], f"the page fetched {self.requests}"
        self.page.close()


@pytest.fixture
def page(browser, seed_report, tmp_path):
    p = Page(browser, seed_report, tmp_path)
    yield p
    p.close()


def inside(page, selector, view):
    """Is the element's box within the view's box (on screen)?"""
    return page.page.evaluate(
        """([sel, view]) => { const a = document.querySelector(sel).getBoundingClientRect();
             const v = document.getElementById(view).getBoundingClientRect();
             return a.left >= v.left - 1 && a.right <= v.right + 1 && a.top >= v.top - 1
                    && a.bottom <= v.bottom + 1 && a.width > 0; }""", [selector, view])


def test_fit_select_step_search_zoom(page):
    p = page.page
    assert p.locator(".tk-root.tk-ready").count() == 1          # the script ran under the CSP
    # fit to screen on open: the whole call diagram and layer graph are inside their views
    assert inside(page, "#tk-calls svg > g", "tk-calls")
    assert inside(page, "#tk-layers-0 svg > g", "tk-layers-0")
    fitted = page.view_box()
    page.shot("1-open")

    box = p.locator("g.tk-box", has=p.locator("text", has_text="select_data_adapter"))
    box.first.click()
    text = page.panel()
    assert "select_data_adapter" in text and "stage\ndata" in text.replace("\t", "\n")
    assert "chosen: TensorLikeDataAdapter" in text
    assert "rejected: ListsOfScalars, GenericArrayLike, Dataset" in text
    assert re.search(r"tf_keras 2\.21[.\d]*: tf_keras/src/engine/data_adapter\.py:\d+", text), text
    assert "tracekeras/engine/data_adapter.py:" in text and "def select_data_adapter(" in text
    assert p.locator("g.tk-box.tk-sel").count() == 1
    assert p.locator(".tk-tree .tk-sel").count() == 1
    page.shot("2-select-data-adapter")

    # ten spans in time order: the position moves by one, every view follows
    start = int(p.inner_text(".tk-pos").split("/")[0])
    seen = []
    for n in range(1, 11):
        p.keyboard.press("n")
        assert int(p.inner_text(".tk-pos").split("/")[0]) == start + n
        seen.append(p.inner_text(".tk-panel-body h3"))
        assert p.locator(".tk-tree .tk-sel").count() == 1
        assert p.locator("g.tk-box.tk-sel").count() <= 1
    assert len(set(seen)) > 3, seen
    page.shot("3-ten-steps")

    p.fill(".tk-search", "_build_map")
    count = p.inner_text(".tk-count")
    matched = int(count.split(" of ")[0])
    assert matched >= 2 and "spans match" in count            # _build_map and its helper
    hits = p.locator("g.tk-box.tk-hit")
    assert hits.count() >= 2 and all("_build_map" in hits.nth(k).text_content()
                                     for k in range(hits.count()))
    assert p.locator("g.tk-box.tk-dim").count() > 10
    p.keyboard.press("Escape")
    p.keyboard.press("n")                                   # playback walks the matches only
    assert "_build_map" in p.inner_text(".tk-panel-body h3")
    page.shot("4-search-build-map")

    before = page.view_box()
    p.click("button[data-zoom='in'][data-for='tk-calls']")
    after = page.view_box()
    assert after[2] == pytest.approx(before[2] / 1.25, rel=1e-3)
    view = p.locator("#tk-calls").bounding_box()
    p.mouse.move(view["x"] + view["width"] / 2, view["y"] + view["height"] / 2)
    p.mouse.wheel(0, -200)
    assert page.view_box()[2] < after[2]
    p.mouse.down()
    p.mouse.move(view["x"] + view["width"] / 2 - 120, view["y"] + view["height"] / 2, steps=4)
    p.mouse.up()
    assert page.view_box()[0] > before[0]                    # dragged left: the view moved right
    page.shot("5-zoomed")
    p.click(".tk-fit")
    assert page.view_box() == pytest.approx(fitted)


def test_play_layer_graph_and_timeline(page):
    p = page.page
    p.click(".tk-play")
    p.wait_for_timeout(1600)
    p.click(".tk-play")
    position = int(p.inner_text(".tk-pos").split("/")[0])
    assert position >= 2
    # a layer-graph node selects the spans of that layer (its lazy build, in the first step)
    p.locator("#tk-layers-0 g.tk-layer").nth(1).click()
    text = page.panel()
    assert "layer\ndense" in text.replace("\t", "\n")
    assert p.locator("#tk-layers-0 g.tk-layer.tk-sel").count() == 1
    # a timeline bar selects its span
    p.locator(".tk-timeline rect[data-span]").first.click()
    assert "Model.fit" in p.inner_text(".tk-panel-body h3")
    page.shot("6-layer-and-timeline")


def test_the_sequence_diagram_selects_and_plays(page):
    """A message of the sequence diagram is a span like a call-diagram box: clicking it
    selects that span in every view, and playback walks its messages in call order."""
    p = page.page
    fits = "e => e.scrollWidth <= e.clientWidth && e.querySelector('svg').getBoundingClientRect()" \
           ".right <= e.getBoundingClientRect().right + 1"
    assert p.locator("#tk-seq").evaluate(fits)                  # no sideways scrolling
    message = p.locator("#tk-seq g.tk-msg", has=p.locator("text", has_text="select_data_adapter"))
    assert message.count() == 1
    message.click()
    text = page.panel()
    assert "select_data_adapter" in p.inner_text(".tk-panel-body h3")
    assert "chosen: TensorLikeDataAdapter" in text
    selected = p.locator("g.tk-box.tk-sel")                   # the same span in the call diagram
    assert selected.count() == 1 and "select_data_adapter" in selected.text_content()
    assert "select_data_adapter" in p.locator(".tk-tree .tk-sel").first.text_content()
    assert p.locator("#tk-seq g.tk-msg.tk-sel").count() == 1
    first = int(p.locator("#tk-seq g.tk-msg.tk-sel").get_attribute("data-n"))
    page.shot("9-sequence-select")

    p.keyboard.press("n")          # the next span in time order is the next message
    assert "TensorLikeDataAdapter.__init__" in p.inner_text(".tk-panel-body h3")
    assert int(p.locator("#tk-seq g.tk-msg.tk-sel").get_attribute("data-n")) == first + 1

    # playback moves through the diagram: the selected message follows, scrolled into view
    seen = set()
    p.click(".tk-play")
    for _ in range(6):
        p.wait_for_timeout(700)
        sel = p.locator("#tk-seq g.tk-msg.tk-sel")
        if sel.count():
            seen.add(sel.first.get_attribute("data-n"))
            assert inside(page, "#tk-seq g.tk-msg.tk-sel", "tk-seq")
    p.click(".tk-play")
    assert len(seen) >= 3, seen
    page.shot("10-sequence-playback")

    # a span the diagram draws too deep (a layer's lazy build, picked in the layer graph):
    # the message of its nearest drawn caller is marked
    p.locator("#tk-layers-0 g.tk-layer").nth(1).click()
    assert "layer\ndense" in page.panel().replace("\t", "\n")
    assert p.locator("#tk-seq g.tk-msg.tk-sel").count() == 1
    assert inside(page, "#tk-seq g.tk-msg.tk-sel", "tk-seq")

    p.fill(".tk-search", "on_train_batch")                   # the filter marks messages too
    assert p.locator("#tk-seq g.tk-msg.tk-hit").count() >= 2
    assert p.locator("#tk-seq g.tk-msg.tk-dim").count() > 10


def test_two_traces_side_by_side(browser, tmp_path):
    from tests.diff.conftest import trace_path
    from tracekeras.tracing import alignment
    a, b = trace_path("base"), trace_path("reordered")
    html = visualize.comparison_html(alignment.compare(a, b), a=a, b=b)
    page = Page(browser, html, tmp_path)
    p = page.page
    assert p.locator(".tk-root.tk-ready").count() == 2
    # the reordered trace: its moved stage and its differing build decision are marked
    assert p.locator("#tk-calls-b g.tk-box.tk-moved").count() >= 1
    differs = p.locator("#tk-calls-b g.tk-box.tk-differs")
    assert differs.count() >= 1 and p.locator("#tk-calls-a g.tk-box.tk-differs").count() >= 1
    differs.first.click()
    side_b = p.locator(".tk-root").nth(1)
    assert "(None, 9)" in side_b.locator(".tk-panel-body").inner_text()
    assert side_b.locator("g.tk-box.tk-sel").count() == 1
    assert p.locator(".tk-root").nth(0).locator(".tk-sel").count() == 0   # A is untouched
    before = page.view_box("tk-calls-a")
    p.click("button[data-zoom='in'][data-for='tk-calls-a']")
    assert page.view_box("tk-calls-a")[2] == pytest.approx(before[2] / 1.25, rel=1e-3)
    page.shot("7-diff-side-by-side")
    page.close()


def test_a_hostile_trace_stays_text(browser, tmp_path):
    from tests.reliability.test_escaping import HOSTILE, SCRIPT, hand_built
    page = Page(browser, visualize.html_report(hand_built(), title="report " + HOSTILE), tmp_path)
    p = page.page
    dialogs = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    assert p.locator(".tk-root.tk-ready").count() == 1
    for _ in range(3):
        p.keyboard.press("n")
    assert SCRIPT in page.panel()                   # shown as text in the panel
    p.fill(".tk-search", "alert(1)")
    assert "spans match" in p.inner_text(".tk-count")
    assert dialogs == [] and p.evaluate("document.querySelectorAll('script').length") == 2
    page.shot("8-hostile")
    page.close()


def test_a_folded_step_opens(browser, tmp_path):
    from tests.visualize.conftest import fixture_path
    page = Page(browser, visualize.html_report(fixture_path("seed_fit_steps")), tmp_path)
    p = page.page
    fold = p.locator(".tk-tree details.fold").first
    assert fold.get_attribute("open") is None                 # shown folded: one row, a count
    closed = fold.locator("xpath=ancestor::details[not(@open)]")
    while closed.count():                                     # open the tree down to it
        closed.first.locator(":scope > summary").click()
    fold.locator(":scope > summary").click()
    head = p.inner_text(".tk-panel-body h3")
    assert head.startswith("× 28"), head
    position = int(p.inner_text(".tk-pos").split("/")[0])
    p.click(".tk-open-fold")
    assert fold.get_attribute("open") is not None             # opened on one of its steps
    sample = fold.locator("[data-span]").first
    assert "tk-sel" in sample.get_attribute("class")
    assert "fold-note" not in sample.get_attribute("class")
    assert int(p.inner_text(".tk-pos").split("/")[0]) == position + 1
    assert "epoch / step\n0 / 1" in page.panel().replace("\t", "\n")
    p.keyboard.press("n")                                   # and walks into what it called
    assert int(p.inner_text(".tk-pos").split("/")[0]) == position + 2
    assert p.locator(".tk-tree .tk-sel").count() == 1
    page.shot("9-fold-opened")
    page.close()
