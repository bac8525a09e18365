"""CTC against real TensorFlow (data/tf_ctc.json, from make_ctc_fixtures.py): the loss of
``K.ctc_batch_cost`` and ``tf.compat.v1.nn.ctc_loss``, their gradients (also against
central differences), ``K.ctc_label_dense_to_sparse``, ``K.ctc_decode`` (greedy and beam
search), ``tf.nn.ctc_greedy_decoder`` and ``tf.compat.v1.nn.ctc_beam_search_decoder``,
and TensorFlow's messages for bad shapes and labels."""
import json
import os

import numpy as np
import pytest

from tracekeras import backend as K
from tracekeras.backend import ctc, ctc_beam_search, ctc_decoding
from tracekeras.backend.tape import GradientTape
from tracekeras.backend.tensor import Variable

with open(os.path.join(os.path.dirname(__file__), "data", "tf_ctc.json")) as f:
    FIXTURES = json.load(f)

# An all-null label (every entry >= num_classes - 1) leaves TensorFlow's kernel an
# extended label of one blank; its backward pass then writes the start value of a state
# that does not exist onto the one before the last step (beta(-1, T-1) lands on
# beta(0, T-2)), so TensorFlow's loss for it is not the all-blank path's. tracekeras
# gives the all-blank path's: this sample is checked against that instead.
ALL_NULL = ("null_labels_end_the_sequence", 1)


def cases(group, errors):
    return sorted(name for name, case in FIXTURES[group].items()
                  if ("error" in case.get("result", {})) == errors)


def batch_cost(case):
    y_pred = Variable(np.array(case["y_pred"], case["y_pred_dtype"]))
    weights = np.array(case["weights"], case["y_pred_dtype"])
    with GradientTape() as tape:
        loss = K.ctc_batch_cost(np.array(case["y_true"], "float32"), y_pred,
                                np.array(case["input_length"]), np.array(case["label_length"]))
        total = K.sum(loss * weights[:, None])
    return loss.numpy(), np.asarray(tape.gradient(total, y_pred))


def close_gradients(ours, theirs, tolerance):
    """Each entry within ``tolerance`` of TensorFlow's, relative to it (or to 1 when smaller):
    dividing by ``y_pred + epsilon`` makes entries of 1e7 beside entries of 1."""
    error = np.abs(ours - theirs) / np.maximum(np.abs(theirs), 1.0)
    assert error.max() <= tolerance, error.max()


@pytest.mark.parametrize("name", cases("batch_cost", errors=False))
def test_ctc_batch_cost_and_its_gradient_are_tensorflow_s(name):
    case = FIXTURES["batch_cost"][name]
    expected = case["result"]
    loss, grad = batch_cost(case)
    theirs_loss, theirs_grad = np.array(expected["loss"]), np.array(expected["grad"])
    assert loss.dtype.name == expected["dtype"] and loss.shape == theirs_loss.shape
    keep = np.ones(len(loss), bool)
    if name == ALL_NULL[0]:
        keep[ALL_NULL[1]] = False
    tolerance = 1e-6 if loss.dtype == np.float32 else 1e-8
    np.testing.assert_allclose(loss[keep], theirs_loss[keep], rtol=tolerance)
    close_gradients(grad[keep], theirs_grad[keep], 1e-4 if loss.dtype == np.float32 else 1e-6)


def test_an_all_null_label_costs_the_all_blank_path():
    case = FIXTURES["batch_cost"][ALL_NULL[0]]
    b = ALL_NULL[1]
    steps = case["input_length"][b][0]
    loss, _ = batch_cost(case)
    y = np.array(case["y_pred"], "float64")[b, :steps] + K.epsilon()
    blank = np.log(y[:, -1]) - np.log(y.sum(axis=-1))
    np.testing.assert_allclose(loss[b, 0], -blank.sum(), rtol=1e-6)
    assert case["result"]["loss"][b][0] != pytest.approx(loss[b, 0], rel=1e-3)   # see ALL_NULL


