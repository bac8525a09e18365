"""The cases of ``make_tape_module_fixtures.py`` and ``test_tape_and_module.py``: small
programs from the TensorFlow Core guides on autodiff and modules, each a function of the
``tf`` namespace (real TensorFlow when making the fixture, tracekeras's under the shim in
the test) returning what it computed as JSON (``result``): tensors as their values and
dtype, None where TensorFlow gives None, an error as its type and message."""
import numpy as np


def result(value):
    """``value`` as JSON: a tensor -> {"value", "dtype"}, nests kept, None kept."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        return {str(k): result(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [result(v) for v in value]
    array = np.asarray(value)
    return {"value": array.tolist(), "dtype": str(array.dtype)}


def outcome(case, tf):
    try:
        return result(case(tf))
    except Exception as e:  # noqa: BLE001 - the error is the recorded result
        return {"error": type(e).__name__, "message": str(e)}


def variable_square(tf):
    x = tf.Variable(3.0)
    with tf.GradientTape() as tape:
        y = x ** 2
    return tape.gradient(y, x)


def persistent_tape(tf):
    x = tf.constant([1, 3.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * x
        z = y * y
    return [tape.gradient(z, x), tape.gradient(y, x), tape.gradient(z, y)]


def non_persistent_twice(tf):
    x = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = x * x
    tape.gradient(y, x)
    return tape.gradient(y, x)


def dict_of_sources(tf):
    w = tf.Variable([[1.0, -2.0], [0.5, 1.0], [-1.0, 0.25]], name="w")
    b = tf.Variable(tf.zeros(2, dtype=tf.float32), name="b")
    x = [[1., 2., 3.]]
    with tf.GradientTape(persistent=True) as tape:
        y = x @ w + b
        loss = tf.reduce_mean(y ** 2)
    return [tape.gradient(loss, [w, b]), tape.gradient(loss, {"w": w, "b": b})]


def keras_layer_variables(tf):
    layer = tf.keras.layers.Dense(2, activation="relu", name="dense",
                                  kernel_initializer=tf.keras.initializers.Constant(0.5),
                                  bias_initializer=tf.keras.initializers.Constant(-1.0))
    x = tf.constant([[1., 2., 3.]])
    with tf.GradientTape() as tape:
        y = layer(x)
        loss = tf.reduce_mean(y ** 2)
    grad = tape.gradient(loss, layer.trainable_variables)
    return {"names": [v.name for v in layer.trainable_variables], "grads": grad}


def trainable_false_and_tensors(tf):
    x0 = tf.Variable(3.0, name="x0")
    x1 = tf.Variable(3.0, name="x1", trainable=False)
    x2 = tf.Variable(2.0, name="x2") + 1.0
    x3 = tf.constant(3.0, name="x3")
    with tf.GradientTape() as tape:
        y = (x0 ** 2) + (x1 ** 2) + (x2 ** 2)
    return {"grads": tape.gradient(y, [x0, x1, x2, x3]),
            "watched": [v.name for v in tape.watched_variables()]}


def watch_accessed_variables_false(tf):
    x0 = tf.Variable(0.0)
    x1 = tf.Variable(10.0)
    with tf.GradientTape(watch_accessed_variables=False) as tape:
        tape.watch(x1)
        y = tf.math.sin(x0) + tf.nn.softplus(x1)
        ys = tf.reduce_sum(y)
    return tape.gradient(ys, {"x0": x0, "x1": x1})


def non_scalar_targets(tf):
    x = tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as tape:
        y0 = x ** 2
        y1 = 1 / x
        y2 = x * [3., 4.]
    return [tape.gradient({"y0": y0, "y1": y1}, x), tape.gradient(y2, x),
            tape.gradient([y0, y2], x)]


def variable_replaced_by_tensor(tf):
    x = tf.Variable(2.0)
    grads = []
    for _ in range(2):
        with tf.GradientTape() as tape:
            y = x + 1
        grads.append(tape.gradient(y, x))
        x = x + 1
    return grads


def numpy_in_between(tf):
    x = tf.Variable([[1.0, 2.0], [3.0, 4.0]], dtype=tf.float32)
    with tf.GradientTape() as tape:
        x2 = x ** 2
        y = tf.reduce_mean(np.mean(x2, axis=0), axis=0)
    return tape.gradient(y, x)


def integer_source(tf):
    x = tf.constant(10)
    with tf.GradientTape() as g:
        g.watch(x)
        y = x * x
    return g.gradient(y, x)


def string_source(tf):
    x = tf.constant("abc")
    with tf.GradientTape() as g:
        g.watch(x)
    return g.gradient(x, x)


def assign_add_stops_gradients(tf):
    x0 = tf.Variable(3.0)
    x1 = tf.Variable(0.0)
    with tf.GradientTape() as tape:
        x1.assign_add(x0)
        y = x1 ** 2
    return [tape.gradient(y, x0), x1]


def unconnected_zero(tf):
    x = tf.Variable([2., 2.])
    y = tf.Variable(3.)
    with tf.GradientTape(persistent=True) as tape:
        z = y ** 2
    return [tape.gradient(z, x, unconnected_gradients=tf.UnconnectedGradients.ZERO),
            tape.gradient(z, x, unconnected_gradients="zero"),
            tape.gradient(z, [x, y], unconnected_gradients=tf.UnconnectedGradients.NONE),
            [tf.UnconnectedGradients.NONE.value, tf.UnconnectedGradients.ZERO.value]]


def stop_recording(tf):
    x = tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as tape:
        with tape.stop_recording():
            z = x ** 3
        w = x ** 2 + z
    return [tape.gradient(w, x), tape.gradient(z, x)]


def stop_recording_outside(tf):
    x = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = x * x
    with tape.stop_recording():
        y = y * 2
    return y


def simple_module(tf):
    class SimpleModule(tf.Module):
        def __init__(self, name=None):
            super().__init__(name=name)
            self.a_variable = tf.Variable(5.0, name="train_me")
            self.non_trainable_variable = tf.Variable(5.0, trainable=False,
                                                      name="do_not_train_me")

        def __call__(self, x):
            return self.a_variable * x + self.non_trainable_variable

    module = SimpleModule(name="simple")
    return {"call": module(tf.constant(5.0)), "name": module.name,
            "scope": module.name_scope.name,
            "trainable": [v.name for v in module.trainable_variables],
            "non_trainable": [v.name for v in module.non_trainable_variables],
            "all": [v.name for v in module.variables]}


def module_tree(tf):
    class Leaf(tf.Module):
        def __init__(self, size, name=None):
            super().__init__(name=name)
            self.w = tf.Variable(tf.ones([size]), name="w")
            self.b = tf.Variable(tf.zeros([size]), name="b")

    class MyTwoLeaves(tf.Module):
        def __init__(self, name=None):
            super().__init__(name=name)
            self.z_leaf = Leaf(1, name="z")
            self.leaves = [Leaf(2, name="first"), {"k": Leaf(3)}]
            self.scale = tf.Variable(2.0, name="scale")

    tree = MyTwoLeaves()
    return {"name": tree.name, "scope": tree.name_scope.name,
            "submodules": [m.name for m in tree.submodules],
            "variables": [list(np.shape(v)) for v in tree.variables],
            "trainable": len(tree.trainable_variables)}


def module_names(tf):
    names = [tf.Module().name, tf.Module(name="a_b").name]
    try:
        tf.Module(name="not valid")
    except ValueError as e:
        names.append(str(e))
    return names


def nested_name_scopes(tf):
    outer = tf.Module(name="outer")
    with outer.name_scope:
        inner = tf.Module(name="inner")
    with inner.name_scope:
        deeper = tf.Module(name="deeper")
    return [outer.name_scope.name, inner.name_scope.name, inner.name, deeper.name_scope.name]


def keras_layer_is_module(tf):
    class Inner(tf.keras.layers.Layer):
        def build(self, input_shape):
            self.w = tf.Variable(tf.ones([input_shape[-1], 2]), name="w")

        def call(self, x):
            return tf.matmul(x, self.w)

    class Outer(tf.keras.Model):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.first = Inner()
            self.second = Inner()

        def call(self, x):
            return self.second(self.first(x))

    model = Outer()
    out = model(tf.ones([1, 3]))
    return {"is_module": isinstance(model.first, tf.Module), "out": out,
            "submodules": [type(m).__name__ for m in model.submodules]}


def matmul_mismatch(tf):
    return tf.matmul(tf.ones([1, 4]), tf.ones([3, 3]))


def matmul_batch_mismatch(tf):
    return tf.matmul(tf.ones([2, 1, 4]), tf.ones([2, 3, 2]))


CASES = {f.__name__: f for f in (
    variable_square, persistent_tape, non_persistent_twice, dict_of_sources,
    keras_layer_variables, trainable_false_and_tensors, watch_accessed_variables_false,
    non_scalar_targets, variable_replaced_by_tensor, numpy_in_between, integer_source,
    string_source, assign_add_stops_gradients, unconnected_zero, stop_recording,
    stop_recording_outside, simple_module, module_tree, module_names, nested_name_scopes,
    keras_layer_is_module,
    matmul_mismatch, matmul_batch_mismatch)}
