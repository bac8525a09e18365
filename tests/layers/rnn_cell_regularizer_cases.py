"""The models of the RNN-cell activity regularizer fixtures, built alike by tf_keras and
tracekeras (``k`` is the keras module given): each an RNN around cells of which some have
their own ``activity_regularizer``, as ``(build, unroll)``."""


def simple(k, unroll):
    cell = k.layers.SimpleRNNCell(5, activity_regularizer=k.regularizers.L2(0.1))
    inputs = k.Input((3, 2))
    return k.Model(inputs, k.layers.RNN(cell, unroll=unroll)(inputs))


def lstm_sequences(k, unroll):
    cell = k.layers.LSTMCell(4, activity_regularizer=k.regularizers.L1(0.05))
    inputs = k.Input((3, 2))
    outputs = k.layers.RNN(cell, unroll=unroll, return_sequences=True)(inputs)
    return k.Model(inputs, k.layers.Flatten()(outputs))


def gru_backwards_masked(k, unroll):
    cell = k.layers.GRUCell(3, activity_regularizer=k.regularizers.L1L2(0.01, 0.02))
    inputs = k.Input((3, 2))
    masked = k.layers.Masking(0.0)(inputs)
    return k.Model(inputs, k.layers.RNN(cell, unroll=unroll, go_backwards=True)(masked))


def stacked(k, unroll):
    cells = [k.layers.SimpleRNNCell(3, activity_regularizer=k.regularizers.L2(0.1)),
             k.layers.SimpleRNNCell(2),
             k.layers.GRUCell(2, activity_regularizer=k.regularizers.L1(0.1))]
    inputs = k.Input((3, 2))
    return k.Model(inputs, k.layers.RNN(cells, unroll=unroll)(inputs))


MODELS = {"simple": simple, "lstm_sequences": lstm_sequences,
          "gru_backwards_masked": gru_backwards_masked, "stacked": stacked}
