"""No output loads anything from outside: the report, every written file, the docs figures."""
import os

from tests.visualize import offline
from tracekeras.tracing import alignment
from visualize import comparison, html_report, outputs

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_the_finder_finds_what_would_load():
    found = offline.external_in_text(
        "<script src='https://cdn.jsdelivr.net/x.js'></script><a href=\"//evil.example/\">"
        "<image xlink:href='http://x/y.png'/><style>b{background:url( 'https://f/x' )}"
        "@import 'http://c/s.css';</style>")
    assert found == ["https://cdn.jsdelivr.net/x.js", "//evil.example/", "http://x/y.png",
                     "https://f/x", "http://c/s.css"]
    assert offline.external_in_text("<svg xmlns='http://www.w3.org/2000/svg'>"
                                    "<p>from https://graphviz.org/download/</p>"
                                    "<a href='#n3'>x</a><a href='_static/f.svg'>") == []


def test_every_output_is_offline(seed_path, functional_path, tmp_path):
    outputs.write_all(seed_path, str(tmp_path / "seed"), stem="seed", say=lambda m: None)
    (tmp_path / "fragment.html").write_text(html_report(functional_path, fragment=True),
                                            encoding="utf-8")
    c = alignment.compare(seed_path, functional_path)
    (tmp_path / "diff.html").write_text(comparison.comparison_html(c), encoding="utf-8")
    assert len(os.listdir(tmp_path / "seed")) >= 5
    assert offline.external_references(tmp_path) == []


def test_the_docs_figures_are_offline():
    figures = os.path.join(ROOT, "docs", "figures")
    assert offline.external_references(figures) == []
    conf = open(os.path.join(ROOT, "docs", "conf.py"), encoding="utf-8").read()
    assert "http://" not in conf and "https://" not in conf   # no CDN script
