"""Every renderer's result displays inline in Jupyter (the IPython display protocol)."""
from visualize import call_diagram, html, layer_graph, sequence, terminal


def test_renderers_offer_a_jupyter_representation(seed_path):
    report = html.html_report(seed_path)
    assert isinstance(report, str) and report._repr_html_() == str(report)
    mermaid = sequence.sequence_diagram(seed_path, depth=2)
    assert mermaid._repr_markdown_() == f"```mermaid\n{mermaid}```"
    assert hasattr(terminal.trace_tree(seed_path, depth=1), "_repr_mimebundle_")
    assert hasattr(terminal.stage_table(seed_path), "_repr_mimebundle_")
    for digraph in (call_diagram.call_diagram(seed_path, depth=1),
                    layer_graph.layer_graph(seed_path)):
        assert hasattr(digraph, "_repr_mimebundle_")   # graphviz: SVG inline
