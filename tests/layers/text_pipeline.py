"""A small version of TensorFlow's "Basic text classification" pipeline, for any ``tf``.

``write_reviews(root)`` writes a tiny ``aclImdb``-like folder (``train/neg``,
``train/pos``, ``test/neg``, ``test/pos``); ``run_pipeline(tf, root)`` reads it with
``text_dataset_from_directory``, adapts a ``TextVectorization`` with the tutorial's
custom standardization, vectorizes the first test review (the folder read without
shuffling) and trains the tutorial's model for two epochs. ``make_text_pipeline_fixtures.py``
runs it under real tf_keras, ``test_text_classification_pipeline.py`` under tracekeras.
No TensorFlow import here.
"""
import os
import re
import string

REVIEWS = {
    "neg": ["A dull, <br />dull film. Boring plot!", "Terrible acting; awful <br />script.",
            "Boring, BORING and dull.", "The plot was awful... truly awful.",
            "I hated it: dull actors, bad film."],
    "pos": ["A great film! Wonderful plot.", "Brilliant acting, <br />great script.",
            "Superb & moving; a GREAT story.", "The plot was moving... truly great.",
            "I loved it: fun actors, great film."],
}
PUNCTUATION = f"[{re.escape(string.punctuation)}]"


def write_reviews(root):
    for split in ("train", "test"):
        for label, texts in REVIEWS.items():
            folder = os.path.join(root, split, label)
            os.makedirs(folder, exist_ok=True)
            for i, text in enumerate(texts):
                with open(os.path.join(folder, f"{i}_{split}.txt"), "w") as f:
                    f.write(text if split == "train" else text.upper())
    return root


def run_pipeline(tf, root):
    """The vocabulary, the first test review and its vectorization, and the history keys."""
    def custom_standardization(input_data):
        lowercase = tf.strings.lower(input_data)
        stripped_html = tf.strings.regex_replace(lowercase, "<br />", " ")
        return tf.strings.regex_replace(stripped_html, PUNCTUATION, "")

    utils, layers = tf.keras.utils, tf.keras.layers
    raw_train = utils.text_dataset_from_directory(
        os.path.join(root, "train"), batch_size=4, validation_split=0.2, subset="training",
        seed=42)
    raw_test = utils.text_dataset_from_directory(os.path.join(root, "test"), batch_size=4,
                                                 shuffle=False)
    vectorize_layer = layers.TextVectorization(standardize=custom_standardization,
                                               max_tokens=30, output_mode="int",
                                               output_sequence_length=12)
    vectorize_layer.adapt(raw_train.map(lambda x, y: x))
    text_batch, label_batch = next(iter(raw_test))
    vectorized = vectorize_layer(tf.expand_dims(text_batch[0], -1))
    model = tf.keras.Sequential([layers.Embedding(30, 4), layers.GlobalAveragePooling1D(),
                                 layers.Dense(1)])
    model.compile(loss=tf.keras.losses.BinaryCrossentropy(from_logits=True), optimizer="adam",
                  metrics=[tf.metrics.BinaryAccuracy(threshold=0.0)])
    history = model.fit(raw_train.map(lambda x, y: (vectorize_layer(tf.expand_dims(x, -1)), y)),
                        epochs=2, verbose=0)
    export = tf.keras.Sequential([vectorize_layer, model, layers.Activation("sigmoid")])
    predictions = export.predict(tf.constant(["a great film", "a dull film"]), verbose=0)
    return {"class_names": raw_train.class_names,
            "vocabulary": vectorize_layer.get_vocabulary(),
            "first_test_review": text_batch.numpy()[0].decode("utf-8"),
            "first_test_label": int(label_batch.numpy()[0]),
            "vectorized": vectorized.numpy().tolist(),
            "history_keys": sorted(history.history),
            "prediction_shape": list(predictions.shape)}
