"""Write tests/optimizers/legacy/data/tf_keras_legacy_optimizers.json from REAL tf_keras 2.21.

Run by hand with the TensorFlow venv (never by the tests, which only read the file):

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/optimizers/legacy/make_fixtures.py

For each case of ``keras.optimizers.legacy``: two variables (4x3 and 3,) with fixed
values, four steps of fixed gradients through ``optimizer.apply_gradients``; stored
are the variables after every step, the optimizer's weights (names, values) at the
end, ``get_config()`` and what ``minimize`` returns. A fit case compiles a small
Dense model with ``legacy.Adam`` and stores the losses, the model's weights and the
optimizer's weights after two epochs.
"""
import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "data", "tf_keras_legacy_optimizers.json")
SHAPES = [(4, 3), (3,)]
STEPS = 4

CASES = {
    "sgd": ("SGD", {}),
    "sgd_momentum": ("SGD", {"learning_rate": 0.1, "momentum": 0.9}),
    "sgd_nesterov": ("SGD", {"learning_rate": 0.1, "momentum": 0.9, "nesterov": True}),
    "sgd_decay": ("SGD", {"learning_rate": 0.1, "decay": 0.5}),
    "sgd_lr_alias": ("SGD", {"lr": 0.2}),
    "adam": ("Adam", {}),
    "adam_amsgrad": ("Adam", {"learning_rate": 0.01, "amsgrad": True}),
    "adam_decay": ("Adam", {"learning_rate": 0.01, "decay": 0.1}),
    "rmsprop": ("RMSprop", {}),
    "rmsprop_momentum": ("RMSprop", {"learning_rate": 0.01, "momentum": 0.5}),
    "rmsprop_centered": ("RMSprop", {"learning_rate": 0.01, "centered": True}),
    "rmsprop_momentum_centered": ("RMSprop", {"learning_rate": 0.01, "momentum": 0.5,
                                              "centered": True}),
    "adagrad": ("Adagrad", {"learning_rate": 0.1}),
    "adagrad_decay": ("Adagrad", {"learning_rate": 0.1, "decay": 0.2,
                                  "initial_accumulator_value": 0.5}),
    "sgd_momentum_clipnorm": ("SGD", {"learning_rate": 0.1, "momentum": 0.5, "clipnorm": 0.5}),
    "rmsprop_clipvalue": ("RMSprop", {"learning_rate": 0.01, "clipvalue": 0.3}),
    "adam_global_clipnorm": ("Adam", {"learning_rate": 0.01, "global_clipnorm": 0.8}),
}


def initial_values():
    rng = np.random.RandomState(0)
    return [rng.uniform(-1, 1, s).astype("float32") for s in SHAPES]


def gradients(step):
    rng = np.random.RandomState(100 + step)
    return [rng.uniform(-1, 1, s).astype("float32") for s in SHAPES]


def as_list(value):
    return np.asarray(value).tolist()


def run_case(class_name, kwargs):
    cls = getattr(keras.optimizers.legacy, class_name)
    opt = cls(**kwargs)
    variables = [tf.Variable(v, name=n) for v, n in zip(initial_values(), ["kernel", "bias"])]
    steps = []
    for step in range(STEPS):
        grads = [tf.constant(g) for g in gradients(step)]
        opt.apply_gradients(zip(grads, variables))
        steps.append([as_list(v.numpy()) for v in variables])
    return {"class_name": class_name, "kwargs": kwargs, "steps": steps,
            "weight_names": [w.name for w in opt.weights],
            "weights": [as_list(w) for w in opt.get_weights()],
            "iterations": int(opt.iterations.numpy()),
            "config": opt.get_config()}


class MyMomentumOptimizer(keras.optimizers.legacy.Optimizer):
    """A user's legacy optimizer (Hands-On Machine Learning, chapter 12): ``_set_hyper``,
    ``add_slot``, ``_decayed_lr`` and ``_resource_apply_dense(grad, var)``."""

    def __init__(self, learning_rate=0.001, momentum=0.9, name="MyMomentumOptimizer",
                 **kwargs):
        super().__init__(name, **kwargs)
        self._set_hyper("learning_rate", kwargs.get("lr", learning_rate))
        self._set_hyper("decay", self._initial_decay)
        self._set_hyper("momentum", momentum)

    def _create_slots(self, var_list):
        for var in var_list:
            self.add_slot(var, "momentum")

    def _resource_apply_dense(self, grad, var):
        var_dtype = var.dtype.base_dtype
        lr_t = self._decayed_lr(var_dtype)
        momentum_var = self.get_slot(var, "momentum")
        momentum_hyper = self._get_hyper("momentum", var_dtype)
        momentum_var.assign(momentum_var * momentum_hyper - (1. - momentum_hyper) * grad)
        return var.assign_add(momentum_var * lr_t)


