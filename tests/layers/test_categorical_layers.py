"""CategoryEncoding, Hashing and Discretization against tf_keras 2.21
(tests/layers/make_lookup_fixtures.py): every output mode, count_weights, Hashing's bins
(FarmHash Fingerprint64, SipHash with a salt, the mask bin), Discretization's bins from
given boundaries and the boundaries adapt estimates (arrays and a Dataset), configs and the
errors of common mistakes; and the hash functions themselves against TensorFlow's."""

import numpy as np
import pytest

from tracekeras import layers
from tracekeras.backend import fingerprint

from .lookup_helpers import CASES, LOOKUPS, assert_error_matches, make, run_case

NAMES = sorted(name for name, case in CASES.items()
               if case["class_name"] in ("CategoryEncoding", "Hashing", "Discretization"))


@pytest.mark.parametrize("name", NAMES)
def test_layer_matches_tf_keras(name, tmp_path):
    ours, theirs = run_case(name, tmp_path), CASES[name]
    assert ours["dtype"] == theirs["dtype"]
    assert ours["shape"] == theirs["shape"]
    np.testing.assert_allclose(ours["output"], theirs["output"], rtol=1e-6)
    if "bin_boundaries" in theirs:
        np.testing.assert_allclose(ours["bin_boundaries"], theirs["bin_boundaries"], rtol=1e-6)
    assert ours["keras_config"] == theirs["keras_config"]


def test_adapted_boundaries_are_float32_values_exactly():
    layer, case = make("discretization_adapt_ties", None)
    assert layer.bin_boundaries == case["bin_boundaries"]


@pytest.mark.parametrize("which", ["fast_2_62", "fast_7"])
def test_fingerprint64_buckets_match_tensorflow(which):
    buckets = int(which.split("_", 1)[1].replace("2_62", str(2 ** 62)))
    words = LOOKUPS["hashes"]["words"]
    assert [fingerprint.to_hash_bucket_fast(w, buckets) for w in words] == \
        LOOKUPS["hashes"][which]


@pytest.mark.parametrize("which,buckets,key", [("strong_2_62", 2 ** 62, (7, 11)),
                                               ("strong_13_big_key", 13,
                                                (2 ** 40 + 3, 123456789))])
def test_siphash_buckets_match_tensorflow(which, buckets, key):
    words = LOOKUPS["hashes"]["words"]
    assert [fingerprint.to_hash_bucket_strong(w, buckets, key) for w in words] == \
        LOOKUPS["hashes"][which]


@pytest.mark.parametrize("name", sorted(n for n in LOOKUPS["errors"] if n.startswith(
    ("category", "hashing", "discretization"))))
def test_errors_match_tf_keras(name):
    assert_error_matches(name)


def test_hashing_in_a_functional_model_gives_the_bins_of_tf_keras():
    from tracekeras import Input, Model
    inputs = Input(shape=(1,), dtype="string")
    model = Model(inputs, layers.Hashing(num_bins=3)(inputs))
    case = CASES["hashing_strings"]
    out = model.predict(np.array(case["queries"], dtype=object), verbose=0)
    assert out.tolist() == case["output"]


def test_category_encoding_after_integer_lookup():
    lookup = layers.IntegerLookup(vocabulary=[10, 20, 30])
    encode = layers.CategoryEncoding(num_tokens=lookup.vocabulary_size(), output_mode="one_hot")
    out = encode(lookup(np.array([[20], [99]])))
    assert out.value.tolist() == [[0, 0, 1, 0], [1, 0, 0, 0]]
