"""Property: a damaged weights file is refused whole with a ValueError, or (a bit flip the
format cannot see) loaded whole; it never leaves the model half loaded, never raises another
exception type and never runs out of memory.

Hypothesis draws a format (``.keras``, ``.weights.h5``, legacy ``.h5``, tracekeras's
own file), a damage (``corruptions.KINDS``: truncation, a flipped bit, a changed
dtype or shape, a removed or extra variable, a layer count that differs) and
where it strikes. The target model has trained on other data than the source,
so every weight and optimizer slot differs between them:

- refused: ``ValueError``, and the target's weights and optimizer state
  (``iterations``, Adam's slots) are bit-identical to before;
- loaded: only for a flipped bit (HDF5 keeps no checksum of its data, so a
  flipped bit in a value is a valid file); then the target holds the source's
  state except where the bit landed: at most ``FLIP_SLACK`` bytes differ,
  so every variable was assigned from the file (a half load would leave whole
  arrays of the target's own values).

Every other damage must be refused. The counts of what was tried and how it
ended print at the end (``pytest -s``).
"""
import collections
import os

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.saving.bad_file_models import path_for, save_all, set_state, source, state, target
from tests.saving.corruptions import FORMATS, KINDS, corrupt

EXAMPLES = int(os.environ.get("TRACEKERAS_CORRUPTION_EXAMPLES", "300"))
FLIP_SLACK = 4


def differing_bytes(a, b):
    count = 0
    for x, y in zip(a, b):
        if len(x) != len(y):
            return float("inf")
        count += int(np.count_nonzero(np.frombuffer(x, np.uint8) != np.frombuffer(y, np.uint8)))
    return count


def test_a_damaged_weights_file_is_refused_whole_or_loaded_whole(tmp_path):
    files = save_all(source(), str(tmp_path))
    expected_after_load = state(source())
    model = target()
    before = state(model)
    counts = collections.Counter()

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(fmt=st.sampled_from(FORMATS), kind=st.sampled_from(KINDS),
           pick=st.integers(0, 10 ** 6), detail=st.integers(0, 255))
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
        loaded = after[:len(expected_after_load)] if fmt in ("h5", "tracekeras") else after
        reference = expected_after_load[:len(loaded)]
        if fmt in ("h5", "tracekeras"):   # these layouts hold no optimizer state
            loaded, reference = loaded[:4], reference[:4]
            assert after[4:] == before[4:]
        assert differing_bytes(loaded, reference) <= FLIP_SLACK, "a half-loaded model"

    check()
    tried = sum(counts.values())
    print(f"\ncorrupted weights files tried: {tried}")
    for key in sorted(counts):
        print("  ", *key, counts[key])
    assert tried >= EXAMPLES * 0.9
    assert {k[:2] for k in counts} == {(f, k) for f in FORMATS for k in KINDS}
