"""Record real TensorFlow's CTC loss, its gradients and the greedy decoder.

Writes ``data/tf_ctc.json``: for each case its inputs and what tf_keras 2.21 returned
(``keras.backend.ctc_batch_cost`` and its gradient with respect to ``y_pred``,
``tf.compat.v1.nn.ctc_loss`` on logits and its gradient, ``ctc_label_dense_to_sparse``,
``keras.backend.ctc_decode`` greedy and by beam search, ``tf.nn.ctc_greedy_decoder`` and
``tf.compat.v1.nn.ctc_beam_search_decoder``), or the error's type and message. Run from the
repository root with the TensorFlow venv::

    TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python \\
        tests/backend/make_ctc_fixtures.py
"""
import json
import os
import re

import numpy as np
import tensorflow as tf
from tf_keras import backend as K

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "tf_ctc.json")


def softmax_batch(rng, batch, time, classes, scale=2.0):
    logits = rng.normal(scale=scale, size=(batch, time, classes))
    e = np.exp(logits - logits.max(-1, keepdims=True))
    return (e / e.sum(-1, keepdims=True)).astype("float32")


def error_text(error):
    message = re.sub(r"^\{\{function_node [^}]*\}\} ", "", str(error))
    return re.sub(r"\s*\[Op:\w+\]( name: \S*)?\s*$", "", message)


def outcome(make):
    try:
        return make()
    except Exception as error:   # the error is the case's result
        return {"error": type(error).__name__, "message": error_text(error)}


def batch_cost(y_true, y_pred, input_length, label_length, weights):
    """K.ctc_batch_cost and d(sum(weights * loss))/d(y_pred)."""
    x = tf.Variable(y_pred)
    with tf.GradientTape() as tape:
        loss = K.ctc_batch_cost(y_true, x, input_length, label_length)
        total = tf.reduce_sum(loss * weights[:, None])
    grad = tape.gradient(total, x)
    return {"loss": loss.numpy().tolist(), "grad": grad.numpy().tolist(),
            "dtype": loss.dtype.name}


def cost_case(y_true, y_pred, input_length, label_length, rng):
    y_true, y_pred = np.asarray(y_true, "float32"), np.asarray(y_pred)
    input_length, label_length = np.asarray(input_length), np.asarray(label_length)
    weights = rng.uniform(0.5, 2.0, size=y_pred.shape[0]).astype(y_pred.dtype)
    return {"y_true": y_true.tolist(), "y_pred": y_pred.tolist(),
            "y_pred_dtype": y_pred.dtype.name,
            "input_length": input_length.tolist(), "label_length": label_length.tolist(),
            "weights": weights.tolist(),
            "result": outcome(lambda: batch_cost(y_true, y_pred, input_length,
                                                 label_length, weights))}


def cost_cases(rng):
    small = softmax_batch(rng, 3, 6, 5)
    labels = [[1, 2, 2], [0, 3, 0], [1, 1, 1]]
    il, ll = [[6], [5], [6]], [[3], [2], [3]]
    one_hot = np.eye(5, dtype="float32")[np.zeros((3, 6), int)]
    big = softmax_batch(rng, 4, 20, 8)
    big_labels = rng.integers(0, 7, size=(4, 5))
    captcha = softmax_batch(rng, 2, 50, 21, scale=3.0)
    return {
        "small": cost_case(labels, small, il, ll, rng),
        "label_length_past_the_row": cost_case(labels, small, il, [[4], [2], [3]], rng),
        "null_labels_end_the_sequence": cost_case([[1, 4, 4], [4, 4, 4], [2, 3, 4]], small,
                                                  il, ll, rng),
        "repeats_without_time_have_no_path": cost_case(labels, small, [[6], [5], [3]], ll, rng),
        "float_lengths": cost_case(labels, small, np.array(il, "float32"),
                                   np.array(ll, "float32"), rng),
        "one_hot_predictions": cost_case(labels, one_hot, il, ll, rng),
        "float64": cost_case(labels, small.astype("float64"), il, ll, rng),
        "random_lengths": cost_case(big_labels, big, [[20], [13], [9], [17]],
                                    [[5], [3], [1], [4]], rng),
        "captcha_sized": cost_case(rng.integers(0, 20, size=(2, 5)), captcha, [[50], [50]],
                                   [[5], [5]], rng),
        "error_not_enough_time": cost_case(labels, small, [[2], [5], [6]], ll, rng),
        "error_zero_label_length": cost_case(labels, small, il, [[3], [0], [3]], rng),
        "error_negative_label_length": cost_case(labels, small, il, [[-1], [2], [3]], rng),
        "error_null_then_label": cost_case([[1, 4, 2], [0, 3, 0], [1, 1, 1]], small, il, ll,
                                           rng),
        "error_label_past_classes": cost_case([[7, 2, 2], [0, 3, 0], [1, 1, 1]], small, il,
                                              ll, rng),
        "error_negative_label": cost_case([[2, -1, 4], [0, 3, 0], [1, 1, 1]], small, il, ll,
                                          rng),
        "error_first_sample_first": cost_case([[1, 3, 2], [-1, 3, 0], [1, 1, 1]], small,
                                              [[1], [5], [6]], ll, rng),
        "error_input_length_past_time": cost_case(labels, small, [[7], [5], [6]], ll, rng),
        "error_negative_input_length": cost_case(labels, small, [[-1], [5], [6]], ll, rng),
        "error_input_length_batch": cost_case(labels, small, il[:2], ll, rng),
        "error_y_pred_batch": cost_case(labels, small[:2], il, ll, rng),
        "error_label_batch": cost_case(labels[:2], small, il, ll, rng),
        "error_y_pred_rank_2": cost_case(labels, small[:, :, 0], il, ll, rng),
        "error_input_length_rank_1": cost_case(labels, small, [6, 5, 6], ll, rng),
    }


