"""CategoryEncoding, Hashing and Discretization against tf_keras 2.21
(tests/layers/make_lookup_fixtures.py): every output mode, count_weights, Hashing's bins
(FarmHash Fingerprint64, SipHash with a salt, the mask bin), Discretization's bins from
given boundaries and the boundaries adapt estimates (arrays and a Dataset), configs and the
errors of common mistakes; and the hash functions themselves against TensorFlow's."""
import re

import numpy as np
import pytest

from tracekeras import layers
from tracekeras.backend import fingerprint
from tracekeras.backend.string_ops import InvalidArgumentError

from .lookup_helpers import CASES, LOOKUPS, make, run_case

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


ERROR_CALLS = {
    "category_no_num_tokens": lambda: layers.CategoryEncoding(),
    "category_zero_tokens": lambda: layers.CategoryEncoding(num_tokens=0),
    "category_bad_mode": lambda: layers.CategoryEncoding(num_tokens=3, output_mode="int"),
    "category_out_of_range": lambda: layers.CategoryEncoding(num_tokens=3)(np.array([[0, 3]])),
    "category_negative": lambda: layers.CategoryEncoding(num_tokens=3)(np.array([[-1, 0]])),
    "category_weights_not_count": lambda: layers.CategoryEncoding(num_tokens=3)(
        np.array([[0, 1]]), count_weights=np.array([[1.0, 2.0]])),
    "category_rank3": lambda: layers.CategoryEncoding(num_tokens=3, output_mode="one_hot")(
        np.array([[0, 1]])),
    "hashing_zero_bins": lambda: layers.Hashing(num_bins=0),
    "hashing_bad_salt": lambda: layers.Hashing(num_bins=3, salt="pepper"),
    "hashing_bad_mode": lambda: layers.Hashing(num_bins=3, output_mode="tf_idf"),
    "hashing_sparse_int": lambda: layers.Hashing(num_bins=3, sparse=True),
    "discretization_both": lambda: layers.Discretization(bin_boundaries=[0.0], num_bins=2),
    "discretization_negative_bins": lambda: layers.Discretization(num_bins=-1),
    "discretization_bad_mode": lambda: layers.Discretization(num_bins=2, output_mode="tf_idf"),
    "discretization_adapt_boundaries": lambda: layers.Discretization(
        bin_boundaries=[0.0, 1.0]).adapt(np.array([1.0, 2.0])),
}
TYPES = {"ValueError": ValueError, "RuntimeError": RuntimeError,
         "InvalidArgumentError": InvalidArgumentError}


@pytest.mark.parametrize("name", sorted(ERROR_CALLS))
def test_errors_match_tf_keras(name):
    kind, message = LOOKUPS["errors"][name]
    with pytest.raises(TYPES[kind]) as info:
        ERROR_CALLS[name]()
    if "in user code:" in message:   # tf.function's wrapping: the raised message is its end
        message = message.strip().splitlines()[-1].split(": ", 1)[1]
    if "Exception encountered when calling layer" in message:
        message = message.split("\n\n")[1]
    message = re.sub(r"ListWrapper\((.*)\)", r"\1", message)   # TensorFlow's tracking wrapper
    assert message in str(info.value)


def test_hashing_in_a_functional_model_gives_the_bins_of_tf_keras():
    from tracekeras import Input, Model
    inputs = Input(shape=(1,), dtype="string")
    model = Model(inputs, layers.Hashing(num_bins=3)(inputs))
    case = CASES["hashing_strings"]
    out = model.predict(np.array(case["queries"]), verbose=0)
    assert out.tolist() == case["output"]


def test_category_encoding_after_integer_lookup():
    lookup = layers.IntegerLookup(vocabulary=[10, 20, 30])
    encode = layers.CategoryEncoding(num_tokens=lookup.vocabulary_size(), output_mode="one_hot")
    out = encode(lookup(np.array([[20], [99]])))
    assert out.value.tolist() == [[0, 0, 1, 0], [1, 0, 0, 0]]
