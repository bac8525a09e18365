"""The two-epoch fit the model fixtures of tests/layers record and replay: run by the
``make_*_fixtures.py`` scripts on tf_keras (``record``) and by the tests on tracekeras
(``assert_matches``), the same way in both. Plain NumPy: no TensorFlow import here."""
import numpy as np


def fit(model, x, y, **compile_kwargs):
    """Compile, then two epochs of batches of 8 in order; the history."""
    model.compile(**compile_kwargs)
    return model.fit(x, y, batch_size=8, epochs=2, shuffle=False, verbose=0).history


def record(model, x, y, arrays, **compile_kwargs):
    """Into ``arrays``: the initial weights, the predictions, the weights after the fit;
    returns the fit's history."""
    for i, w in enumerate(model.get_weights()):
        arrays[f"initial{i}"] = w
    arrays["predicted"] = model.predict(x, verbose=0)
    history = fit(model, x, y, **compile_kwargs)
    for i, w in enumerate(model.get_weights()):
        arrays[f"fitted{i}"] = w
    return history


def assert_matches(model, x, y, history, fitted, **compile_kwargs):
    """The same fit on tracekeras: the losses and the weights after it agree."""
    ours = fit(model, x, y, **compile_kwargs)
    np.testing.assert_allclose(ours["loss"], history["loss"], rtol=1e-5)
    for mine, theirs in zip(model.get_weights(), fitted):
        np.testing.assert_allclose(mine, theirs, rtol=1e-4, atol=1e-6)
