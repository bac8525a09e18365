"""``ImageDataGenerator`` cases written against the public Keras API, run on tf_keras 2.21
(``make_image_generator_fixtures.py`` writes data/image_generator.npz and .json) and on
tracekeras (``test_image_data_generator.py``).

Each case seeds NumPy's global random state, builds an iterator and reads its first
batches, by index (``it[i]``, as ``fit`` reads a Sequence), after ``on_epoch_end``, and
by ``next`` (as ``for x, y in it`` reads it).
"""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
IMAGES = os.path.join(HERE, "data", "cats_and_dogs")

DLWP_AUGMENTATION = dict(rotation_range=40, width_shift_range=0.2, height_shift_range=0.2,
                         shear_range=0.2, zoom_range=0.2, horizontal_flip=True,
                         fill_mode="nearest")


def images(seed=0, n=10, shape=(9, 11, 3)):
    rng = np.random.RandomState(seed)
    return (rng.rand(n, *shape) * 255).astype("float32"), np.arange(n) % 3


# name: (generator kwargs, flow kwargs, global seed)
FLOW_CASES = {
    "rescale_shuffled": (dict(rescale=1 / 255), dict(batch_size=4), 5),
    "rescale_in_order": (dict(rescale=1 / 255), dict(batch_size=4, shuffle=False), 5),
    "dlwp_augmentation": (dict(rescale=1 / 255, **DLWP_AUGMENTATION), dict(batch_size=4), 1),
    "dlwp_augmentation_seeded": (dict(rescale=1 / 255, **DLWP_AUGMENTATION),
                                 dict(batch_size=3, seed=7), 0),
    "constant_fill": (dict(rotation_range=30, zoom_range=(0.7, 1.1), fill_mode="constant",
                           cval=17.0, vertical_flip=True), dict(batch_size=5), 2),
    "reflect_fill": (dict(width_shift_range=0.4, height_shift_range=[1, 3], fill_mode="reflect"),
                     dict(batch_size=5), 3),
    "wrap_fill": (dict(shear_range=30, width_shift_range=3, fill_mode="wrap"),
                  dict(batch_size=5), 4),
    "nearest_order_0": (dict(rotation_range=25, interpolation_order=0), dict(batch_size=5), 6),
    "channel_shift": (dict(channel_shift_range=40.0), dict(batch_size=5), 8),
    "samplewise": (dict(samplewise_center=True, samplewise_std_normalization=True),
                   dict(batch_size=4), 9),
    "featurewise": (dict(featurewise_center=True, featurewise_std_normalization=True,
                         horizontal_flip=True), dict(batch_size=4), 10),
    "brightness": (dict(brightness_range=(0.4, 1.6), rotation_range=10), dict(batch_size=4), 12),
    "brightness_values_outside_0_255": (dict(brightness_range=[0.7, 1.2]), dict(batch_size=4),
                                        13),
    "subset_training": (dict(validation_split=0.3, zoom_range=0.2),
                        dict(batch_size=3, subset="training"), 14),
    "subset_validation": (dict(validation_split=0.3), dict(batch_size=2, subset="validation"),
                          15),
    "extra_inputs_and_sample_weight": (dict(horizontal_flip=True),
                                       dict(batch_size=4, sample_weight=np.linspace(0, 1, 10)),
                                       16),
}

# name: (generator kwargs, flow_from_directory kwargs, global seed)
DIRECTORY_CASES = {
    "binary_rescale": (dict(rescale=1 / 255),
                       dict(target_size=(8, 8), batch_size=3, class_mode="binary"), 0),
    "binary_dlwp_augmentation": (dict(rescale=1 / 255, **DLWP_AUGMENTATION),
                                 dict(target_size=(8, 8), batch_size=3, class_mode="binary"),
                                 1),
    "categorical_seeded_bilinear": (dict(rotation_range=20, horizontal_flip=True),
                                    dict(target_size=(7, 9), batch_size=4, seed=3,
                                         interpolation="bilinear"), 2),
    "grayscale_sparse_in_order": (dict(), dict(target_size=(6, 6), color_mode="grayscale",
                                               class_mode="sparse", batch_size=4,
                                               shuffle=False), 3),
    "no_labels_one_class": (dict(zoom_range=0.3), dict(target_size=(8, 8), class_mode=None,
                                                       classes=["dogs"], batch_size=2), 4),
    "sparse_subset_training": (dict(validation_split=0.4), dict(target_size=(8, 8), batch_size=3,
                                                         class_mode="sparse",
                                                         subset="training"), 5),
    "subset_validation_input": (dict(validation_split=0.4, rotation_range=15),
                                dict(target_size=(8, 8), batch_size=2, class_mode="input",
                                     subset="validation"), 6),
}


