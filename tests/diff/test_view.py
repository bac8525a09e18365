"""visualize.comparison: the terminal view of two lined-up traces, captured as plain text."""
from rich.console import Console

import visualize
from tracekeras.conformance import known_differences
from tracekeras.tracing import alignment

from .conftest import trace_path


def render(renderable, width=120):
    console = Console(width=width, color_system=None, record=True, file=open("/dev/null", "w"))
    console.print(renderable)
    return console.export_text()


def compare(b, **options):
    return alignment.compare(trace_path("base"), trace_path(b), **options)


def test_the_view_names_both_traces_counts_by_stage_and_ends_with_the_summary():
    text = render(visualize.comparison_view(compare("reordered")))
    lines = text.rstrip("\n").splitlines()
    assert lines[:3] == ["tracekeras diff", f"A: {trace_path('base')} (tracekeras 0.1.0)",
                         f"B: {trace_path('reordered')} (tracekeras 0.1.0)"]
    assert "key stages by stage" in text
    assert "│ compile   │ 11 │       10 │         │       │     1 │          │        │" in text
    assert "│ build     │ 15 │       15 │         │       │       │        1 │        │" in text
    assert "│ moved    │ A#11 B#16 │ Model._validate_compile │" in text
    assert "│ decision │ A#52 B#52 │ Dense.build input_shape │ (None, 5) → (None, 9) │" in text
    assert lines[-1] == ("131/132 key stages in order, 1 moved, 1 decision differs, "
                         "epoch loss max rel. diff 3e-7")


def test_numbers_show_both_values_and_their_relative_difference():
    text = render(visualize.comparison_view(compare("reordered", rtol=1e-7)), width=160)
    assert "│ number   │ A#107 B#107 │ CallbackList.on_epoch_end epoch 0 loss │" in text
    assert "│ 1.0512507 → 1.051251 (rel. 3e-7) │" in text


def test_known_differences_are_marked():
    text = render(visualize.comparison_view(compare("with_known",
                                                    known=known_differences.load())))
    assert "differences (1, 1 known)" in text
    assert "│ extra (known) │ A- B#24 │ tf.function      │" in text


def test_side_by_side_puts_each_key_stage_of_a_beside_its_match_in_b():
    text = render(visualize.comparison_view(compare("progbar"), side_by_side=True), width=200)
    assert "side by side" in text
    row = next(line for line in text.splitlines() if "ProgbarLogger.__init__" in line)
    cells = [c.strip() for c in row.split("│")[1:-1]]
    assert cells[:4] == ["", "", "+", "34"] and cells[4].endswith("ProgbarLogger.__init__")
    row = next(line for line in text.splitlines() if "History.__init__" in line)
    cells = [c.strip() for c in row.split("│")[1:-1]]
    assert (cells[0], cells[2], cells[3]) == ("33", "", "33")


def test_limit_caps_the_difference_rows():
    text = render(visualize.comparison_view(compare("adam"), limit=2))
    assert "… 21 more (--limit to see more)" in text
    assert "RMSprop.build" not in text
    assert "RMSprop.build" in render(visualize.comparison_view(compare("adam"), limit=None))


def test_equal_traces_show_no_difference_table():
    text = render(visualize.comparison_view(compare("again")))
    assert "differences (" not in text
    assert text.rstrip().endswith("132/132 key stages in order, all decisions equal, "
                                  "epoch loss max rel. diff 0")
