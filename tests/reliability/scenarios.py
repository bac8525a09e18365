"""Mistakes in the arguments of fit/evaluate/predict, run on tf_keras and on tracekeras.

One row per mistake: ``(case, method, kwargs)``. ``run(keras, case)`` builds the
same tiny model on either library (Dense(3, softmax) on 4 features, compiled with
SGD and sparse categorical cross-entropy), makes the call and returns what
happened: the exception type and message, and whether the weights or the
optimizer's ``iterations`` changed before it was raised.

``make_fixtures.py`` runs every case on tf_keras 2.21 and writes
``data/argument_errors.json``; ``test_arguments_fail_before_any_change.py``
runs them on tracekeras and compares. Plain NumPy only, so both can import it.
"""
import numpy as np

X = np.linspace(-1, 1, 40, dtype="float32").reshape(10, 4)
Y = np.arange(10) % 3

CASES = [
    # validation_data that fit cannot unpack
    ("fit-validation_data-an-int", "fit", {"validation_data": 5}),
    ("fit-validation_data-a-string", "fit", {"validation_data": "abc"}),
    ("fit-validation_data-y-too-short", "fit", {"validation_data": (X, Y[:3])}),
    ("fit-validation_data-sample_weight-too-short", "fit",
     {"validation_data": (X, Y, np.ones(4))}),
    ("fit-validation_data-a-dict", "fit", {"validation_data": {"x": X}}),
    ("fit-validation_data-wrong-features", "fit", {"validation_data": (X[:, :2], Y)}),
    # validation_split
    ("fit-validation_split-above-one", "fit", {"validation_split": 1.5}),
    ("fit-validation_split-negative", "fit", {"validation_split": -0.1}),
    ("fit-validation_split-one", "fit", {"validation_split": 1.0}),
    ("fit-validation_split-a-string", "fit", {"validation_split": "0.2"}),
    # class_weight and sample_weight
    ("fit-class_weight-a-list", "fit", {"class_weight": [1.0, 2.0, 3.0]}),
    ("fit-class_weight-missing-class", "fit", {"class_weight": {0: 1.0, 1: 2.0}}),
    ("fit-class_weight-non-numeric", "fit", {"class_weight": {0: "a", 1: 1.0, 2: 1.0}}),
    ("fit-class_weight-with-sample_weight", "fit",
     {"class_weight": {0: 1.0, 1: 1.0, 2: 1.0}, "sample_weight": np.ones(10)}),
    ("fit-sample_weight-too-short", "fit", {"sample_weight": np.ones(7)}),
    ("fit-sample_weight-2d-wrong-shape", "fit", {"sample_weight": np.ones((10, 3))}),
    ("fit-sample_weight-a-string", "fit", {"sample_weight": "abc"}),
    # steps_per_epoch, initial_epoch
    ("fit-steps_per_epoch-zero", "fit", {"steps_per_epoch": 0}),
    ("fit-steps_per_epoch-negative", "fit", {"steps_per_epoch": -1}),
    ("fit-steps_per_epoch-float", "fit", {"steps_per_epoch": 1.5}),
    ("fit-steps_per_epoch-a-string", "fit", {"steps_per_epoch": "3"}),
    ("fit-initial_epoch-negative", "fit", {"initial_epoch": -1, "epochs": 2}),
    ("fit-initial_epoch-float", "fit", {"initial_epoch": 0.5, "epochs": 2}),
    ("fit-initial_epoch-a-string", "fit", {"initial_epoch": "1", "epochs": 2}),
    # batch_size and epochs of the wrong type
    ("fit-batch_size-float", "fit", {"batch_size": 2.5}),
    ("fit-batch_size-whole-float", "fit", {"batch_size": 2.0}),
    ("fit-batch_size-a-string", "fit", {"batch_size": "32"}),
    ("fit-batch_size-zero", "fit", {"batch_size": 0}),
    ("fit-batch_size-negative", "fit", {"batch_size": -1}),
    ("fit-epochs-float", "fit", {"epochs": 1.5}),
    ("fit-epochs-a-string", "fit", {"epochs": "2"}),
    ("fit-epochs-none", "fit", {"epochs": None}),
    ("fit-epochs-negative", "fit", {"epochs": -1}),
    ("fit-validation_freq-zero", "fit", {"validation_split": 0.2, "validation_freq": 0}),
    ("fit-validation_freq-float", "fit", {"validation_split": 0.2, "validation_freq": 1.5}),
    ("fit-validation_batch_size-float", "fit",
     {"validation_split": 0.2, "validation_batch_size": 2.5}),
    ("fit-validation_steps-float", "fit",
     {"validation_data": (X, Y), "validation_steps": 1.5}),
    ("evaluate-batch_size-float", "evaluate", {"batch_size": 2.5}),
    ("evaluate-batch_size-a-string", "evaluate", {"batch_size": "32"}),
    ("evaluate-steps-float", "evaluate", {"steps": 1.5}),
    ("evaluate-sample_weight-too-short", "evaluate", {"sample_weight": np.ones(7)}),
    ("predict-batch_size-float", "predict", {"batch_size": 2.5}),
    ("predict-batch_size-a-string", "predict", {"batch_size": "32"}),
    ("predict-steps-float", "predict", {"steps": 1.5}),
]


def model_for(keras):
    keras.backend.clear_session()
    model = keras.Sequential([keras.layers.Input((4,)),
                              keras.layers.Dense(3, activation="softmax",
                                                 kernel_initializer="ones")])
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    return model


def state(model):
    return ([np.asarray(w).tobytes() for w in model.get_weights()],
            int(np.asarray(model.optimizer.iterations.numpy())))


def run(keras, case):
    """What ``case`` does on ``keras``: {"raised", "type", "message", "state_changed"}."""
    _, method, kwargs = next(row for row in CASES if row[0] == case)
    model = model_for(keras)
    before = state(model)
    args = (X,) if method == "predict" else (X, Y)
    try:
        getattr(model, method)(*args, verbose=0, **kwargs)
    except Exception as e:  # noqa: BLE001 - what was raised is the fact recorded
        return {"raised": True, "type": f"{type(e).__module__}.{type(e).__qualname__}",
                "message": str(e), "state_changed": state(model) != before}
    return {"raised": False, "type": None, "message": None,
            "state_changed": state(model) != before}
