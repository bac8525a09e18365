"""Write tests/optimizers/data/tf_keras_optimizers.{npz,json} from REAL tf_keras 2.21.

Run by hand with the TensorFlow venv (never by the tests, which only read the files):

    $TRACEKERAS_KERAS_PYTHON tests/optimizers/make_fixtures.py

For each case: two variables (4x3 and 3,) with fixed initial values, five steps
of fixed gradients through ``optimizer.apply_gradients``; stored are the
variables after every step, the optimizer's variables (names and values) at the
end, its config, and the learning rate after each step. Schedules are sampled
at a few steps. The loss scale optimizer case feeds an inf gradient at step 3.
"""
import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "data")
SHAPES = [(4, 3), (3,)]
STEPS = 5

CASES = {
    "sgd": ("SGD", {}),
    "sgd_momentum": ("SGD", {"learning_rate": 0.1, "momentum": 0.9}),
    "sgd_nesterov": ("SGD", {"learning_rate": 0.1, "momentum": 0.9, "nesterov": True}),
    "rmsprop": ("RMSprop", {}),
    "rmsprop_momentum_centered": ("RMSprop", {"learning_rate": 0.01, "momentum": 0.5,
                                              "centered": True}),
    "adam": ("Adam", {}),
    "adam_amsgrad": ("Adam", {"learning_rate": 0.01, "amsgrad": True}),
    "adamw": ("AdamW", {}),
    "adagrad": ("Adagrad", {"learning_rate": 0.1}),
    "adadelta": ("Adadelta", {"learning_rate": 1.0}),
    "adamax": ("Adamax", {"learning_rate": 0.01}),
    "nadam": ("Nadam", {"learning_rate": 0.01}),
    "ftrl": ("Ftrl", {"learning_rate": 0.1, "l1_regularization_strength": 0.01,
                      "l2_regularization_strength": 0.02, "beta": 0.1,
                      "l2_shrinkage_regularization_strength": 0.01}),
    "sgd_clipnorm": ("SGD", {"learning_rate": 0.1, "clipnorm": 0.5}),
    "sgd_global_clipnorm": ("SGD", {"learning_rate": 0.1, "global_clipnorm": 0.5}),
    "sgd_clipvalue": ("SGD", {"learning_rate": 0.1, "clipvalue": 0.2}),
    "adam_weight_decay": ("Adam", {"learning_rate": 0.01, "weight_decay": 0.1}),
    "sgd_ema": ("SGD", {"learning_rate": 0.1, "use_ema": True, "ema_momentum": 0.5,
                        "ema_overwrite_frequency": 2}),
    "sgd_exponential_decay": ("SGD", {"learning_rate": {
        "class_name": "ExponentialDecay",
        "config": {"initial_learning_rate": 0.1, "decay_steps": 2, "decay_rate": 0.5}}}),
}
SCHEDULES = {
    "ExponentialDecay": {"initial_learning_rate": 0.1, "decay_steps": 3, "decay_rate": 0.7},
    "ExponentialDecay_staircase": {"initial_learning_rate": 0.1, "decay_steps": 3,
                                   "decay_rate": 0.7, "staircase": True},
    "PiecewiseConstantDecay": {"boundaries": [2, 5], "values": [1.0, 0.5, 0.1]},
    "PolynomialDecay": {"initial_learning_rate": 0.1, "decay_steps": 6,
                        "end_learning_rate": 0.01, "power": 2.0},
    "PolynomialDecay_cycle": {"initial_learning_rate": 0.1, "decay_steps": 4,
                              "end_learning_rate": 0.01, "cycle": True},
    "InverseTimeDecay": {"initial_learning_rate": 0.1, "decay_steps": 2, "decay_rate": 0.5},
    "CosineDecay": {"initial_learning_rate": 0.1, "decay_steps": 6, "alpha": 0.1},
    "CosineDecay_warmup": {"initial_learning_rate": 0.0, "decay_steps": 6,
                           "warmup_target": 0.1, "warmup_steps": 3},
}
SCHEDULE_STEPS = [0, 1, 2, 3, 4, 5, 6, 7, 9, 12]


