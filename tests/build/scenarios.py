"""Small build-room scenarios run side by side with real Keras (see data/keras_behaviour.json).

``scenarios(layers, Sequential, Model)`` returns (name, function) pairs written
against the public Keras API only, so the same code runs on tf_keras 2.21 (to
make the reference, ``make_fixtures.py``) and on tracekeras (the
test). ``outcome`` turns a result or an error into one comparable line.
"""

import numpy as np


def norm(value):
    """Shapes as tuples, dtypes by name, arrays as lists: what both sides can print alike."""
    if hasattr(value, "as_list"):
        return tuple(value.as_list())
    if isinstance(value, (list, tuple)):
        return type(value)(norm(v) for v in value)
    if isinstance(value, dict):
        return {k: norm(v) for k, v in value.items()}
    if isinstance(value, np.dtype) or type(value).__name__ == "DType":
        return np.dtype(getattr(value, "as_numpy_dtype", value)).name
    return value


def outcome(fn, clear_session):
    clear_session()
    try:
        return "-> " + repr(norm(fn()))
    except Exception as e:  # noqa: BLE001 - the error is the outcome compared
        parts = str(e).split("\n\n")
        message = (
            parts[1] if len(parts) > 1 and parts[0].startswith("Exception encountered") else str(e)
        )
        return f"!! {type(e).__name__} {message}"


def shp(t):
    return tuple(norm(t.shape))