@pytest.mark.parametrize("name", cases("batch_cost", errors=True))
def test_bad_lengths_and_labels_are_refused_with_tensorflow_s_messages(name):
    case = FIXTURES["batch_cost"][name]
    with pytest.raises(Exception) as raised:
        batch_cost(case)
    assert type(raised.value).__name__ == case["result"]["error"]
    assert str(raised.value).rstrip() == case["result"]["message"]


def logits_loss(case):
    sparse = K.ctc_label_dense_to_sparse(np.array(case["dense"], "int32"),
                                         np.array(case["lengths"], "int32"))
    logits = Variable(np.array(case["logits"], "float32"))
    with GradientTape() as tape:
        loss = ctc.ctc_loss(sparse, logits, np.array(case["sequence_length"], "int32"),
                            **case["options"])
    return loss.numpy(), np.asarray(tape.gradient(loss, logits))


@pytest.mark.parametrize("name", sorted(FIXTURES["ctc_loss"]))
def test_tf_ctc_loss_options_on_logits(name):
    case = FIXTURES["ctc_loss"][name]
    loss, grad = logits_loss(case)
    np.testing.assert_allclose(loss, case["result"]["loss"], rtol=1e-6)
    np.testing.assert_allclose(grad, case["result"]["grad"], rtol=1e-5, atol=1e-6)


def central_differences(f, x, h=1e-6):
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[index] = h
        grad[index] = (f(x + step) - f(x - step)) / (2 * h)
    return grad


@pytest.mark.parametrize("merge_repeated", [True, False])
def test_the_logits_gradient_is_the_loss_s_derivative(merge_repeated):
    rng = np.random.default_rng(3)
    logits = rng.normal(size=(7, 2, 4))
    labels = K.ctc_label_dense_to_sparse(np.array([[1, 1, 2], [0, 2, 0]], "int32"),
                                         np.array([3, 2], "int32"))
    weights = np.array([0.7, 1.3])

    def total(values):
        return float((ctc.ctc_loss(labels, values, np.array([7, 5]),
                                   ctc_merge_repeated=merge_repeated).numpy() * weights).sum())
    x = Variable(logits)
    with GradientTape() as tape:
        loss = K.sum(ctc.ctc_loss(labels, x, np.array([7, 5]),
                                  ctc_merge_repeated=merge_repeated) * weights)
    np.testing.assert_allclose(np.asarray(tape.gradient(loss, x)),
                               central_differences(total, logits), atol=1e-7)


def test_the_y_pred_gradient_of_ctc_batch_cost_is_its_derivative():
    rng = np.random.default_rng(4)
    y_pred = rng.dirichlet(np.ones(5), size=(2, 6))
    args = (np.array([[1.0, 3.0], [2.0, 2.0]]), np.array([[6], [5]]), np.array([[2], [2]]))

    def total(values):
        return float(K.ctc_batch_cost(args[0], values, *args[1:]).numpy().sum())
    x = Variable(y_pred)
    with GradientTape() as tape:
        loss = K.sum(K.ctc_batch_cost(args[0], x, *args[1:]))
    np.testing.assert_allclose(np.asarray(tape.gradient(loss, x)),
                               central_differences(total, y_pred, h=1e-7), rtol=1e-5,
                               atol=1e-6)


@pytest.mark.parametrize("name", sorted(FIXTURES["dense_to_sparse"]))
def test_ctc_label_dense_to_sparse_is_keras_s(name):
    case = FIXTURES["dense_to_sparse"][name]
    sparse = K.ctc_label_dense_to_sparse(np.array(case["labels"], "float32"),
                                         np.array(case["lengths"], "int32"))
    assert sparse.indices.value.tolist() == case["indices"]
    assert sparse.indices.value.dtype == np.int64
    assert sparse.values.value.tolist() == case["values"]
    assert sparse.values.value.dtype.name == case["dtype"]
    assert sparse.dense_shape.value.tolist() == case["dense_shape"]


def decode(case):
    paths, log_prob = K.ctc_decode(np.array(case["y_pred"], "float32"),
                                   np.array(case["input_length"]))
    return {"decoded": [p.numpy().tolist() for p in paths], "decoded_dtype": str(
        paths[0].numpy().dtype), "log_prob": log_prob.numpy(), "log_prob_dtype": str(
        log_prob.numpy().dtype)}