def inputs(seed=0):
    rng = np.random.default_rng(seed)
    inits = [rng.normal(size=s).astype(np.float32) for s in SHAPES]
    grads = [[rng.normal(size=s).astype(np.float32) for s in SHAPES] for _ in range(STEPS)]
    return inits, grads


def make_optimizer(cls_name, hp):
    hp = dict(hp)
    if isinstance(hp.get("learning_rate"), dict):
        hp["learning_rate"] = keras.optimizers.schedules.deserialize(hp["learning_rate"])
    return getattr(keras.optimizers, cls_name)(**hp)


def run_case(key, cls_name, hp, arrays, meta):
    inits, grads = inputs()
    opt = make_optimizer(cls_name, hp)
    variables = [tf.Variable(w, name=f"dense/w{i}") for i, w in enumerate(inits)]
    lrs = []
    for t, gs in enumerate(grads):
        opt.apply_gradients(zip([tf.constant(g) for g in gs], variables))
        for i, v in enumerate(variables):
            arrays[f"{key}/step{t}/var{i}"] = v.numpy()
        lrs.append(float(opt.learning_rate.numpy()))
    names = []
    for j, v in enumerate(opt.variables):
        arrays[f"{key}/optvar{j}"] = v.numpy()
        names.append(v.name)
    config = opt.get_config()
    meta["cases"][key] = {"class": cls_name, "hp": hp, "variable_names": names,
                          "config": config, "learning_rates": lrs}


def run_loss_scale(arrays, meta):
    inits, grads = inputs(1)
    grads[2][0][0, 0] = np.inf
    inner = keras.optimizers.SGD(learning_rate=0.1)
    opt = keras.mixed_precision.LossScaleOptimizer(inner, initial_scale=8.0,
                                                   dynamic_growth_steps=2)
    variables = [tf.Variable(w, name=f"dense/w{i}") for i, w in enumerate(inits)]
    scales, counters = [], []
    for t, gs in enumerate(grads):
        opt.apply_gradients(zip([tf.constant(g) for g in gs], variables))
        for i, v in enumerate(variables):
            arrays[f"lso/step{t}/var{i}"] = v.numpy()
        scales.append(float(opt.loss_scale.numpy()))
        counters.append(int(opt.dynamic_counter.numpy()))
    meta["loss_scale"] = {"initial_scale": 8.0, "dynamic_growth_steps": 2, "inner": "SGD",
                          "inner_lr": 0.1, "inf_at": [2, 0, 0, 0], "seed": 1,
                          "scales": scales, "counters": counters,
                          "iterations": int(opt.iterations.numpy()),
                          "config": opt.get_config(),
                          "serialized": keras.optimizers.serialize(opt)}


def plain(value):
    """JSON for NumPy scalars (a float32 learning rate becomes the float Keras prints)."""
    if isinstance(value, np.generic):
        return value.item()
    return str(value)


def main():
    os.makedirs(OUT, exist_ok=True)
    inits, grads = inputs()
    arrays = {f"init/var{i}": w for i, w in enumerate(inits)}
    for t, gs in enumerate(grads):
        for i, g in enumerate(gs):
            arrays[f"grad/step{t}/var{i}"] = g
    meta = {"source": f"tf_keras {keras.__version__} on TensorFlow {tf.__version__}",
            "shapes": SHAPES, "steps": STEPS, "cases": {}, "schedules": {}}
    for key, (cls_name, hp) in CASES.items():
        run_case(key, cls_name, hp, arrays, meta)
    run_loss_scale(arrays, meta)
    for key, config in SCHEDULES.items():
        schedule = getattr(keras.optimizers.schedules, key.split("_")[0])(**config)
        meta["schedules"][key] = {
            "config": config, "steps": SCHEDULE_STEPS,
            "values": [float(schedule(tf.constant(s, tf.int64))) for s in SCHEDULE_STEPS]}
    np.savez_compressed(os.path.join(OUT, "tf_keras_optimizers.npz"), **arrays)
    with open(os.path.join(OUT, "tf_keras_optimizers.json"), "w") as f:
        json.dump(meta, f, indent=1, default=plain)


if __name__ == "__main__":
    main()
