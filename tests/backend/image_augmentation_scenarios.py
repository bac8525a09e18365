"""``tf.image``'s flips, rotations, crops and colour adjustments, their random and stateless
forms, and ``tf.random.experimental.stateless_split`` (what TensorFlow's data augmentation
tutorial calls), run the same way on real TensorFlow (make_image_augmentation_fixtures.py)
and on tracekeras (test_image_augmentation.py): arrays by name, and error messages."""
import re

import numpy as np

PICTURE = (np.arange(4 * 5 * 3, dtype="float32").reshape(4, 5, 3) % 17) / 17
BATCH = np.stack([PICTURE * (i + 1) / 8 for i in range(8)])
BYTES = (np.arange(4 * 5 * 3).reshape(4, 5, 3) * 37 % 256).astype("uint8")


def weighted_gradient(tf, fn, picture=PICTURE):
    x = tf.constant(picture)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = fn(x)
        total = tf.reduce_sum(y * tf.reshape(tf.range(tf.size(y), dtype=tf.float32),
                                             tf.shape(y)))
    return np.asarray(tape.gradient(total, x))


def orientation(tf):
    image = tf.image
    out = {
        "flip_left_right": image.flip_left_right(PICTURE),
        "flip_left_right_batch": image.flip_left_right(BATCH),
        "flip_up_down": image.flip_up_down(PICTURE),
        "flip_up_down_batch": image.flip_up_down(BATCH),
        "flip_bytes": image.flip_left_right(BYTES),
        "transpose": image.transpose(PICTURE),
        "transpose_batch": image.transpose(BATCH),
        "rot90_minus_1": image.rot90(PICTURE, k=-1),
        "flip_gradient": weighted_gradient(tf, image.flip_left_right),
        "rot90_gradient": weighted_gradient(tf, image.rot90),
        "transpose_gradient": weighted_gradient(tf, image.transpose),
    }
    for k in range(4):
        out[f"rot90_{k}"] = image.rot90(PICTURE, k=k)
        out[f"rot90_{k}_batch"] = image.rot90(BATCH, k)
    return out


def crops(tf):
    image = tf.image
    return {
        "crop_or_pad_smaller": image.resize_with_crop_or_pad(PICTURE, 2, 3),
        "crop_or_pad_larger": image.resize_with_crop_or_pad(PICTURE, 7, 8),
        "crop_or_pad_mixed_batch": image.resize_with_crop_or_pad(BATCH, 3, 9),
        "crop_or_pad_gradient": weighted_gradient(
            tf, lambda x: image.resize_with_crop_or_pad(x, 6, 3)),
        "central_crop_half": image.central_crop(PICTURE, 0.5),
        "central_crop_third_batch": image.central_crop(BATCH, 0.33),
        "central_crop_whole": image.central_crop(PICTURE, 1.0),
        "central_crop_gradient": weighted_gradient(tf, lambda x: image.central_crop(x, 0.7)),
    }


def colours(tf):
    image = tf.image
    return {
        "brightness": image.adjust_brightness(PICTURE, 0.2),
        "brightness_bytes": image.adjust_brightness(BYTES, -0.1),
        "brightness_gradient": weighted_gradient(tf, lambda x: image.adjust_brightness(x, .3)),
        "contrast": image.adjust_contrast(PICTURE, 1.7),
        "contrast_batch": image.adjust_contrast(BATCH, 0.4),
        "contrast_bytes": image.adjust_contrast(BYTES, 2.5),
    }


EDGES = np.array([[[0.0, 0.0, 0.0], [0.5, 0.5, 0.5], [1.0, 0.0, 0.0], [0.2, 0.9, 0.9]],
                  [[0.3, 0.3, 0.8], [0.9, 0.1, 0.5], [1.0, 1.0, 0.0], [0.1, 0.7, 0.2]]],
                 "float32")


