"""What the chapters say tf_keras does, against what tf_keras 2.21 did.

``docs/data/keras_facts.json`` is made by ``docs/make_keras_facts.py`` on real
tf_keras 2.21 (TensorFlow 2.21), which wraps tf_keras functions for a run and
notes what happened. Each row below pairs a sentence of a chapter (it must
still be there, word for word) with the fact it rests on and the value the
sentence implies. If a chapter's wording changes, change its row; if
tf_keras's behaviour differs from the value, the chapter is wrong.
"""
import json
import os
import re

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOCS = os.path.join(ROOT, "docs")
with open(os.path.join(DOCS, "data", "keras_facts.json"), encoding="utf-8") as f:
    FILE = json.load(f)
FACTS = FILE["facts"]

HAS_PROGBAR = ["History", "ProgbarLogger"]
CLAIMS = [
    # (chapter, sentence, fact, value the sentence implies)
    ("compile", "Keras\nstores `_compile_config` first of all, before it opens the strategy scope",
     "compile.order", ["_compile_config", "tf.distribute.Strategy.scope", "Model._validate_compile",
                       "Model._get_optimizer", "LossesContainer.__init__",
                       "MetricsContainer.__init__", "_is_compiled"]),
    ("compile", "Keras checks the pair\nlast, after it has set `_is_compiled = True`",
     "compile.switches_rejected_after_is_compiled", True),
    ("compile", "Keras checks the pair\nlast", "compile.switches_error",
     "You cannot enable `run_eagerly` and `jit_compile` at the same time."),
    ("compile", "it chooses by their\n*shapes*, not by the labels' type",
     "compile.accuracy_resolved",
     {"int labels (8,), softmax (8, 3)": "sparse_categorical_accuracy",
      "float labels (8,), softmax (8, 3)": "sparse_categorical_accuracy",
      "int labels (8, 1), softmax (8, 3)": "sparse_categorical_accuracy",
      "one-hot int labels (8, 3), softmax (8, 3)": "categorical_accuracy",
      "one-hot float labels (8, 3), softmax (8, 3)": "categorical_accuracy",
      "int labels (8,), sigmoid (8, 1)": "binary_accuracy"}),
    ("compile", "Nothing: the containers create their metric objects on the first step",
     "compile.metrics_after_compile", []),
    ("build", "`_build_graph_network_for_inferred_shape` itself initialises the graph\nnetwork",
     "build.sequential_tree", [[0, "Sequential.build"],
                               [1, "Sequential._build_graph_network_for_inferred_shape"],
                               [2, "Functional._init_graph_network"],
                               [3, "functional._build_map"]]),
    ("build", "A node's graph depth is the *longest* way from it to the output",
     "graph.skip_nodes_by_depth", {"0": ["join"], "1": ["b", "c"], "2": ["a"], "3": ["x"]}),
    ("skip-connections", "`x` is reached three times, once per way to it", "graph.skip_visits",
     [["join", 0], ["b", 1], ["a", 2], ["x", 3], ["c", 1], ["x", 2], ["x", 1]]),
    ("skip-connections", "within depth 1 the nodes keep the order\nthe walk finished them in",
     "exercise.swapped_nodes_by_depth", {"0": ["join"], "1": ["c", "b"], "2": ["a"], "3": ["x"]}),
    ("sequential-vs-functional", "their node depth in the graph (`_nodes_by_depth`, deepest first",
     "graph.skip_layers", ["x", "a", "b", "c", "join"]),
    ("fit", "`ProgbarLogger` (which prints the progress, and is left out when\n`verbose=0`)",
     "callbacks.default", {"fit verbose=0": ["History"], "fit verbose=1": HAS_PROGBAR,
                           "fit verbose=2": HAS_PROGBAR, "evaluate verbose=0": ["History"],
                           "evaluate verbose=1": HAS_PROGBAR, "predict verbose=0": ["History"],
                           "predict verbose=1": HAS_PROGBAR}),
    ("fit", "`evaluate` and `predict` build their container\nthe same way, History included",
     "callbacks.history_replaced_by_evaluate", True),
    ("callbacks-and-keras22", "The `ProgbarLogger` comes only because `verbose` is not 0",
     "callbacks.default", None),
    ("callbacks-and-keras22", "That is what\ntf_keras 2.21 does in this mode",
     "keras22.batch_log_keys", ["accuracy", "batch", "loss", "size"]),
    ("callbacks-and-keras22", "the metrics are *stateful*\nfor it",
     "keras22.epoch_accuracy_is_last_running_value", True),
    ("callbacks-and-keras22", "The batches log\nthe accuracy of the epoch so far",
     "keras22.batch_accuracy", {"logged": [1.0, 0.5, 0.4], "this batch": [1.0, 0.0, 0.0]}),
    ("fit", "`model.history` is a new, empty `History`",
     "callbacks.history_after_evaluate", {}),
    ("callbacks-and-keras22", "The\nepoch loss is the size-weighted mean of the batch losses",
     "keras22.epoch_loss_is_size_weighted_mean", True),
    ("callbacks-and-keras22", "16, 16 and 8", "keras22.batch_sizes", [16, 16, 8]),
    ("fit", "Without `batch_size`, Keras uses 32", "fit.steps_for_100_samples_default_batch", 4),
    ("callbacks-and-keras22", "every hook, in the same order, with the same\nlogs",
     "callbacks.hooks_two_epochs_three_steps", None),
    ("data-adapters", "tf_keras 2.21 picks the same adapter for each of the eight",
     "adapters.by_kind", {"lists": "ListsOfScalarsDataAdapter",
                          "NumPy arrays": "TensorLikeDataAdapter",
                          "array-like": "GenericArrayLikeDataAdapter",
                          "Dataset": "DatasetAdapter", "generator": "GeneratorDataAdapter",
                          "Sequence": "KerasSequenceAdapter",
                          "sparse matrix": "CompositeTensorDataAdapter",
                          "DatasetCreator": "DatasetCreatorAdapter"}),
    ("differences", "in the default graph mode a `TypeError` before any update",
     "fit.unknown_metric",
     {"graph": {"error": {"type": "TypeError",
                          "message": "TypeError: 'str' object is not callable"},
                "weights_changed": False, "iterations": 0},
      "eager": {"error": {"type": "TypeError", "message": "'str' object is not callable"},
                "weights_changed": True, "iterations": 1}}),
    ("promises", "an unknown metric name while tracing the first step", "fit.unknown_metric", None),
    ("promises", "its `fit` fails\nlater with a `TypeError` (`'str' object is not callable`)",
     "fit.unknown_metric", None),
    ("custom-train-step", "At the start of every epoch `fit` calls `model.reset_metrics()`",
     "train_step.calls_two_epochs_two_steps",
     (["Model.reset_metrics"] + ["Model.train_step", "Model.compute_loss",
                                 "Model.compute_metrics"] * 2) * 2),
    ("custom-train-step", "Right after `compile`, `model.metrics` is empty",
     "train_step.metrics_after_compile", []),
    ("custom-train-step",
     "the property lists the\nloss tracker first (`loss`), then the compiled metrics",
     "train_step.metrics_after_fit", ["loss", "mae"]),
    ("custom-train-step", "the forgotten `mae` has averaged 192 samples",
     "train_step.mae_count_after_three_epochs", {"listed": 64, "forgotten": 192}),
    ("cnn-and-rnn", "The model is built before `compile`, without a `build` call",
     "rnn.built_at_construction", True),
    ("cnn-and-rnn", "the weights\nbelong to the cell, so their names carry both", "rnn.weights",
     [["embedding/embeddings:0", [10, 8]], ["lstm/lstm_cell/kernel:0", [8, 64]],
      ["lstm/lstm_cell/recurrent_kernel:0", [16, 64]], ["lstm/lstm_cell/bias:0", [64]],
      ["dense/kernel:0", [16, 1]], ["dense/bias:0", [1]]]),
    ("cnn-and-rnn", "So the padding changes nothing", "rnn.padding_changes_nothing", True),
    ("cnn-and-rnn", "that is why the first `Dense` kernel is 21632×128", "cnn.weights",
     [["conv2d/kernel:0", [3, 3, 1, 32]], ["conv2d/bias:0", [32]], ["dense/kernel:0", [21632, 128]],
      ["dense/bias:0", [128]], ["dense_1/kernel:0", [128, 10]], ["dense_1/bias:0", [10]]]),
    ("cnn-and-rnn",
     "so the\noutput is 26×26×32, and `Flatten` turns it into 21632 numbers per image",
     "cnn.output_shapes", [[None, 26, 26, 32], [None, 21632], [None, 128], [None, 10]]),
    ("cnn-and-rnn", "The summary counts the same", "cnn.params", 2770634),
    ("cnn-and-rnn", "`True` where a\nreal word is, `False` on the padding", "rnn.mask",
     [[True, True, True, False, False], [True, True, False, False, False],
      [True, True, True, True, True], [True, False, False, False, False]]),
    ("cnn-and-rnn", "parameters `5·5·3·16 + 16 = 1216`", "exercise.conv_kernel_output_params",
     [[5, 5, 3, 16], [None, 24, 24, 16], 1216]),
    ("cnn-and-rnn", "`kernel (4, 32)`, `recurrent_kernel (8, 32)`, `bias (32,)`",
     "exercise.lstm_weights", [["lstm/lstm_cell/kernel:0", [4, 32]],
                               ["lstm/lstm_cell/recurrent_kernel:0", [8, 32]],
                               ["lstm/lstm_cell/bias:0", [32]]]),
    ("skip-connections", "Its node depth is 4, the longest way", "exercise.skip_x_node_depth", 4),
    ("skip-connections", "tf_keras 2.21 visits in the\nsame order", "exercise.skip_visits",
     ["join", "c", "b", "a", "x", "x"]),
    ("saving", "A ZIP archive of three members, stored without compression (type 0)",
     "saving.members", [["metadata.json", 0], ["config.json", 0], ["model.weights.h5", 0]]),
    ("saving", "Real tf_keras takes the\nsame path", "saving.load_model_path",
     [[0, "saving_lib.load_model"], [1, "Sequential.from_config"], [1, "Layer.build_from_config"],
      [1, "Model.compile_from_config"], [2, "Model.compile"], [1, "saving_lib._load_state"],
      [2, "saving_lib._load_state"]]),
    ("saving", "The SGD optimizer makes its `momentum` slots even when the momentum\nis 0",
     "exercise.sgd_optimizer_vars", ["0", "1", "2"]),
    ("saving", "No compile, and no optimizer (`None`, as in tf_keras)",
     "exercise.load_compile_false_optimizer", "None"),
    ("data-adapters", "so `select_data_adapter` refuses the mix", "exercise.adapters",
     {"NumPy x, NumPy y": "TensorLikeDataAdapter",
      "NumPy x, list y": "ValueError: Failed to find data adapter that can handle input: "
                         "<class 'numpy.ndarray'>, (<cl",
      "list of lists x, list y": "ListsOfScalarsDataAdapter",
      "list of floats x, list y": "ListsOfScalarsDataAdapter",
      "generator": "GeneratorDataAdapter"}),
]


def words(text):
    """The text with its line breaks and runs of spaces made single spaces."""
    return " ".join(text.split())


def chapter_text(chapter):
    with open(os.path.join(DOCS, chapter + ".md"), encoding="utf-8") as f:
        return words(f.read())


def test_facts_come_from_tf_keras_2_21():
    assert re.match(r"tf_keras 2\.21\.\d+, tensorflow 2\.21\.\d+", FILE["source"]), FILE["source"]


@pytest.mark.parametrize("chapter, sentence, fact, value", CLAIMS,
                         ids=[f"{c}:{k}" for c, _, k, _ in CLAIMS])
def test_the_chapter_says_what_tf_keras_does(chapter, sentence, fact, value):
    assert words(sentence) in chapter_text(chapter), f"{chapter}.md no longer says: {sentence!r}"
    assert fact in FACTS, f"{fact} is not in docs/data/keras_facts.json"
    if value is not None:      # None: the row only ties the sentence to a fact checked above
        assert FACTS[fact] == value
