"""The steps of ``tf.train.Checkpoint`` and ``tf.train.CheckpointManager`` that tracekeras
must share with TensorFlow, as TensorFlow's custom-training tutorials use them.

``STEPS(tf)`` gives ``(name, call, check)`` steps that run in order in one new empty folder
and share one model and optimizer (weights from constant initializers, so both engines
hold the same numbers): train, ``save`` (the path it returns, the files, the ``checkpoint``
state file with timestamps blanked), ``latest_checkpoint``, ``list_variables``,
``restore`` into a fresh model and optimizer (the weights, and one more training step
that must give the same numbers as the original's, Adam's slots restored when created),
the load status's assertions, ``CheckpointManager`` with ``max_to_keep``, and refusals.
Written by ``make_checkpoint_fixtures.py`` into ``data/tf_checkpoint.json``, run on
tracekeras by ``test_checkpoint.py``. No TensorFlow import here.
"""
import os
import re

import numpy as np

X = np.array([[1.0, 2.0], [-1.0, 0.5], [0.25, -2.0], [3.0, 1.0]], "float32")
Y = np.array([[1.0], [0.0], [-1.0], [2.0]], "float32")


def build(tf):
    keras = tf.keras
    init = keras.initializers.Constant
    model = keras.Sequential([   # no bias right before a batch norm: its gradient is ~0
        keras.layers.BatchNormalization(input_shape=(2,)),
        keras.layers.Dense(3, activation="tanh", kernel_initializer=init(0.3),
                           bias_initializer=init(0.1)),
        keras.layers.Dense(1, kernel_initializer=init(-0.2))])
    return model, keras.optimizers.Adam(0.1)


def train_step(tf, model, optimizer):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(X, training=True) - Y))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return np.asarray(float(loss), "float32")   # compared within float32 tolerance


def files(folder):
    return sorted(os.listdir(folder))


def state_file(folder):
    """The state file, its timestamps blanked (they are the clock's)."""
    with open(os.path.join(folder, "checkpoint")) as f:
        return re.sub(r"(timestamps?: )[0-9.e+]+", r"\1T", f.read())


def weights(model):
    return [np.asarray(w) for w in model.get_weights()]


def subclassed(tf):
    """A subclassed model whose layers are attributes, one of them a list (the checkpoint
    guide's ``Net``)."""
    keras = tf.keras

    class Net(keras.Model):
        def __init__(self):
            super().__init__()
            self.l1 = keras.layers.Dense(5, kernel_initializer=keras.initializers.Constant(0.5))
            self.blocks = [keras.layers.Dense(2), keras.layers.Dense(1)]

        def call(self, x):
            return self.blocks[1](self.blocks[0](self.l1(x)))
    return Net()


def unbuilt_restore(tf):
    """Save a called Net; restore into a new Net before its first call; call it."""
    net = subclassed(tf)
    net(np.ones((1, 3), "float32"))
    path = tf.train.Checkpoint(net=net, step=tf.Variable(3)).save("./subclassed/ck")
    other, step = subclassed(tf), tf.Variable(0)
    status = tf.train.Checkpoint(net=other, step=step).restore(path)
    before = [other.built, len(other.weights), int(step)]
    other(np.ones((1, 3), "float32"))
    status.assert_consumed()
    same = all(np.array_equal(a, b) for a, b in zip(net.get_weights(), other.get_weights()))
    return [tf.train.list_variables(path), before, same]


def unbuilt_sequential_restore(tf):
    """Save a called Sequential without an input shape; restore into a new one before its
    first call (the custom-training tutorial's ``new_model``): that call already computes
    with the restored weights."""
    keras = tf.keras

    def make():
        return keras.Sequential([keras.layers.Dense(4, activation="relu"), keras.layers.Dense(2)])
    x = np.linspace(-1, 1, 15, dtype="float32").reshape(3, 5)
    model = make()
    model(x)
    path = tf.train.Checkpoint(model=model).save("./sequential/ck")
    other = make()
    status = tf.train.Checkpoint(model=other).restore(path)
    before = other.built
    first = np.asarray(other(x))
    status.assert_consumed()
    return [before, bool(np.array_equal(first, np.asarray(model(x))))]


