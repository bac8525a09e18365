"""visualize.sequence_svg: the sequence diagram drawn as SVG, wide and narrow (for a page)."""
import re
import xml.etree.ElementTree as ET

import pytest

from visualize import calls, sequence
from visualize.sequence_svg import narrow_sequence_svg, sequence_svg

SVG = "{http://www.w3.org/2000/svg}"


def size(svg):
    return [float(v) for v in re.search(r"viewBox='([^']+)'", svg)[1].split()[2:]]


def fonts(svg):
    return [float(f) for f in re.findall(r"font-size='([\d.]+)'", svg)]


def test_the_narrow_drawing_fits_a_page_column_with_text_of_10px_or_more(seed_path):
    text = sequence.sequence_diagram(seed_path, depth=9)
    wide, narrow = sequence_svg(text), narrow_sequence_svg(text, width=640)
    assert size(wide)[0] > 1000                    # the wide one: each text on its arrow
    assert size(narrow)[0] <= 640
    assert min(fonts(narrow)) >= 10                # at 700/640 scale or more, 9 px at least
    root = ET.fromstring(narrow)                   # well-formed
    messages = root.findall(f".//{SVG}g[@class='tk-msg']")
    assert [m.get("data-n") for m in messages] == [
        str(n) for n in range(1, text.count("->>") + 1)]
    names = [t.text for t in root.iter(f"{SVG}text") if t.get("transform")]
    assert names[:3] == ["script", "Model", "Strategy"]          # one slanted name a lifeline


def test_each_message_carries_its_call_graph_box(seed_path):
    text = sequence.sequence_diagram(seed_path, depth=9)
    assert len(text.boxes) == text.count("->>")
    graph = calls.call_graph(seed_path)
    by_id = {box.id: box for box in graph.boxes.values()}
    fit = text.splitlines().index(next(line for line in text.splitlines() if "Model.fit" in line))
    n = sum(1 for line in text.splitlines()[:fit] if "->>" in line)
    assert by_id[text.boxes[n]].name == "keras.engine.training.Model.fit"
    svg = narrow_sequence_svg(text, boxes=text.boxes)
    marked = re.findall(r"<g class='tk-msg' data-n='(\d+)' data-box='(n\d+)'>", svg)
    assert [box for _, box in marked] == text.boxes
    assert "data-box" not in narrow_sequence_svg(text)           # no boxes given: none marked


def test_long_texts_wrap_and_are_cut_with_the_whole_text_in_a_title():
    long = "Layer.__call__ (" + ", ".join(f"dense_{n}" for n in range(40)) + ")"
    text = ("sequenceDiagram\n    autonumber\n    participant A as A\n"
            "    participant A_very_long_participant_name as A very long participant name\n"
            f"    A->>A_very_long_participant_name: {long}\n"
            "    Note right of A: <script>alert(1)</script> & more\n")
    svg = narrow_sequence_svg(text, width=400)
    root = ET.fromstring(svg)
    msg = root.find(f".//{SVG}g[@class='tk-msg']")
    assert msg.find(f"{SVG}title").text == "1 " + long
    lines = ["".join(t.itertext()) for t in msg.iter(f"{SVG}text")]
    assert len(lines) == 2 and lines[1].endswith("…") and lines[0].startswith("1 Layer.__call__")
    head = [g for g in root.iter(f"{SVG}g") if g.get("class") == "tk-participant"][1]
    assert head.find(f"{SVG}title").text == "A very long participant name"
    assert "<script>" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in svg
    assert size(svg)[0] <= 400


def test_loops_and_self_calls_and_bad_width(seed_path):
    text = sequence.sequence_diagram(seed_path, depth=9)
    svg = narrow_sequence_svg(text)
    assert svg.count("<tspan font-weight='bold'>loop</tspan>") == text.count("loop ")
    with pytest.raises(ValueError, match="width must be at least 320.*received 200"):
        narrow_sequence_svg(text, width=200)
