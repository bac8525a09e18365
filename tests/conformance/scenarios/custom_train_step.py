"""A Model subclass with its own ``train_step`` (GradientTape, compiled_loss,
optimizer.apply_gradients, compiled_metrics), as in the Keras guide "Customizing
what happens in fit()"."""
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class CustomModel(keras.Model):
    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compiled_loss(y, y_pred, regularization_losses=self.losses)
        gradients = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(gradients, self.trainable_variables))
        self.compiled_metrics.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}


rng = np.random.default_rng(41)
x = rng.random((30, 4), dtype="float32")
y = rng.random((30, 1), dtype="float32")
inputs = keras.Input(shape=(4,))
outputs = layers.Dense(1)(layers.Dense(5, activation="relu")(inputs))
model = CustomModel(inputs, outputs)
model.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
model.fit(x, y, epochs=2, batch_size=10, verbose=0, shuffle=False)
