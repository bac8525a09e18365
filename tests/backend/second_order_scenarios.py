"""The second derivatives tracekeras must share with TensorFlow: one table, two runs.

Each case is ``(name, call, inputs)``: ``call(tf, *inputs)`` returns a tensor.
``second_order`` takes, with an inner tape, the gradient ``g_j`` of
``sum(weights * call(...))`` with respect to every float input ``j``, and with an
outer tape around it the gradient of ``sum_j sum(weights * g_j)`` with respect to
every float input (a Hessian-vector product: each entry of the second derivatives
counts); ``nested`` (two tapes) or ``persistent`` (one persistent tape whose
``gradient`` is called inside its ``with`` block) give the same numbers in
TensorFlow. ``JACOBIANS`` are ``tape.jacobian`` and ``batch_jacobian`` cases;
``TARGET_LISTS`` differentiate a list of tensors (the first gradients of a model's
weights, as the Keras debugging tips' train_step does), with and without
``output_gradients``, or return a penalty and its gradients for a Keras model's weights
(keras.io WGAN-GP's gradient penalty on a critic of its layers).
``make_second_order_fixtures.py`` runs the table on real TensorFlow and writes
``data/tf_second_order.json``; ``test_second_order.py`` runs it on tracekeras's
``tf``. Plain NumPy only: no TensorFlow import here.
"""
import numpy as np

RNG = np.random.RandomState(11)
INPUTS = {
    "x": RNG.uniform(-2, 2, (2, 3)).astype("float32"),
    "y": RNG.uniform(-2, 2, (2, 3)).astype("float32"),
    "row": RNG.uniform(-2, 2, (3,)).astype("float32"),
    "pos": RNG.uniform(0.5, 2, (2, 3)).astype("float32"),
    "w": RNG.uniform(-1, 1, (3, 4)).astype("float32"),
    "bias": RNG.uniform(-1, 1, (4,)).astype("float32"),
    "w2": RNG.uniform(-1, 1, (4, 1)).astype("float32"),
    "cube": RNG.uniform(-1, 1, (2, 3, 4)).astype("float32"),
    "mats": RNG.uniform(-1, 1, (2, 4, 3)).astype("float32"),
    "probs": np.array([[0.2, 0.3, 0.5], [0.6, 0.1, 0.3]], "float32"),
    "targets": np.array([[0.0, 1.0, 1.0], [1.0, 0.0, 1.0]], "float32"),
    "labels": np.array([2, 0], "int32"),
    "image": RNG.uniform(-1, 1, (2, 5, 5, 2)).astype("float32"),
    "kernel": RNG.uniform(-1, 1, (3, 3, 2, 3)).astype("float32"),
    "bias3": RNG.uniform(-1, 1, (3,)).astype("float32"),
    "critic_w": RNG.uniform(-1, 1, (48, 1)).astype("float32"),
    "wide_image": RNG.uniform(-1, 1, (1, 4, 4, 8)).astype("float32"),
    "wide_kernel": RNG.uniform(-1, 1, (3, 3, 8, 8)).astype("float32"),
    "kernel55": RNG.uniform(-0.5, 0.5, (5, 5, 2, 3)).astype("float32"),
    "critic_w75": RNG.uniform(-0.5, 0.5, (75, 1)).astype("float32"),
}


def weights(shape):
    """The fixed output gradient: distinct weights so each element counts differently."""
    size = int(np.prod(shape))
    return np.linspace(0.5, 1.5, max(size, 1)).astype("float32")[:size].reshape(shape)


def mlp(tf, x, w, bias, w2):
    """A two-layer perceptron written with tf ops: the critic of a gradient penalty."""
    return tf.matmul(tf.nn.relu(tf.matmul(x, tf.transpose(tf.transpose(w))) + bias), w2)


def gradient_penalty(tf, x, w, bias, w2):
    """WGAN-GP's term: (|d critic / d x| - 1) ** 2, averaged over the batch."""
    with tf.GradientTape() as tape:
        tape.watch(x)
        score = tf.reduce_sum(tf.tanh(mlp(tf, x, w, bias, w2)))
    grads = tape.gradient(score, x)
    norm = tf.norm(grads, axis=1)
    return tf.reduce_mean((norm - 1.0) ** 2)


