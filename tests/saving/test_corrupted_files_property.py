"""Property: a damaged weights file is refused whole with a ValueError, or (a bit flip the
format cannot see) loaded whole; it never leaves the model half loaded, never raises another
exception type and never runs out of memory.

For every format (``.keras``, ``.weights.h5``, legacy ``.h5``, tracekeras's own
file) and every damage (``bad_file_helpers.KINDS``: truncation, a flipped bit, a
changed dtype or shape, a removed or extra variable, a layer count that
differs), Hypothesis draws where it strikes (``EXAMPLES`` in all, 280 unless
``TRACEKERAS_CORRUPTION_EXAMPLES`` says otherwise). The target model has
trained on other data than the source, so every weight and Adam slot
differs between them:

- refused: ``ValueError``, and the target's weights and optimizer state
  (``iterations``, Adam's slots) are bit-identical to before;
- loaded: only for a flipped bit (HDF5 keeps no checksum, so a flipped bit in
  a value, or in a dataset's address, is a valid file); then every weight array
  was assigned from the file (none keeps the target's own value: a half load
  would), at most one array differs from the source's (the one the bit hit),
  and the optimizer is assigned whole or untouched whole (tf_keras skips an
  optimizer with no state in the file, as in the legacy layouts).

Every other damage must be refused. The counts of what was tried and how it
ended print at the end (``pytest -s``).
"""
import collections
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracekeras.models import load_model

from .bad_file_helpers import (
    FORMATS,
    KINDS,
    corrupt,
    path_for,
    save_all,
    set_state,
    source,
    state,
    target,
)

EXAMPLES = int(os.environ.get("TRACEKERAS_CORRUPTION_EXAMPLES", "280"))
WEIGHTS = 4   # state(): the 4 weight arrays, then the optimizer's variables


def whole(after, before, reference):
    """Loaded whole: every array that differs between target and source now differs from
    the target's own value (was assigned from the file)."""
    return all(x != b for x, b, r in zip(after, before, reference) if b != r)


def test_a_damaged_weights_file_is_refused_whole_or_loaded_whole(tmp_path):
    files = save_all(source(), str(tmp_path))
    reference = state(source())
    model = target()
    before = state(model)
    counts = collections.Counter()

    @settings(max_examples=max(1, EXAMPLES // (len(FORMATS) * len(KINDS))), deadline=None,
              database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(pick=st.integers(0, 10 ** 6), detail=st.integers(0, 255))
    def check(fmt, kind, pick, detail):
        path = path_for(str(tmp_path), fmt)
        with open(path, "wb") as f:
            f.write(corrupt(fmt, files[fmt], kind, pick, detail))
        try:
            model.load_weights(path)
        except ValueError:
            counts[fmt, kind, "refused"] += 1
            assert state(model) == before, "a refused file changed the model"
            return
        counts[fmt, kind, "loaded"] += 1
        after = state(model)
        set_state(model, before)
        assert kind == "flip", f"{kind} damage to a {fmt} file was loaded"
        # the layers: assigned whole, from the file; one flipped bit damages one array at most
        # (a value, or the description of one dataset: its address, its type)
        assert whole(after[:WEIGHTS], before[:WEIGHTS], reference[:WEIGHTS]), \
            "a half-loaded model"
        # the optimizer: assigned whole, or (no readable state of it in the file, as in the
        # legacy layouts) skipped whole, as tf_keras skips it
        assert (after[WEIGHTS:] == before[WEIGHTS:]
                or whole(after[WEIGHTS:], before[WEIGHTS:], reference[WEIGHTS:])), \
            "a half-loaded optimizer"
        assert sum(x != r for x, r in zip(after, reference)) <= 1 or \
            after[WEIGHTS:] == before[WEIGHTS:], "one bit flip changed several arrays"

    for fmt in FORMATS:          # every format and damage, Hypothesis choosing where
        for kind in KINDS:
            check(fmt, kind)
    tried = sum(counts.values())
    print(f"\ncorrupted weights files tried: {tried}")
    for key in sorted(counts):
        print("  ", *key, counts[key])
    assert tried >= EXAMPLES * 0.8
    assert {k[:2] for k in counts} == {(f, k) for f in FORMATS for k in KINDS}


def test_load_model_of_a_damaged_keras_file_raises_value_error_or_loads_it_whole(tmp_path):
    """``load_model`` builds a new model, so nothing can be half changed; a damaged ``.keras``
    file must still give ValueError (the ZIP's CRC guards config.json) or a model whose
    weights are the file's (``EXAMPLES // 8`` cases: building a model is slower)."""
    files = save_all(source(), str(tmp_path))
    reference = state(source())[:WEIGHTS]
    counts = collections.Counter()

    @settings(max_examples=max(1, EXAMPLES // (8 * len(KINDS))), deadline=None,
              database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(pick=st.integers(0, 10 ** 6), detail=st.integers(0, 255))
    def check(kind, pick, detail):
        path = path_for(str(tmp_path), "keras")
        with open(path, "wb") as f:
            f.write(corrupt("keras", files["keras"], kind, pick, detail))
        try:
            model = load_model(path)
        except ValueError:
            counts[kind, "refused"] += 1
            return
        counts[kind, "loaded"] += 1
        loaded = [w.tobytes() for w in model.get_weights()]
        # a flipped bit may hit one array; any other damage loaded must have hit state the
        # new model does not load (its optimizer is not built yet: tf_keras skips it too)
        assert sum(x != r for x, r in zip(loaded, reference)) <= (kind == "flip")

    for kind in KINDS:
        check(kind)
    print(f"\ndamaged .keras files given to load_model: {sum(counts.values())}")
    for key in sorted(counts):
        print("  ", *key, counts[key])
    assert {k[0] for k in counts} == set(KINDS)
