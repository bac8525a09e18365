"""The cases of ``make_more_layers_fixtures.py``, run by either engine (``tf`` is TensorFlow
or tracekeras's import shim): Permute, ThresholdedReLU, UnitNormalization,
GroupNormalization, SpatialDropout1D/2D/3D, RandomBrightness, RandomHeight and RandomWidth:
outputs and gradients for fixed weights, seeded spatial dropout masks, a short fit, the
random layers' inference path, a summary, configs and refusals."""
import json

import numpy as np

# name: (class name, config, input shape, input scale)
DETERMINISTIC = {
    "permute": ("Permute", {"dims": (2, 1)}, (2, 3, 4), 1.0),
    "permute_4d": ("Permute", {"dims": (3, 1, 2)}, (2, 3, 4, 2), 1.0),
    "thresholded_relu": ("ThresholdedReLU", {}, (3, 5), 2.0),
    "thresholded_relu_theta": ("ThresholdedReLU", {"theta": 0.3}, (3, 5), 1.0),
    "unit_normalization": ("UnitNormalization", {}, (3, 4), 1.0),
    "unit_normalization_axes": ("UnitNormalization", {"axis": [1, 2]}, (2, 3, 4), 1.0),
    "group_normalization": ("GroupNormalization", {"groups": 2}, (2, 3, 4), 2.0),
    "group_normalization_instance": ("GroupNormalization", {"groups": -1, "axis": 1},
                                     (2, 4, 3, 3), 2.0),
    "group_normalization_one_group": ("GroupNormalization",
                                      {"groups": 1, "center": False, "epsilon": 0.1},
                                      (2, 5, 6), 1.0),
}


def inputs(shape, scale, seed=0):
    rng = np.random.default_rng(seed)
    return (rng.normal(size=shape) * scale).astype("float32")


def fixed_weights(layer_or_model):
    layer_or_model.set_weights([
        np.linspace(-0.6, 0.9, int(np.prod(w.shape)), dtype="float32").reshape(w.shape)
        for w in layer_or_model.get_weights()])


def deterministic(tf):
    """Each layer's output and the gradients of ``sum(output * R)`` with respect to its
    input and weights (fixed, not the initial ones)."""
    out = {}
    for name, (class_name, config, shape, scale) in DETERMINISTIC.items():
        layer = getattr(tf.keras.layers, class_name)(**config)
        x = tf.Variable(inputs(shape, scale))
        layer.build(shape)
        fixed_weights(layer)
        with tf.GradientTape() as tape:
            y = layer(x)
            weights = inputs(tuple(y.shape), 1.0, seed=1)
            total = tf.reduce_sum(y * weights)
        grads = tape.gradient(total, [x] + layer.trainable_weights)
        out[f"{name}/output"] = np.asarray(y)
        for i, g in enumerate(grads):
            out[f"{name}/gradient_{i}"] = np.asarray(g)
    return out


def dropout(tf):
    """Spatial dropout masks: unseeded after ``set_random_seed(3)`` and seeded, in training
    calls made eagerly, with the input gradient; inference passes the input."""
    layers = tf.keras.layers
    tf.keras.utils.set_random_seed(3)
    out = {}
    cases = {
        "spatial_1d": (layers.SpatialDropout1D(0.4), (3, 5, 4)),
        "spatial_2d_seeded": (layers.SpatialDropout2D(0.5, seed=7), (2, 3, 3, 4)),
        "spatial_2d_first": (layers.SpatialDropout2D(0.5, data_format="channels_first"),
                             (2, 4, 3, 3)),
        "spatial_3d": (layers.SpatialDropout3D(0.5), (2, 2, 2, 2, 3)),
    }
    for name, (layer, shape) in cases.items():
        x = tf.Variable(inputs(shape, 1.0))
        for call in range(2):
            with tf.GradientTape() as tape:
                y = layer(x, training=True)
                total = tf.reduce_sum(y * inputs(shape, 1.0, seed=1))
            out[f"{name}/training_{call}"] = np.asarray(y)
            out[f"{name}/gradient_{call}"] = np.asarray(tape.gradient(total, x))
        out[f"{name}/inference"] = np.asarray(layer(x, training=False))
    return out


