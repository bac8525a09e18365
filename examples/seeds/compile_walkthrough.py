"""Seed 003 — "Compiler": what ``model.compile`` does, then a build after compile.

``can_jit_compile``, ``_compile_config``, ``distribute_strategy.scope``,
``_validate_compile``, ``_get_optimizer`` -> ``optimizers.get`` ->
``deserialize_keras_object`` ("rmsprop" -> RMSprop), ``LossesContainer``,
``MetricsContainer``, ``_is_compiled``; then ``build`` (which works after
compile as well as before).
"""
from tensorflow.keras.models import Sequential
from tensorflow.keras import layers

# build the model
model = Sequential([
    layers.Dense(512, activation="relu")
])

# compile the model
model.compile(optimizer="rmsprop",
              loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])

model.build(input_shape=(None, 784))