def read_batches(it):
    """Batches 0 and 1 by index, batch 0 again after ``on_epoch_end``, two by ``next``."""
    found = [it[0], it[1]]
    it.on_epoch_end()
    found.append(it[0])
    found += [next(it), next(it)]
    return found


def as_arrays(batch):
    """The arrays of a batch, its inputs list (extra inputs) flattened."""
    arrays = []
    for part in (batch if isinstance(batch, tuple) else (batch,)):
        arrays += part if isinstance(part, list) else [part]
    return arrays


def errors(image_module):
    """The error type and message of each refused argument."""
    def attempt(fn):
        try:
            fn()
        except ValueError as e:
            return [type(e).__name__, str(e)]
        return None
    x, y = images()
    split = image_module.ImageDataGenerator(validation_split=0.3)
    return {
        "flow_bad_subset": attempt(lambda: split.flow(x, y, subset="test")),
        "flow_classes_split": attempt(lambda: split.flow(x, np.sort(y), subset="training")),
        "flow_misc_length": attempt(lambda: split.flow((x, np.zeros(3)), y)),
        "directory_bad_subset": attempt(lambda: split.flow_from_directory(IMAGES,
                                                                          subset="test")),
        "brightness_range": attempt(lambda: image_module.ImageDataGenerator(
            brightness_range=0.5)),
        "zoom_range": attempt(lambda: image_module.ImageDataGenerator(zoom_range=(1, 2, 3))),
        "validation_split": attempt(lambda: image_module.ImageDataGenerator(
            validation_split=2)),
        "x_rank": attempt(lambda: split.flow(np.zeros((3, 4, 4)))),
        "y_length": attempt(lambda: split.flow(x, y[:4])),
        # the allowed modes follow as a set, in an order that changes from process to process
        "class_mode": attempt(lambda: split.flow_from_directory(IMAGES, class_mode="multi"))[
            1].split("; expected")[0],
        "color_mode": attempt(lambda: split.flow_from_directory(IMAGES, color_mode="cmyk")),
        "fit_rank": attempt(lambda: split.fit(np.zeros((3, 4, 4)))),
    }


def flow_case(image_module, name):
    gen_kwargs, flow_kwargs, seed = FLOW_CASES[name]
    x, y = images()
    if name == "brightness_values_outside_0_255":
        x = x * 2 - 100
    if name.startswith("extra_inputs"):
        x = (x, [np.arange(10.0), np.ones((10, 2))])
    np.random.seed(seed)
    generator = image_module.ImageDataGenerator(**gen_kwargs)
    if gen_kwargs.get("featurewise_center"):
        generator.fit(x)
    return generator.flow(x, y, **flow_kwargs)


def directory_case(image_module, name):
    gen_kwargs, dir_kwargs, seed = DIRECTORY_CASES[name]
    np.random.seed(seed)
    generator = image_module.ImageDataGenerator(**gen_kwargs)
    return generator.flow_from_directory(IMAGES, **dir_kwargs)


def run_all(image_module):
    """{case/batch/array: array} and the facts of each directory iterator."""
    arrays, facts = {}, {}
    for kind, cases, make in (("flow", FLOW_CASES, flow_case),
                              ("directory", DIRECTORY_CASES, directory_case)):
        for name in cases:
            it = make(image_module, name)
            for b, batch in enumerate(read_batches(it)):
                for a, array in enumerate(as_arrays(batch)):
                    arrays[f"{kind}/{name}/{b}/{a}"] = np.asarray(array)
            if kind == "directory":
                facts[name] = {"filenames": it.filenames, "class_indices": it.class_indices,
                               "classes": it.classes.tolist(), "len": len(it),
                               "samples": it.samples}
            else:
                facts[name] = {"len": len(it), "n": it.n}
    return arrays, facts


