"""``optimizers.get``/``deserialize``/``serialize``: the name table, instances, dicts, errors.

The error texts and the resolved classes are the facts real Keras gives
(tf_keras 2.21 reference: /work/shared/reference/errors.json case
"unknown_optimizer", and tf_keras 2.21's ``keras.optimizers.deserialize`` table).
"""
import pytest

from tracekeras import optimizers, trace
from tracekeras.optimizers import (
    SGD,
    Adadelta,
    Adagrad,
    Adam,
    Adamax,
    AdamW,
    Ftrl,
    LossScaleOptimizerV3,
    Nadam,
    RMSprop,
)

# tf_keras 2.21 reference: the v2.11+ table of keras.optimizers.deserialize
TABLE = {"adadelta": Adadelta, "adagrad": Adagrad, "adam": Adam, "adamw": AdamW,
         "adamax": Adamax, "experimentaladadelta": Adadelta, "experimentaladagrad": Adagrad,
         "experimentaladam": Adam, "experimentalsgd": SGD, "nadam": Nadam,
         "rmsprop": RMSprop, "sgd": SGD, "ftrl": Ftrl}
# tf_keras 2.21 reference (errors.json, case unknown_optimizer), with the name changed
UNKNOWN = ("Unknown optimizer: 'nope'. Please ensure you are using a "
           "`keras.utils.custom_object_scope` and that this object is included in the scope. "
           "See https://www.tensorflow.org/guide/keras/save_and_serialize"
           "#registering_the_custom_object for details.")


@pytest.mark.parametrize("name", sorted(TABLE))
def test_every_name_resolves_case_insensitively(name):
    for spelling in (name, name.upper(), name.capitalize()):
        opt = optimizers.get(spelling)
        assert type(opt) is TABLE[name]
        assert opt.iterations.numpy() == 0


def test_class_names_as_keras_writes_them():
    assert type(optimizers.get("RMSprop")) is RMSprop
    assert type(optimizers.get("SGD")) is SGD
    assert type(optimizers.get("Adam")) is Adam


def test_instance_is_returned_as_is():
    opt = Adam(learning_rate=0.5)
    assert optimizers.get(opt) is opt


def test_dict_config_builds_with_the_config():
    opt = optimizers.get({"class_name": "SGD", "config": {"learning_rate": 0.5,
                                                          "momentum": 0.9, "nesterov": True,
                                                          "is_legacy_optimizer": False}})
    assert isinstance(opt, SGD)
    assert opt.learning_rate.numpy() == pytest.approx(0.5)
    assert opt.momentum == 0.9 and opt.nesterov is True


def test_dict_config_without_is_legacy_optimizer_builds_the_legacy_class():
    """As tf_keras 2.21: a non-empty config without ``is_legacy_optimizer`` was written by a
    Keras 2.0-2.10 optimizer."""
    opt = optimizers.get({"class_name": "SGD", "config": {"learning_rate": 0.5}})
    assert type(opt) is optimizers.legacy.SGD


def test_dict_identifier_is_not_mutated():
    config = {"class_name": "ADAM", "config": {}}
    optimizers.get(config)
    assert config == {"class_name": "ADAM", "config": {}}


def test_unknown_name_gives_keras_message():
    with pytest.raises(ValueError) as info:
        optimizers.get("nope")
    assert str(info.value) == UNKNOWN


def test_unknown_misspelling_from_reference():
    # tf_keras 2.21 reference: errors.json unknown_optimizer ('rmsprp')
    with pytest.raises(ValueError, match=r"^Unknown optimizer: 'rmsprp'\. Please ensure"):
        optimizers.get("rmsprp")


@pytest.mark.parametrize("bad", [42, None, 1.5, ["adam"], RMSprop])
def test_uninterpretable_identifier(bad):
    with pytest.raises(ValueError) as info:
        optimizers.get(bad)
    assert str(info.value) == f"Could not interpret optimizer identifier: {bad}"