def conv_gradient_penalty(tf, x, kernel, bias, w):
    """WGAN-GP's term for a convolutional critic (keras.io's WGAN-GP discriminator in small):
    ZeroPadding2D, a strided SAME convolution with a bias, LeakyReLU(0.2), Flatten, Dense."""
    with tf.GradientTape() as tape:
        tape.watch(x)
        h = tf.keras.layers.ZeroPadding2D((1, 1))(x)
        h = tf.nn.leaky_relu(tf.nn.conv2d(h, kernel, 2, "SAME") + bias, 0.2)
        score = tf.matmul(tf.reshape(h, (2, 48)), w)
    grads = tape.gradient(score, [x])[0]
    norm = tf.sqrt(tf.reduce_sum(tf.square(grads), axis=[1, 2, 3]))
    return tf.reduce_mean((norm - 1.0) ** 2)


CASES = [
    # arithmetic, with broadcasting
    ("add", lambda tf, a, b: tf.add(a, b) * tf.add(a, b), ("x", "row")),
    ("subtract", lambda tf, a, b: tf.square(tf.subtract(a, b)), ("x", "row")),
    ("multiply", lambda tf, a, b: tf.multiply(a, b) * a, ("x", "row")),
    ("divide", lambda tf, a, b: tf.divide(a, b), ("x", "pos")),
    ("negative", lambda tf, a, b: tf.negative(a) * b * a, ("x", "y")),
    ("pow", lambda tf, a, b: tf.pow(a, b), ("pos", "x")),
    ("pow_scalar", lambda tf, a: a ** 3.0, ("x",)),
    ("square", lambda tf, a: tf.square(tf.square(a)), ("x",)),
    ("sqrt", lambda tf, a: tf.sqrt(a), ("pos",)),
    ("exp", lambda tf, a: tf.exp(a), ("x",)),
    ("log", lambda tf, a: tf.math.log(a), ("pos",)),
    ("sin", lambda tf, a: tf.sin(a), ("x",)),
    ("cos", lambda tf, a: tf.cos(a), ("x",)),
    ("tanh", lambda tf, a: tf.tanh(a), ("x",)),
    ("sigmoid", lambda tf, a: tf.sigmoid(a), ("x",)),
    ("relu", lambda tf, a, b: tf.nn.relu(a) * b, ("x", "y")),
    ("leaky_relu", lambda tf, a, b: tf.nn.leaky_relu(a) * b * a, ("x", "y")),
    ("elu", lambda tf, a: tf.nn.elu(a), ("x",)),
    ("softplus", lambda tf, a: tf.nn.softplus(a), ("x",)),
    ("rsqrt", lambda tf, a: tf.math.rsqrt(a), ("pos",)),
    ("reciprocal", lambda tf, a: tf.math.reciprocal(a), ("pos",)),
    ("log1p", lambda tf, a: tf.math.log1p(a), ("pos",)),
    ("abs", lambda tf, a: tf.abs(a) * a, ("x",)),
    ("maximum", lambda tf, a, b: tf.maximum(a, b) * a, ("x", "y")),
    ("clip_by_value", lambda tf, a: tf.clip_by_value(a, -1.0, 1.0) * a, ("x",)),
    ("where", lambda tf, a, b: tf.where(a > 0, a * a, b * a), ("x", "y")),
    # linear algebra and reductions
    ("matmul", lambda tf, a, b: tf.matmul(a, b) ** 2, ("x", "w")),
    ("matmul_batched", lambda tf, a, b: tf.sin(tf.matmul(a, b)), ("mats", "w")),
    ("reduce_sum", lambda tf, a: tf.reduce_sum(a, axis=1) ** 3, ("cube",)),
    ("reduce_mean", lambda tf, a: tf.reduce_mean(a * a, axis=[0, 2], keepdims=True) ** 2,
     ("cube",)),
    ("reduce_sum_all", lambda tf, a: tf.reduce_sum(a) * a, ("x",)),
    ("reduce_max", lambda tf, a: tf.reduce_max(a * a, axis=1), ("x",)),
    # shapes
    ("reshape", lambda tf, a: tf.reshape(a, (6, 4)) ** 3, ("cube",)),
    ("transpose", lambda tf, a: tf.transpose(a, (2, 0, 1)) * a[:, :, 0], ("cube",)),
    ("broadcast_to", lambda tf, a: tf.broadcast_to(a, (2, 3)) ** 2, ("row",)),
    ("cast", lambda tf, a: tf.cast(tf.cast(a, tf.float64) ** 2, tf.float32) * a, ("x",)),
    ("identity", lambda tf, a: tf.identity(a) ** 3, ("x",)),
    ("concat", lambda tf, a, b: tf.concat([a * a, b], axis=1) ** 2, ("x", "y")),
    ("stack", lambda tf, a, b: tf.stack([a * b, a], axis=1) ** 2, ("x", "y")),
    ("expand_squeeze", lambda tf, a: tf.squeeze(tf.expand_dims(a, 1)) ** 3, ("x",)),
    ("tile", lambda tf, a: tf.tile(a, (2, 1)) ** 3, ("x",)),
    ("getitem", lambda tf, a: a[:, 1:] ** 3, ("x",)),
    ("gather", lambda tf, a: tf.gather(a, [2, 0, 2], axis=1) ** 3, ("x",)),
    ("cumsum", lambda tf, a: tf.math.cumsum(a, axis=1) ** 2, ("x",)),
    # softmax and losses
    ("softmax", lambda tf, a: tf.nn.softmax(a), ("x",)),
    ("log_softmax", lambda tf, a: tf.nn.log_softmax(a), ("x",)),
    ("softmax_cross_entropy",
     lambda tf, a, b: tf.nn.softmax_cross_entropy_with_logits(tf.stop_gradient(b), a),
     ("x", "probs")),
    ("sparse_softmax_cross_entropy",
     lambda tf, a, b: tf.nn.sparse_softmax_cross_entropy_with_logits(b, a), ("x", "labels")),
    ("sigmoid_cross_entropy",
     lambda tf, a, b: tf.nn.sigmoid_cross_entropy_with_logits(labels=b, logits=a),
     ("x", "targets")),
    ("norm", lambda tf, a: tf.norm(a, axis=1), ("x",)),
    ("mean_squared_error", lambda tf, a, b: tf.reduce_mean(tf.square(a - b), axis=-1),
     ("x", "y")),
    ("gradient_penalty", gradient_penalty, ("x", "w", "bias", "w2")),
    # convolutions, padding and the slopes of piecewise-linear activations
    ("conv2d_same_strided", lambda tf, a, k: tf.square(tf.nn.conv2d(a, k, 2, "SAME")),
     ("image", "kernel")),
    ("conv2d_valid_dilated",
     lambda tf, a, k: tf.sin(tf.nn.conv2d(a, k, 1, "VALID", dilations=2)), ("image", "kernel")),
    ("conv2d_winograd", lambda tf, a, k: tf.square(tf.nn.conv2d(a, k, 1, "SAME")),
     ("wide_image", "wide_kernel")),
    ("zero_padding2d", lambda tf, a: tf.keras.layers.ZeroPadding2D((1, 2))(a) ** 3, ("image",)),
    ("cropping2d", lambda tf, a: tf.keras.layers.Cropping2D((1, 2))(a) ** 3, ("image",)),
    ("relu_alone", lambda tf, a: tf.nn.relu(a), ("x",)),
    ("leaky_relu_alone", lambda tf, a: tf.nn.leaky_relu(a, 0.2), ("x",)),
    ("conv_gradient_penalty", conv_gradient_penalty, ("image", "kernel", "bias3", "critic_w")),
]


