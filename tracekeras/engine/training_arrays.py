"""Keras 2.2's training loop over NumPy arrays: ``fit_loop``, ``test_loop``, ``predict_loop``.

What it owns: the loop ``Model.fit`` delegated to before TensorFlow 2 (and
still does after ``tf.compat.v1.disable_eager_execution()``), the way the
older Keras articles walk through it::

    f = model.train_function                  # Model._make_train_function
    callbacks.set_model(model); callbacks.set_params({batch_size, epochs, steps,
        samples, verbose, do_validation, metrics})
    callbacks.on_train_begin()
    for epoch in range(initial_epoch, epochs):
        model.reset_metrics(); callbacks.on_epoch_begin(epoch)
        index_array = batch_shuffle(...) or a full shuffle (or neither)
        for batch_index, (start, end) in enumerate(make_batches(samples, batch_size)):
            ins_batch = slice_arrays(ins, index_array[start:end])
            batch_logs = {"batch": batch_index, "size": end - start}
            callbacks.on_batch_begin(batch_index, batch_logs)
            outs = f(ins_batch)                # backend Function._call
            batch_logs.update(zip(out_labels, outs))
            totals = [t + o * len(batch_ids) for t, o in zip(totals, outs)]
            seen += len(batch_ids)
            callbacks.on_batch_end(batch_index, batch_logs)
            last batch: test_loop on the validation arrays -> epoch_logs["val_" + name]
                (callbacks.on_test_begin, each test batch's hooks, on_test_end)
        callbacks.on_epoch_end(epoch, epoch_logs)   # BaseLogger averages by "size"
    callbacks.on_train_end()

What it receives: the model and the arguments of ``Model.fit`` /
``evaluate`` / ``predict`` (NumPy arrays only, as in Keras 2.2). What it hands
on: ``model.history``, the evaluate results, the stacked predictions.

The numbers follow what tf_keras 2.21 gives in this mode (its v1 graph loop):
the metrics are reset when an epoch starts and then keep counting, so a
batch's logs carry the *running* value of each metric and per-output loss,
but the ``loss`` of that batch alone; ``BaseLogger`` averages only ``loss``
(weighted by ``size``) and keeps the last running value of everything else.
The Keras 2.2 articles describe TensorFlow 1's loop, where each batch reported
its own metric values and BaseLogger averaged them all.

Trace events: ``keras.engine.training_arrays.fit_loop`` and friends, the
helpers ``make_batches``/``batch_shuffle``/``slice_arrays``, the callback
hooks, and the backend ``Function.__call__``/``_call`` per batch (steps fold).
"""
import numpy as np

from tracekeras import callbacks as cbks
from tracekeras import tracing
from tracekeras.backend import floatx
from tracekeras.backend.function import Function
from tracekeras.engine.data_adapter import unpack_x_y_sample_weight
from tracekeras.engine.training_utils import get_verbosity

EPOCH = "keras.engine.training_arrays.fit_loop.<epoch>"
BATCH = "keras.engine.training_arrays.fit_loop.<batch>"   # fit_loop walks its own batches


# -- the helpers the loop names ---------------------------------------------------
@tracing.traced("data", name="keras.engine.training_utils.make_batches",
                args=lambda size, batch_size: {"samples": size, "batch_size": batch_size},
                result=lambda ret: {"batches": len(ret),
                                    "last_batch": ret[-1][1] - ret[-1][0] if ret else 0})
def make_batches(size, batch_size):
    """(start, end) index pairs covering ``size`` samples; the last batch may be short."""
    count = int(np.ceil(size / float(batch_size)))
    return [(i * batch_size, min(size, (i + 1) * batch_size)) for i in range(count)]


@tracing.traced("data", name="keras.engine.training_utils.batch_shuffle",
                args=lambda index_array, batch_size: {"batch_size": batch_size})
def batch_shuffle(index_array, batch_size):
    """Shuffle whole batches, keeping each batch's samples together (for HDF5 data)."""
    batch_count = len(index_array) // batch_size
    last = index_array[batch_count * batch_size:]
    full = index_array[:batch_count * batch_size].reshape((batch_count, batch_size))
    np.random.shuffle(full)       # NumPy's global generator, as Keras's v1 loop
    return np.append(full.flatten(), last)


@tracing.traced("data", name="keras.utils.generic_utils.slice_arrays", level="steps",
                args=lambda arrays, indices: {"rows": len(indices)})
def slice_arrays(arrays, indices):
    return [None if a is None else a[indices] for a in arrays]


# -- the graph functions (Model._make_*_function in Keras 2.2) ---------------------
def as_list(x):
    if x is None:
        return []
    return list(x) if isinstance(x, (list, tuple)) else [x]


