"""``Model.fit_generator``, ``evaluate_generator``, ``predict_generator``: Keras 1/2 names kept.

What it owns: the three deprecated methods of ``keras.engine.training.Model``, as a
mixin ``Model`` inherits. Since TensorFlow 2.1, ``fit``, ``evaluate`` and ``predict``
take generators and ``keras.utils.Sequence``s themselves, so each of these warns
(a ``UserWarning`` saying to call the new method) and hands its arguments on under
the same names: ``generator`` becomes ``x``, ``steps`` / ``steps_per_epoch`` and
``validation_steps`` stay steps, ``max_queue_size``, ``workers`` and
``use_multiprocessing`` go to the ``DataHandler`` unchanged.

What it receives: a generator, a ``Sequence`` or anything ``fit`` accepts.
What it hands on: whatever ``fit`` / ``evaluate`` / ``predict`` return.

Trace events: a span per method (``keras.engine.training.Model.fit_generator`` ...),
with ``fit``'s (``evaluate``'s, ``predict``'s) usual stages inside it.
"""
import warnings

from tracekeras import tracing
from tracekeras.engine.training_utils import describe_data
from tracekeras.utils.tf_utils import user_stacklevel

TRAINING = "keras.engine.training.Model."


def generator_args(self, generator=None, *a, **k):
    return {"model": self.name, "class": type(self).__name__, "x": describe_data(generator)}


def deprecated(method, replacement):
    """Warn as Keras does, at the user's line (past the trace wrapper's frames)."""
    warnings.warn(f"`Model.{method}` is deprecated and will be removed in a future version. "
                  f"Please use `Model.{replacement}`, which supports generators.",
                  stacklevel=user_stacklevel())


class GeneratorMethods:
    """The deprecated ``*_generator`` methods of ``Model``."""

    @tracing.traced("fit", name=TRAINING + "fit_generator", args=generator_args)
    def fit_generator(self, generator, steps_per_epoch=None, epochs=1, verbose=1,
                      callbacks=None, validation_data=None, validation_steps=None,
                      validation_freq=1, class_weight=None, max_queue_size=10, workers=1,
                      use_multiprocessing=False, shuffle=True, initial_epoch=0):
        """``fit(generator, ...)`` after a deprecation warning."""
        deprecated("fit_generator", "fit")
        return self.fit(generator, steps_per_epoch=steps_per_epoch, epochs=epochs,
                        verbose=verbose, callbacks=callbacks, validation_data=validation_data,
                        validation_steps=validation_steps, validation_freq=validation_freq,
                        class_weight=class_weight, max_queue_size=max_queue_size,
                        workers=workers, use_multiprocessing=use_multiprocessing,
                        shuffle=shuffle, initial_epoch=initial_epoch)

    @tracing.traced("evaluate", name=TRAINING + "evaluate_generator", args=generator_args)
    def evaluate_generator(self, generator, steps=None, callbacks=None, max_queue_size=10,
                           workers=1, use_multiprocessing=False, verbose=0):
        """``evaluate(generator, ...)`` after a deprecation warning."""
        deprecated("evaluate_generator", "evaluate")
        return self.evaluate(generator, steps=steps, max_queue_size=max_queue_size,
                             workers=workers, use_multiprocessing=use_multiprocessing,
                             verbose=verbose, callbacks=callbacks)

    @tracing.traced("predict", name=TRAINING + "predict_generator", args=generator_args)
    def predict_generator(self, generator, steps=None, callbacks=None, max_queue_size=10,
                          workers=1, use_multiprocessing=False, verbose=0):
        """``predict(generator, ...)`` after a deprecation warning."""
        deprecated("predict_generator", "predict")
        return self.predict(generator, steps=steps, max_queue_size=max_queue_size,
                            workers=workers, use_multiprocessing=use_multiprocessing,
                            verbose=verbose, callbacks=callbacks)
