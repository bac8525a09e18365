"""Scripts that use ``tf.distribute`` and the word2vec sampling ops, run by both engines.

Each entry of ``SCRIPTS`` is the source of a small program that writes JSON-safe
facts into the dict ``result``. ``make_fixtures.py`` runs them under real TensorFlow
2.21 with tf_keras 2.21 and stores the results in ``data/tf_distribute.json``;
``test_distribute.py`` runs them under tracekeras's import shim and compares. An
object's address in a message is written ``<ADDR>`` and TensorFlow's module paths
of the strategy classes are cut to their class names (``unaddressed``), so a message
compares by its words.
"""

PRELUDE = '''
import re
import numpy as np
import tensorflow as tf

def unaddressed(text):
    text = re.sub(r"<[\\w.]*\\.(\\w+) object at 0x[0-9a-f]+>", r"<\\1>", str(text))
    return text

def listed(value):
    return np.asarray(value).tolist()

result = {}
'''

STRATEGIES = '''
mirrored = tf.distribute.MirroredStrategy()
one = tf.distribute.OneDeviceStrategy("/cpu:0")
result["mirrored"] = [type(mirrored).__name__, mirrored.num_replicas_in_sync,
                      list(mirrored.extended.worker_devices)]
result["one_device"] = [type(one).__name__, one.num_replicas_in_sync,
                        list(one.extended.worker_devices)]
default = tf.distribute.get_strategy()
result["default"] = [type(default).__name__, default.num_replicas_in_sync]
result["outside"] = [tf.distribute.has_strategy(), tf.distribute.in_cross_replica_context(),
                     tf.distribute.get_replica_context() is not None]
with mirrored.scope() as entered:
    result["inside"] = [tf.distribute.has_strategy(), tf.distribute.in_cross_replica_context(),
                        tf.distribute.get_replica_context() is None,
                        tf.distribute.get_strategy() is mirrored, entered is mirrored]
    with mirrored.scope():
        result["same_scope_again"] = tf.distribute.get_strategy() is mirrored
    try:
        with one.scope():
            pass
    except RuntimeError as exc:
        result["mixing"] = unaddressed(exc)

def in_replica(x):
    context = tf.distribute.get_replica_context()
    return [tf.distribute.has_strategy(), tf.distribute.in_cross_replica_context(),
            context.num_replicas_in_sync, int(context.replica_id_in_sync_group),
            tf.distribute.get_strategy() is mirrored]

result["in_run"] = mirrored.run(in_replica, args=(tf.constant(1.0),))

def scope_in_replica():
    with mirrored.scope():
        pass

try:
    mirrored.run(scope_in_replica)
except RuntimeError as exc:
    result["scope_in_run"] = unaddressed(exc)
'''

RUN_AND_REDUCE = '''
strategy = tf.distribute.MirroredStrategy()
dataset = tf.data.Dataset.from_tensor_slices(tf.range(10.0)).batch(4)
dist_dataset = strategy.experimental_distribute_dataset(dataset)
rows = []
for x in dist_dataset:
    doubled = strategy.run(lambda t: t * 2.0, args=(x,))
    rows.append([listed(doubled),
                 listed(strategy.reduce(tf.distribute.ReduceOp.SUM, doubled, axis=None)),
                 listed(strategy.reduce(tf.distribute.ReduceOp.SUM, doubled, axis=0)),
                 listed(strategy.reduce("MEAN", doubled, axis=0)),
                 len(strategy.experimental_local_results(doubled))])
result["rows"] = rows
iterator = iter(dist_dataset)
result["next"] = listed(next(iterator))
result["kwargs"] = listed(strategy.run(lambda a, b=1.0: a + b, args=(tf.constant(1.0),),
                                       kwargs={"b": tf.constant(2.0)}))
def dataset_fn(input_context):
    batch_size = input_context.get_per_replica_batch_size(8)
    d = tf.data.Dataset.from_tensor_slices(tf.range(16))
    result["input_context"] = [input_context.num_input_pipelines,
                               input_context.input_pipeline_id,
                               input_context.num_replicas_in_sync, batch_size]
    return d.batch(batch_size)
result["from_function"] = [listed(x) for x in
                           strategy.distribute_datasets_from_function(dataset_fn)]
result["reduce_ops"] = [op.value for op in (tf.distribute.ReduceOp.SUM,
                                            tf.distribute.ReduceOp.MEAN)]
'''

AVERAGE_LOSS = '''
per_example = tf.constant([1.0, 2.0, 3.0, 6.0])
result["global"] = float(tf.nn.compute_average_loss(per_example, global_batch_size=8))
result["local"] = float(tf.nn.compute_average_loss(per_example))
result["weighted"] = float(tf.nn.compute_average_loss(
    per_example, sample_weight=tf.constant([1.0, 0.0, 2.0, 1.0]), global_batch_size=4))
result["regularization"] = float(tf.nn.scale_regularization_loss([tf.constant(3.0),
                                                                 tf.constant(1.0)]))
strategy = tf.distribute.MirroredStrategy()
with strategy.scope():
    result["in_scope_global"] = float(tf.nn.compute_average_loss(per_example,
                                                                 global_batch_size=2))
    for call in (lambda: tf.nn.compute_average_loss(per_example),
                 lambda: tf.nn.scale_regularization_loss(tf.constant(1.0))):
        try:
            call()
        except RuntimeError as exc:
            result.setdefault("in_scope", []).append(str(exc))
result["in_run"] = float(strategy.run(lambda: tf.nn.compute_average_loss(per_example)))
for bad in (dict(global_batch_size=2.5), dict(global_batch_size=-1)):
    try:
        tf.nn.compute_average_loss(per_example, **bad)
    except Exception as exc:
        result.setdefault("errors", []).append([type(exc).__name__, str(exc).splitlines()[0]])
'''

