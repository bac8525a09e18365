"""``Model(inputs, outputs)`` given inputs that a layer made (not ``Input``): the cases of
``make_intermediate_input_fixtures.py`` (real tf_keras 2.21) and
``test_intermediate_inputs.py`` (tracekeras). Each takes a ``tensorflow`` module and hands
back JSON-ready facts; Keras clones the nodes between the inputs and the outputs."""
import numpy as np


def chain(tf):
    """Input -> d1 -> d2 -> d3, weights all ones-based so the numbers are fixed."""
    layers = tf.keras.layers
    inp = tf.keras.Input(shape=(4,))
    d1 = layers.Dense(3, kernel_initializer="ones", bias_initializer="zeros", name="d1")
    d2 = layers.Dense(2, kernel_initializer=tf.keras.initializers.Constant(0.5),
                      bias_initializer="ones", activation="relu", name="d2")
    d3 = layers.Dense(1, kernel_initializer="ones", bias_initializer="zeros", name="d3")
    h = d1(inp)
    out = d3(d2(h))
    return inp, h, out, (d1, d2, d3)


def described_model(model):
    return {"layers": [type(layer).__name__ for layer in model.layers],
            "named": [layer.name for layer in model.layers if layer.name.startswith("d")],
            "inputs": [list(t.shape) for t in model.inputs],
            "outputs": [list(t.shape) for t in model.outputs]}


def case_sub_model(tf):
    inp, h, out, (d1, d2, d3) = chain(tf)
    full = tf.keras.Model(inp, out)
    sub = tf.keras.Model(h, out)
    x = np.arange(8, dtype="float32").reshape(2, 4)
    return {"sub": described_model(sub), "full": described_model(full),
            "inbound_nodes": [len(d1._inbound_nodes), len(d2._inbound_nodes),
                              len(d3._inbound_nodes)],
            "sub_predict": sub.predict(np.ones((2, 3), "float32"), verbose=0).tolist(),
            "full_predict": full.predict(x, verbose=0).tolist()}


def case_mixed_inputs(tf):
    """One input from ``Input``, kept; one intermediate, given a new Input."""
    inp, h, _, _ = chain(tf)
    other = tf.keras.Input(shape=(2,))
    merged = tf.keras.layers.Concatenate(name="dcat")([h, other])
    out = tf.keras.layers.Dense(1, kernel_initializer="ones", name="dout")(merged)
    model = tf.keras.Model([h, other], out)
    kept = model.inputs[1] is other
    predicted = model.predict([np.ones((1, 3), "float32"), np.full((1, 2), 2.0, "float32")],
                              verbose=0)
    return {"model": described_model(model), "kept_input": kept,
            "predict": predicted.tolist()}


def mistakes(tf):
    layers = tf.keras.layers

    def unreachable():
        inp, h, _, _ = chain(tf)
        side = layers.Dense(3, name="dside")(inp)
        out = layers.Add(name="dadd")([h, side])
        tf.keras.Model(h, out)

    def unvisited():
        inp, h, out, _ = chain(tf)
        stray = layers.Dense(5, name="dstray")(inp)
        tf.keras.Model([h, stray], out)
    return {"unreachable": unreachable, "unvisited": unvisited}


def error_of(fn):
    try:
        fn()
    except Exception as e:   # the type and message are the facts recorded
        return [type(e).__name__, str(e)]
    return None


CASES = {"sub_model": case_sub_model, "mixed_inputs": case_mixed_inputs}
