"""Seed 004 — "Model.fit vs Sequential.fit": a functional model, fitted.

The model's graph is made when ``Model(inputs=..., outputs=...)`` is created
(``_init_graph_network``), so ``train_step`` goes through ``Functional.call`` ->
``_run_internal_graph``. The article leaves ``data`` and ``labels`` to the
reader; here they are 1,000 random samples with one-hot labels, as in the
Keras functional-API guide of that time.
"""
import numpy as np
from tensorflow.keras.layers import Input, Dense
from tensorflow.keras.models import Model
from tensorflow.keras.utils import to_categorical

data = np.random.random((1000, 784)).astype("float32")
labels = to_categorical(np.random.randint(10, size=(1000, 1)), num_classes=10)

inputs = Input(shape=(784,))
x = Dense(64, activation='relu')(inputs)
x = Dense(64, activation='relu')(x)
predictions = Dense(10, activation='softmax')(x)

model = Model(inputs=inputs, outputs=predictions)
model.compile(optimizer='rmsprop', loss='categorical_crossentropy', metrics=['accuracy'])

model.fit(data, labels)
