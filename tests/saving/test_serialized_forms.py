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


def test_a_nested_object_is_written_in_the_new_form_only():
    """No dict of the fixture carries a class name without its module, but the NumPy
    and function entries tf_keras writes that way."""
    def legacy(value, where):
        if isinstance(value, dict):   # to_json's own top level has no module, as in Keras
            if "class_name" in value and "module" not in value and not where.endswith("json()"):
                yield where
            for key, v in value.items():
                yield from legacy(v, f"{where}/{key}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                yield from legacy(v, f"{where}/{i}")
    assert list(legacy(KERAS["forms"], "")) == []
    assert list(legacy(ours("forms"), "")) == []
