"""Chapter "Customizing train_step": a Functional model with its own train_step.

The step does by hand what the default one does: the forward pass under a tape,
compute_loss, the gradients applied, compute_metrics. Run it traced:
    python -m tracekeras run examples/custom_train_step.py
"""
import numpy as np

from tracekeras import layers
from tracekeras.backend import GradientTape
from tracekeras.models import Model


class ByHand(Model):
    def train_step(self, data):
        x, y = data
        with GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x, y, y_pred)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        return self.compute_metrics(x, y, y_pred, None)


rng = np.random.default_rng(0)
x = rng.random((64, 4), dtype="float32")
y = x @ np.array([[1.0], [2.0], [-1.0], [0.5]], dtype="float32")
inputs = layers.Input((4,))
model = ByHand(inputs, layers.Dense(1)(inputs))
model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
model.fit(x, y, epochs=2, batch_size=32, verbose=2)
