"""``losses.get``/``metrics.get`` tables, serialization, and Keras's error messages."""
import numpy as np
import pytest

from tracekeras import losses, metrics, tracing
from tracekeras.backend import Tensor
from tracekeras.utils.serialization import custom_object_scope

from .helpers import load

ERRORS = load("errors")   # from tf_keras 2.21 reference (make_fixtures.py)

LOSS_NAMES = {
    "sparse_categorical_crossentropy": losses.sparse_categorical_crossentropy,
    "categorical_crossentropy": losses.categorical_crossentropy,
    "binary_crossentropy": losses.binary_crossentropy, "bce": losses.binary_crossentropy,
    "mse": losses.mean_squared_error, "MSE": losses.mean_squared_error,
    "mean_squared_error": losses.mean_squared_error, "mae": losses.mean_absolute_error,
    "mape": losses.mean_absolute_percentage_error, "msle": losses.mean_squared_logarithmic_error,
    "kld": losses.kl_divergence, "kullback_leibler_divergence": losses.kl_divergence,
    "huber": losses.huber, "huber_loss": losses.huber, "logcosh": losses.log_cosh,
    "log_cosh": losses.log_cosh, "hinge": losses.hinge, "squared_hinge": losses.squared_hinge,
    "categorical_hinge": losses.categorical_hinge, "poisson": losses.poisson,
    "cosine_similarity": losses.cosine_similarity,
}


@pytest.mark.parametrize("name", sorted(LOSS_NAMES))
def test_loss_names_resolve_to_functions(name):
    assert losses.get(name) is LOSS_NAMES[name]
    assert losses.is_known(name)


@pytest.mark.parametrize("cls", ["SparseCategoricalCrossentropy", "CategoricalCrossentropy",
                                 "BinaryCrossentropy", "MeanSquaredError", "Huber", "Hinge",
                                 "CosineSimilarity", "KLDivergence", "LogCosh", "Poisson"])
def test_a_class_name_gives_an_instance_and_configs_round_trip(cls):
    loss = losses.get(cls)
    assert type(loss) is getattr(losses, cls)   # Keras instantiates a class named alone
    config = losses.serialize(loss)
    assert config["class_name"] == cls
    again = losses.get(config)
    assert type(again) is type(loss) and again.get_config() == loss.get_config()


def test_loss_configs_hold_keras_defaults():
    assert losses.SparseCategoricalCrossentropy().get_config() == {
        "reduction": "auto", "name": "sparse_categorical_crossentropy", "from_logits": False,
        "ignore_class": None, "fn": "sparse_categorical_crossentropy"}
    assert losses.CategoricalCrossentropy(label_smoothing=0.1).get_config() == {
        "reduction": "auto", "name": "categorical_crossentropy", "from_logits": False,
        "label_smoothing": 0.1, "axis": -1, "fn": "categorical_crossentropy"}
    assert losses.Huber().name == "huber_loss" and losses.Huber().get_config()["delta"] == 1.0
    wrapper = losses.LossFunctionWrapper(losses.mean_squared_error, name="mse")
    restored = losses.LossFunctionWrapper.from_config(wrapper.get_config())
    assert restored.fn is losses.mean_squared_error


def test_get_passes_callables_and_none_through():
    def my_loss(y_true, y_pred):
        return y_pred
    assert losses.get(my_loss) is my_loss and losses.get(None) is None
    loss = losses.MeanAbsoluteError()
    assert losses.get(loss) is loss
    assert metrics.get(my_loss) is my_loss


def test_unknown_names():
    case = ERRORS["unknown_loss"]
    with pytest.raises(ValueError) as err:
        losses.get("foo")
    assert str(err.value) == case["message"]
    assert not losses.is_known("foo")
    # tf_keras 2.21's metrics.get('foo') returns 'foo' unchanged (its new serialization path);
    # we raise what its legacy path says, which names the problem at compile time.
    assert ERRORS["unknown_metric"] is None
    with pytest.raises(ValueError, match="^Unknown metric function: 'foo'. Please ensure you are "
                                         "using a `keras.utils.custom_object_scope`"):
        metrics.get("foo")
    with pytest.raises(ValueError) as err:
        losses.get(3)
    assert str(err.value) == ERRORS["bad_loss_identifier"]["message"]
    with pytest.raises(ValueError, match="Could not interpret metric identifier: 3"):
        metrics.get(3)