def test_invalid_keyword_argument():
    with pytest.raises(TypeError, match="Invalid keyword arguments"):
        optimizers.get("adam", foo=1)


def test_serialize_round_trip():
    opt = RMSprop(learning_rate=0.25, rho=0.8, momentum=0.5, centered=True, clipnorm=1.0)
    config = optimizers.serialize(opt)
    # tf_keras 2.21 reference: keras.optimizers.serialize gives the 2.11+ format
    assert config["class_name"] == "RMSprop" and config["module"] == "keras.optimizers"
    assert config["registered_name"] is None
    again = optimizers.deserialize(config)
    assert type(again) is RMSprop
    assert again.get_config() == opt.get_config()


def test_config_keys_match_keras():
    # tf_keras 2.21 reference: optimizer_config of numeric/rmsprop__sparse_categorical_crossentropy
    reference = {'name': 'RMSprop', 'weight_decay': None, 'clipnorm': None,
                 'global_clipnorm': None, 'clipvalue': None, 'use_ema': False,
                 'ema_momentum': 0.99, 'ema_overwrite_frequency': 100, 'jit_compile': False,
                 'is_legacy_optimizer': False, 'learning_rate': 0.0010000000474974513,
                 'rho': 0.9, 'momentum': 0.0, 'epsilon': 1e-07, 'centered': False}
    assert optimizers.get("rmsprop").get_config() == reference


def test_loss_scale_optimizer_names():
    inner = {"class_name": "SGD", "config": {"learning_rate": 0.1}}
    for name in ("lossscaleoptimizer", "LossScaleOptimizerV3", "lossscaleoptimizerv1"):
        opt = optimizers.get({"class_name": name, "config": {"inner_optimizer": inner}})
        assert isinstance(opt, LossScaleOptimizerV3)
        assert isinstance(opt.inner_optimizer, SGD)
    # A bare name has no inner optimizer: Keras fails with KeyError('inner_optimizer').
    with pytest.raises(KeyError, match="inner_optimizer"):
        optimizers.get("lossscaleoptimizer")


def test_get_is_traced_with_deserialize_inside():
    with trace() as t:
        optimizers.get("rmsprop")
    begins = [(r["name"], r.get("args") or {}) for r in t.records if r["ph"] == "B"]
    names = [n for n, _ in begins]
    # tf_keras 2.21 reference: keystages S1 (compile) and stages_S1 (can_jit_compile inside;
    # "keras.optimizers.get -> optimizers.get": a name is made a config and handed to get)
    assert names[:5] == ["keras.optimizers.get", "keras.optimizers.get",
                         "keras.optimizers.deserialize",
                         "keras.saving.legacy.serialization.deserialize_keras_object",
                         "keras.utils.tf_utils.can_jit_compile"]
    assert begins[0][1]["identifier"] == "rmsprop"
    assert begins[3][1]["identifier"] == "rmsprop"
    get_span = next(r for r in t.records if r["ph"] == "B" and r["name"] == "keras.optimizers.get")
    assert get_span["stage"] == "compile"


def test_failed_get_records_the_error():
    with trace() as t:
        with pytest.raises(ValueError):
            optimizers.get("nope")
    ends = [r for r in t.records if r["ph"] == "E" and r.get("error")]
    assert ends, "the failing span must record its error"


def test_custom_optimizer_serializes_with_its_name_and_resolves_in_scope():
    from tracekeras.utils.serialization import custom_object_scope

    class MySGD(SGD):
        pass

    config = optimizers.serialize(MySGD(learning_rate=0.5))
    # tf_keras 2.21 reference: a user class has module None and registered_name its name
    assert config["module"] is None and config["registered_name"] == "MySGD"
    with pytest.raises(ValueError, match="Unknown optimizer: 'MySGD'"):
        optimizers.deserialize(config)
    with custom_object_scope({"MySGD": MySGD}):
        again = optimizers.deserialize(config)
        by_name = optimizers.get("MySGD")
    assert type(again) is MySGD and again.learning_rate.numpy() == 0.5
    assert type(by_name) is MySGD
