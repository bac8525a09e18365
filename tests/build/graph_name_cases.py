"""The layers whose symbolic output's ``name`` (and ``str``) is checked against tf_keras 2.21
(``make_graph_name_fixtures.py`` records them; ``test_graph_names.py`` checks them).

Each case: a label, a layer class of ``keras.layers``, its keyword arguments, and the input
shapes (one shape, or a list of shapes for a merging layer) of the ``Input`` it is called on.
"""
ACTIVATIONS = ["relu", "softmax", "sigmoid", "tanh", "elu", "selu", "softplus", "softsign",
               "linear", "swish", "exponential", "hard_sigmoid", "leaky_relu"]

CASES = (
    [(f"Dense {a}", "Dense", {"units": 3, "activation": a}, (8,)) for a in ACTIVATIONS]
    + [(f"Activation {a}", "Activation", {"activation": a}, (8,)) for a in ACTIVATIONS]
    + [
        ("Dense no bias", "Dense", {"units": 3, "use_bias": False}, (8,)),
        ("Dense on a sequence", "Dense", {"units": 2}, (5, 4)),
        ("Conv1D", "Conv1D", {"filters": 2, "kernel_size": 3}, (5, 4)),
        ("Conv2D", "Conv2D", {"filters": 2, "kernel_size": 3}, (8, 8, 3)),
        ("Conv2D relu", "Conv2D", {"filters": 2, "kernel_size": 3, "activation": "relu"},
         (8, 8, 3)),
        ("Conv2DTranspose", "Conv2DTranspose", {"filters": 2, "kernel_size": 3}, (8, 8, 3)),
        ("SeparableConv2D", "SeparableConv2D", {"filters": 2, "kernel_size": 3}, (8, 8, 3)),
        ("DepthwiseConv2D", "DepthwiseConv2D", {"kernel_size": 3}, (8, 8, 3)),
        ("Dropout", "Dropout", {"rate": 0.5}, (8,)),
        ("Dropout 0", "Dropout", {"rate": 0.0}, (8,)),
        ("GaussianNoise", "GaussianNoise", {"stddev": 0.1}, (8,)),
        ("Flatten", "Flatten", {}, (8, 8, 3)),
        ("Reshape", "Reshape", {"target_shape": (2, 4)}, (8,)),
        ("MaxPooling2D", "MaxPooling2D", {}, (8, 8, 3)),
        ("AveragePooling2D", "AveragePooling2D", {}, (8, 8, 3)),
        ("MaxPooling1D", "MaxPooling1D", {}, (5, 4)),
        ("GlobalAveragePooling1D", "GlobalAveragePooling1D", {}, (5, 4)),
        ("GlobalAveragePooling2D", "GlobalAveragePooling2D", {}, (8, 8, 3)),
        ("GlobalMaxPooling2D", "GlobalMaxPooling2D", {}, (8, 8, 3)),
        ("BatchNormalization", "BatchNormalization", {}, (8,)),
        ("LayerNormalization", "LayerNormalization", {}, (8,)),
        ("Embedding", "Embedding", {"input_dim": 10, "output_dim": 3}, (5,)),
        ("Concatenate", "Concatenate", {}, [(8,), (8,)]),
        ("Add", "Add", {}, [(8,), (8,)]),
        ("Multiply", "Multiply", {}, [(8,), (8,)]),
        ("Subtract", "Subtract", {}, [(8,), (8,)]),
        ("Average", "Average", {}, [(8,), (8,)]),
        ("Maximum", "Maximum", {}, [(8,), (8,)]),
        ("Softmax", "Softmax", {}, (8,)),
        ("ReLU", "ReLU", {}, (8,)),
        ("ReLU max_value", "ReLU", {"max_value": 6.0}, (8,)),
        ("LeakyReLU", "LeakyReLU", {}, (8,)),
        ("RepeatVector", "RepeatVector", {"n": 2}, (8,)),
        ("ZeroPadding2D", "ZeroPadding2D", {}, (8, 8, 3)),
        ("Cropping2D", "Cropping2D", {"cropping": 1}, (8, 8, 3)),
        ("Rescaling", "Rescaling", {"scale": 0.5}, (8, 8, 3)),
        ("Normalization", "Normalization", {"mean": 0.0, "variance": 1.0}, (8,)),
        ("LSTM", "LSTM", {"units": 3}, (5, 4)),
        ("LSTM sequences", "LSTM", {"units": 3, "return_sequences": True}, (5, 4)),
        ("LSTM relu", "LSTM", {"units": 3, "activation": "relu"}, (5, 4)),
        ("GRU", "GRU", {"units": 3}, (5, 4)),
        ("GRU sequences", "GRU", {"units": 3, "return_sequences": True}, (5, 4)),
        ("SimpleRNN", "SimpleRNN", {"units": 3}, (5, 4)),
        ("SimpleRNN sequences", "SimpleRNN", {"units": 3, "return_sequences": True}, (5, 4)),
        ("Conv2D no bias", "Conv2D", {"filters": 2, "kernel_size": 3, "use_bias": False},
         (8, 8, 3)),
        ("Conv1D no bias", "Conv1D", {"filters": 2, "kernel_size": 3, "use_bias": False},
         (5, 4)),
        ("GlobalMaxPooling1D", "GlobalMaxPooling1D", {}, (5, 4)),
        ("AveragePooling1D", "AveragePooling1D", {}, (5, 4)),
        ("UpSampling2D", "UpSampling2D", {}, (8, 8, 3)),
        ("Minimum", "Minimum", {}, [(8,), (8,)]),
        ("ELU", "ELU", {}, (8,)),
        ("PReLU", "PReLU", {}, (8,)),
        ("Masking", "Masking", {}, (5, 4)),
        ("ActivityRegularization", "ActivityRegularization", {"l1": 0.1}, (8,)),
    ])

# wrappers: a label, the wrapper's class and keyword arguments, the wrapped layer's class
# and keyword arguments, the input shape
WRAPPED = [
    ("Bidirectional LSTM", "Bidirectional", {}, "LSTM", {"units": 2}, (5, 4)),
    ("Bidirectional sum", "Bidirectional", {"merge_mode": "sum"}, "LSTM", {"units": 2},
     (5, 4)),
    ("TimeDistributed Dense", "TimeDistributed", {}, "Dense", {"units": 2}, (5, 4)),
]


def nested(keras):
    """The output names of a Functional model and two Sequential ones called on an Input."""
    keras.backend.clear_session()
    layers = keras.layers
    x = keras.Input((8,))
    inner = keras.Model(x, layers.Dense(2, activation="relu")(layers.Dense(3)(x)),
                        name="inner")
    deferred = keras.Sequential([layers.Dense(3), layers.Dense(2)], name="seq")
    built = keras.Sequential([keras.Input((8,)), layers.Dense(4)], name="seq2")
    return [model(keras.Input((8,))).name for model in (inner, deferred, built)]
