"""Seeded draws are TensorFlow's: Philox streams, TF's seed rules, tf_keras's initializers.

The reference is ``data/tf_random.npz``, drawn by real TensorFlow 2.21 / tf_keras 2.21
(``make_random_fixtures.py``) for the cases of ``random_scenarios.py``. Uniform and int
draws, and models initialized with them, must be bit-equal; draws through Box-Muller may
differ in the last float32 bit where glibc's ``logf``/``sincosf`` are not correctly
rounded (``random_distributions``), and no further.
"""
import os
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tracekeras
from tracekeras import initializers
from tracekeras.backend import philox_random, random_distributions

from . import random_scenarios

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "tf_random.npz")



@pytest.fixture(scope="module")
def expected():
    with np.load(FIXTURES) as data:
        return {key: data[key] for key in data.files}


@pytest.mark.parametrize("name,kind,call", random_scenarios.CASES,
                         ids=[case[0] for case in random_scenarios.CASES])
def test_draws_match_tensorflow(tf, expected, name, kind, call):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = call(tf)
    theirs = {key.split("/", 1)[1]: value for key, value in expected.items()
              if key.startswith(name + "/")}
    assert sorted(ours) == sorted(theirs)
    for key, value in ours.items():
        value = np.asarray(value)
        assert value.dtype == theirs[key].dtype and value.shape == theirs[key].shape, key
        if kind == "qr" and key.endswith("recurrent_kernel"):
            np.testing.assert_allclose(value, theirs[key], rtol=0, atol=5e-7, err_msg=key)
        elif kind in ("exact", "qr") or value.dtype.kind in "iu":
            np.testing.assert_array_equal(value, theirs[key], err_msg=key)
        elif value.dtype == np.float64:
            np.testing.assert_allclose(value, theirs[key], rtol=1e-15, atol=1e-15, err_msg=key)
        else:
            # a last-bit difference of a unit draw, scaled and shifted in float32
            np.testing.assert_allclose(value, theirs[key], rtol=5e-7, atol=1e-6, err_msg=key)
            assert np.sum(value != theirs[key]) <= max(3, value.size // 20), key


def test_philox_first_block_of_a_zero_counter_and_key():
    """The known-answer vector of Philox4x32-10 (Random123's kat_vectors)."""
    words = philox_random.philox_rounds([[0], [0], [0], [0]], (0, 0))
    assert [int(w[0]) for w in words] == [0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8]


def test_skip_carries_into_the_high_counter_words():
    stream = philox_random.PhiloxRandom((1, 2), (0xFFFFFFFF, 0xFFFFFFFF, 5, 0))
    stream.skip(1)
    assert stream.counter == (0, 0, 6, 0)
    blocks = philox_random.PhiloxRandom((1, 2), (0xFFFFFFFE, 0xFFFFFFFF, 5, 0)).blocks(3)
    assert np.array_equal(blocks[2], stream.blocks(1)[0])


def test_truncated_normal_keeps_only_values_within_two():
    stream = philox_random.from_stateless_seed((3, 4))
    values = random_distributions.truncated_normal(stream, 100_001, np.float32)
    assert values.shape == (100_001,) and np.abs(values).max() < 2.0
    assert abs(values.std() - 0.8796) < 0.01


def test_stateless_seed_must_be_two_ints(tf):
    with pytest.raises(ValueError, match="shape \\[2\\] integer"):
        tf.random.stateless_uniform((2,), seed=(1, 2, 3))
    with pytest.raises(ValueError, match="must be both None or not None"):
        tf.random.stateless_uniform((2,), seed=(1, 2), minval=None, maxval=10, dtype="int32")


def test_an_unseeded_initializer_repeats_itself_and_warns():
    tracekeras.utils.set_random_seed(3)
    init = initializers.GlorotUniform()
    first = init((4, 4))
    with pytest.warns(UserWarning, match="called again"):
        second = init((4, 4))
    np.testing.assert_array_equal(first, second)
    seeded = initializers.GlorotUniform(seed=5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        seeded((2, 2))
        seeded((2, 2))                       # seeded: the same values, on purpose, no warning


def test_tf_set_seed_alone_leaves_initializers_to_pythons_random(tf):
    """tf.random.set_seed fixes TensorFlow's op seeds, not Keras's seed generator: as in
    tf_keras, unseeded initializers then take their seeds from Python's ``random``."""
    import random
    tracekeras.backend.random.SEED_GENERATOR[0] = None
    tf.random.set_seed(1)
    random.seed(99)
    first = initializers.GlorotUniform()((3, 3))
    random.seed(99)
    again = initializers.GlorotUniform()((3, 3))
    np.testing.assert_array_equal(first, again)
    expected = initializers.GlorotUniform(seed=random.Random(99).randint(1, int(1e9)))((3, 3))
    np.testing.assert_array_equal(first, expected)


def seeded_run(seed, traced):
    """Initial and trained weights of a small seeded model (shuffled batches, dropout)."""
    from tracekeras import layers, models
    tracekeras.utils.set_random_seed(seed)
    x = np.random.default_rng(0).random((40, 6)).astype("float32")
    y = (x.sum(axis=1) > 3).astype("int64")
    model = models.Sequential([layers.Dense(8, activation="relu"), layers.Dropout(0.3),
                               layers.Dense(2, kernel_initializer="he_normal")])
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    if traced:
        with tracekeras.trace(level="full"):
            model.build((None, 6))
            initial = [w.copy() for w in model.get_weights()]
            model.fit(x, y, batch_size=16, epochs=2, verbose=0)
    else:
        model.build((None, 6))
        initial = [w.copy() for w in model.get_weights()]
        model.fit(x, y, batch_size=16, epochs=2, verbose=0)
    return initial + model.get_weights()


@settings(max_examples=5, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**31 - 1))
def test_tracing_never_changes_the_draws(seed):
    untraced = seeded_run(seed, traced=False)
    traced = seeded_run(seed, traced=True)
    for a, b in zip(untraced, traced):
        np.testing.assert_array_equal(a, b)
