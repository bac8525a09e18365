"""Every writer of a config gives tf_keras 2.21's form, and both forms read back.

tf_keras 2.21 writes a nested Keras object as ``{"module", "class_name", "config",
"registered_name"}`` (a built layer adds ``build_config``, a compiled model
``compile_config``) wherever it serializes one: each module's ``serialize``,
``keras.utils.serialize_keras_object``, a layer's ``get_config``, a model's config and
JSON, an optimizer's config and the ``.keras`` file. It reads that form and the legacy
``{"class_name", "config"}`` alike. ``data/serialized_forms.json`` is tf_keras's answer
(``make_serialized_forms.py``); the same ``serialized_forms`` cases run here under the
import shim, and each is compared whole.
"""
import json
import os
import re

import pytest

from tracekeras import shim
from tracekeras.backend import clear_session

from . import serialized_forms

with open(os.path.join(os.path.dirname(__file__), "data", "serialized_forms.json")) as f:
    KERAS = json.load(f)


def run(what):
    clear_session()
    with shim.activated():
        import tensorflow as tf
        return getattr(serialized_forms, what)(tf.keras)


OURS = {}


def ours(what):
    if what not in OURS:
        OURS[what] = run(what)
    return OURS[what]


FORMS = [(section, case) for section, cases in KERAS["forms"].items() for case in cases]


@pytest.mark.parametrize("section,case", FORMS, ids=[f"{s}: {c}" for s, c in FORMS])
def test_the_form_written_is_tf_keras_s(section, case):
    assert ours("forms")[section][case] == KERAS["forms"][section][case]


@pytest.mark.parametrize("case", sorted(KERAS["loaded"]))
def test_both_forms_read_back_as_tf_keras_reads_them(case):
    assert ours("loaded")[case] == KERAS["loaded"][case]


def test_no_case_is_left_out():
    assert {s: sorted(c) for s, c in ours("forms").items()} == {
        s: sorted(c) for s, c in KERAS["forms"].items()}
    assert sorted(ours("loaded")) == sorted(KERAS["loaded"])


# where tf_keras writes the legacy form: to_json's own top level, and the model and its
# layers (nested models' layers too) in a legacy .h5 file
LEGACY_PLACES = re.compile(r".*json\(\)|.*\.h5 model_config(/config/layers/\d+)*")


def test_a_nested_object_is_written_in_the_new_form_only():
    """No dict carries a class name without its module but in the legacy places; the
    initializers and regularizers inside a legacy .h5 file's layers are in the new form."""
    def legacy(value, where):
        if isinstance(value, dict):
            if ("class_name" in value and "module" not in value
                    and not LEGACY_PLACES.fullmatch(where)):
                yield where
            for key, v in value.items():
                yield from legacy(v, f"{where}/{key}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                yield from legacy(v, f"{where}/{i}")
    assert list(legacy(KERAS["forms"], "")) == []
    assert list(legacy(ours("forms"), "")) == []
    h5 = ours("forms")["models"]["Sequential .h5 model_config"]["config"]["layers"][1]
    assert "module" not in h5 and h5["config"]["kernel_regularizer"]["module"] == (
        "keras.regularizers")


def test_a_legacy_h5_model_written_by_tf_keras_loads_here():
    """``data/tf_func_model.h5`` (tf_keras's ``model.save`` to ``.h5``): legacy layer entries
    around new-form initializers and regularizers, a Sequential inside; it loads with the
    same predictions and writes back the same ``model_config``."""
    import numpy as np

    from tracekeras.saving import load_model
    clear_session()
    model = load_model(os.path.join(os.path.dirname(__file__), "data", "tf_func_model.h5"))
    np.testing.assert_allclose(model.predict(serialized_forms.h5_input(), verbose=0),
                               KERAS["h5 file"]["prediction"], rtol=1e-5, atol=1e-6)
    assert serialized_forms.h5_model_config(model) == (
        KERAS["forms"]["models"]["Functional .h5 model_config"])
