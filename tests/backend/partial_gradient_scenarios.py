"""Gradients asked of some tensors only (data/tf_partial_gradients.json, made by
make_partial_gradient_fixtures.py; checked by test_partial_gradients.py).

*Deep Learning with Python*'s chapter 9 takes a model's gradient with respect to its input
picture (gradient ascent in input space) and to a convolution's output (Grad-CAM), not to
its weights. ``cases(tf)`` does both on a small convnet of Conv2D, BatchNormalization,
SeparableConv2D and Dense layers whose weights are set from fixed arrays, and also asks for
a watched input and a variable together, and for a tensor and one computed from it. The
same code runs on TensorFlow and on tracekeras (through ``tracekeras.shim``).
"""
import numpy as np


def convnet(tf):
    """The small convnet, its weights set from ``np.linspace`` ramps (same on both)."""
    layers = tf.keras.layers
    inputs = tf.keras.Input(shape=(9, 9, 3))
    x = layers.Conv2D(4, 3, strides=2, use_bias=False, name="conv")(inputs)
    x = layers.BatchNormalization(name="conv_bn")(x)
    x = layers.Activation("relu", name="conv_act")(x)
    x = layers.SeparableConv2D(6, 3, padding="same", name="sepconv")(x)
    features = layers.Activation("relu", name="sepconv_act")(x)
    x = layers.GlobalAveragePooling2D(name="avg_pool")(features)
    outputs = layers.Dense(5, activation="softmax", name="predictions")(x)
    model = tf.keras.Model(inputs, outputs)
    shapes = [tuple(w.shape) for w in model.weights]
    model.set_weights([np.sin(np.linspace(0, 7 + i, int(np.prod(shape)))).reshape(shape)
                       .astype("float32") + (1.5 if "moving_variance" in w.name else 0.0)
                       for i, (w, shape) in enumerate(zip(model.weights, shapes))])
    return model


def picture(seed=3):
    return np.random.default_rng(seed).uniform(0.4, 0.6, (1, 9, 9, 3)).astype("float32")


def cases(tf):
    model = convnet(tf)
    feature_extractor = tf.keras.Model(model.input, model.get_layer("sepconv_act").output)

    @tf.function
    def gradient_ascent_step(image, filter_index, learning_rate):
        with tf.GradientTape() as tape:
            tape.watch(image)
            loss = tf.reduce_mean(feature_extractor(image)[:, 1:-1, 1:-1, filter_index])
        grads = tf.math.l2_normalize(tape.gradient(loss, image))
        return image + learning_rate * grads

    image = tf.constant(picture())
    for _ in range(3):
        image = gradient_ascent_step(image, 2, 10.0)

    classifier_input = tf.keras.Input(shape=feature_extractor.output.shape[1:])
    x = classifier_input
    for name in ("avg_pool", "predictions"):
        x = model.get_layer(name)(x)
    classifier = tf.keras.Model(classifier_input, x)
    with tf.GradientTape() as tape:
        features = feature_extractor(picture(4))
        tape.watch(features)
        preds = classifier(features)
        top = preds[:, tf.argmax(preds[0])]
    cam = tape.gradient(top, features)

    kernel = model.get_layer("sepconv").pointwise_kernel
    with tf.GradientTape(persistent=True) as tape:
        x = tf.constant(picture(5))
        tape.watch(x)
        hidden = feature_extractor(x)
        loss = tf.reduce_sum(classifier(hidden) * tf.constant([1.0, -2.0, 3.0, 0.5, 1.0]))
    both = tape.gradient(loss, [x, kernel])
    chained = tape.gradient(loss, [x, hidden])
    del tape
    return {"ascent": np.asarray(image).tolist(), "grad_cam": np.asarray(cam).tolist(),
            "input_and_kernel": [np.asarray(g).tolist() for g in both],
            "input_and_hidden": [np.asarray(g).tolist() for g in chained]}
