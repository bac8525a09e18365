"""``audio_dataset_from_directory`` cases, run the same way on tf_keras 2.21
(make_audio_dataset_fixtures.py) and on tracekeras (test_audio_dataset.py) over the folder
``data/audio`` (written by the fixture maker: three classes of 16-bit WAV clips of 5 to 14
samples, a hidden folder and a file that is no WAV). The first sample of clip
``k`` is ``k * 1024``, so a decoded clip names its file even after shuffling (seeded
shuffles give tf_keras's order, epoch after epoch). Plain NumPy
here, no TensorFlow import.
"""
import contextlib
import copy
import io
import os
import wave

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
AUDIO = os.path.join(HERE, "data", "audio")
# (path, channels, samples): clip k is the k-th of this list
CLIPS = [("down/a.wav", 1, 9), ("down/b.WAV", 1, 5), ("down/deep/c.wav", 1, 12),
         ("go/d.wav", 1, 14), ("go/e.wav", 1, 6), ("go/f.wav", 1, 8),
         ("up/g.wav", 1, 7), ("up/h.wav", 1, 11), ("up/i.wav", 1, 10), ("up/j.wav", 1, 6),
         (".hidden/k.wav", 1, 5)]


def write_folder(root=AUDIO):
    """The folder of clips (and a ``notes.txt`` that is no audio)."""
    for k, (path, channels, samples) in enumerate(CLIPS):
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        pcm = (np.arange(samples * channels) * 397 % 2000 - 1000).astype("int16")
        pcm[0] = k * 1024
        with wave.open(full, "wb") as w:
            w.setnchannels(channels)
            w.setsampwidth(2)
            w.setframerate(16000)
            w.writeframes(pcm.tobytes())
    with open(os.path.join(root, "go", "notes.txt"), "w") as f:
        f.write("not a clip")


def clip_ids(audio):
    """The clip number of each clip of a batch ``(batch, samples, channels)``."""
    return [int(round(float(a[0, 0]) * 32768 / 1024)) for a in np.asarray(audio)]


def batches(dataset):
    """Each batch: its clips' numbers, shape, dtype and labels (or an element's)."""
    out = []
    for element in dataset:
        audio, labels = element if isinstance(element, tuple) else (element, None)
        audio = np.asarray(audio)
        out.append({"ids": clip_ids(audio if audio.ndim == 3 else audio[None]),
                    "shape": list(audio.shape), "dtype": audio.dtype.name,
                    "sum": round(float(audio.astype("float64").sum()), 6),
                    "labels": None if labels is None else np.asarray(labels).tolist(),
                    "label_dtype": None if labels is None else np.asarray(labels).dtype.name})
    return out


UNSHUFFLED = [
    {"batch_size": 4},
    {"batch_size": 3, "output_sequence_length": 8, "label_mode": "categorical"},
    {"batch_size": None, "output_sequence_length": 6},
    {"batch_size": 5, "labels": None, "output_sequence_length": 10},
    {"batch_size": 2, "class_names": ["up", "go", "down"]},
    {"batch_size": 4, "labels": [0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1], "label_mode": "binary",
     "output_sequence_length": 9},
]

ERRORS = [
    {"labels": "bad"},
    {"labels": [0, 1], "class_names": ["a"]},
    {"label_mode": "sparse"},
    {"ragged": True, "output_sequence_length": 8},
    {"sampling_rate": 1.5},
    {"sampling_rate": 0},
    {"sampling_rate": 16000},
    {"validation_split": 0.3},
    {"subset": "training"},
    {"validation_split": 1.5, "subset": "training"},
    {"validation_split": 0.3, "subset": "test", "seed": 1},
    {"validation_split": 0.3, "subset": "both"},
    {"class_names": ["up", "go"]},
    {"label_mode": "binary"},
    {"labels": [0, 1, 0]},
    {"labels": None, "batch_size": 2},
    {"label_mode": "binary", "labels": [0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1]},
    {"directory": "go/deep_missing"},
    {"validation_split": 0.01, "subset": "both", "seed": 3},
]


def call(keras, **kwargs):
    """The function's result and what it printed."""
    directory = os.path.join(AUDIO, kwargs.pop("directory", ""))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        made = keras.utils.audio_dataset_from_directory(directory, **kwargs)
    return made, out.getvalue().splitlines()


def facts(keras):
    result = {"unshuffled": [], "errors": [], "splits": []}
    for kwargs in copy.deepcopy(UNSHUFFLED):
        given = copy.deepcopy(kwargs)
        dataset, printed = call(keras, shuffle=False, **kwargs)
        result["unshuffled"].append({"kwargs": given, "printed": printed,
                                     "class_names": dataset.class_names,
                                     "element_spec": repr(dataset.element_spec),
                                     "batches": batches(dataset)})
    for kwargs in copy.deepcopy(ERRORS):   # Keras shuffles a list of labels in place
        given = copy.deepcopy(kwargs)
        try:
            made, _ = call(keras, **kwargs)
            made = made if isinstance(made, list) else [made]
            for dataset in made:
                list(dataset)
            caught = None
        except Exception as e:  # noqa: BLE001 - the error's type and text are the fact
            caught = [type(e).__name__, str(e).replace(AUDIO, "AUDIO")]
        result["errors"].append({"kwargs": given, "error": caught})
    for seed in (0, 42):
        (train, val), printed = call(keras, batch_size=3, validation_split=0.4, subset="both",
                                     seed=seed, output_sequence_length=16000)
        result["splits"].append({"seed": seed, "printed": printed,
                                 "training": [batches(train), batches(train)],
                                 "validation": batches(val)})
    dataset, printed = call(keras, batch_size=4, seed=5)
    result["shuffled"] = {"printed": printed, "epochs": [batches(dataset), batches(dataset)]}
    return result
