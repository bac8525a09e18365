# Writes keras_behaviour.json: the outcome of each tests/build/keras_scenarios.py case on
# real Keras (tf_keras 2.21 reference). Run from tests/build/data with a Python that has
# tensorflow-cpu==2.21.0 and tf-keras==2.21.0 (never at test time).
import json
import os
import sys

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import tf_keras  # noqa: E402
from tf_keras import backend, layers  # noqa: E402
from tf_keras.models import Model, Sequential  # noqa: E402

from keras_scenarios import outcome, scenarios  # noqa: E402

result = {name: outcome(fn, backend.clear_session)
          for name, fn in scenarios(layers, Sequential, Model)}
result["_source"] = f"tf_keras {tf_keras.__version__}"
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "keras_behaviour.json"),
          "w") as f:
    json.dump(result, f, indent=1, sort_keys=True)