MODEL_SCOPES = '''
strategy = tf.distribute.MirroredStrategy()
other = tf.distribute.OneDeviceStrategy("/cpu:0")

def make_model():
    return tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,))])

with strategy.scope():
    model = make_model()
    model.compile(loss="mse", optimizer="adam", metrics=["mae"])
result["model_strategy"] = model.distribute_strategy is strategy
result["created_in_scope"] = [strategy.extended.variable_created_in_scope(v)
                              for v in model.variables]
result["default_created_in_scope"] = [
    tf.distribute.get_strategy().extended.variable_created_in_scope(v) for v in model.variables]
outside = make_model()
result["outside_strategy"] = type(outside.distribute_strategy).__name__
try:
    with strategy.scope():
        outside.compile(loss="mse", optimizer="adam")
except ValueError as exc:
    result["built_outside"] = unaddressed(str(exc).replace(str(outside.variables[0]), "{v}"))
result["built_outside_compiled"] = outside._is_compiled
try:
    with other.scope():
        model.compile(loss="mse", optimizer="adam")
except RuntimeError as exc:
    result["compiled_in_other"] = unaddressed(exc)
mean = tf.keras.metrics.Mean()
with strategy.scope():
    fresh = make_model()
    try:
        fresh.compile(loss="mse", optimizer="adam", metrics=[mean])
    except ValueError as exc:
        result["metric_outside"] = unaddressed(str(exc).replace(str(mean), "{m}"))
with strategy.scope():
    v = tf.Variable(1.0)
result["variable_in_scope"] = [strategy.extended.variable_created_in_scope(v),
                               other.extended.variable_created_in_scope(v),
                               tf.distribute.get_strategy().extended.variable_created_in_scope(v)]
'''

FIT_IN_SCOPE = '''
tf.keras.utils.set_random_seed(1)
x = np.linspace(-1, 1, 48, dtype="float32").reshape(16, 3)
y = (x @ np.array([[1.0], [-2.0], [0.5]], dtype="float32")).astype("float32")
strategy = tf.distribute.MirroredStrategy()
with strategy.scope():
    model = tf.keras.Sequential([tf.keras.layers.Dense(4, activation="relu", input_shape=(3,)),
                                 tf.keras.layers.Dense(1)])
    model.compile(loss="mse", optimizer=tf.keras.optimizers.SGD(0.1))
history = model.fit(x, y, batch_size=8, epochs=3, shuffle=False, verbose=0)
result["loss"] = history.history["loss"]
result["evaluate"] = model.evaluate(x, y, verbose=0)
result["predict"] = listed(model.predict(x[:2], verbose=0))
'''

CUSTOM_LOOP = '''
tf.keras.utils.set_random_seed(2)
GLOBAL_BATCH_SIZE = 4
x = np.linspace(-1, 1, 24, dtype="float32").reshape(8, 3)
y = np.array([0, 1, 1, 0, 1, 0, 0, 1], dtype="int64")
strategy = tf.distribute.MirroredStrategy()
dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(GLOBAL_BATCH_SIZE)
dist_dataset = strategy.experimental_distribute_dataset(dataset)
with strategy.scope():
    model = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,))])
    loss_object = tf.keras.losses.SparseCategoricalCrossentropy(
        from_logits=True, reduction=tf.keras.losses.Reduction.NONE)
    optimizer = tf.keras.optimizers.SGD(0.5)
    train_accuracy = tf.keras.metrics.SparseCategoricalAccuracy(name="train_accuracy")

def compute_loss(labels, predictions):
    per_example_loss = loss_object(labels, predictions)
    return tf.nn.compute_average_loss(per_example_loss, global_batch_size=GLOBAL_BATCH_SIZE)

def train_step(inputs):
    images, labels = inputs
    with tf.GradientTape() as tape:
        predictions = model(images, training=True)
        loss = compute_loss(labels, predictions)
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    train_accuracy.update_state(labels, predictions)
    return loss

@tf.function
def distributed_train_step(dataset_inputs):
    per_replica_losses = strategy.run(train_step, args=(dataset_inputs,))
    return strategy.reduce(tf.distribute.ReduceOp.SUM, per_replica_losses, axis=None)

losses = []
for epoch in range(3):
    total_loss = 0.0
    num_batches = 0
    for batch in dist_dataset:
        total_loss += distributed_train_step(batch)
        num_batches += 1
    losses.append(float(total_loss / num_batches))
result["losses"] = losses
result["accuracy"] = float(train_accuracy.result())
result["kernel"] = listed(model.layers[0].kernel)
'''

SCRIPTS = {"strategies": STRATEGIES, "run_and_reduce": RUN_AND_REDUCE,
           "average_loss": AVERAGE_LOSS, "model_scopes": MODEL_SCOPES,
           "fit_in_scope": FIT_IN_SCOPE, "custom_loop": CUSTOM_LOOP}


def source(name):
    return PRELUDE + SCRIPTS[name]
