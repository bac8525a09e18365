"""Write ``data/audio/`` (the clips of audio_dataset_scenarios.py) and
``data/audio_expected.json``: what tf_keras 2.21's ``audio_dataset_from_directory`` makes of
them (unshuffled batches, printed lines, errors, the files of seeded training and
validation subsets). Run from the repository root with the reference venv:
``TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python
tests/utils/make_audio_dataset_fixtures.py``."""
import json
import os
import shutil
import sys

import tensorflow as tf
import tf_keras as keras

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import audio_dataset_scenarios  # noqa: E402 - the cases sit next to this script

if __name__ == "__main__":
    shutil.rmtree(audio_dataset_scenarios.AUDIO, ignore_errors=True)
    audio_dataset_scenarios.write_folder()
    facts = audio_dataset_scenarios.facts(keras)
    with open(os.path.join(HERE, "data", "audio_expected.json"), "w") as f:
        json.dump({"tensorflow": tf.__version__, "tf_keras": keras.__version__, **facts}, f,
                  indent=1)
        f.write("\n")
