"""Every renderer's result displays inline in Jupyter (the IPython display protocol)."""
import visualize


def test_renderers_offer_a_jupyter_representation(seed_path):
    report = visualize.html_report(seed_path)
    assert isinstance(report, str) and report._repr_html_() == str(report)
    mermaid = visualize.sequence_diagram(seed_path, depth=2)
    assert mermaid._repr_markdown_() == f"```mermaid\n{mermaid}```"
    assert hasattr(visualize.tree(seed_path, depth=1), "_repr_mimebundle_")
    assert hasattr(visualize.stage_table(seed_path), "_repr_mimebundle_")
    for digraph in (visualize.call_diagram(seed_path, depth=1),
                    visualize.layer_graph(seed_path)):
        assert hasattr(digraph, "_repr_mimebundle_")   # graphviz: SVG inline