def feed_layout(model, x, y, sample_weight):
    """The flat list of input arrays (x, then y, then sample weights) and how to regroup it."""
    xs, ys = as_list(x), as_list(y)
    sws = as_list(sample_weight)
    return xs + ys + sws, (len(xs), len(ys), len(sws))


def regroup(feeds, layout):
    nx, ny, nsw = layout
    xs, ys, sws = feeds[:nx], feeds[nx:nx + ny], feeds[nx + ny:]

    def one(items):
        return None if not items else (items[0] if len(items) == 1 else list(items))

    return one(xs), one(ys), one(sws)


@tracing.traced("function", name="keras.engine.training.Model._make_train_function")
def make_train_function(model, layout):
    return batch_function(model, model.train_step, layout, "train_function")


@tracing.traced("function", name="keras.engine.training.Model._make_test_function")
def make_test_function(model, layout):
    return batch_function(model, model.test_step, layout, "test_function")


def batch_function(model, step, layout, name):
    """A backend Function running ``step`` on one batch: the batch's loss, the running metrics.

    The loop resets the metrics when an epoch (or ``test_loop``) starts; between
    batches they keep counting, so each batch returns the running value of
    every metric and, as Keras's v1 graph function does, the loss of this batch
    alone.
    """
    def run(feeds):
        if model.compiled_loss.built:
            model.compiled_loss.metrics[0].reset_state()     # "loss": this batch's alone
        logs = step(regroup(feeds, layout))
        return [float(np.asarray(logs[metric])) for metric in model.metrics_names]
    return Function([floatx()] * sum(layout), run, name=name)


@tracing.traced("function", name="keras.engine.training.Model._make_predict_function")
def make_predict_function(model, n_inputs):
    def run(feeds):
        out = model.predict_step((feeds[0] if n_inputs == 1 else feeds,))
        return [np.asarray(o.value if hasattr(o, "value") else o) for o in as_list(out)]
    return Function([floatx()] * n_inputs, run, name="predict_function")


@tracing.traced("data", name="keras.engine.training.Model._standardize_user_data",
                args=lambda model, x, y, sample_weight: {"samples": len(as_list(x)[0])})
def standardize_user_data(model, x, y, sample_weight):
    """Check the arrays, then build whatever the graph needs (layers, loss and metric objects)."""
    for a in as_list(x) + as_list(y) + as_list(sample_weight):
        if not isinstance(a, np.ndarray):
            raise TypeError("The Keras 2.2 loop (`disable_eager_execution()`) takes NumPy arrays "
                            f"only. Received: {type(a).__name__}")
    sizes = {len(a) for a in as_list(x) + as_list(y) + as_list(sample_weight)}
    if len(sizes) > 1:
        raise ValueError(f"All input arrays (x) and target arrays (y) should have the same number "
                         f"of samples. Got array sizes: {sorted(sizes)}")
    if y is not None and not (model.compiled_loss.built and model.compiled_metrics.built):
        first = [a[:1] for a in as_list(x)]
        y_pred = model(first[0] if len(first) == 1 else first, training=False)
        y_first = [a[:1] for a in as_list(y)]
        y_first = y_first[0] if len(y_first) == 1 else y_first
        model.compiled_loss.build(y_pred)
        model.compiled_metrics.build(
            y_pred, model.compiled_metrics._conform_to_outputs(y_pred, y_first))


# -- the loops ------------------------------------------------------------------
def callback_list(model, callbacks, verbose, count_mode="samples"):
    """Keras 2.2's container: BaseLogger, the progress bar, the user's, then History.

    Every name but ``loss`` is stateful (a running mean the loop resets each
    epoch), so BaseLogger and the progress bar show it as it is and average only
    the loss, as ``configure_callbacks`` arranges it in tf_keras's v1 loop.
    """
    model.history = cbks.History()
    stateful = list(model.metrics_names[1:])
    items = [cbks.BaseLogger(stateful_metrics=stateful)]
    if verbose:
        items.append(cbks.ProgbarLogger(count_mode=count_mode, stateful_metrics=stateful))
    items += list(callbacks or []) + [model.history]
    return cbks.CallbackList(items)


@tracing.traced("fit",
                args=lambda model, f, ins, out_labels, batch_size, epochs, **k: {
                    "samples": len(ins[0]), "batch_size": batch_size, "epochs": epochs,
                    "out_labels": out_labels, "shuffle": k.get("shuffle")})