@pytest.mark.parametrize("name", [n for n in cases("decode", errors=False)
                                  if not n.startswith("tf_")])
def test_greedy_ctc_decode_is_keras_s(name):
    case = FIXTURES["decode"][name]
    ours, theirs = decode(case), case["result"]
    assert ours["decoded"] == theirs["decoded"]
    assert (ours["decoded_dtype"], ours["log_prob_dtype"]) == (theirs["decoded_dtype"],
                                                               theirs["log_prob_dtype"])
    np.testing.assert_allclose(ours["log_prob"], theirs["log_prob"], rtol=1e-6)


@pytest.mark.parametrize("name", cases("decode", errors=True))
def test_ctc_decode_refuses_bad_shapes_with_tensorflow_s_messages(name):
    case = FIXTURES["decode"][name]
    with pytest.raises(Exception) as raised:
        decode(case)
    assert type(raised.value).__name__ == case["result"]["error"]
    assert str(raised.value) == case["result"]["message"]


@pytest.mark.parametrize("name", [n for n in cases("decode", errors=False)
                                  if n.startswith("tf_")])
def test_tf_nn_ctc_greedy_decoder_options(name):
    case = FIXTURES["decode"][name]
    (sparse,), neg_sum = ctc_decoding.ctc_greedy_decoder(
        np.array(case["inputs"], "float32"), np.array(case["sequence_length"], "int32"),
        **case["options"])
    theirs = case["result"]
    assert sparse.indices.value.tolist() == theirs["indices"]
    assert sparse.values.value.tolist() == theirs["values"]
    assert sparse.dense_shape.value.tolist() == theirs["dense_shape"]
    np.testing.assert_allclose(neg_sum.numpy(), theirs["neg_sum_logits"], rtol=1e-6)


def beam_decode(case):
    paths, log_prob = K.ctc_decode(np.array(case["y_pred"], "float32"),
                                   np.array(case["input_length"]), greedy=False,
                                   beam_width=case["beam_width"], top_paths=case["top_paths"])
    return {"decoded": [p.numpy().tolist() for p in paths], "log_prob": log_prob.numpy()}


@pytest.mark.parametrize("name", [n for n in sorted(FIXTURES["beam"]) if n.startswith("beam")])
def test_beam_search_ctc_decode_is_keras_s(name):
    case = FIXTURES["beam"][name]
    ours, theirs = beam_decode(case), case["result"]
    assert ours["decoded"] == theirs["decoded"]
    assert ours["log_prob"].dtype.name == theirs["log_prob_dtype"]
    np.testing.assert_allclose(ours["log_prob"], theirs["log_prob"], rtol=1e-6, atol=1e-5)


def test_more_paths_than_the_beam_is_refused_as_tensorflow_refuses_it():
    case = FIXTURES["beam"]["error_beam_top_paths"]
    with pytest.raises(Exception) as raised:
        beam_decode(case)
    assert (type(raised.value).__name__, str(raised.value)) == (case["result"]["error"],
                                                                case["result"]["message"])


def test_tf_beam_search_decoder_without_merging_repeats():
    case = FIXTURES["beam"]["tf_beam_no_merge"]
    paths, log_probs = ctc_beam_search.ctc_beam_search_decoder(
        np.array(case["inputs"], "float32"), np.array(case["sequence_length"], "int32"),
        **case["options"])
    assert [[p.indices.value.tolist(), p.values.value.tolist(), p.dense_shape.value.tolist()]
            for p in paths] == case["result"]["paths"]
    np.testing.assert_allclose(log_probs.numpy(), case["result"]["log_probability"],
                               rtol=1e-6, atol=1e-5)


def test_ctc_loss_takes_a_sparse_tensor_of_labels():
    with pytest.raises(TypeError, match="Expected argument `labels` to be a SparseTensor"):
        ctc.ctc_loss(np.array([[1, 2]]), np.zeros((3, 1, 4), "float32"), np.array([3]))
