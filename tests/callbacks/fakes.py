"""Small stand-ins for the model, layers, weights and optimizer the callbacks talk to.

They carry exactly what ``tracekeras.callbacks`` and ``tracekeras.saving`` use
(``stop_training``, ``history``, ``get_weights``/``set_weights``, ``optimizer.
learning_rate``, ``layers`` with ``trainable_weights``), so these tests do not
wait on the engine rooms.
"""
import numpy as np


class FakeClock:
    """A settable time source: ``clock()`` returns ``t``; ``advance(dt)`` moves it on."""

    def __init__(self, t=1000.0):
        self.t = t

    def __call__(self):
        return self.t

    def advance(self, dt):
        self.t += dt


class FakeVariable:
    def __init__(self, name, value):
        self.name = name
        self.value = np.array(value)

    @property
    def shape(self):
        return self.value.shape

    @property
    def dtype(self):
        return self.value.dtype

    def numpy(self):
        return self.value.copy()

    def assign(self, value):
        value = np.asarray(value, dtype=self.value.dtype)
        if value.shape != self.value.shape:
            raise ValueError(f"shape {value.shape} vs {self.value.shape}")
        self.value = value.copy()


class FakeLayer:
    def __init__(self, name, weights=(), non_trainable=()):
        self.name = name
        self.trainable_weights = list(weights)
        self.non_trainable_weights = list(non_trainable)

    @property
    def weights(self):
        return self.trainable_weights + self.non_trainable_weights


class FakeMetric:
    def __init__(self, name):
        self.name = name


class FakeOptimizer:
    def __init__(self, lr=0.1):
        self.learning_rate = FakeVariable("learning_rate", np.float32(lr))


class FakeModel:
    """A two-Dense-layer model's weights (kernel 3x2, bias 2; kernel 2x1, bias 1)."""

    def __init__(self, name="sequential", seed=0, metrics=("loss", "accuracy"), sizes=(3, 2, 1)):
        rng = np.random.default_rng(seed)
        self.name = name
        self.stop_training = False
        self.history = None
        self.optimizer = FakeOptimizer()
        self.metrics = [FakeMetric(n) for n in metrics]
        self._train_counter = self._test_counter = self._predict_counter = 0
        self.layers = [FakeLayer("input")]
        for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
            lname = "dense" if i == 0 else f"dense_{i}"
            self.layers.append(
                FakeLayer(
                    lname,
                    [
                        FakeVariable(
                            f"{lname}/kernel:0",
                            rng.standard_normal((n_in, n_out)).astype("float32"),
                        ),
                        FakeVariable(
                            f"{lname}/bias:0", rng.standard_normal(n_out).astype("float32")
                        ),
                    ],
                )
            )

    @property
    def weights(self):
        return [w for layer in self.layers for w in layer.weights]

    def get_weights(self):
        return [w.numpy() for w in self.weights]

    def set_weights(self, values):
        for w, v in zip(self.weights, values):
            w.assign(v)

    def save_weights(self, filepath, overwrite=True):
        from tracekeras.saving import weights_format

        weights_format.save_weights(self, filepath, overwrite=overwrite)

    def load_weights(self, filepath, skip_mismatch=False, by_name=False):
        from tracekeras.saving import weights_format

        weights_format.load_weights(self, filepath, skip_mismatch=skip_mismatch, by_name=by_name)

    def get_config(self):
        return {"name": self.name, "layers": [layer.name for layer in self.layers]}


def run_fit(callbacks, epochs, steps, batch_logs, epoch_logs, val_steps=0, model=None):
    """Drive a CallbackList as ``Model.fit`` does (validation through it too).

    ``batch_logs(epoch, step)`` and ``epoch_logs(epoch)`` give the logs; returns the model.
    """
    model = model or callbacks.model
    model.stop_training = False
    callbacks.on_train_begin()
    last = None
    for epoch in range(epochs):
        callbacks.on_epoch_begin(epoch)
        for step in range(steps):
            callbacks.on_train_batch_begin(step)
            callbacks.on_train_batch_end(step, batch_logs(epoch, step))
            if model.stop_training:
                break
        logs = dict(epoch_logs(epoch))
        if val_steps:
            callbacks.on_test_begin()
            for step in range(val_steps):
                callbacks.on_test_batch_begin(step)
                callbacks.on_test_batch_end(step, {"loss": 1.0})
            callbacks.on_test_end({"loss": logs.get("val_loss", 1.0)})
        callbacks.on_epoch_end(epoch, logs)
        last = logs
        if model.stop_training:
            break
    callbacks.on_train_end(last)
    return model
