"""Write the facts of the scenario modules below from real tf_keras 2.21: each module's
functions take ``keras`` and run on either engine; here on tf_keras, whose answers go to
the JSON file the module's tests read. Run by hand with the tf_keras venv, never by the
tests:

    TF_USE_LEGACY_KERAS=1 $TRACEKERAS_KERAS_PYTHON tests/make_scenario_facts.py

- ``build/data/unknown_dims.json``: ``build/unknown_dim_scenarios.py`` (output shapes on
  inputs with an unknown dimension besides the batch, and what building such a model
  leaves behind, what the lookup and text layers hand on from such an input: sparse or
  dense, the dtype, the summary, a predict), read by ``test_unknown_dims.py``;
- ``layers/data/encoding_shapes.json``: ``layers/encoding_shape_scenarios.py`` (Hashing and
  Discretization output shapes, ``adapt`` results), read by ``test_encoding_shapes.py``;
- ``losses_metrics/data/metric_results.json``: ``losses_metrics/metric_result_scenarios.py``
  (a metric's result kept across ``reset_state``), read by ``test_metric_results.py``;
- ``training/data/predict_structures.json``: ``training/predict_structure_scenarios.py``
  (the structure of ``predict``'s result over several batches), read by
  ``test_predict_structure.py``.
"""
import importlib
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
TESTS = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(TESTS))

# output file -> (scenario module, {JSON key: function of keras})
FACTS = {
    "build/data/unknown_dims.json": ("tests.build.unknown_dim_scenarios",
                                     {"shapes": "outcomes",
                                      "symbolic call effects": "symbolic_call_effects",
                                      "lookup outputs": "lookup_outputs",
                                      "symbolic call state": "symbolic_call_state",
                                      "one_hot": "one_hot_outputs",
                                      "lookup refusals": "lookup_refusals",
                                      "masks": "mask_outputs",
                                      "fixed reshapes": "fixed_reshapes"}),
    "layers/data/encoding_shapes.json": ("tests.layers.encoding_shape_scenarios",
                                         {"shapes": "shapes", "adapt": "adapt_results"}),
    "losses_metrics/data/metric_results.json": ("tests.losses_metrics.metric_result_scenarios",
                                                {"results": "results"}),
    "training/data/predict_structures.json": ("tests.training.predict_structure_scenarios",
                                              {"structures": "structures"}),
}


def main():
    import tensorflow as tf
    import tf_keras
    for path, (module_name, keys) in FACTS.items():
        module = importlib.import_module(module_name)
        facts = {"source": f"tf_keras {tf_keras.__version__}"}
        for key, function in keys.items():
            tf_keras.backend.clear_session()
            made = getattr(module, function)
            takes_tf = made.__code__.co_argcount == 2   # (keras, tf)
            facts[key] = made(tf_keras, tf) if takes_tf else made(tf_keras)
        with open(os.path.join(TESTS, path), "w") as f:
            json.dump(facts, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
