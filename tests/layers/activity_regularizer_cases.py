"""The models, layers and bad arguments of the activity regularizer cases, written once for
both libraries: each function takes the library (``tf_keras`` in
make_activity_regularizer_fixtures.py, ``tracekeras`` in test_activity_regularizers.py),
which has ``layers``, ``regularizers``, ``Input``, ``Model`` and ``Sequential``. Imports
neither."""


def dense_sequential(k):
    return k.Sequential([k.Input((3,)),
                         k.layers.Dense(4, activity_regularizer=k.regularizers.L1(0.01))])


def functional(k):
    inputs = k.Input((3,))
    hidden = k.layers.Dense(5, activation="tanh", activity_regularizer="l2")(inputs)
    hidden = k.layers.Dense(4, activity_regularizer=k.regularizers.L1L2(0.01, 0.02))(hidden)
    outputs = k.layers.Dense(2)(hidden)
    return k.Model(inputs, outputs)


def conv_model(k):
    return k.Sequential([k.Input((5, 5, 2)),
                         k.layers.Conv2D(3, 3, activity_regularizer=k.regularizers.L2(0.03)),
                         k.layers.Flatten(), k.layers.Dense(1)])


def rnn_model(k):
    inputs = k.Input((4, 3))
    sequence, state_h, state_c = k.layers.LSTM(
        3, return_sequences=True, return_state=True,
        activity_regularizer=k.regularizers.L1(0.05))(inputs)
    last = k.layers.GRU(2, activity_regularizer="l1")(sequence)
    return k.Model(inputs, [last, state_h, state_c])


def embedding_model(k):
    return k.Sequential([
        k.Input((4,), dtype="int32"),
        k.layers.Embedding(6, 3, activity_regularizer=k.regularizers.L2(0.1)),
        k.layers.SimpleRNN(2, activity_regularizer=k.regularizers.L1(0.2))])


def attention_model(k):
    query, value = k.Input((3, 4)), k.Input((2, 4))
    attention = k.layers.MultiHeadAttention(2, 3,
                                            activity_regularizer=k.regularizers.L2(0.1))
    output, scores = attention(query, value, return_attention_scores=True)
    return k.Model([query, value], [output, scores])


# name -> (model, input shapes: one per model input)
EAGER = {"dense_sequential": (dense_sequential, [(2, 3)]),
         "functional": (functional, [(3, 3)]),
         "conv2d": (conv_model, [(2, 5, 5, 2)]),
         "lstm_return_state_gru": (rnn_model, [(2, 4, 3)]),
         "embedding_simple_rnn": (embedding_model, [(3, 4)]),
         "multi_head_attention": (attention_model, [(2, 3, 4), (2, 2, 4)])}

FITS = {"dense_sequential": dense_sequential, "functional": functional}


def cell(k):
    return k.layers.SimpleRNNCell(2, activity_regularizer=k.regularizers.L1(0.1))


CONFIGS = {
    "dense": lambda k: k.layers.Dense(4, activity_regularizer=k.regularizers.L1(0.01)),
    "dense_by_name": lambda k: k.layers.Dense(2, activity_regularizer="l1_l2"),
    "conv2d": lambda k: k.layers.Conv2D(3, 2, activity_regularizer=k.regularizers.L2(0.2)),
    "conv1d_transpose": lambda k: k.layers.Conv1DTranspose(2, 3, activity_regularizer="l2"),
    "separable_conv2d": lambda k: k.layers.SeparableConv2D(2, 3, activity_regularizer="l1"),
    "depthwise_conv2d": lambda k: k.layers.DepthwiseConv2D(3, activity_regularizer="l2"),
    "lstm": lambda k: k.layers.LSTM(3, activity_regularizer=k.regularizers.L1L2(0.1, 0.2)),
    "gru": lambda k: k.layers.GRU(3, activity_regularizer={"class_name": "L2",
                                                            "config": {"l2": 0.5}}),
    "simple_rnn": lambda k: k.layers.SimpleRNN(2, activity_regularizer="l1"),
    "embedding": lambda k: k.layers.Embedding(5, 2,
                                              activity_regularizer=k.regularizers.L2(0.3)),
    "multi_head_attention": lambda k: k.layers.MultiHeadAttention(
        2, 3, activity_regularizer=k.regularizers.L1(0.02)),
    "einsum_dense": lambda k: k.layers.EinsumDense("ab,bc->ac", 4, activity_regularizer="l2"),
}

ERRORS = {
    "dense_number": lambda k: k.layers.Dense(2, activity_regularizer=5),
    "conv2d_number": lambda k: k.layers.Conv2D(2, 3, activity_regularizer=0.1),
    "lstm_list": lambda k: k.layers.LSTM(2, activity_regularizer=[1]),
    "embedding_number": lambda k: k.layers.Embedding(3, 2, activity_regularizer=2),
}
