"""``keras.backend.rnn`` cases compared with tf_keras 2.21 (``make_keras_rnn_fixtures.py``
records them, ``test_keras_rnn.py`` checks them). Each case is a function of ``K``
(``keras.backend`` of either engine; tracekeras's through its import shim) returning
``(last_output, outputs, new_states)``; ``GRADIENTS`` take a variable ``v`` (the input
kernel) and return a tensor whose sum is differentiated; ``ERRORS`` keep their error."""
import numpy as np


def wave(*shape, step=1.7):
    return np.sin(np.arange(int(np.prod(shape)), dtype="float32") * step).reshape(shape)


SEQ = wave(2, 7, 3)                      # (batch, time, channels)
W_IN = wave(3, 4, step=0.6)              # input kernel: 3 channels -> 4 units
U = wave(4, 4, step=0.45) * 0.5          # recurrent kernel
MASK = np.array([[1, 1, 0, 1, 1, 0, 0], [0, 1, 1, 0, 1, 1, 1]], "float32")
BIAS = wave(2, 4, step=0.3)


def simple_step(K, w=None):
    w, u = (K.constant(W_IN) if w is None else w), K.constant(U)

    def step(x_t, states):
        h = K.tanh(K.dot(x_t, w) + K.dot(states[0], u))
        return h, [h]
    return step


def two_state_step(K):
    w, u = K.constant(W_IN), K.constant(U)

    def step(x_t, states):
        h = K.tanh(K.dot(x_t, w) + K.dot(states[0], u))
        total = states[1] + h
        return h * 2.0, [h, total]
    return step


def constant_step(K):
    w, u = K.constant(W_IN), K.constant(U)

    def step(x_t, states):
        h, bias = states[0], states[1]
        h = K.tanh(K.dot(x_t, w) + K.dot(h, u) + bias)
        return h, [h]
    return step


def zeros(K):
    return [K.zeros((2, 4))]


def seq(K):
    return K.constant(SEQ)


CASES = {
    "rnn": lambda K: K.rnn(simple_step(K), seq(K), zeros(K)),
    "rnn_go_backwards": lambda K: K.rnn(simple_step(K), seq(K), zeros(K), go_backwards=True),
    "rnn_mask": lambda K: K.rnn(simple_step(K), seq(K), zeros(K), mask=K.constant(MASK)),
    "rnn_mask_zero_output": lambda K: K.rnn(simple_step(K), seq(K), zeros(K),
                                            mask=K.constant(MASK), zero_output_for_mask=True),
    "rnn_mask_backwards_unrolled": lambda K: K.rnn(
        simple_step(K), seq(K), zeros(K), mask=K.constant(MASK), go_backwards=True,
        unroll=True),
    "rnn_last_output_only": lambda K: K.rnn(simple_step(K), seq(K), zeros(K),
                                            return_all_outputs=False),
    "rnn_last_output_only_masked": lambda K: K.rnn(
        simple_step(K), seq(K), zeros(K), mask=K.constant(MASK), zero_output_for_mask=True,
        return_all_outputs=False),
    "rnn_time_major": lambda K: K.rnn(simple_step(K), K.constant(SEQ.transpose(1, 0, 2)),
                                      zeros(K), time_major=True),
    "rnn_two_states": lambda K: K.rnn(two_state_step(K), seq(K),
                                      [K.zeros((2, 4)), K.ones((2, 4))], mask=K.constant(MASK)),
    "rnn_constants": lambda K: K.rnn(constant_step(K), seq(K), zeros(K),
                                     constants=[K.constant(BIAS)]),
}

GRADIENTS = {
    "rnn": lambda K, v: K.rnn(simple_step(K, v), seq(K), zeros(K))[1],
    "rnn_mask_backwards": lambda K, v: K.rnn(simple_step(K, v), seq(K), zeros(K),
                                             mask=K.constant(MASK), go_backwards=True)[1],
    "rnn_mask_zero_output_last": lambda K, v: K.rnn(
        simple_step(K, v), seq(K), zeros(K), mask=K.constant(MASK),
        zero_output_for_mask=True)[0] * K.constant(BIAS),
}

ERRORS = {
    "rnn_rank_2": lambda K: K.rnn(simple_step(K), K.constant(SEQ[0]), zeros(K)),
}