def logits_loss(labels, logits, lengths, options):
    x = tf.Variable(logits)
    with tf.GradientTape() as tape:
        loss = tf.compat.v1.nn.ctc_loss(labels, x, lengths, **options)
    return {"loss": loss.numpy().tolist(), "grad": tape.gradient(loss, x).numpy().tolist()}


def logits_cases(rng):
    cases = {}
    dense = np.array([[1, 1, 2, 2], [3, 0, 0, 1], [2, 2, 2, 0]], "int32")
    lengths = np.array([4, 3, 2], "int32")
    for name, options, seq in [
            ("defaults", {}, [8, 7, 8]),
            ("collapse_repeated", {"preprocess_collapse_repeated": True}, [8, 7, 8]),
            ("no_merge_repeated", {"ctc_merge_repeated": False}, [8, 7, 8]),
            ("ignore_longer", {"ignore_longer_outputs_than_inputs": True}, [3, 7, 8]),
            ("batch_major", {"time_major": False}, [8, 7, 8])]:
        shape = (3, 8, 5) if name == "batch_major" else (8, 3, 5)
        logits = rng.normal(scale=2.0, size=shape).astype("float32")
        sparse = K.ctc_label_dense_to_sparse(dense, lengths)
        cases[name] = {"dense": dense.tolist(), "lengths": lengths.tolist(),
                       "logits": logits.tolist(), "sequence_length": seq,
                       "options": options,
                       "result": outcome(lambda s=sparse, x=logits, n=seq, o=options:
                                         logits_loss(s, x, np.array(n, "int32"), o))}
    return cases


def sparse_cases():
    cases = {}
    labels = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]], "float32")
    for name, lengths in [("within", [3, 2, 1]), ("past_the_row", [5, 0, 2])]:
        st = K.ctc_label_dense_to_sparse(labels, np.array(lengths, "int32"))
        cases[name] = {"labels": labels.tolist(), "lengths": lengths,
                       "indices": st.indices.numpy().tolist(),
                       "values": st.values.numpy().tolist(),
                       "dense_shape": st.dense_shape.numpy().tolist(),
                       "dtype": st.values.dtype.name}
    return cases


def decoded(make):
    paths, log_prob = make()
    return {"decoded": [p.numpy().tolist() for p in paths],
            "decoded_dtype": paths[0].dtype.name,
            "log_prob": log_prob.numpy().tolist(), "log_prob_dtype": log_prob.dtype.name}


def greedy(inputs, lengths, options):
    (sparse,), neg_sum = tf.nn.ctc_greedy_decoder(inputs, lengths, **options)
    return {"indices": sparse.indices.numpy().tolist(), "values": sparse.values.numpy().tolist(),
            "dense_shape": sparse.dense_shape.numpy().tolist(),
            "neg_sum_logits": neg_sum.numpy().tolist()}