def fit_loop(model, f, ins, out_labels, batch_size, epochs, verbose=1, callbacks=None,
             val_f=None, val_ins=None, shuffle=True, initial_epoch=0):
    samples = len(ins[0])
    do_validation = bool(val_f and val_ins)
    if do_validation and verbose:
        print(f"Train on {samples} samples, validate on {len(val_ins[0])} samples")
    elif verbose:
        print(f"Train on {samples} samples")
    val_labels = ["val_" + n for n in out_labels] if do_validation else []
    callback_metrics = list(out_labels) + val_labels
    callbacks = callback_list(model, callbacks, verbose)
    callbacks.set_model(model)
    callbacks.set_params({"batch_size": batch_size, "epochs": epochs, "steps": None,
                          "samples": samples, "verbose": verbose,
                          "do_validation": do_validation, "metrics": callback_metrics})
    model.stop_training = False
    callbacks.on_train_begin()
    index_array = np.arange(samples)
    for epoch in range(initial_epoch, epochs):
        with tracing.epoch_scope(EPOCH, "fit", epoch):
            epoch_logs = run_epoch(model, f, ins, out_labels, batch_size, epoch, callbacks,
                                   index_array, shuffle, val_f, val_ins)
            callbacks.on_epoch_end(epoch, epoch_logs)
        if model.stop_training:
            break
    callbacks.on_train_end()
    return model.history


def run_epoch(model, f, ins, out_labels, batch_size, epoch, callbacks, index_array, shuffle,
              val_f, val_ins):
    """One epoch of ``fit_loop``: shuffle, slice, feed ``f``, validate after the last batch."""
    model.reset_metrics()
    callbacks.on_epoch_begin(epoch)
    if shuffle == "batch":
        index_array = batch_shuffle(index_array, batch_size)
    elif shuffle:
        np.random.shuffle(index_array)   # NumPy's global generator, as Keras's v1 loop
    batches = make_batches(len(index_array), batch_size)
    epoch_logs = {}
    totals, seen = [0.0] * len(out_labels), 0
    for batch_index, (start, end) in enumerate(batches):
        with tracing.step_scope("train", epoch, batch_index, name=BATCH,
                                last=batch_index == len(batches) - 1):
            batch_ids = index_array[start:end]
            ins_batch = slice_arrays(ins, batch_ids)
            batch_logs = {"batch": batch_index, "size": len(batch_ids)}
            callbacks.on_batch_begin(batch_index, batch_logs)
            outs = f(ins_batch)
            batch_logs.update(zip(out_labels, outs))
            totals = [t + o * len(batch_ids) for t, o in zip(totals, outs)]
            seen += len(batch_ids)
            last = outs
            callbacks.on_batch_end(batch_index, batch_logs)
            if model.stop_training:
                tracing.stop_requested()
                break
        if batch_index == len(batches) - 1:
            # the epoch's training results first (BaseLogger finds the same): the loss
            # averaged over the samples, every other name its running value
            epoch_logs.update({name: t / seen if i == 0 else value for i, (name, t, value)
                               in enumerate(zip(out_labels, totals, last))})
        if batch_index == len(batches) - 1 and val_f and val_ins:
            val_outs = test_loop(model, val_f, val_ins, batch_size=batch_size, verbose=0,
                                 callbacks=callbacks)
            epoch_logs.update({"val_" + name: value for name, value in zip(out_labels, val_outs)})
    return epoch_logs


def loop_callbacks(model, callbacks, samples, batch_size, verbose, mode):
    """The CallbackList an evaluate or predict loop calls (tf_keras's v1 loop, mode test or
    predict): fit's own during validation, else a new one of no callbacks, its params set."""
    if callbacks is not None:
        return callbacks
    callbacks = cbks.CallbackList([])
    callbacks.set_model(model)
    callbacks.set_params({"batch_size": batch_size, "epochs": 1, "steps": None,
                          "samples": samples, "verbose": verbose, "do_validation": False,
                          "metrics": list(model.metrics_names) if mode == "test" else []})
    return callbacks


@tracing.traced("evaluate",
                args=lambda model, f, ins, batch_size=None, verbose=0, callbacks=None: {
                    "samples": len(ins[0]), "batch_size": batch_size})
def test_loop(model, f, ins, batch_size=None, verbose=0, callbacks=None):
    """The loss averaged over the samples; the metrics' values after the last batch.

    As in tf_keras's v1 loop, the callbacks (fit's during validation) hear
    ``on_test_begin``/``on_test_end`` and each batch's hooks with its logs."""
    samples = len(ins[0])
    totals = None
    model.reset_metrics()
    callbacks = loop_callbacks(model, callbacks, samples, batch_size, verbose, "test")
    callbacks.on_test_begin()
    names = list(model.metrics_names)
    with tracing.epoch_scope(EPOCH, "evaluate"):
        batches = make_batches(samples, batch_size)
        for batch_index, (start, end) in enumerate(batches):
            with tracing.step_scope("test", None, batch_index, name=BATCH,
                                    last=batch_index == len(batches) - 1):
                batch_logs = {"batch": batch_index, "size": end - start}
                callbacks._call_batch_hook("test", "begin", batch_index, batch_logs)
                outs = f(slice_arrays(ins, np.arange(start, end)))
                loss = outs[0] * (end - start)
                totals = loss if totals is None else totals + loss
                batch_logs.update(zip(names, outs))
                callbacks._call_batch_hook("test", "end", batch_index, batch_logs)
    callbacks.on_test_end()   # no logs, as tf_keras's v1 loop calls it
    return [totals / samples] + list(outs[1:])