def subclass_case():
    opt = MyMomentumOptimizer(learning_rate=0.1, decay=0.1)
    variables = [tf.Variable(v, name=n) for v, n in zip(initial_values(), ["kernel", "bias"])]
    steps = []
    for step in range(STEPS):
        grads = [tf.constant(g) for g in gradients(step)]
        opt.apply_gradients(zip(grads, variables))
        steps.append([as_list(v.numpy()) for v in variables])
    return {"steps": steps, "weight_names": [w.name for w in opt.weights]}


def minimize_case():
    opt = keras.optimizers.legacy.SGD(learning_rate=0.1)
    var = tf.Variable([1.0, 2.0], name="w")
    result = opt.minimize(lambda: tf.reduce_sum(var * var), [var])
    result2 = opt.minimize(lambda: tf.reduce_sum(var * var), [var])
    return {"type": type(result).__name__, "value": int(result.numpy()),
            "second_value": int(result2.numpy()), "var": as_list(var.numpy()),
            "weight_names": [w.name for w in opt.weights]}


def fit_case():
    keras.utils.set_random_seed(0)
    rng = np.random.RandomState(1)
    x = rng.uniform(-1, 1, (32, 5)).astype("float32")
    y = rng.uniform(-1, 1, (32, 2)).astype("float32")
    w0 = [rng.uniform(-0.5, 0.5, (5, 4)).astype("float32"), np.zeros(4, "float32"),
          rng.uniform(-0.5, 0.5, (4, 2)).astype("float32"), np.zeros(2, "float32")]
    model = keras.Sequential([keras.layers.Dense(4, activation="tanh", input_shape=(5,)),
                              keras.layers.Dense(2)])
    model.set_weights(w0)
    model.compile(optimizer=keras.optimizers.legacy.Adam(learning_rate=0.01, decay=0.01),
                  loss="mse")
    history = model.fit(x, y, batch_size=8, epochs=2, shuffle=False, verbose=0)
    return {"x": as_list(x), "y": as_list(y), "initial": [as_list(w) for w in w0],
            "loss": history.history["loss"],
            "final": [as_list(w) for w in model.get_weights()],
            "optimizer_weight_names": [w.name for w in model.optimizer.weights],
            "optimizer_weights": [as_list(w) for w in model.optimizer.get_weights()],
            "optimizer_class": type(model.optimizer).__module__ + "." +
            type(model.optimizer).__name__}


def save_case():
    """A model compiled with legacy.Adam saved as .h5 (optimizer state kept) and .keras
    (state not kept), then loaded."""
    import tempfile
    rng = np.random.RandomState(0)
    x = rng.rand(16, 3).astype("float32")
    y = rng.rand(16, 1).astype("float32")
    model = keras.Sequential([keras.layers.Dense(1, input_shape=(3,),
                                                 kernel_initializer="ones")])
    model.compile(keras.optimizers.legacy.Adam(0.01, decay=0.01), "mse")
    model.fit(x, y, epochs=1, verbose=0, shuffle=False)
    facts = {"x": as_list(x), "y": as_list(y)}
    with tempfile.TemporaryDirectory() as folder:
        for suffix in ("h5", "keras"):
            path = os.path.join(folder, "m." + suffix)
            model.save(path)
            loaded = keras.models.load_model(path)
            opt = loaded.optimizer
            facts[suffix] = {"class_name": type(opt).__name__, "config": opt.get_config(),
                             "iterations": int(opt.iterations.numpy()),
                             "weights": [as_list(w) for w in opt.get_weights()]}
    return facts


def main():
    facts = {"cases": {name: run_case(*spec) for name, spec in CASES.items()},
             "minimize": minimize_case(), "fit": fit_case(),
             "subclass": subclass_case(), "save": save_case(),
             "initial": [as_list(v) for v in initial_values()],
             "gradients": [[as_list(g) for g in gradients(s)] for s in range(STEPS)]}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(facts, f, indent=None, default=lambda o: np.asarray(o).tolist())
    print("wrote", OUT)


if __name__ == "__main__":
    main()
