"""``tf.image.crop_to_bounding_box``, ``pad_to_bounding_box`` and ``convert_image_dtype``
(what the keras.io CutMix example calls), run the same way on real TensorFlow
(make_image_boxes_fixtures.py) and on tracekeras (test_image_boxes.py): arrays by name,
and error messages."""
import numpy as np

PICTURE = (np.arange(5 * 6 * 2, dtype="float32").reshape(5, 6, 2) / 60)


def weighted_gradient(tf, fn):
    x = tf.constant(PICTURE)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = fn(x)
        total = tf.reduce_sum(y * tf.reshape(tf.range(tf.size(y), dtype=tf.float32),
                                             tf.shape(y)))
    return np.asarray(tape.gradient(total, x))


def arrays(tf):
    image = tf.image
    batch = np.stack([PICTURE, 1 - PICTURE])
    offset = tf.constant(1)   # a scalar tensor, as the CutMix box is
    out = {
        "crop": image.crop_to_bounding_box(PICTURE, offset, 2, 3, 2),
        "crop_batch": image.crop_to_bounding_box(batch, 0, 4, 5, 2),
        "pad": image.pad_to_bounding_box(PICTURE, 1, offset, 7, 9),
        "pad_batch": image.pad_to_bounding_box(batch, 0, 0, 6, 6),
        "crop_gradient": weighted_gradient(
            tf, lambda x: image.crop_to_bounding_box(x, 1, 2, 3, 2)),
        "pad_gradient": weighted_gradient(tf, lambda x: image.pad_to_bounding_box(x, 2, 1, 8, 7)),
        "uint8_to_float32": image.convert_image_dtype(
            np.array([0, 1, 128, 255], "uint8"), tf.float32),
        "float32_to_uint8": image.convert_image_dtype(
            np.array([0.0, 0.5, 1.0, 0.999], "float32"), tf.uint8),
        "float32_to_uint8_saturated": image.convert_image_dtype(
            np.array([-0.5, 1.5, 0.25], "float32"), tf.uint8, saturate=True),
        "int16_to_uint8": image.convert_image_dtype(
            np.array([1000, 2000, 32767], "int16"), tf.uint8),
        "int8_to_int16": image.convert_image_dtype(np.array([1, 2, 127], "int8"), tf.int16),
        "float32_to_float16": image.convert_image_dtype(PICTURE[0, :, 0], tf.float16),
        "same_dtype": image.convert_image_dtype(PICTURE[0, :, 0], tf.float32),
    }
    return {name: np.asarray(value) for name, value in out.items()}


def errors(tf):
    image = tf.image
    calls = {
        "crop_too_wide": lambda: image.crop_to_bounding_box(PICTURE, 0, 3, 2, 4),
        "crop_too_high": lambda: image.crop_to_bounding_box(PICTURE, 3, 0, 3, 2),
        "crop_negative_offset": lambda: image.crop_to_bounding_box(PICTURE, 0, -1, 2, 2),
        "crop_empty": lambda: image.crop_to_bounding_box(PICTURE, 0, 0, 0, 2),
        "pad_too_small": lambda: image.pad_to_bounding_box(PICTURE, 0, 1, 5, 6),
        "pad_negative_offset": lambda: image.pad_to_bounding_box(PICTURE, -1, 0, 8, 8),
        "rank_2": lambda: image.crop_to_bounding_box(PICTURE[0], 0, 0, 1, 1),
    }
    out = {}
    for name, call in calls.items():
        try:
            call()
            out[name] = None
        except Exception as exc:
            out[name] = [type(exc).__name__, str(exc)]
    return out