def decode_cases(rng):
    pred = softmax_batch(rng, 3, 6, 5)
    pred[0, 1] = pred[0, 0]                    # a repeated best class
    pred[1, 2] = [0.3, 0.3, 0.1, 0.1, 0.2]     # a tie: the first class wins
    pred[2, 3] = pred[2, 1]
    pred[2, 2] = [0.05, 0.05, 0.05, 0.05, 0.8]  # a blank between two equal classes
    cases = {}
    for name, y_pred, lengths in [
            ("greedy", pred, [6, 4, 6]), ("float_lengths", pred, [6.0, 4.0, 6.0]),
            ("negative_and_zero_lengths", pred, [-1, 0, 6]),
            ("error_lengths_rank_2", pred, [[6], [4], [6]]),
            ("error_length_past_time", pred, [7, 4, 6]),
            ("error_lengths_batch", pred, [6, 4]),
            ("error_rank_2", pred[:, :, 0], [6, 4, 6])]:
        cases[name] = {"y_pred": y_pred.tolist(), "input_length": lengths,
                       "result": outcome(lambda y=y_pred, n=lengths: decoded(
                           lambda: K.ctc_decode(y, np.array(n))))}
    logits = rng.normal(size=(7, 2, 4)).astype("float32")
    logits[2, 0] = logits[1, 0]
    for name, options in [("tf_greedy_no_merge", {"merge_repeated": False}),
                          ("tf_greedy_blank_first", {"blank_index": 0}),
                          ("tf_greedy_blank_minus_one", {"blank_index": -1})]:
        cases[name] = {"inputs": logits.tolist(), "sequence_length": [7, 5],
                       "options": options,
                       "result": outcome(lambda o=options: greedy(
                           logits, np.array([7, 5], "int32"), o))}
    return cases


def beam(inputs, lengths, options):
    paths, log_probs = tf.compat.v1.nn.ctc_beam_search_decoder(inputs, lengths, **options)
    return {"paths": [[p.indices.numpy().tolist(), p.values.numpy().tolist(),
                       p.dense_shape.numpy().tolist()] for p in paths],
            "log_probability": log_probs.numpy().tolist()}


def beam_cases(rng):
    """K.ctc_decode(greedy=False) on softmax outputs of several sizes, beam widths and
    numbers of paths; tf.compat.v1.nn.ctc_beam_search_decoder without merge_repeated."""
    cases = {}
    for name, (batch, time, classes, width, paths, scale) in {
            "beam_small": (3, 6, 5, 3, 2, 2.0), "beam_flat": (2, 10, 4, 5, 3, 1.0),
            "beam_wide": (4, 8, 6, 10, 4, 3.0), "beam_three_classes": (2, 12, 3, 2, 2, 0.5),
            "beam_keras_default_width": (3, 15, 8, 100, 1, 2.0),
            "beam_long": (2, 20, 5, 4, 4, 1.5)}.items():
        y_pred = softmax_batch(rng, batch, time, classes, scale)
        lengths = rng.integers(max(1, time - 3), time + 1, size=batch).tolist()
        cases[name] = {"y_pred": y_pred.tolist(), "input_length": lengths,
                       "beam_width": width, "top_paths": paths,
                       "result": outcome(lambda y=y_pred, n=lengths, w=width, p=paths: decoded(
                           lambda: K.ctc_decode(y, np.array(n), greedy=False, beam_width=w,
                                                top_paths=p)))}
    y_pred = softmax_batch(rng, 2, 6, 4)
    cases["error_beam_top_paths"] = {
        "y_pred": y_pred.tolist(), "input_length": [6, 6], "beam_width": 2, "top_paths": 3,
        "result": outcome(lambda: decoded(lambda: K.ctc_decode(
            y_pred, np.array([6, 6]), greedy=False, beam_width=2, top_paths=3)))}
    logits = np.log(softmax_batch(rng, 3, 9, 4, 1.0)).transpose(1, 0, 2)
    cases["tf_beam_no_merge"] = {
        "inputs": logits.tolist(), "sequence_length": [9, 7, 8],
        "options": {"beam_width": 4, "top_paths": 2, "merge_repeated": False},
        "result": outcome(lambda: beam(logits, np.array([9, 7, 8], "int32"),
                                       {"beam_width": 4, "top_paths": 2,
                                        "merge_repeated": False}))}
    return cases


def main():
    rng = np.random.default_rng(20260614)
    fixtures = {"batch_cost": cost_cases(rng), "ctc_loss": logits_cases(rng),
                "dense_to_sparse": sparse_cases(), "decode": decode_cases(rng),
                "beam": beam_cases(rng),
                "_meta": {"tensorflow": tf.__version__}}
    with open(OUT, "w") as f:
        json.dump(fixtures, f)
        f.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
