"""RandomWidth and RandomHeight inside other models, run the same on tf_keras 2.21 and on
tracekeras (``make_random_resize_nesting_fixtures.py`` records TensorFlow's answers,
``test_random_resize_nesting.py`` compares).

What a model built on them sees: the symbolic output shapes (one layer, both, and an
augmentation Sequential of Normalization, RandomFlip, RandomRotation, RandomWidth and
RandomHeight called as a layer), the summary of an encoder that calls that Sequential and
then a functional model made for the original size, and what happens when the resized
pictures reach that inner model: an eager call in training and a ``fit`` with
``run_eagerly=True`` are refused (the inner model's input spec sees the new size), a
``tf.function``, a ``tf.data`` map and a ``fit`` of the compiled graph take them (their
traced shapes have the resized axes unknown), inference leaves the size alone; a Rescaling
between RandomWidth and the inner model keeps the width unknown. Each case takes the
``tensorflow`` module it runs on."""
import numpy as np

IMAGES = np.random.RandomState(3).uniform(0, 255, size=(6, 8, 8, 3)).astype("float32")
LABELS = np.array([0, 1, 2, 0, 1, 2])


def symbolic_shapes(tf):
    keras, layers = tf.keras, tf.keras.layers
    keras.backend.clear_session()
    inputs = keras.Input((8, 8, 3))
    augmentation = augmentation_sequential(tf)
    shapes = {
        "width": layers.RandomWidth(0.2)(inputs).shape,
        "height": layers.RandomHeight(0.2)(inputs).shape,
        "width_then_height": layers.RandomHeight(0.2)(layers.RandomWidth(0.2)(inputs)).shape,
        "width_then_rescaling": layers.Rescaling(0.5)(layers.RandomWidth(0.2)(inputs)).shape,
        "sequential": augmentation(inputs).shape,
        "sequential_width_only": keras.Sequential([layers.RandomWidth(0.2)])(inputs).shape,
        "sequential_width_then_rescaling": keras.Sequential(
            [layers.RandomWidth(0.2), layers.Rescaling(0.5)])(inputs).shape,
        "sequential_batch_4": augmentation(keras.Input((8, 8, 3), batch_size=4)).shape,
        "unbatched_width": layers.RandomWidth(0.2)(keras.Input((8, 3), batch_size=8)).shape,
    }
    return {name: list(shape) for name, shape in shapes.items()}


def augmentation_sequential(tf, seed=None):
    preprocessing = tf.keras.layers.experimental.preprocessing
    seeds = [None] * 4 if seed is None else [seed, seed + 1, seed + 2, seed + 3]
    augmentation = tf.keras.Sequential([
        preprocessing.Normalization(),
        preprocessing.RandomFlip("horizontal", seed=seeds[0]),
        preprocessing.RandomRotation(0.02, seed=seeds[1]),
        preprocessing.RandomWidth(0.2, seed=seeds[2]),
        preprocessing.RandomHeight(0.2, seed=seeds[3]),
    ])
    augmentation.layers[0].adapt(IMAGES)
    return augmentation


def encoder(tf, augmentation):
    """An augmentation Sequential, then a functional model made for 8x8 pictures."""
    keras, layers = tf.keras, tf.keras.layers
    inner_inputs = keras.Input((8, 8, 3))
    features = layers.Conv2D(4, 3, kernel_initializer="ones", name="conv")(inner_inputs)
    inner = keras.Model(inner_inputs, layers.GlobalAveragePooling2D(name="pool")(features),
                        name="inner")
    inputs = keras.Input((8, 8, 3))
    return keras.Model(inputs, inner(augmentation(inputs)), name="encoder")


def classifier(tf, run_eagerly):
    keras, layers = tf.keras, tf.keras.layers
    keras.backend.clear_session()
    keras.utils.set_random_seed(4)
    model_encoder = encoder(tf, augmentation_sequential(tf))
    inputs = keras.Input((8, 8, 3))
    outputs = layers.Dense(3, activation="softmax", kernel_initializer="zeros",
                           name="dense")(model_encoder(inputs))
    model = keras.Model(inputs, outputs, name="classifier")
    model.compile(optimizer=keras.optimizers.SGD(0.01),
                  loss="sparse_categorical_crossentropy", run_eagerly=run_eagerly)
    return model


def summary(tf):
    tf.keras.backend.clear_session()
    lines = []
    encoder(tf, augmentation_sequential(tf)).summary(print_fn=lines.append)
    return lines


def refused(call):
    try:
        call()
    except Exception as e:     # the type and message are the facts
        return [type(e).__name__, str(e)]
    return None


def nested_calls(tf):
    facts = {}
    tf.keras.backend.clear_session()
    augmentation = augmentation_sequential(tf, seed=1)
    facts["augmentation_training"] = list(augmentation(IMAGES, training=True).shape)
    model_encoder = encoder(tf, augmentation)
    facts["eager_training"] = refused(lambda: model_encoder(IMAGES, training=True))
    facts["eager_inference"] = list(model_encoder(IMAGES, training=False).shape)
    facts["eager_default"] = refused(lambda: model_encoder(IMAGES))
    traced = tf.function(lambda images: model_encoder(images, training=True))
    facts["tf_function"] = list(traced(IMAGES).shape)
    mapped = tf.data.Dataset.from_tensor_slices(IMAGES).batch(3).map(
        lambda images: model_encoder(images, training=True))
    facts["dataset_map"] = [list(batch.shape) for batch in mapped]
    model = classifier(tf, run_eagerly=True)
    facts["fit_run_eagerly"] = refused(lambda: model.fit(IMAGES, LABELS, batch_size=3,
                                                         epochs=1, verbose=0))
    model = classifier(tf, run_eagerly=False)
    history = model.fit(IMAGES, LABELS, batch_size=3, epochs=2, verbose=0)
    facts["fit_losses"] = [round(loss, 4) for loss in history.history["loss"]]
    facts["predict_shape"] = list(model.predict(IMAGES, verbose=0).shape)
    facts["fit_after_a_rescaling"] = fit_after_a_rescaling(tf)
    facts["evaluate_is_a_number"] = isinstance(model.evaluate(IMAGES, LABELS, verbose=0),
                                               float)
    return facts


def fit_after_a_rescaling(tf):
    """A Rescaling between RandomWidth and the inner model: the width stays unknown in the
    graph, so the fit of the graph trains (the losses of its two epochs)."""
    keras, layers = tf.keras, tf.keras.layers
    keras.backend.clear_session()
    keras.utils.set_random_seed(5)
    augmentation = keras.Sequential([layers.RandomWidth(0.3), layers.Rescaling(1 / 255.0)])
    model_encoder = encoder(tf, augmentation)
    model = keras.Sequential([model_encoder, layers.Dense(3, kernel_initializer="zeros")])
    model.compile(optimizer=keras.optimizers.SGD(0.1),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    history = model.fit(IMAGES, LABELS, batch_size=2, epochs=2, verbose=0)
    return [round(loss, 4) for loss in history.history["loss"]]