def fit_on_iterators(keras):
    """``fit_generator`` on a shuffled, augmented ``flow_from_directory`` iterator with an
    unaugmented validation iterator, NumPy seeded: history and final weights."""
    np.random.seed(11)
    image_module = keras.preprocessing.image
    train = image_module.ImageDataGenerator(rescale=1 / 255, **DLWP_AUGMENTATION)
    train_it = train.flow_from_directory(IMAGES, target_size=(8, 8), batch_size=4,
                                         class_mode="binary")
    val_it = image_module.ImageDataGenerator(rescale=1 / 255).flow_from_directory(
        IMAGES, target_size=(8, 8), batch_size=5, class_mode="binary")
    model = keras.Sequential([keras.Input((8, 8, 3)), keras.layers.Flatten(),
                              keras.layers.Dense(1, activation="sigmoid")])
    rng = np.random.RandomState(5)
    model.set_weights([rng.uniform(-0.1, 0.1, w.shape).astype("float32")
                       for w in model.get_weights()])
    model.compile(keras.optimizers.SGD(0.05), "binary_crossentropy", metrics=["acc"])
    history = model.fit_generator(train_it, epochs=3, verbose=0, shuffle=False,
                                  validation_data=val_it)
    return {"history": history.history,
            "weights": [w.tolist() for w in model.get_weights()],
            "next_index_array": train_it.index_array.tolist()}


def random_functions(image_module):
    """Each ``random_*`` function of one seeded picture, channels first (Keras's default
    axes) and channels last."""
    x, _ = images(seed=3, n=1)
    last, first = x[0], np.moveaxis(x[0], -1, 0)
    axes_last = dict(row_axis=0, col_axis=1, channel_axis=2)
    calls = {
        "rotation_first": lambda: image_module.random_rotation(first, 30),
        "rotation_last_constant": lambda: image_module.random_rotation(
            last, 50, fill_mode="constant", cval=3.0, **axes_last),
        "shift_first": lambda: image_module.random_shift(first, 0.3, 0.2),
        "shift_last_wrap": lambda: image_module.random_shift(last, 0.2, 0.4, fill_mode="wrap",
                                                             **axes_last),
        "shear_last_order_0": lambda: image_module.random_shear(
            last, 25, interpolation_order=0, **axes_last),
        "zoom_first": lambda: image_module.random_zoom(first, (0.6, 1.3)),
        "zoom_last_reflect": lambda: image_module.random_zoom(last, [0.8, 1.4],
                                                              fill_mode="reflect", **axes_last),
        "channel_shift_last": lambda: image_module.random_channel_shift(last, 30.0, 2),
        "brightness_last": lambda: image_module.random_brightness(last, (0.5, 1.5)),
        "brightness_last_unscaled": lambda: image_module.random_brightness(
            last * 3 - 50, (0.5, 1.5), scale=False),
    }
    found = {}
    for i, (name, call) in enumerate(calls.items()):
        np.random.seed(100 + i)
        found[f"random/{name}"] = np.asarray(call())
    return found


def saved_pictures(image_module, folder):
    """``save_to_dir``: the names of the pictures written for two batches (each name holds a
    number drawn from NumPy, which moves the draws of the next batch's transforms), and the
    second batch."""
    x, y = images()
    np.random.seed(21)
    generator = image_module.ImageDataGenerator(rotation_range=30, horizontal_flip=True)
    it = generator.flow(x, y, batch_size=3, save_to_dir=folder, save_prefix="aug",
                        save_format="png")
    it[0]
    second = it[1]
    flow_names = sorted(os.listdir(folder))
    it = generator.flow_from_directory(IMAGES, target_size=(8, 8), batch_size=2,
                                       save_to_dir=folder, save_prefix="dir",
                                       save_format="jpeg")
    it[0]
    return {"names": flow_names + sorted(set(os.listdir(folder)) - set(flow_names)),
            "second_batch": np.asarray(second[0]).tolist()}