def test_custom_objects_are_found():
    def my_loss(y_true, y_pred):
        return y_pred
    with custom_object_scope({"my_loss": my_loss}):
        assert losses.get("my_loss") is my_loss and losses.is_known("my_loss")
    assert not losses.is_known("my_loss")


def test_get_is_traced_through_deserialize_keras_object():
    with tracing.trace(level="stages") as t:
        losses.get("mse")
        metrics.get("sparse_categorical_accuracy")
    name = "keras.saving.legacy.serialization.deserialize_keras_object"
    begins = [r for r in t.records if r.get("ph") == "B" and r["name"] == name]
    ends = [r for r in t.records if r.get("ph") == "E" and r["name"] == name]
    assert [(b["stage"], b["args"]["kind"]) for b in begins] == [("loss", "loss function"),
                                                               ("metrics", "metric function")]
    assert [e["args"]["resolved"] for e in ends] == [
        "keras.losses.mean_squared_error",
        "keras.metrics.accuracy_metrics.sparse_categorical_accuracy"]


def test_label_out_of_range():
    case = ERRORS["label_out_of_range"]
    assert ("Received a label value of 10 which is outside the valid range of [0, 10)."
            in case["message"])
    probs = Tensor(np.full((4, 10), 0.1, np.float32))
    with pytest.raises(ValueError) as err:
        losses.SparseCategoricalCrossentropy()(np.array([[1], [10], [3], [2]]), probs)
    # TensorFlow's text (an InvalidArgumentError there), without the op-name decoration
    assert str(err.value) == ("Received a label value of 10 which is outside the valid range of "
                              "[0, 10).  Label values: 1 10 3 2")
    with pytest.raises(ValueError, match="Received a label value of -1 "):
        losses.sparse_categorical_crossentropy(np.array([-1, 0, 0, 0]), probs)


def test_one_hot_loss_given_integer_labels():
    # Keras eager says "Shapes (4, 1) and (4, 10) are incompatible" (tf_keras 2.21 reference);
    # inside fit the batch axis is unknown and it says (None, 1): we give the fit wording.
    assert ERRORS["cce_int_labels"]["message"] == "Shapes (4, 1) and (4, 10) are incompatible"
    probs = Tensor(np.full((4, 10), 0.1, np.float32))
    # Keras's sentence first, then what to do about it (ours).
    with pytest.raises(ValueError, match=r"^Shapes \(None, 1\) and \(None, 10\) are incompatible\. "
                                         r"The targets look like integer class labels: use "
                                         r"sparse_categorical_crossentropy"):
        losses.CategoricalCrossentropy()(np.array([[1.0], [2.0], [3.0], [4.0]]), probs)


def test_invalid_reduction():
    with pytest.raises(ValueError) as err:
        losses.MeanSquaredError(reduction="mean")
    assert str(err.value) == ERRORS["invalid_reduction"]["message"]


def test_loss_classes_take_keras_arguments_in_keras_order():
    import inspect
    assert str(inspect.signature(losses.SparseCategoricalCrossentropy)) == (
        "(from_logits=False, ignore_class=None, reduction='auto', "
        "name='sparse_categorical_crossentropy')")
    assert (str(inspect.signature(losses.Huber))
            == "(delta=1.0, reduction='auto', name='huber_loss')")
    assert losses.MeanSquaredError("sum").reduction == "sum"
    assert losses.BinaryCrossentropy(True, 0.1).get_config()["label_smoothing"] == 0.1
    with pytest.raises(TypeError, match="unexpected keyword argument 'foo'"):
        losses.Huber(foo=1)


@pytest.mark.parametrize("level", ["stages", "steps", "full"])
def test_hot_paths_are_traced_only_at_level_full_and_tracing_changes_nothing(level):
    probs = Tensor(np.array([[0.2, 0.8], [0.6, 0.4]], np.float32))
    labels = np.array([1, 1])
    off_loss = losses.SparseCategoricalCrossentropy()(labels, probs).value
    with tracing.trace(level=level) as t:
        on_loss = losses.SparseCategoricalCrossentropy()(labels, probs).value
        m = metrics.Mean()
        m.update_state(np.float32(on_loss), sample_weight=2)
    assert on_loss.tobytes() == off_loss.tobytes() and m.result() == on_loss
    names = {r["name"] for r in t.records if r.get("ph") == "B"}
    hot = {"keras.losses.Loss.__call__", "keras.metrics.base_metric.Reduce.update_state"}
    assert (hot <= names) if level == "full" else not (hot & names)
    assert "keras.engine.base_layer.Layer.add_weight" in names   # the Mean's total and count