def colour_spaces(tf):
    image = tf.image
    return {
        "grayscale": image.rgb_to_grayscale(PICTURE),
        "grayscale_batch_bytes": image.rgb_to_grayscale(np.stack([BYTES, 255 - BYTES])),
        "grayscale_gradient": weighted_gradient(tf, image.rgb_to_grayscale),
        "grayscale_to_rgb": image.grayscale_to_rgb(tf.constant(PICTURE[..., :1])),
        "saturation_3": image.adjust_saturation(PICTURE, 3),
        "saturation_half_edges": image.adjust_saturation(EDGES, 0.5),
        "saturation_edges_2": image.adjust_saturation(EDGES, 2.0),
        "saturation_bytes": image.adjust_saturation(BYTES, 1.7),
        "saturation_batch": image.adjust_saturation(BATCH, 0.0),
        "random_saturation_seed_8": image.random_saturation(PICTURE, 0.5, 2.5, seed=8),
        "stateless_saturation": image.stateless_random_saturation(PICTURE, 0.2, 3.0, [4, 2]),
        "hue_edges": image.adjust_hue(EDGES, 0.2),
        "hue_edges_negative": image.adjust_hue(EDGES, -0.7),
        "hue_full_turn": image.adjust_hue(PICTURE, 1.0),
        "hue_bytes": image.adjust_hue(BYTES, 0.35),
        "hue_batch": image.adjust_hue(BATCH, -0.05),
        "random_hue_seed_9": image.random_hue(PICTURE, 0.4, seed=9),
        "stateless_hue": image.stateless_random_hue(PICTURE, 0.5, [7, 1]),
    }


def random_ops(tf):
    """Seeded as TensorFlow seeds: an op seed alone, then the same again (its kernel goes on),
    then under a global seed with and without op seeds."""
    image = tf.image
    out = {
        "random_flip_lr_seed_3": image.random_flip_left_right(PICTURE, seed=3),
        "random_flip_lr_seed_3_again": image.random_flip_left_right(PICTURE, seed=3),
        "random_flip_ud_batch": image.random_flip_up_down(BATCH, seed=11),
        "random_crop_seed_4": image.random_crop(PICTURE, [2, 3, 3], seed=4),
        "random_crop_seed_4_again": image.random_crop(PICTURE, [2, 3, 3], seed=4),
        "random_brightness_seed_5": image.random_brightness(PICTURE, 0.4, seed=5),
        "random_contrast_seed_6": image.random_contrast(PICTURE, 0.2, 1.8, seed=6),
    }
    tf.random.set_seed(1234)
    for step in range(3):
        out[f"global_flip_lr_batch_{step}"] = image.random_flip_left_right(BATCH)
        out[f"global_flip_lr_{step}"] = image.random_flip_left_right(PICTURE)
    out["global_crop_batch"] = image.random_crop(BATCH, [8, 3, 2, 3])
    out["global_brightness"] = image.random_brightness(BYTES, 0.3)
    out["global_contrast_seed_2"] = image.random_contrast(BATCH, 0.5, 1.5, seed=2)
    return out


def stateless(tf):
    image = tf.image
    split = tf.random.experimental.stateless_split
    out = {
        "split_2": split([1, 2]),
        "split_3_int64": split(np.array([7, -3], "int64"), num=3),
        "split_of_split": split(split([3, 4], num=1)[0, :], num=2),
        "split_of_int64_pair": split((tf.constant(3, tf.int64), tf.constant(3, tf.int64))),
        "counter_pipeline": counter_pipeline(tf),
        "fold_in": tf.random.fold_in([1, 2], 7),
        "fold_in_int64": tf.random.experimental.stateless_fold_in(
            np.array([3, 4], "int64"), np.int64(2**40)),
    }
    for seed in ([1, 2], [0, 0], [123, 0], [5, 9]):
        name = f"{seed[0]}_{seed[1]}"
        out[f"flip_lr_{name}"] = image.stateless_random_flip_left_right(PICTURE, seed)
        out[f"flip_lr_batch_{name}"] = image.stateless_random_flip_left_right(BATCH, seed)
        out[f"flip_ud_batch_{name}"] = image.stateless_random_flip_up_down(BATCH, seed)
        out[f"crop_{name}"] = image.stateless_random_crop(PICTURE, [3, 2, 3], seed)
        out[f"brightness_{name}"] = image.stateless_random_brightness(PICTURE, 0.5, seed)
        out[f"contrast_{name}"] = image.stateless_random_contrast(PICTURE, 0.2, 2.0, seed)
    return out


def counter_pipeline(tf):
    """The data augmentation tutorial's option 1: a Counter zipped in as each picture's seed
    (an int64 pair), a new seed split from it, a random crop and brightness."""
    def augment(image_label, seed):
        picture, label = image_label
        picture = tf.image.resize_with_crop_or_pad(picture, 6, 7)
        new_seed = tf.random.experimental.stateless_split(seed, num=1)[0, :]
        picture = tf.image.stateless_random_crop(picture, size=[4, 5, 3], seed=seed)
        picture = tf.image.stateless_random_brightness(picture, max_delta=0.5, seed=new_seed)
        return tf.clip_by_value(picture, 0, 1), label
    counter = tf.data.experimental.Counter()
    pictures = tf.data.Dataset.from_tensor_slices((BATCH, np.arange(8)))
    zipped = tf.data.Dataset.zip((pictures, (counter, counter)))
    return next(iter(zipped.map(augment).batch(8)))[0]


