"""tf.pad, tf.image.flip_left_right/flip_up_down and tf.edit_distance refuse bad arguments
as TensorFlow does (data/tf_image_ops_errors.json, from
make_image_ops_error_fixtures.py): the same error type and message. Their values and
gradients are compared in test_tf_surface.py."""
import json
import os

import pytest

from . import image_ops_error_cases as cases

with open(os.path.join(os.path.dirname(__file__), "data", "tf_image_ops_errors.json")) as f:
    ERRORS = json.load(f)["errors"]


@pytest.mark.parametrize("name, call", cases.CASES, ids=[c[0] for c in cases.CASES])
def test_refused_with_tensorflow_s_error(shim_tf, name, call):
    with pytest.raises(Exception) as raised:
        call(shim_tf)
    assert type(raised.value).__name__ == ERRORS[name]["error"]
    assert str(raised.value) == ERRORS[name]["message"]


def test_every_case_has_a_fixture():
    assert sorted(ERRORS) == sorted(name for name, _ in cases.CASES)
