"""``tf.nn.depth_to_space``, ``tf.nn.space_to_depth``, ``tf.image.rgb_to_yuv``,
``yuv_to_rgb`` and ``psnr`` (what the keras.io ESPCN super-resolution example calls), run
the same way on real TensorFlow (make_sub_pixel_fixtures.py) and on tracekeras
(test_sub_pixel_ops.py): arrays by name, error messages, and the TFOpLambda layer
``tf.nn.depth_to_space`` makes in a functional model. Plain NumPy here, no TensorFlow import.
"""
import numpy as np

DEPTH = np.arange(2 * 2 * 3 * 18, dtype="float32").reshape(2, 2, 3, 18) / 100
SPACE = np.arange(1 * 4 * 6 * 2, dtype="float32").reshape(1, 4, 6, 2) / 50
RGB = (np.arange(2 * 3 * 4 * 3, dtype="float32").reshape(2, 3, 4, 3) % 7) / 7
PICTURES = (np.arange(2 * 4 * 5 * 3).reshape(2, 4, 5, 3) * 37 % 256).astype("uint8")


def weighted_gradient(tf, fn, value):
    x = tf.constant(value)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = fn(x)
        total = tf.reduce_sum(y * tf.reshape(tf.range(tf.size(y), dtype=tf.float32),
                                             tf.shape(y)))
    return np.asarray(tape.gradient(total, x))


def arrays(tf):
    nn, image = tf.nn, tf.image
    other = PICTURES[::-1] // 2 + 40
    out = {
        "depth_to_space_2": nn.depth_to_space(DEPTH[..., :8], 2),
        "depth_to_space_3": nn.depth_to_space(DEPTH, 3),
        "depth_to_space_int": nn.depth_to_space(PICTURES[:, :2, :2, :].repeat(4, axis=-1), 2),
        "space_to_depth_2": nn.space_to_depth(SPACE, 2),
        "depth_to_space_gradient": weighted_gradient(tf, lambda x: nn.depth_to_space(x, 3),
                                                     DEPTH),
        "space_to_depth_gradient": weighted_gradient(tf, lambda x: nn.space_to_depth(x, 2),
                                                     SPACE),
        "rgb_to_yuv": image.rgb_to_yuv(RGB),
        "yuv_to_rgb": image.yuv_to_rgb(RGB - 0.5),
        "rgb_to_yuv_gradient": weighted_gradient(tf, image.rgb_to_yuv, RGB),
        "psnr_float": image.psnr(RGB, RGB[::-1], max_val=1.0),
        "psnr_uint8": image.psnr(PICTURES, other, max_val=255),
        "psnr_float_255": image.psnr(PICTURES.astype("float32"), other.astype("float32"),
                                     max_val=255),
        "psnr_one_picture": image.psnr(RGB[0], RGB[0] * 0.5, max_val=1.0),
        "psnr_equal": image.psnr(RGB, RGB, max_val=1.0),
    }
    return {name: np.asarray(value) for name, value in out.items()}


def errors(tf):
    nn, image = tf.nn, tf.image
    calls = {
        "depth_not_divisible": lambda: nn.depth_to_space(DEPTH[..., :8], 3),
        "depth_block_1": lambda: nn.depth_to_space(DEPTH, 1),
        "depth_rank_3": lambda: nn.depth_to_space(DEPTH[0], 3),
        "space_not_divisible": lambda: nn.space_to_depth(SPACE, 4),
        "space_block_1": lambda: nn.space_to_depth(SPACE, 1),
        "space_rank_3": lambda: nn.space_to_depth(SPACE[0], 2),
        "yuv_of_uint8": lambda: image.rgb_to_yuv(PICTURES),
        "psnr_shapes": lambda: image.psnr(RGB, RGB[:, :, :3], max_val=1.0),
    }
    out = {}
    for name, call in calls.items():
        try:
            call()
            out[name] = None
        except Exception as exc:
            out[name] = [type(exc).__name__, str(exc)]
    return out


def model_facts(tf):
    """The TFOpLambda layer of ``tf.nn.depth_to_space`` on KerasTensors: output shapes with
    unknown and known sizes, the layer's config and inbound node, a summary line."""
    keras = tf.keras
    inputs = keras.Input(shape=(None, None, 9))
    unknown = tf.nn.depth_to_space(inputs, 3)
    fixed_in = keras.Input(shape=(4, 5, 18))
    fixed = tf.nn.depth_to_space(fixed_in, 3)
    model = keras.Model(fixed_in, tf.nn.space_to_depth(fixed, 3))
    config = model.get_config()["layers"]
    predicted = model.predict(DEPTH[:, :, :, :18].repeat(2, axis=1)[:, :4, :, :]
                              .repeat(2, axis=2)[:, :, :5, :], verbose=0)
    try:
        tf.nn.depth_to_space(keras.Input(shape=(4, 5, 8)), 3)
        refusal = None
    except Exception as exc:
        refusal = type(exc).__name__
    return {"unknown_shape": [None if d is None else int(d) for d in unknown.shape],
            "fixed_shape": [None if d is None else int(d) for d in fixed.shape],
            "layers": [[c["class_name"], c["config"]["name"].rsplit("_", 1)[0]
                        if c["config"]["name"][-1].isdigit() else c["config"]["name"],
                        c["config"].get("function"), c["inbound_nodes"][0][3]
                        if c["inbound_nodes"] else None] for c in config],
            "round_trip": bool(np.allclose(predicted, DEPTH[:, :, :, :18].repeat(
                2, axis=1)[:, :4, :, :].repeat(2, axis=2)[:, :, :5, :])),
            "refusal": refusal}