def is_float(array):
    return np.issubdtype(np.asarray(array).dtype, np.floating)


def weighted_sum(tf, tensors):
    return tf.add_n([tf.reduce_sum(t * weights(t.shape)) for t in tensors if t is not None])


def second_order(tf, call, names, mode="nested"):
    """``(first gradients, second gradients)``: one NumPy array (or None) per float input."""
    inputs = [tf.constant(INPUTS[n]) for n in names]
    floats = [t for t in inputs if is_float(t.numpy())]
    if mode == "nested":
        with tf.GradientTape() as outer:
            outer.watch(floats)
            with tf.GradientTape() as inner:
                inner.watch(floats)
                total = weighted_sum(tf, [call(tf, *inputs)])
            firsts = inner.gradient(total, floats)
            again = weighted_sum(tf, firsts)
    else:
        with tf.GradientTape(persistent=True) as outer:
            outer.watch(floats)
            total = weighted_sum(tf, [call(tf, *inputs)])
            firsts = outer.gradient(total, floats)
            again = weighted_sum(tf, firsts)
    seconds = outer.gradient(again, floats)
    return ([None if g is None else g.numpy() for g in firsts],
            [None if g is None else g.numpy() for g in seconds])


def jacobian_of_tanh_layer(tf, x, w):
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([x, w])
        y = tf.tanh(tf.matmul(x, w))
    return tape.jacobian(y, [x, w]) + [tape.batch_jacobian(y, x)]


