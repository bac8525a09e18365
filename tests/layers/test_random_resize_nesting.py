"""RandomWidth and RandomHeight inside other models against tf_keras 2.21
(``make_random_resize_nesting_fixtures.py``): the symbolic shapes with the resized axes
unknown, also through a Sequential called as a layer; an encoder's summary; an inner model
made for the original size refuses the resized pictures in eager calls and in a ``fit`` with
``run_eagerly=True``, with Keras's message and TensorFlow's drawn sizes, and takes them in a
``tf.function``, a ``tf.data`` map and a ``fit`` of the graph, whose traced shapes have
those axes unknown (the fit's losses Keras's, the pictures drawn from TensorFlow's numbers)."""
import json
import os

import numpy as np

from . import random_resize_nesting_cases as cases

with open(os.path.join(os.path.dirname(__file__), "data", "random_resize_nesting.json"),
          encoding="utf-8") as f:
    FACTS = json.load(f)


def test_symbolic_shapes_leave_the_resized_axes_unknown(tf):
    assert cases.symbolic_shapes(tf) == FACTS["symbolic_shapes"]


def test_encoder_summary_shows_the_sequential_output_unknown(tf):
    assert cases.summary(tf) == FACTS["summary"]


def test_nested_model_refuses_eagerly_and_trains_in_the_graph(tf):
    facts = cases.nested_calls(tf)
    losses, keras_losses = facts.pop("fit_losses"), dict(FACTS["nested_calls"])
    np.testing.assert_allclose(losses, keras_losses.pop("fit_losses"), atol=2e-4)
    np.testing.assert_allclose(facts.pop("fit_after_a_rescaling"),
                               keras_losses.pop("fit_after_a_rescaling"), atol=2e-4)
    assert facts == keras_losses


def test_the_graph_fit_trains_the_inner_model(tf):
    model = cases.classifier(tf, run_eagerly=False)
    before = model.get_layer("encoder").get_layer("inner").get_weights()[0].copy()
    model.fit(cases.IMAGES, cases.LABELS, batch_size=3, epochs=1, verbose=0)
    after = model.get_layer("encoder").get_layer("inner").get_weights()[0]
    assert not np.array_equal(before, after)
