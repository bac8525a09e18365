"""The documentation site builds with Sphinx, warnings as errors (as CI builds it), loads
nothing from outside, and its figures are readable where they stand."""
import os
import re
import subprocess
import sys

import pytest

from tests.visualize import offline

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    pytest.importorskip("sphinx")
    pytest.importorskip("myst_parser")
    out = tmp_path_factory.mktemp("site")
    cmd = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
           "-d", str(out / "doctrees"), os.path.join(ROOT, "docs"), str(out / "html")]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, f"sphinx-build failed:\n{done.stdout}\n{done.stderr}"
    return out / "html"


def test_sphinx_build_strict(site):
    assert (site / "index.html").exists()
    # the site loads nothing from outside: no CDN script, font or image (see also
    # tests/visualize/test_offline.py for the renderers' outputs and docs/figures)
    external = offline.external_references(site, links=False)
    assert external == [], external[:10]
    page = (site / "fit.html").read_text(encoding="utf-8")
    # the sequence diagram, drawn as SVG here for the column, a link to the full width
    assert re.search(r'<figure class="tk-sequence-figure">\s*<a [^>]*href="_static/'
                     r"fit\.sequence\.svg\">\s*<svg [^>]*class='tk-sequence tk-narrow'", page)
    assert (site / "_static" / "fit.sequence.svg").exists()   # the full size
    assert 'class="mermaid"' not in page and "mermaid.min.js" not in page
    # every figure is a link to its drawing alone; a narrow one links to the whole diagram
    assert re.search(r'<a class="[^"]*reference[^"]*" href="_static/fit\.calls\.svg">'
                     r'<img [^>]*src="_images/fit\.inline\.calls\.svg"', page)
    assert re.search(r'<a class="[^"]*image-reference[^"]*" href="_static/fit\.layers\.svg">'
                     r'<img [^>]*src="_images/fit\.layers\.svg"', page)
    assert '_static/tracekeras.css' in page


def test_every_figure_fits_the_column_with_text_at_least_9px(site):
    """Every figure of every chapter is shown no wider than its column (no sideways
    scrolling) and its smallest text is at least 9 px there, measured in a browser at
    the width of a laptop window; a wide diagram is a click away, not on the page. The
    figures are images of SVG files and the sequence diagrams, SVG inline in the page.
    No page requests anything but local files while it loads."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM}")
    smallest, too_wide, sequences, outside = {}, {}, [], []

    def local_only(route):          # and, on the way, nothing a page asks for is outside
        if route.request.url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.route("**/*", local_only)
        for html_file in sorted(site.glob("*.html")):
            page.goto(html_file.as_uri())
            for img in page.query_selector_all("figure img"):
                src = img.get_attribute("src")
                if not src.endswith(".svg"):
                    continue
                svg = (site / src).read_text(encoding="utf-8")
                view_width = float(re.search(r"viewBox=[\"']([^\"']+)", svg)[1].split()[2])
                fonts = [float(x) for x in re.findall(r"font-size=[\"']([\d.]+)", svg)]
                shown = img.evaluate("e => e.getBoundingClientRect().width")
                column = img.evaluate("e => e.closest('div.body, main, body').clientWidth")
                key = f"{html_file.name}: {src}"
                smallest[key] = round(min(fonts) * shown / view_width, 1)
                if shown > column + 0.5:
                    too_wide[key] = (shown, column)
            for n, svg in enumerate(page.query_selector_all("figure svg.tk-sequence")):
                view_width = float(svg.get_attribute("viewBox").split()[2])
                markup = svg.evaluate("e => e.outerHTML")
                fonts = [float(x) for x in re.findall(r"font-size=[\"']([\d.]+)", markup)]
                shown = svg.evaluate("e => e.getBoundingClientRect().width")
                column = svg.evaluate("e => e.closest('div.body, main, body').clientWidth")
                key = f"{html_file.name}: sequence diagram {n + 1}"
                smallest[key] = round(min(fonts) * shown / view_width, 1)
                sequences.append(key)
                full = svg.evaluate("e => e.closest('a').getAttribute('href')")
                assert (site / full).exists(), (key, full)      # the full width, a click away
                if shown > column + 0.5:
                    too_wide[key] = (shown, column)
        browser.close()
    assert outside == [], outside[:10]
    assert len(smallest) >= 20, smallest          # the chapters' call diagrams and layer graphs
    including = {name[:-3] for name in os.listdir(os.path.join(ROOT, "docs"))
                 if name.endswith(".md") and ".sequence.html" in open(
                     os.path.join(ROOT, "docs", name), encoding="utf-8").read()}
    assert len(including) >= 6 and {k.split(".html")[0] for k in sequences} == including
    assert too_wide == {}, too_wide
    small = {k: px for k, px in smallest.items() if px < 9}
    assert small == {}, small