def fit(tf):
    """Two epochs of Dense -> SpatialDropout1D -> GroupNormalization -> Permute ->
    UnitNormalization -> Flatten -> ThresholdedReLU -> Dense, fixed weights, after
    ``set_random_seed(11)``: the losses and the weights left."""
    layers = tf.keras.layers
    tf.keras.utils.set_random_seed(11)
    model = tf.keras.Sequential([
        layers.Dense(8, input_shape=(6, 4)), layers.SpatialDropout1D(0.25),
        layers.GroupNormalization(4), layers.Permute((2, 1)), layers.UnitNormalization(),
        layers.Flatten(), layers.ThresholdedReLU(0.05), layers.Dense(1)])
    fixed_weights(model)
    model.compile(loss="mse", optimizer=tf.keras.optimizers.SGD(learning_rate=0.1))
    x = inputs((16, 6, 4), 1.0)
    y = x.sum(axis=(1, 2))[:, None]
    history = model.fit(x, y, batch_size=4, epochs=2, shuffle=False, verbose=0)
    return {"fit/losses": np.asarray(history.history["loss"]),
            **{f"fit/weight_{i}": w for i, w in enumerate(model.get_weights())}}


IMAGES = (np.arange(2 * 5 * 6 * 3).reshape(2, 5, 6, 3) * 7 % 256).astype("uint8")


def random_inference(tf):
    """The random layers outside training: the input, cast (RandomBrightness) or not."""
    layers = tf.keras.layers
    out = {}
    for name, layer in (("brightness", layers.RandomBrightness(0.3)),
                        ("height", layers.RandomHeight(0.3)),
                        ("width", layers.RandomWidth((-0.2, 0.4), interpolation="nearest"))):
        out[f"inference/{name}"] = np.asarray(layer(IMAGES, training=False))
    return out


def random_draws(tf):
    """The augmentation layers' training draws (TensorFlow's generator): seeded, then
    unseeded after ``set_random_seed(4)``, two calls each; a model whose RandomBrightness
    takes its seed while the model is built (before the Dense kernel's), then a short fit."""
    layers = tf.keras.layers
    images = IMAGES.astype("float32")
    out = {}
    tf.keras.utils.set_random_seed(4)
    made = {"brightness_seeded": layers.RandomBrightness(0.3, seed=3),
            "height_seeded": layers.RandomHeight((-0.4, 0.4), seed=5),
            "width_seeded": layers.RandomWidth((-0.3, 0.5), seed=7, interpolation="nearest"),
            "brightness": layers.RandomBrightness((-0.5, 0.5), value_range=(0, 1)),
            "height": layers.RandomHeight(0.3),
            "flip_seeded": layers.RandomFlip(seed=1),
            "flip": layers.RandomFlip("vertical"),
            "rotation_seeded": layers.RandomRotation(0.2, seed=2),
            "zoom_seeded": layers.RandomZoom((-0.3, 0.2), 0.1, seed=3),
            "translation_seeded": layers.RandomTranslation(0.2, (0.0, 0.3), seed=4),
            "contrast_seeded": layers.RandomContrast(0.5, seed=5),
            "crop_seeded": layers.RandomCrop(4, 5, seed=6)}
    for name, layer in made.items():
        for call in range(2):
            pictures = images / 255 if name == "brightness" else images
            out[f"draws/{name}_{call}"] = np.asarray(layer(pictures))
    out["draws/one_picture"] = np.asarray(layers.RandomBrightness(0.4, seed=8)(images[0]))
    out["draws/one_picture_flip"] = np.asarray(layers.RandomFlip(seed=9)(images[1]))
    tf.keras.utils.set_random_seed(2)
    model = tf.keras.Sequential([layers.Input((5, 6, 3)), layers.RandomBrightness(0.2),
                                 layers.Rescaling(1 / 255), layers.Flatten(), layers.Dense(2)])
    out["draws/kernel"] = model.layers[-1].kernel.numpy()
    model.compile(loss="mse", optimizer=tf.keras.optimizers.SGD(0.01))
    x = np.concatenate([images, images[::-1]])
    history = model.fit(x, np.ones((4, 2), "float32"), batch_size=2, epochs=2, shuffle=False,
                        verbose=0)
    out["draws/losses"] = np.asarray(history.history["loss"])
    out["draws/fitted_kernel"] = model.layers[-1].kernel.numpy()
    return out


