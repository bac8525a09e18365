"""The deprecated ``causal=True`` of ``Attention`` (the book's simplified Transformer):
Keras warns and masks every call as ``use_causal_mask=True`` does; the config leaves it
out, as tf_keras 2.21's does (its config, read from it: name, trainable, dtype, dropout,
use_scale, score_mode)."""
import logging

import numpy as np

from tracekeras import layers


def test_causal_argument_masks_every_call_with_a_warning(caplog):
    x = np.random.default_rng(0).normal(size=(2, 4, 3)).astype("float32")
    with caplog.at_level(logging.WARNING, logger="tracekeras"):
        causal = layers.Attention(use_scale=True, causal=True)
    assert "`causal` argument is deprecated" in caplog.text
    plain = layers.Attention(use_scale=True)
    expected = np.asarray(plain([x, x], use_causal_mask=True))
    causal([x, x])
    causal.set_weights(plain.get_weights())
    np.testing.assert_array_equal(np.asarray(causal([x, x])), expected)
    assert not np.allclose(np.asarray(plain([x, x])), expected)
    assert sorted(causal.get_config()) == ["dropout", "dtype", "name", "score_mode",
                                           "trainable", "use_scale"]
