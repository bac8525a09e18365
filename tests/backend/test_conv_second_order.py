"""Second derivatives through convolutions, paddings and piecewise-linear activations (a
WGAN-GP critic's gradient penalty), against central differences of the first-gradient
function (float64 inputs, ``helpers.check_second_gradients``).

``conv.convolution`` and ``conv.conv_transpose`` differentiate their gradients through
``conv_gradients`` (``conv_backprop_filter`` is the kernel gradient as an op); ``tf.pad``
and the slice of a crop are each other's gradients; ReluGrad and LeakyReluGrad are ops of
the activation's input too (zeros). The same ops against real TensorFlow are in
``test_second_order.py`` (``conv_*``, ``pad``, ``*_alone`` cases).
"""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracekeras.backend import GradientTape, Variable, conv, conv_gradients, nn, ops, spatial
from tracekeras.backend.tape import SecondOrderNotImplemented

from .helpers import SETTINGS, arrays, check_gradients, check_second_gradients
from .test_backend_conv_gradients import conv_cases


@SETTINGS
@given(case=conv_cases(grouped=False))
def test_convolution_second_derivatives(case):
    x, kernel, strides, padding, dilations, _ = case
    check_second_gradients(lambda a, k: ops.square(
        conv.convolution(a, k, strides, padding, dilations)), x, kernel)


@SETTINGS
@given(case=conv_cases(grouped=False))
def test_conv_transpose_second_derivatives(case):
    x, kernel, strides, padding, dilations, _ = case
    y = np.random.default_rng(1).uniform(
        -1, 1, conv.convolution(x, kernel, strides, padding, dilations).value.shape)
    check_second_gradients(lambda a, k: ops.square(
        conv.conv_transpose(a, k, x.shape, strides, padding, dilations)), y, kernel)


@SETTINGS
@given(case=conv_cases(grouped=False))
def test_conv_backprop_filter_is_the_kernel_gradient_and_differentiates(case):
    x, kernel, strides, padding, dilations, _ = case
    y = np.random.default_rng(2).uniform(
        -1, 1, conv.convolution(x, kernel, strides, padding, dilations).value.shape)
    k = Variable(kernel)
    with GradientTape() as tape:
        out = conv.convolution(x, k, strides, padding, dilations)
    np.testing.assert_allclose(
        conv_gradients.conv_backprop_filter(x, y, kernel.shape, strides, padding,
                                            dilations).value,
        np.asarray(tape.gradient(out, k, output_gradients=y)), rtol=1e-10, atol=1e-10)

    def op(a, b):
        return ops.square(conv_gradients.conv_backprop_filter(a, b, kernel.shape, strides,
                                                              padding, dilations))
    check_gradients(op, x, y)
    check_second_gradients(op, x, y)


def test_winograd_convolution_second_derivatives():
    """3x3, stride 1, 8 channels in and out: the Winograd way forward, the same rule back."""
    rng = np.random.default_rng(3)
    x, kernel = rng.uniform(-1, 1, (1, 4, 4, 8)), rng.uniform(-1, 1, (3, 3, 8, 8))
    check_second_gradients(lambda a, k: ops.square(conv.convolution(a, k, (1, 1), "SAME")),
                           x, kernel, rtol=1e-5, atol=1e-5)


@SETTINGS
@given(data=st.data())
def test_pad_and_crop_second_derivatives(data):
    x = data.draw(arrays((2, 3, 2)))
    pairs = [tuple(data.draw(st.integers(0, 2)) for _ in range(2)) for _ in range(3)]
    check_second_gradients(lambda a: ops.multiply(ops.square(spatial.pad(a, pairs)),
                                                  spatial.pad(a, pairs)), x)
    cut = [(0, 0), (1, 0), (0, 1)]
    check_second_gradients(lambda a: ops.multiply(ops.square(spatial.crop(a, cut)),
                                                  spatial.crop(a, cut)), x)


def test_a_critic_gradient_penalty_through_padding_strided_convolutions_and_leaky_relu():
    """WGAN-GP's term, ``(|d critic / d x| - 1) ** 2``, differentiated with respect to the
    critic's weights: ZeroPadding2D, strided SAME convolutions, bias, LeakyReLU, Dense."""
    rng = np.random.default_rng(6)
    x = rng.uniform(-1, 1, (2, 3, 3, 1))
    weights = [rng.uniform(-1, 1, s) for s in [(3, 3, 1, 2), (2,), (3, 3, 2, 2), (8, 1)]]

    def penalty(x, k1, b1, k2, w):
        with GradientTape() as inner:
            inner.watch(x)
            h = nn.leaky_relu(ops.bias_add(conv.convolution(
                spatial.pad(x, [(0, 0), (1, 1), (1, 1), (0, 0)]), k1, (2, 2), "SAME"), b1))
            h = nn.leaky_relu(conv.convolution(h, k2, (2, 2), "SAME"))
            score = ops.matmul(ops.reshape(h, (2, 8)), w)
        grads = inner.gradient(score, x)
        norm = ops.sqrt(ops.reduce_sum(ops.square(grads), axis=[1, 2, 3]))
        return ops.reduce_mean(ops.square(ops.subtract(norm, 1.0)))
    check_gradients(penalty, x, *weights, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("activation", [nn.relu, nn.leaky_relu])
def test_the_slope_of_relu_is_connected_to_its_input_with_a_zero_gradient(activation):
    """TensorFlow's ReluGrad/LeakyReluGrad: a bias reached only through the slope gets zeros."""
    x = Variable(np.array([[-1.0, 2.0], [3.0, -0.5]]))
    b = Variable(np.array([0.5, -0.25]))
    with GradientTape() as outer:
        with GradientTape() as inner:
            inner.watch(x)
            y = ops.reduce_sum(activation(ops.bias_add(x, b)))
        g = inner.gradient(y, x)
        total = ops.reduce_sum(ops.square(g))
    assert np.asarray(outer.gradient(total, b)).tolist() == [0.0, 0.0]


def test_a_grouped_convolution_refuses_a_second_derivative():
    x = Variable(np.ones((1, 3, 3, 2)))
    kernel = Variable(np.ones((2, 2, 1, 2)))
    with GradientTape() as outer:
        with GradientTape() as inner:
            y = conv.convolution(x, kernel, (1, 1), "VALID", groups=2)
        g = inner.gradient(y, kernel)
    with pytest.raises(SecondOrderNotImplemented, match="tf.nn.convolution"):
        outer.gradient(g, x)
