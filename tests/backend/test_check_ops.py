"""``tf.debugging`` under the shim against real TensorFlow (data/tf_check_ops.json, made by
make_check_ops_fixtures.py from check_ops_cases.py): what each check returns, or the error
type and the exact message it raises."""
import json
import os

import numpy as np
import pytest

from tracekeras.shim.errors import OperationNotImplementedByTracekeras

from . import check_ops_cases

with open(os.path.join(os.path.dirname(__file__), "data", "tf_check_ops.json")) as handle:
    FIXTURES = json.load(handle)


def test_every_case_has_a_fixture():
    assert sorted(FIXTURES) == sorted(check_ops_cases.CASES)


@pytest.mark.parametrize("name", sorted(check_ops_cases.CASES))
def test_case_matches_tensorflow(shim_tf, name):
    assert check_ops_cases.outcome(check_ops_cases.CASES[name], shim_tf) == FIXTURES[name]


def test_failure_is_tf_errors_invalid_argument_error(shim_tf):
    with pytest.raises(shim_tf.errors.InvalidArgumentError):
        shim_tf.debugging.assert_less(shim_tf.constant([2.0]), 1.0)
    with pytest.raises(shim_tf.errors.InvalidArgumentError):
        shim_tf.debugging.check_numerics(shim_tf.constant([np.inf]), "x")


def test_top_level_aliases_are_the_debugging_functions(shim_tf):
    for name in ("Assert", "assert_equal", "assert_greater", "assert_less", "assert_rank"):
        assert getattr(shim_tf, name) is getattr(shim_tf.debugging, name)


def test_check_numerics_hands_back_the_tensor(shim_tf):
    x = shim_tf.constant([1.0, 2.0])
    assert shim_tf.debugging.check_numerics(x, "x") is x


@pytest.mark.filterwarnings("ignore:invalid value encountered in divide")
def test_failing_check_in_dataset_map_fails_the_iteration(shim_tf):
    dataset = shim_tf.data.Dataset.range(3).map(
        lambda x: shim_tf.debugging.check_numerics(shim_tf.cast(x, shim_tf.float32) / 0.0,
                                                   "in map"))
    with pytest.raises(shim_tf.errors.InvalidArgumentError, match="in map : Tensor had NaN"):
        list(dataset)


def test_log_device_placement_is_remembered(shim_tf):
    shim_tf.debugging.set_log_device_placement(True)
    assert shim_tf.debugging.get_log_device_placement() is True
    shim_tf.debugging.set_log_device_placement(False)
    assert shim_tf.debugging.get_log_device_placement() is False


def test_keras_tensor_is_refused_in_one_line(shim_tf):
    inputs = shim_tf.keras.Input((3,))
    with pytest.raises(OperationNotImplementedByTracekeras,
                       match="does not implement tf.debugging.assert_rank on a model's"):
        shim_tf.debugging.assert_rank(inputs, 2)


def test_checks_in_a_layer_call_run_on_the_batches(shim_tf):
    class Checked(shim_tf.keras.layers.Layer):
        def call(self, inputs):
            shim_tf.debugging.assert_rank(inputs, 2)
            return shim_tf.debugging.check_numerics(inputs * 2.0, "doubled")

    inputs = shim_tf.keras.Input((3,))
    model = shim_tf.keras.Model(inputs, Checked()(inputs))
    assert model.predict(np.ones((2, 3), "float32"), verbose=0).tolist() == [[2.0] * 3] * 2
    with pytest.raises(shim_tf.errors.InvalidArgumentError,
                       match="doubled : Tensor had NaN values"):
        model.predict(np.full((2, 3), np.nan, "float32"), verbose=0)
