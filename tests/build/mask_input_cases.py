"""A recurrent layer given a boolean Input as ``mask=`` (keras.io's CNN-RNN video
classification): one model written once for tf_keras (make_mask_input_fixtures.py) and for
tracekeras (test_mask_input.py)."""
import numpy as np


def formula_weights(model):
    """Each weight's values from its position: the same numbers in either engine."""
    for layer in model.layers:
        layer.set_weights([np.sin(np.arange(w.size, dtype="float32") * 0.7 + i).reshape(
            w.shape) * 0.5 for i, w in enumerate(layer.get_weights())])


def build(keras):
    keras.backend.clear_session()
    features = keras.Input((4, 3))
    mask = keras.Input((4,), dtype="bool")
    x = keras.layers.GRU(5, return_sequences=True)(features, mask=mask)
    x = keras.layers.GRU(2)(x)
    outputs = keras.layers.Dense(3, activation="softmax")(x)
    model = keras.Model([features, mask], outputs)
    formula_weights(model)
    return model


def facts(keras):
    model = build(keras)
    x = np.cos(np.arange(2 * 4 * 3, dtype="float32")).reshape(2, 4, 3)
    masks = np.array([[True, True, False, False], [True, True, True, True]])
    config = model.get_config()
    return {
        "layers": [layer.name for layer in model.layers],
        "inputs": [tuple(t.shape) for t in model.inputs],
        "gru_inbound": [layer["inbound_nodes"] for layer in config["layers"]
                        if layer["class_name"] == "GRU"],
        "masked": np.asarray(model([x, masks])).tolist(),
        "unmasked": np.asarray(model([x, np.ones_like(masks)])).tolist(),
        "predict": model.predict([x, masks], verbose=0).tolist(),
    }
