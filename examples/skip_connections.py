"""Chapter "Skip connections and node depth": x feeds join three ways (a then b, c, itself).

Run it traced:  python -m tracekeras run examples/skip_connections.py
"""
from tracekeras import layers
from tracekeras.models import Model

x = layers.Input((4,), name="x")
a = layers.Dense(4, name="a")(x)
b = layers.Dense(4, name="b")(a)
c = layers.Dense(4, name="c")(x)
model = Model(x, layers.Concatenate(name="join")([b, c, x]))
model.summary()