def STEPS(tf):   # noqa: N802 - the table's name, built for the tf it is given
    model, optimizer = build(tf)
    fresh = {}
    checkpoint = tf.train.Checkpoint(optimizer=optimizer, model=model)

    def restore_into_fresh():
        fresh["model"], fresh["optimizer"] = build(tf)
        fresh["checkpoint"] = tf.train.Checkpoint(optimizer=fresh["optimizer"],
                                                  model=fresh["model"])
        fresh["status"] = fresh["checkpoint"].restore(
            tf.train.latest_checkpoint("./training_checkpoints"))
        return weights(fresh["model"])

    def manager_saves():
        manager = tf.train.CheckpointManager(checkpoint, "./managed", max_to_keep=2)
        first = manager.latest_checkpoint
        saved = [manager.save(), manager.save(), manager.save(), manager.save(checkpoint_number=10)]
        return [first, saved, manager.checkpoints, manager.latest_checkpoint, files("managed"),
                state_file("managed")]

    return [
        ("train_two_steps", lambda: [train_step(tf, model, optimizer) for _ in range(2)],
         "exact"),
        ("save_counter_starts_at_zero", lambda: int(checkpoint.save_counter), "exact"),
        ("save", lambda: checkpoint.save("./training_checkpoints/ckpt"), "exact"),
        ("save_again", lambda: checkpoint.save("./training_checkpoints/ckpt"), "exact"),
        ("save_counter", lambda: int(checkpoint.save_counter), "exact"),
        ("state_file", lambda: state_file("training_checkpoints"), "exact"),
        ("latest_checkpoint", lambda: tf.train.latest_checkpoint("./training_checkpoints"),
         "exact"),
        ("latest_checkpoint_missing_folder", lambda: tf.train.latest_checkpoint("./nothing"),
         "exact"),
        ("list_variables", lambda: tf.train.list_variables("./training_checkpoints/ckpt-2"),
         "exact"),
        ("write", lambda: [checkpoint.write("./plain/weights"),
                           os.path.exists("plain/checkpoint")], "exact"),
        ("train_third_step", lambda: [train_step(tf, model, optimizer), weights(model)], "exact"),
        ("restore_latest_into_fresh", restore_into_fresh, "exact"),
        ("fresh_save_counter_and_iterations", lambda: [int(fresh["checkpoint"].save_counter),
                                                       int(fresh["optimizer"].iterations)],
         "exact"),
        ("status_before_slots", lambda: fresh["status"].assert_consumed(),
         r"Unresolved object in checkpoint \(root\)\.optimizer\._variables\.1: attributes"),
        ("status_existing_objects", lambda: type(
            fresh["status"].assert_existing_objects_matched()).__name__, "exact"),
        ("fresh_third_step", lambda: [train_step(tf, fresh["model"], fresh["optimizer"]),
                                      weights(fresh["model"])], "exact"),
        ("status_after_slots", lambda: type(fresh["status"].assert_consumed()).__name__,
         "exact"),
        ("restore_none", lambda: fresh["checkpoint"].restore(None).assert_consumed(), "exact"),
        ("restore_missing", lambda: checkpoint.restore("./training_checkpoints/ckpt-9"),
         "exact"),
        ("restore_folder", lambda: checkpoint.restore("./training_checkpoints"), "exact"),
        ("partial_checkpoint", lambda: tf.train.Checkpoint(model=build(tf)[0]).restore(
            "./training_checkpoints/ckpt-2").assert_consumed(),
         r"Unresolved object in checkpoint \(root\)\.optimizer\._iterations: attributes"),
        ("not_trackable", lambda: tf.train.Checkpoint(model=3), "exact"),
        ("variables_and_lists", lambda: [
            tf.train.Checkpoint(step=tf.Variable(1), vs=[tf.Variable(2.0)]).save("./o/x"),
            tf.train.list_variables("./o/x-1")], "exact"),
        ("manager", manager_saves, "exact"),
        ("manager_recovers_state", lambda: tf.train.CheckpointManager(
            checkpoint, "./managed", max_to_keep=2).checkpoints, "exact"),
        ("manager_restore_or_initialize", lambda: tf.train.CheckpointManager(
            checkpoint, "./managed", max_to_keep=2).restore_or_initialize(), "exact"),
        ("manager_name", lambda: tf.train.CheckpointManager(
            checkpoint, "./named", max_to_keep=3, checkpoint_name="model").save(), "exact"),
        ("subclassed_model_restored_when_built", lambda: unbuilt_restore(tf), "exact"),
        ("sequential_restored_at_first_call", lambda: unbuilt_sequential_restore(tf), "exact"),
        ("manager_max_to_keep_zero", lambda: tf.train.CheckpointManager(
            checkpoint, "./bad", max_to_keep=0), "exact"),
    ]
