"""``tf.compat.v1.disable_eager_execution()``: train the way Keras 2.2 did.

In TensorFlow 1.x, Keras built a static graph and ``Model.fit`` handed the
NumPy arrays to ``training_arrays.fit_loop``, which sliced batches itself and
fed them to a backend ``Function``. TensorFlow 2 keeps that path for programs
that call ``disable_eager_execution()``. tracekeras does the same: after this
call ``fit``, ``evaluate`` and ``predict`` on NumPy arrays run through
``tracekeras.engine.training_arrays`` (``fit_loop``, ``test_loop``,
``predict_loop``), so a learner can trace the older loop the Keras 2.2
articles describe and compare it with the modern one.
"""
from tracekeras import tracing

EAGER = {"enabled": True}


def disable_eager_execution():
    EAGER["enabled"] = False
    tracing.instant("tf.compat.v1.disable_eager_execution", "fit",
                    loop="keras.engine.training_arrays.fit_loop")


def enable_eager_execution(config=None, device_policy=None, execution_mode=None):
    EAGER["enabled"] = True


def executing_eagerly():
    return EAGER["enabled"]


def executing_eagerly_outside_functions():
    return EAGER["enabled"]
