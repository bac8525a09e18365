"""The build spans of the layers with weights carry Keras's qualified names, with their
add_weight spans inside, and tracing changes no number."""
import numpy as np

from tracekeras import layers, tracing
from tracekeras.backend import clear_session
from tracekeras.models import Sequential

from .layer_helpers import ARRAYS, run_case

BUILDS = {
    "keras.layers.activation.prelu.PReLU.build": ["alpha"],
    "keras.layers.core.embedding.Embedding.build": ["embeddings"],
    "keras.layers.normalization.batch_normalization.BatchNormalizationBase.build":
        ["gamma", "beta", "moving_mean", "moving_variance"],
    "keras.layers.normalization.layer_normalization.LayerNormalization.build": ["gamma", "beta"],
}


def test_build_spans_are_named_as_in_keras_with_their_weights_inside():
    clear_session()
    with tracing.trace() as t:
        Sequential([layers.Input((4,), dtype="int32"), layers.Embedding(10, 3),
                    layers.Flatten(), layers.PReLU(), layers.BatchNormalization(),
                    layers.LayerNormalization()])
    records = t.records
    for name, weights in BUILDS.items():
        (begin,) = [r for r in records if r.get("ph") == "B" and r["name"] == name]
        inside = [r["args"]["weight"] for r in records if r.get("ph") == "B"
                  and r["name"] == "keras.engine.base_layer.Layer.add_weight"
                  and r.get("parent") == begin["id"]]
        assert inside == weights, name


def test_tracing_changes_no_number():
    untraced = run_case("batch_norm_axis1")
    with tracing.trace(level="full"):
        traced = run_case("batch_norm_axis1")
    for key in ("out_training", "gx0", "gw0", "after2", "after3"):
        np.testing.assert_array_equal(np.asarray(getattr(untraced[key], "value", untraced[key])),
                                      np.asarray(getattr(traced[key], "value", traced[key])))
    assert ARRAYS["batch_norm_axis1/x0"].shape == (4, 3, 5)
