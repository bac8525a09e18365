# Writes keras_summaries.json with real tf_keras 2.21 (run from this folder, in a venv with tf-keras==2.21.0).
import os, json
os.environ["TF_CPP_MIN_LOG_LEVEL"]="3"
import numpy as np
import tf_keras as keras
from tf_keras import layers, backend
from tf_keras.models import Sequential, Model
out = {}
def cap(model, **kw):
    lines = []
    model.summary(print_fn=lambda l, **k: lines.append(l), **kw)
    return lines
backend.clear_session()
m = Sequential([layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
m.build(input_shape=(None, 784))
out["seed_sequential"] = cap(m)
out["seed_sequential_trainable"] = cap(m, show_trainable=True)
out["seed_sequential_line80"] = cap(m, line_length=80)
backend.clear_session()
inputs = layers.Input(shape=(784,))
x = layers.Dense(64, activation='relu')(inputs)
x = layers.Dense(64, activation='relu')(x)
p = layers.Dense(10, activation='softmax')(x)
out["s4_functional"] = cap(Model(inputs=inputs, outputs=p))
backend.clear_session()
a = layers.Input((3,), name="a"); b = layers.Input((4,), name="b")
c = layers.Concatenate()([a, b]); o1 = layers.Dense(1, name="o1")(c); o2 = layers.Dense(2, name="o2")(c)
mm = Model([a, b], [o1, o2])
out["multi_io"] = cap(mm)
out["multi_io_names"] = [mm.input_names, mm.output_names, [l.name for l in mm.layers]]
backend.clear_session()
s = Sequential([layers.Dense(4, input_shape=(3,)), layers.Dropout(0.5), layers.Flatten(), layers.Reshape((2, 2)), layers.Activation("tanh")])
out["sequential_misc"] = cap(s)
out["sequential_misc_names"] = [l.name for l in s.layers] + [w.name for w in s.weights] + [s.inputs[0].name]
backend.clear_session()
s = Sequential([layers.Dense(4, input_shape=(3,)), layers.Dense(2)])
s.trainable_layer = None
s.layers[0].trainable = False
out["sequential_frozen"] = cap(s, show_trainable=True)
backend.clear_session()
inner = Sequential([layers.Dense(3, input_shape=(2,)), layers.Dense(2)], name="inner")
outer = Sequential([inner, layers.Dense(1)], name="outer")
out["nested"] = cap(outer)
out["nested_expanded"] = cap(outer, expand_nested=True)
json.dump(out, open("keras_summaries.json", "w"), indent=1)
print("ok")
