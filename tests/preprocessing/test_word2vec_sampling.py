"""The word2vec tutorial's sampling tools against TensorFlow 2.21 (``data/tf_word2vec.json``).

``skipgrams`` must give Keras's pairs and labels for the same Python random state (and
leave that state where Keras leaves it), ``make_sampling_table`` Keras's table, and the
candidate samplers TensorFlow's classes for the same seeds, call after call (the
kernel's stream goes on), with its float32 expected counts, and its refusals.
"""
import json
import os

import numpy as np
import pytest

from tests.preprocessing.word2vec_scenarios import SCRIPTS, source
from tracekeras import shim
from tracekeras.backend import candidate_sampling_ops, random

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "tf_word2vec.json")) as f:
    FIXTURE = json.load(f)["scripts"]


def run_source(text):
    """Run ``text`` under the shim as in a fresh process (as the fixture's scripts ran): no
    global seed, no kernel streams yet; the random state of the tests around is kept."""
    scope = {"__name__": "__main__"}
    with random.state_kept(), shim.activated():
        random.set_global_seed(None)
        exec(compile(text, "scenario.py", "exec"), scope)
    return scope


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_script_draws_what_tensorflow_draws(name):
    got = run_source(source(name))["result"]
    assert sorted(got) == sorted(FIXTURE[name])
    for key, want in FIXTURE[name].items():
        assert got[key] == want, key


def test_true_classes_of_another_dtype_are_refused_as_tensorflow_does():
    with pytest.raises(candidate_sampling_ops.InvalidArgumentError,
                       match="was expected to be a int64 tensor but is a int32 tensor"):
        candidate_sampling_ops.log_uniform_candidate_sampler(
            np.array([[1]], dtype=np.int32), 1, 2, True, 8, seed=3)