def hessian(tf, x, w):
    """The Hessian of a scalar in x: the jacobian of a gradient, under an outer tape."""
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(tf.sin(tf.matmul(x, w)) * x[:, :1])
        g = inner.gradient(y, x)
    return [outer.jacobian(g, x)]


JACOBIANS = [
    ("tanh_layer", jacobian_of_tanh_layer, ("x", "w")),
    ("hessian", hessian, ("x", "w")),
]


def debugging_tips_step(tf, x, w, bias, w2):
    """The second-order gradients of the keras.io debugging tips: ``tape2.gradient(dl_dw,
    weights)`` of the list of first gradients of a loss."""
    trainable = [w, bias, w2]
    with tf.GradientTape() as tape2:
        tape2.watch(trainable)
        with tf.GradientTape() as tape1:
            tape1.watch(trainable)
            loss = tf.reduce_mean(tf.square(tf.tanh(mlp(tf, x, w, bias, w2))))
        dl_dw = tape1.gradient(loss, trainable)
    return dl_dw + tape2.gradient(dl_dw, trainable)


def seeded_target_list(tf, x, w):
    """A list target with its ``output_gradients``; ``y`` twice counts twice."""
    with tf.GradientTape() as tape:
        tape.watch([x, w])
        y = tf.matmul(x, w)
        z = tf.sin(x)
    seeds = [weights(y.shape), 2 * weights(z.shape), -weights(y.shape) / 3]
    return tape.gradient([y, z, y], [x, w], output_gradients=seeds)


def keras_critic_penalty(tf, x, kernel, bias, w):
    """keras.io WGAN-GP's ``gradient_penalty`` on a small critic made of its layers
    (ZeroPadding2D, a strided 5x5 Conv2D, LeakyReLU, Dropout, Flatten, Dense; weights
    from ``Constant`` initializers): the penalty and its gradients for the critic's
    trainable weights (the Conv2D's bias reaches the penalty only through the slopes)."""
    layers, init = tf.keras.layers, tf.keras.initializers.Constant
    inputs = layers.Input(shape=(5, 5, 2))
    h = layers.ZeroPadding2D((2, 2))(inputs)
    h = layers.Conv2D(3, (5, 5), strides=(2, 2), padding="same",
                      kernel_initializer=init(kernel.numpy()),
                      bias_initializer=init(bias.numpy()))(h)
    h = layers.LeakyReLU(0.2)(h)
    h = layers.Dropout(0.3)(h)
    h = layers.Flatten()(h)
    critic = tf.keras.Model(inputs, layers.Dense(1, kernel_initializer=init(w.numpy()))(h))
    with tf.GradientTape() as tape:
        with tf.GradientTape() as gp_tape:
            gp_tape.watch(x)
            pred = critic(x, training=False)
        grads = gp_tape.gradient(pred, [x])[0]
        norm = tf.sqrt(tf.reduce_sum(tf.square(grads), axis=[1, 2, 3]))
        gp = tf.reduce_mean((norm - 1.0) ** 2)
    return [gp] + tape.gradient(gp, critic.trainable_variables)


def keras_transpose_penalty(tf, x, kernel):
    """The same penalty through a strided Conv2DTranspose layer (its kernel's gradient is
    then the gradient of a transposed convolution's input gradient)."""
    layers = tf.keras.layers
    inputs = layers.Input(shape=(5, 5, 2))
    h = layers.Conv2DTranspose(3, 3, strides=2, padding="same", use_bias=False,
                               kernel_initializer=tf.keras.initializers.Constant(
                                   tf.transpose(kernel, (0, 1, 3, 2)).numpy()))(inputs)
    model = tf.keras.Model(inputs, tf.keras.layers.Activation("tanh")(h))
    with tf.GradientTape() as tape:
        with tf.GradientTape() as gp_tape:
            gp_tape.watch(x)
            pred = tf.reduce_sum(model(x) ** 2)
        grads = gp_tape.gradient(pred, x)
        gp = tf.reduce_mean(tf.square(grads))
    return [gp] + tape.gradient(gp, model.trainable_variables)


TARGET_LISTS = [
    ("debugging_tips_step", debugging_tips_step, ("x", "w", "bias", "w2")),
    ("keras_critic_penalty", keras_critic_penalty, ("image", "kernel55", "bias3", "critic_w75")),
    ("keras_transpose_penalty", keras_transpose_penalty, ("image", "kernel")),
    ("seeded_target_list", seeded_target_list, ("x", "w")),
]