@tracing.traced("predict",
                args=lambda model, f, ins, batch_size=32, verbose=0, callbacks=None: {
                    "samples": len(ins[0]), "batch_size": batch_size})
def predict_loop(model, f, ins, batch_size=32, verbose=0, callbacks=None):
    samples = len(ins[0])
    outs = []
    callbacks = loop_callbacks(model, callbacks, samples, batch_size, verbose, "predict")
    callbacks.on_predict_begin()
    with tracing.epoch_scope(EPOCH, "predict"):
        batches = make_batches(samples, batch_size)
        for batch_index, (start, end) in enumerate(batches):
            with tracing.step_scope("predict", None, batch_index, name=BATCH,
                                    last=batch_index == len(batches) - 1):
                batch_logs = {"batch": batch_index, "size": end - start}
                callbacks._call_batch_hook("predict", "begin", batch_index, batch_logs)
                outs.append(f(slice_arrays(ins, np.arange(start, end))))
                batch_logs["outputs"] = outs[-1]
                callbacks._call_batch_hook("predict", "end", batch_index, batch_logs)
    callbacks.on_predict_end()
    stacked = [np.concatenate([batch[i] for batch in outs]) for i in range(len(outs[0]))]
    return stacked[0] if len(stacked) == 1 else stacked


# -- what Model.fit / evaluate / predict do before delegating (Keras 2.2) ------------------
def fit(model, x, y, batch_size, epochs, verbose, callbacks, validation_split, validation_data,
        shuffle, sample_weight, initial_epoch):
    """Keras 2.2's ``Model.fit``: standardize the arrays, make the functions, run ``fit_loop``."""
    batch_size = batch_size or 32
    verbose = get_verbosity(verbose)
    val_ins = None
    if validation_data is not None:
        vx, vy, vsw = unpack_x_y_sample_weight(validation_data)
        standardize_user_data(model, vx, vy, vsw)
        val_ins = feed_layout(model, vx, vy, vsw)[0]
    elif validation_split:
        split_at = int(len(as_list(x)[0]) * (1.0 - validation_split))

        def cut(s, part):
            return [None if v is None else (v[:split_at] if part == 0 else v[split_at:])
                    for v in as_list(s)]

        vx, vy, vsw = cut(x, 1), cut(y, 1), cut(sample_weight, 1)
        x, y, sample_weight = cut(x, 0), cut(y, 0), cut(sample_weight, 0) or None
        val_ins = vx + vy + (vsw if sample_weight is not None else [])
    standardize_user_data(model, x, y, sample_weight)
    ins, layout = feed_layout(model, x, y, sample_weight)
    f = make_train_function(model, layout)
    val_f = None
    if val_ins is not None:
        val_layout = (layout[0], layout[1], len(val_ins) - layout[0] - layout[1])
        val_f = make_test_function(model, val_layout)
    return fit_loop(model, f, ins, list(model.metrics_names), batch_size, epochs,
                    verbose=verbose, callbacks=callbacks, val_f=val_f, val_ins=val_ins,
                    shuffle=shuffle, initial_epoch=initial_epoch)


def evaluate(model, x, y, batch_size, verbose, sample_weight, return_dict):
    """Keras 2.2's ``Model.evaluate``: the metrics' size-weighted means from ``test_loop``."""
    standardize_user_data(model, x, y, sample_weight)
    ins, layout = feed_layout(model, x, y, sample_weight)
    outs = test_loop(model, make_test_function(model, layout), ins,
                     batch_size=batch_size or 32, verbose=get_verbosity(verbose))
    if return_dict:
        return dict(zip(model.metrics_names, outs))
    return outs[0] if len(outs) == 1 else outs


def predict(model, x, batch_size, verbose):
    """Keras 2.2's ``Model.predict``: ``predict_loop`` over the input arrays."""
    xs = as_list(x)
    standardize_user_data(model, x, None, None)
    return predict_loop(model, make_predict_function(model, len(xs)), xs,
                        batch_size=batch_size or 32, verbose=get_verbosity(verbose))
