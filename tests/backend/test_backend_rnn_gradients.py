"""The recurrent ops of tracekeras.backend (backend/rnn.py): each op's gradient against
central differences (Hypothesis over shapes), and the whole ``rnn`` loop, masked and
backwards, differentiated through time against central differences."""
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from tracekeras.backend import GradientTape, Tensor, Variable, lstm_ops, nn, ops
from tracekeras.backend import rnn as backend_rnn

from .helpers import SETTINGS, arrays, check_gradients


@st.composite
def sequences(draw, min_dims=2, max_dims=3):
    shape = tuple(draw(st.integers(1, 4)) for _ in range(draw(st.integers(min_dims, max_dims))))
    return draw(arrays(shape))


@SETTINGS
@given(sequences())
def test_unstack_then_stack_gradients(x):
    def fn(t):
        pieces = backend_rnn.unstack(t)
        # each piece used differently, so a wrong slot in the gathered gradient shows
        return backend_rnn.stack([ops.multiply(p, float(i + 1)) for i, p in enumerate(pieces)],
                                 axis=0)
    check_gradients(fn, x)


@SETTINGS
@given(sequences())
def test_unstack_of_a_piece_left_unused_passes_zeros(x):
    def fn(t):
        return ops.reduce_sum(ops.square(backend_rnn.unstack(t)[-1]))
    grads = check_gradients(fn, x)
    assert not grads[0][:-1].any()


@SETTINGS
@given(sequences(min_dims=3), st.integers(0, 2))
def test_transpose_reverse_and_split_gradients(x, axis):
    perm = tuple(np.roll(np.arange(x.ndim), 1))
    check_gradients(lambda t: backend_rnn.transpose(t, perm), x)
    check_gradients(lambda t: backend_rnn.reverse(t, axis), x)
    pieces = 2 if x.shape[-1] % 2 == 0 else 1
    check_gradients(lambda t: ops.concatenate(
        [ops.multiply(p, float(i + 2)) for i, p in enumerate(backend_rnn.split(t, pieces))]), x)


def tanh_cell(kernel, recurrent):
    def step(x_t, states):
        h = nn.tanh(ops.add(ops.matmul(x_t, kernel), ops.matmul(states[0], recurrent)))
        return h, [h]
    return step


@SETTINGS
@given(arrays((2, 4, 3), -1, 1), arrays((3, 2), -1, 1), arrays((2, 2), -1, 1),
       arrays((2, 2), -1, 1), st.booleans(), st.booleans(), st.booleans())
def test_rnn_loop_gradients_through_time(x, kernel, recurrent, h0, go_backwards, masked,
                                         zero_output):
    mask = np.array([[True, False, True, True], [True, True, False, False]]) if masked else None

    def fn(xs, k, r, h):
        _, outputs, states = backend_rnn.rnn(tanh_cell(k, r), xs, [h],
                                             go_backwards=go_backwards, mask=mask,
                                             zero_output_for_mask=zero_output)
        return ops.concatenate([ops.reshape(outputs, (2, 8)), states[0]])
    check_gradients(fn, x, kernel, recurrent, h0)


def test_masked_steps_keep_the_previous_state_and_output():
    x = np.arange(12, dtype=np.float64).reshape(1, 4, 3) / 10
    kernel, recurrent = Variable(np.eye(3)[:, :2] * 0.5), Variable(np.eye(2) * 0.5)
    mask = np.array([[True, False, False, True]])
    last, outputs, states = backend_rnn.rnn(tanh_cell(kernel, recurrent), Tensor(x),
                                            [Tensor(np.zeros((1, 2)))], mask=mask)
    out = outputs.value[0]
    np.testing.assert_array_equal(out[1], out[0])
    np.testing.assert_array_equal(out[2], out[0])
    assert not np.allclose(out[3], out[0])
    np.testing.assert_array_equal(last.value[0], out[3])
    np.testing.assert_array_equal(states[0].value[0], out[3])


def test_a_tape_that_does_not_follow_the_inputs_records_nothing():
    x = Tensor(np.ones((2, 3, 2)))
    with GradientTape() as tape:
        pieces = backend_rnn.unstack(backend_rnn.to_time_major(x))
    assert len(pieces) == 3 and not tape.nodes


@st.composite
def step_cases(draw, gates):
    batch, features, units = draw(st.integers(1, 3)), draw(st.integers(1, 3)), draw(
        st.integers(1, 3))
    return (draw(arrays((batch, gates * units))), draw(arrays((batch, units))),
            draw(arrays((batch, units))), draw(arrays((units, gates * units), -1, 1)),
            draw(arrays((gates * units,))), features)


def lstm_by_ops(projected, h, c, kernel):
    """The LSTM step op by op: the definition the fused op must equal."""
    z = ops.add(projected, ops.matmul(h, kernel))
    i, f, g, o = backend_rnn.split(z, 4)
    new_c = ops.add(ops.multiply(nn.sigmoid(f), c), ops.multiply(nn.sigmoid(i), nn.tanh(g)))
    return ops.concatenate([ops.multiply(nn.sigmoid(o), nn.tanh(new_c)), new_c])


def gru_by_ops(projected, h, kernel, bias):
    inner = ops.add(ops.matmul(h, kernel), bias)
    x_z, x_r, x_h = backend_rnn.split(projected, 3)
    r_z, r_r, r_h = backend_rnn.split(inner, 3)
    z, r = nn.sigmoid(ops.add(x_z, r_z)), nn.sigmoid(ops.add(x_r, r_r))
    hh = nn.tanh(ops.add(x_h, ops.multiply(r, r_h)))
    return ops.add(ops.multiply(z, h), ops.multiply(ops.subtract(1.0, z), hh))


@SETTINGS
@given(step_cases(gates=4))
def test_fused_lstm_step_equals_its_ops_and_central_differences(case):
    projected, h, c, kernel, _, _ = case
    fused = lstm_ops.lstm_step(*(Tensor(a) for a in (projected, h, c, kernel)))
    by_ops = lstm_by_ops(*(Tensor(a) for a in (projected, h, c, kernel)))
    np.testing.assert_allclose(fused.value, by_ops.value, rtol=1e-12, atol=1e-12)
    check_gradients(lstm_ops.lstm_step, projected, h, c, kernel)


@SETTINGS
@given(step_cases(gates=3), st.booleans())
def test_fused_gru_step_equals_its_ops_and_central_differences(case, with_bias):
    projected, h, _, kernel, bias, _ = case
    bias = bias if with_bias else np.zeros_like(bias)
    fused = backend_rnn.gru_step(*(Tensor(a) for a in (projected, h, kernel, bias)))
    by_ops = gru_by_ops(*(Tensor(a) for a in (projected, h, kernel, bias)))
    np.testing.assert_allclose(fused.value, by_ops.value, rtol=1e-12, atol=1e-12)
    if with_bias:
        check_gradients(backend_rnn.gru_step, projected, h, kernel, bias)
    else:
        check_gradients(lambda p, s, k: backend_rnn.gru_step(p, s, k), projected, h, kernel)