def mapped_random_ops(tf):
    """tf.image's seeded ops in a ``Dataset.map`` function after ``tf.random.set_seed(7)``:
    the graph's op seeds (unseeded ops numbered in the graph, a seeded one with the global
    seed), each epoch (iterator) drawing the same again."""
    tf.random.set_seed(7)

    def augment(x):
        x = tf.image.resize_with_crop_or_pad(x, 6, 7)
        x = tf.image.random_crop(x, size=[4, 5, 3])
        x = tf.image.random_brightness(x, max_delta=0.5)
        x = tf.image.random_flip_left_right(x)
        return tf.image.random_contrast(x, 0.5, 1.5, seed=3)
    dataset = tf.data.Dataset.from_tensor_slices(BATCH).map(augment).batch(8)
    return {"mapped_epoch_1": next(iter(dataset)), "mapped_epoch_2": next(iter(dataset))}


def arrays(tf):
    tf.random.set_seed(None)     # no global seed, and the seeded kernels start afresh
    out = {**orientation(tf), **crops(tf), **colours(tf), **colour_spaces(tf),
           **random_ops(tf), **stateless(tf), **mapped_random_ops(tf)}
    return {name: np.asarray(value) for name, value in out.items()}


def errors(tf):
    image = tf.image
    calls = {
        "flip_rank_2": lambda: image.flip_left_right(PICTURE[0]),
        "flip_rank_5": lambda: image.flip_up_down(BATCH[None]),
        "random_flip_rank_5": lambda: image.random_flip_left_right(BATCH[None], seed=1),
        "rot90_rank_5": lambda: image.rot90(BATCH[None]),
        "transpose_rank_2": lambda: image.transpose(PICTURE[0]),
        "central_crop_zero": lambda: image.central_crop(PICTURE, 0.0),
        "central_crop_above_one": lambda: image.central_crop(PICTURE, 1.5),
        "central_crop_rank_5": lambda: image.central_crop(BATCH[None], 0.5),
        "crop_or_pad_rank_2": lambda: image.resize_with_crop_or_pad(PICTURE[0], 2, 2),
        "crop_or_pad_zero_width": lambda: image.resize_with_crop_or_pad(PICTURE, 2, 0),
        "random_brightness_negative": lambda: image.random_brightness(PICTURE, -0.1),
        "random_contrast_upper_not_above": lambda: image.random_contrast(PICTURE, 0.5, 0.5),
        "random_contrast_negative": lambda: image.random_contrast(PICTURE, -0.5, 0.5),
        "stateless_contrast_upper": lambda: image.stateless_random_contrast(
            PICTURE, 1.0, 0.5, [1, 2]),
        "stateless_brightness_negative": lambda: image.stateless_random_brightness(
            PICTURE, -1.0, [1, 2]),
        "saturation_channels": lambda: image.adjust_saturation(PICTURE[..., :2], 2.0),
        "saturation_gradient": lambda: weighted_gradient(
            tf, lambda x: image.adjust_saturation(x, 2.0)),
        "grayscale_to_rgb_channels": lambda: image.grayscale_to_rgb(tf.constant(PICTURE)),
        "random_saturation_bounds": lambda: image.random_saturation(PICTURE, 2.0, 1.0),
        "hue_delta": lambda: image.adjust_hue(PICTURE, 1.5),
        "hue_gradient": lambda: weighted_gradient(tf, lambda x: image.adjust_hue(x, 0.1)),
        "random_hue_max_delta": lambda: image.random_hue(PICTURE, 0.6),
        "stateless_hue_negative": lambda: image.stateless_random_hue(PICTURE, -0.1, [1, 2]),
        "contrast_gradient": lambda: weighted_gradient(
            tf, lambda x: image.adjust_contrast(x, 2.0)),
    }
    out = {}
    for name, call in calls.items():
        try:
            call()
            out[name] = None
        except Exception as exc:
            out[name] = [type(exc).__name__, kernel_message(str(exc))]
    return out


def kernel_message(text):
    """A kernel's message without the eager op's decorations (``{{function_node ...}}``
    before it, `` [Op:AdjustSaturation] name: `` after it)."""
    text = re.sub(r"^\{\{function_node [^}]*\}\} ", "", text)
    return re.sub(r" \[Op:\w+\]( name: .*)?$", "", text)