def seed_order(tf):
    """Every augmentation layer takes its seed while the model is built, before the Dense
    kernel takes its own: the kernel after ``set_random_seed(6)``."""
    layers = tf.keras.layers
    tf.keras.utils.set_random_seed(6)
    model = tf.keras.Sequential([
        layers.Input((8, 8, 3)), layers.RandomFlip(), layers.RandomRotation(0.1),
        layers.RandomZoom(0.1), layers.RandomTranslation(0.1, 0.1), layers.RandomContrast(0.1),
        layers.RandomCrop(6, 6), layers.Flatten(), layers.Dense(2)])
    return {"seeds/kernel": model.layers[-1].kernel.numpy()}


def arrays(tf):
    return {**deterministic(tf), **dropout(tf), **fit(tf), **random_inference(tf),
            **random_draws(tf), **seed_order(tf)}


def configs(tf):
    layers = tf.keras.layers
    made = [layers.Permute((3, 1, 2), name="p"), layers.ThresholdedReLU(0.7, name="t"),
            layers.UnitNormalization(axis=(1, 2), name="u"),
            layers.GroupNormalization(groups=8, axis=1, epsilon=0.01, scale=False,
                                      beta_initializer="ones", name="g"),
            layers.SpatialDropout1D(0.3, seed=4, name="s1"),
            layers.SpatialDropout2D(0.2, data_format="channels_first", name="s2"),
            layers.SpatialDropout3D(0.1, name="s3"),
            layers.RandomBrightness((0.4, -0.2), value_range=(1.0, 0), seed=3, name="b"),
            layers.RandomHeight(0.25, name="h"),
            layers.RandomWidth((-0.1, 0.2), interpolation="nearest", seed=9, name="w")]
    return {layer.name: json.loads(json.dumps(layer.get_config())) for layer in made}


def summary(tf):
    tf.keras.backend.clear_session()     # the layer names count from a fresh session
    layers = tf.keras.layers
    model = tf.keras.Sequential([
        layers.Input((8, 6, 3)), layers.RandomBrightness(0.2), layers.RandomHeight(0.2),
        layers.RandomWidth(0.2), layers.Permute((2, 1, 3)), layers.SpatialDropout2D(0.1),
        layers.GroupNormalization(3), layers.ThresholdedReLU(), layers.UnitNormalization(),
        layers.Conv2D(4, 3), layers.Reshape((-1, 4)), layers.SpatialDropout1D(0.2),
        layers.GlobalAveragePooling1D()])
    lines = []
    model.summary(print_fn=lines.append)
    return lines


def refusals(tf):
    layers = tf.keras.layers
    calls = {
        "permute_gap": lambda: layers.Permute((1, 3)),
        "permute_rank": lambda: layers.Permute((2, 1), name="p")(np.zeros((2, 3, 4, 5))),
        "theta_negative": lambda: layers.ThresholdedReLU(-1.0),
        "theta_none": lambda: layers.ThresholdedReLU(None),
        "unit_axis_type": lambda: layers.UnitNormalization(axis="a"),
        "unit_axis_range": lambda: layers.UnitNormalization(axis=3)(np.zeros((2, 3))),
        "groups_not_dividing": lambda: layers.GroupNormalization(3)(np.zeros((2, 4))),
        "groups_above_channels": lambda: layers.GroupNormalization(8)(np.zeros((2, 4))),
        "groups_unknown_channels": lambda: layers.GroupNormalization(2).build((None, None)),
        "spatial_data_format": lambda: layers.SpatialDropout2D(0.1, data_format="x"),
        "spatial_1d_rank": lambda: layers.SpatialDropout1D(0.1, name="s")(np.zeros((2, 3))),
        "brightness_factor": lambda: layers.RandomBrightness(2.0),
        "brightness_factor_pair": lambda: layers.RandomBrightness((0.1,)),
        "brightness_factor_type": lambda: layers.RandomBrightness("a"),
        "brightness_value_range": lambda: layers.RandomBrightness(0.1, value_range=5),
        "brightness_rank": lambda: layers.RandomBrightness(0.1, name="rb")(np.zeros((2, 3))),
        "height_bounds": lambda: layers.RandomHeight((0.5, 0.2)),
        "height_below_minus_one": lambda: layers.RandomHeight((-1.5, 0.2)),
        "width_bounds": lambda: layers.RandomWidth((0.5, 0.2)),
        "width_below_minus_one": lambda: layers.RandomWidth((-1.5, 0.2)),
        "height_interpolation": lambda: layers.RandomHeight(0.2, interpolation="foo"),
    }
    out = {}
    for name, call in calls.items():
        try:
            call()
            out[name] = None
        except Exception as exc:
            out[name] = [type(exc).__name__, str(exc)]
    return out