def scenarios(layers, Sequential, Model):  # noqa: C901, N803 - one list of small cases
    found = []

    def run(name, fn):
        found.append((name, fn))

    def s1():
        m = Sequential([layers.Dense(4, input_shape=(3,)), layers.Dense(2, name="out")])
        return (
            [layer.name for layer in m.layers],
            [w.name for w in m.weights],
            m.output_names,
            m.input_names,
            m.output_shape,
            m.input_shape,
        )

    run("seq_input_shape", s1)

    def s2():
        a = layers.Input((3,))
        b = layers.Dense(2)(a)
        c = layers.Dense(2)(a)
        m = Model(a, [b, c])
        return m.output_names, [layer.name for layer in m.layers], m.name

    run("two_out", s2)

    def s3():
        a = layers.Input((3,))
        d = layers.Dense(2)
        b = d(a)
        m = Model(a, [b, b])
        return m.output_names

    run("same_out_twice", s3)
    run(
        "input_dict_names",
        lambda: (
            Model(
                {"x": layers.Input((2,), name="x")}, layers.Dense(1)(layers.Input((2,)))
            ).input_names
        ),
    )

    def s4():
        x = layers.Input((2,), name="x")
        y = layers.Input((3,), name="y")
        m = Model({"y": y, "x": x}, layers.Concatenate()([x, y]))
        return (
            m.input_names,
            [t.name for t in m.inputs],
            m(dict(x=np.ones((1, 2)), y=np.ones((1, 3)))).shape,
        )

    run("dict_inputs", s4)
    run("dense_no_units", lambda: layers.Dense())
    run("dense_str_units", lambda: layers.Dense("3").units)
    run("input_and_batch", lambda: layers.Input(shape=(2,), batch_shape=(None, 2)))
    run("input_unknown_kw", lambda: layers.Input(shape=(2,), foo=1))
    run("inputlayer_both", lambda: layers.InputLayer(input_shape=(2,), batch_input_shape=(None, 2)))
    run("input_int_shape", lambda: layers.Input(shape=5).shape)
    run("input_batch_size", lambda: tuple(layers.Input(shape=(5,), batch_size=8).shape))

    def s5():
        m = Sequential([layers.Dense(2)])
        m.build((None, 3))
        m.build((None, 3))
        return [layer.name for layer in m.layers], m.built

    run("build_twice", s5)

    def s6():
        m = Sequential()
        m.add(layers.Dense(2, input_shape=(3,)))
        m.add(layers.Dense(4))
        return m.output_shape, [layer.name for layer in m._self_tracked_trackables]

    run("add_incremental", s6)

    def s7():
        m = Sequential([layers.Dense(2)])
        return m.layers[0].name, m.built, len(m.weights)

    run("weights_unbuilt", s7)

    def s8():
        m = Sequential([layers.Dense(2)])
        m(np.ones((3, 4), np.float32))
        return m.built, [w.name for w in m.weights], m._graph_initialized, tuple(m.inputs[0].shape)

    run("lazy_call", s8)

    def s9():
        d = layers.Dense(2)
        x = layers.Input((3,))
        d(x)
        d(layers.Input((3,)))
        return tuple(d.input_shape), tuple(d.output_shape)

    run("shared_same_shape", s9)

    def s10():
        d = layers.Dense(2)
        d(layers.Input((3,)))
        d(layers.Input((4,)))

    run("shared_diff_shape", s10)

    def s11():
        d = layers.Dense(2)
        return d.output_shape

    run("never_called_out_shape", s11)

    def s12():
        d = layers.Dense(2)
        return d.input_shape

    run("never_called_in_shape", s12)

    def s13():
        Sequential([layers.Dense(2, name="a"), layers.Dense(3, name="a")])

    run("dup_names_seq", s13)
    run("layer_name_type", lambda: layers.Dense(2, name=3))

    def s14():
        m = Sequential([layers.Dense(2, input_shape=(3,))])
        return m.get_config()["layers"][0]["class_name"], m.get_config()["layers"][0]["config"].get(
            "batch_input_shape"
        )

    run("seq_config", s14)

    def s15():
        d = layers.Dense(3, activation="relu")
        c = d.get_config()
        return sorted(c)

    run("dense_config_keys", s15)

    def s16():
        return layers.Flatten()(layers.Input((3, None))).shape

    run("flatten_unknown", s16)
    run("dropout_cfg", lambda: sorted(layers.Dropout(0.2).get_config()))
    run("concat_bad", lambda: layers.Concatenate()([layers.Input((3,)), layers.Input((4, 2))]))
    run("reshape_two_unknown", lambda: layers.Reshape((-1, -1))(layers.Input((4,))))

    def s17():
        m = Sequential([layers.Dense(2, input_shape=(3,)), layers.Dense(1)])
        m.pop()
        return [layer.name for layer in m.layers], m.output_shape

    run("pop", s17)
    run("model_bad_kw", lambda: Model(layers.Input((2,)), layers.Input((2,)), foo=1))
    run(
        "identity_model",
        lambda: (
            lambda a: (Model(a, a).layers[0].name, Model(a, a)(np.ones((2, 3))).shape.__len__())
        )(layers.Input((3,))),
    )

    def s1():
        a = layers.Input((3,))
        b = layers.Input((2,))
        m = Model([a, b], layers.Dense(1)(a))
        return [layer.name for layer in m.layers], m.input_names

    run("unused_input", s1)

    def s2():
        a = layers.Input((3,))
        m = Model(a, {"z": layers.Dense(1, name="p")(a), "y": layers.Dense(2, name="q")(a)})
        return m.output_names, [shp(o) for o in m.outputs]

    run("dict_outputs", s2)

    def s3():
        m = Sequential([layers.Dense(2, input_shape=(3,)), layers.Dense(1)])
        m.trainable = False
        return (
            len(m.trainable_weights),
            len(m.non_trainable_weights),
            [layer.trainable for layer in m.layers],
        )

    run("freeze_model", s3)

    def s4():
        m = Sequential([layers.Dense(2, input_shape=(3,), name="x")])
        return m.get_layer("x").name, m.get_layer(index=0).name

    run("get_layer", s4)

    def s5():
        m = Sequential([layers.Dense(2, input_shape=(3,), name="x")])
        m.get_layer("nope")

    run("get_layer_bad", s5)

    def s6():
        m = Sequential([layers.Dense(2, input_shape=(3,), name="x")])
        m.get_layer(index=5)

    run("get_layer_idx_bad", s6)

    def s7():
        d = layers.Dense(2, kernel_initializer="ones", bias_initializer="ones")
        return d(np.ones((1, 3))).numpy().tolist()

    run("ones_init", s7)

    def s8():
        return [
            type(layers.Dense(2).kernel_initializer).__name__,
            type(layers.Dense(2).bias_initializer).__name__,
        ]

    run("default_inits", s8)

    def s9():
        x = layers.Input((4, 3))
        return shp(layers.Dense(5)(x))

    run("dense_3d", s9)

    def s10():
        d = layers.Dense(5)
        return d(np.ones((2, 4, 3), np.float32)).shape.__len__(), [
            tuple(w.shape) for w in d.weights
        ]

    run("dense_3d_eager", s10)

    def s11():
        m = Sequential([layers.Flatten(input_shape=(2, 3)), layers.Dense(4)])
        return m.output_shape, m.layers[0].output_shape

    run("flatten_seq", s11)

    def s12():
        a = layers.Input((3,), name="in")
        m = Model(a, layers.Dense(1)(a))
        return m.input_spec[0].shape if m.input_spec else None

    run("input_spec_model", s12)

    def s13():
        m = Sequential([layers.Dense(2, input_shape=(3,))])
        m([np.ones((1, 3))])

    run("seq_list_input", s13)

    def s14():
        m = Sequential([layers.Dense(2, input_shape=(3,))])
        return m(np.ones((1, 3, 1))).shape.__len__()

    run("seq_extra_dim", s14)

    def s15():
        a = layers.Input((3,))
        m = Model(a, layers.Dense(2)(a))
        return (
            m(np.ones((1, 3), np.int32)).dtype.name
            if hasattr(m(np.ones((1, 3), np.int32)).dtype, "name")
            else str(m(np.ones((1, 3), np.int32)).dtype)
        )

    run("int_input", s15)

    def s16():
        a = layers.Input((3,), dtype="int32")
        return a.dtype, layers.Dense(2)(a).dtype

    run("int_placeholder", s16)
    run("activation_layer_bad", lambda: layers.Activation("nope"))
    run("dense_cfg_act_none", lambda: layers.Dense(2).get_config()["activation"])
    run("init_bad_type", lambda: layers.Dense(2, kernel_initializer=3))
    return found
