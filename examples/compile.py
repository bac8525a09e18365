"""Chapter "What compile does": the seed model compiled, nothing more.

Run it traced:  python -m tracekeras run examples/compile.py
            or  TRACEKERAS_TRACE=compile.trace.jsonl python examples/compile.py
"""
from tracekeras import layers
from tracekeras.models import Sequential

model = Sequential([layers.Dense(512, activation="relu"),
                    layers.Dense(10, activation="softmax")])
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
print("compiled:", model._is_compiled, "built:", model.built)
