"""Write what real tf_keras 2.21 returns for the ``keras.utils`` helpers tracekeras offers.

Run with the reference venv (TensorFlow, tf_keras 2.21 and pydot) from the
repository root:

    /work/tfvenv/bin/python tests/utils/make_fixtures.py

It writes ``tests/utils/data/texts/`` (a tiny folder of class subfolders:
a hidden folder, a nested folder, upper-case and other extensions) and
``tests/utils/data/expected.json`` with:

- ``pad_sequences``, ``to_categorical``, ``normalize``: inputs and outputs;
- ``index``: the file order, labels and class names
  ``dataset_utils.index_directory`` gives for several seeds, and the training
  and validation files of ``get_training_or_validation_split``;
- ``text``: the batches of ``text_dataset_from_directory`` without shuffling
  (texts, labels) for several label modes, ``max_length`` and ``labels=None``;
- ``plot``: for two small models, the layer names of ``model_to_dot``'s nodes,
  in order, and its edges as (from, to) layer names.

Paths are stored relative to ``data/texts``.
"""
import json
import os
import shutil

import numpy as np
import tf_keras as keras
from tf_keras.src.utils import dataset_utils

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "data")
TEXTS = os.path.join(FIXTURES, "texts")
FILES = {"neg/a.txt": "bad film", "neg/b.txt": "dull and long", "neg/c.TXT": "awful",
         "neg/notes.md": "not a review", "pos/z.txt": "great", "pos/m.txt": "loved it",
         "pos/deep/k.txt": "a nested review", "pos/deep/a.txt": "fine acting",
         "zebra/q.txt": "the third class", ".hidden/h.txt": "never read"}

PAD_CASES = [
    ({"sequences": [[1, 2, 3], [4, 5], [6]]}),
    ({"sequences": [[1, 2, 3], [4, 5], [6]], "maxlen": 2}),
    ({"sequences": [[1, 2, 3], [4, 5], [6]], "maxlen": 2, "truncating": "post"}),
    ({"sequences": [[1, 2, 3], [4, 5], [], [6]], "maxlen": 4, "padding": "post", "value": -1}),
    ({"sequences": [[1.5, 2.25], [3.75]], "dtype": "float32"}),
    ({"sequences": [[[1, 2], [3, 4]], [[5, 6]]], "maxlen": 3}),
]
CATEGORICAL_CASES = [({"y": [0, 2, 1, 2]}), ({"y": [[1], [0], [3]], "num_classes": 5}),
                     ({"y": [[0, 1], [1, 0]], "dtype": "int32"})]
NORMALIZE_CASES = [({"x": [[3.0, 4.0], [0.0, 0.0]]}), ({"x": [[1.0, 2.0], [2.0, 2.0]],
                                                         "axis": 0, "order": 1})]


def write_texts():
    shutil.rmtree(TEXTS, ignore_errors=True)
    for name, text in FILES.items():
        path = os.path.join(TEXTS, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)


def relative(paths):
    return [os.path.relpath(p, TEXTS) for p in paths]


def index_cases():
    out = []
    for seed, shuffle, split in ((3, True, 0.25), (1337, True, 0.5), (None, False, 0.4)):
        paths, labels, names = dataset_utils.index_directory(
            TEXTS, "inferred", formats=(".txt",), shuffle=shuffle, seed=seed)
        train = dataset_utils.get_training_or_validation_split(paths, labels, split, "training")
        val = dataset_utils.get_training_or_validation_split(paths, labels, split, "validation")
        out.append({"seed": seed, "shuffle": shuffle, "validation_split": split,
                    "paths": relative(paths), "labels": [int(v) for v in labels],
                    "class_names": names, "training": relative(train[0]),
                    "validation": relative(val[0])})
    return out


def text_cases():
    out = []
    for kwargs in ({}, {"label_mode": "categorical", "max_length": 4},
                   {"labels": None}, {"class_names": ["zebra", "pos", "neg"]}):
        dataset = keras.utils.text_dataset_from_directory(TEXTS, batch_size=2, shuffle=False,
                                                          **kwargs)
        batches = []
        for element in dataset:
            texts, labels = element if isinstance(element, tuple) else (element, None)
            batches.append({"texts": [t.decode() for t in texts.numpy()],
                            "labels": None if labels is None else labels.numpy().tolist(),
                            "label_dtype": None if labels is None else labels.dtype.name})
        out.append({"kwargs": kwargs, "class_names": dataset.class_names, "batches": batches})
    return out


def plot_models():
    layers = keras.layers
    sequential = keras.Sequential([layers.Input((4,)), layers.Dense(3, activation="relu"),
                                   layers.Dense(2)], name="seq")
    a, b = layers.Input((3,), name="left"), layers.Input((2,), name="right")
    joined = layers.Concatenate(name="join")([layers.Dense(4, name="proj")(a), b])
    functional = keras.Model([a, b], layers.Dense(1, name="out")(joined), name="two_inputs")
    return {"seq": sequential, "two_inputs": functional}


def plot_cases():
    out = {}
    for name, model in plot_models().items():
        dot = keras.utils.model_to_dot(model, show_shapes=True)
        by_id = {str(id(layer)): layer.name for layer in model._self_tracked_trackables}
        nodes = [by_id[n.get_name().strip('"')] for n in dot.get_nodes()
                 if n.get_name().strip('"') in by_id]
        edges = [[by_id[e.get_source().strip('"')], by_id[e.get_destination().strip('"')]]
                 for e in dot.get_edges()]
        out[name] = {"nodes": nodes, "edges": edges, "rankdir": dot.get("rankdir"),
                     "dpi": dot.get("dpi")}
    return out


def main():
    write_texts()
    pads = [{"kwargs": kw, "out": keras.utils.pad_sequences(**kw).tolist(),
             "dtype": keras.utils.pad_sequences(**kw).dtype.name} for kw in PAD_CASES]
    cats = [{"kwargs": kw, "out": keras.utils.to_categorical(**kw).tolist(),
             "dtype": keras.utils.to_categorical(**kw).dtype.name} for kw in CATEGORICAL_CASES]
    norms = [{"kwargs": kw, "out": keras.utils.normalize(np.array(kw["x"]),
                                                         **{k: v for k, v in kw.items()
                                                            if k != "x"}).tolist()}
             for kw in NORMALIZE_CASES]
    expected = {"pad_sequences": pads, "to_categorical": cats, "normalize": norms,
                "index": index_cases(), "text": text_cases(), "plot": plot_cases()}
    with open(os.path.join(FIXTURES, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    print("wrote", os.path.join(FIXTURES, "expected.json"))


if __name__ == "__main__":
    main()
