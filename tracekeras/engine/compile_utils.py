"""The loss and metric containers that ``Model.compile`` builds.

What it owns: ``LossesContainer`` (``model.compiled_loss``) and
``MetricsContainer`` (``model.compiled_metrics``), the objects that turn what a
user passed to ``compile`` (strings, functions, ``Loss``/``Metric`` objects, lists
or dicts of them) into callables matched to the model's outputs.

What it receives: the ``loss``, ``loss_weights``, ``metrics`` and
``weighted_metrics`` arguments of ``compile`` and the output names; then, on the
first train step, the first batch of targets and predictions.

What it hands on: ``LossesContainer.__call__`` returns the total loss (a backend
Tensor the tape differentiates) and keeps the running mean of it in a ``Mean``
metric named ``loss``; ``MetricsContainer.update_state`` updates every metric.

Both containers build lazily, on the first step, as Keras's do: that is when
the strings are resolved (``deserialize_keras_object`` appears inside the first
train step of a trace) and when ``"accuracy"`` becomes binary, categorical or
sparse categorical accuracy, which depends on the shapes of the targets and
predictions. Trace events: the ``__init__`` spans (stage compile), ``__call__``
(loss) and ``update_state`` (metrics), with the resolved objects noted.
"""
import numpy as np

from tracekeras import losses as losses_mod
from tracekeras import metrics as metrics_mod
from tracekeras import tracing
from tracekeras.backend import ops
from tracekeras.backend.tensor import Tensor, convert
from tracekeras.compat import v1
from tracekeras.utils.nest import flatten, is_nested

ACCURACY_NAMES = ("accuracy", "acc")
CROSSENTROPY_NAMES = ("crossentropy", "ce")


def custom_object_name(obj):
    """The name Keras gives a loss or metric the user passed as an object."""
    if hasattr(obj, "name"):
        return obj.name
    if hasattr(obj, "__name__"):
        return obj.__name__
    if hasattr(obj, "__class__"):
        return type(obj).__name__
    return None


class Container:
    """What both containers share: fitting user structures to the model's outputs."""

    def __init__(self, output_names=None):
        self.output_names = output_names

    def build(self, y_pred):
        if self.output_names is None:
            self.output_names = [f"output_{i + 1}" for i in range(len(flatten(y_pred)))]

    def _conform_to_outputs(self, outputs, struct):
        """Lay ``struct`` out like the flat list of outputs (dicts keyed by output name)."""
        n = len(flatten(outputs))
        if isinstance(struct, dict) and isinstance(outputs, dict):
            # dict outputs: one entry per output key, in the order ``flatten`` lays them out
            unknown = sorted(set(struct) - set(outputs))
            if unknown:
                raise ValueError(f"Found unexpected keys that do not correspond to any Model "
                                 f"output: {unknown}. Expected: {sorted(outputs)}")
            return [struct.get(key) for key in sorted(outputs)]
        if isinstance(struct, dict) and not isinstance(outputs, dict):
            unknown = sorted(set(struct) - set(self.output_names))
            if unknown:
                raise ValueError(f"Found unexpected keys that do not correspond to any Model "
                                 f"output: {unknown}. Expected: {self.output_names}")
            return [struct.get(name) for name in self.output_names]
        if isinstance(struct, (list, tuple)) and n == 1 and len(struct) == 1:
            return list(struct)
        return struct

    def _maybe_broadcast_to_outputs(self, outputs, objects):
        """One non-nested object serves every output."""
        if not is_nested(objects):
            return [objects for _ in flatten(outputs)]
        return objects


class LossesContainer(Container):
    """``model.compiled_loss``: the user's losses, matched to outputs, summed."""

    @tracing.traced("compile",
                    args=lambda self, losses, loss_weights=None, output_names=None: {
                        "losses": describe(losses), "loss_weights": loss_weights})
    def __init__(self, losses, loss_weights=None, output_names=None):
        super().__init__(output_names=output_names)
        self._user_losses = losses
        self._losses = losses
        self._loss_weights = loss_weights
        self._per_output_metrics = None
        self._total_loss_mean = metrics_mod.Mean(name="loss")
        self.built = False

    @property
    def metrics(self):
        if not self.built:
            return []
        return [self._total_loss_mean] + [m for m in self._per_output_metrics if m is not None]

    def build(self, y_pred):
        super().build(y_pred)
        losses = self._conform_to_outputs(
            y_pred, self._maybe_broadcast_to_outputs(y_pred, self._losses))
        self._losses = [self._get_loss_object(loss) for loss in flatten(losses)]
        weights = self._loss_weights
        weights = self._conform_to_outputs(
            y_pred, self._maybe_broadcast_to_outputs(y_pred, weights))
        self._loss_weights = flatten(weights)
        self._create_metrics()
        self.built = True
        tracing.note(resolved=[describe(loss) for loss in self._losses])

    def _create_metrics(self):
        if len(self.output_names) == 1:
            self._per_output_metrics = [None]
        else:
            self._per_output_metrics = [
                None if loss is None else metrics_mod.Mean(name=f"{name}_loss")
                for loss, name in zip(self._losses, self.output_names)]

    def _get_loss_object(self, loss):
        if loss is None:
            return None
        loss = losses_mod.get(loss)
        if not isinstance(loss, losses_mod.Loss):
            name = custom_object_name(loss)
            if name is None:
                raise ValueError(f"Loss should be a callable, received: {loss}")
            loss = losses_mod.LossFunctionWrapper(loss, name=name)
        return loss

    @tracing.traced("loss")
    def __call__(self, y_true, y_pred, sample_weight=None, regularization_losses=None):
        y_true = self._conform_to_outputs(y_pred, y_true)
        sample_weight = self._conform_to_outputs(y_pred, sample_weight)
        if not self.built:
            self.build(y_pred)
        y_pred, y_true = flatten(y_pred), flatten(y_true)
        sample_weight = flatten(sample_weight)
        if len(sample_weight) == 1 and len(y_pred) > 1:
            sample_weight = sample_weight * len(y_pred)
        loss_values, mean_values, batch_dim = [], [], None
        for y_t, y_p, sw, loss_obj, weight, metric in zip(
                y_true, y_pred, sample_weight, self._losses, self._loss_weights,
                self._per_output_metrics):
            if y_t is None or loss_obj is None:
                continue
            y_t, y_p, sw = match_dtype_and_rank(y_t, y_p, sw)
            value = loss_obj(y_t, y_p, sample_weight=sw)
            if batch_dim is None:
                batch_dim = np.shape(y_t)[0]
            if metric is not None:   # tf_keras's v1 graph functions count each batch once
                metric.update_state(value.value,
                                    sample_weight=batch_dim if v1.executing_eagerly() else None)
            if weight is not None:
                value = ops.multiply(value, weight)
            loss_values.append(value)
            mean_values.append(value.value)
        if regularization_losses:
            reg = regularization_losses[0]
            for extra in regularization_losses[1:]:
                reg = ops.add(reg, extra)
            loss_values.append(convert(reg))
            mean_values.append(convert(reg).value)
        if not loss_values:
            return None
        total = loss_values[0]
        for value in loss_values[1:]:
            total = ops.add(total, value)
        # added as tf.add_n adds them: a per-sample loss from add_loss (a CTC endpoint's
        # (batch, 1)) stays per sample, and the mean metric averages its entries
        mean_value = mean_values[0]
        for value in mean_values[1:]:
            mean_value = np.add(mean_value, value)
        self._total_loss_mean.update_state(np.asarray(mean_value, dtype=total.value.dtype),
                                           sample_weight=batch_dim)
        return total

    def reset_state(self):
        for metric in self.metrics:
            metric.reset_state()


class MetricsContainer(Container):
    """``model.compiled_metrics``: the user's metrics, resolved on the first step."""

    @tracing.traced("compile",
                    args=lambda self, metrics=None, weighted_metrics=None, output_names=None: {
                        "metrics": describe(metrics),
                        "weighted_metrics": describe(weighted_metrics)})
    def __init__(self, metrics=None, weighted_metrics=None, output_names=None):
        super().__init__(output_names=output_names)
        self._check_duplicated_metrics(metrics, weighted_metrics)
        self._user_metrics = metrics
        self._user_weighted_metrics = weighted_metrics
        self._metrics = metrics
        self._weighted_metrics = weighted_metrics
        self._metrics_in_order = []
        self.built = False

    def _check_duplicated_metrics(self, metrics, weighted_metrics):
        """One Metric object given twice would be updated twice a step: Keras refuses it here.

        Two metrics that would get the same name are found by Keras on the first
        step (``_set_metric_names``); the names are known now, so the same rule
        runs now, before anything is trained.
        """
        seen, duplicated = set(), []
        for metric in flatten(metrics) + flatten(weighted_metrics):
            if isinstance(metric, metrics_mod.Metric):
                if id(metric) in seen:
                    duplicated.append(metric)
                seen.add(id(metric))
        if duplicated:
            raise ValueError("Found duplicated metrics object in the user provided metrics and "
                             "weighted metrics. This will cause the same metric object to be "
                             "updated multiple times, and report wrong results. \n"
                             f"Duplicated items: {duplicated}")
        groups = per_output_groups(metrics), per_output_groups(weighted_metrics)
        if groups == (None, None):     # plain lists: every output gets the same two lists
            outputs, pairs = [""], [(flatten(metrics), flatten(weighted_metrics))]
        elif isinstance(metrics, dict) or isinstance(weighted_metrics, dict):
            outputs = list(dict.fromkeys([*(metrics or {}), *(weighted_metrics or {})]))
            pairs = [(flatten((metrics or {}).get(k)), flatten((weighted_metrics or {}).get(k)))
                     for k in outputs]
        else:
            metric_lists, weighted_lists = groups[0] or [], groups[1] or []
            count = max(len(metric_lists), len(weighted_lists))
            pad = [None] * count
            pairs = [(flatten(m), flatten(w)) for m, w in zip((metric_lists + pad)[:count],
                                                              (weighted_lists + pad)[:count])]
            outputs = (self.output_names if self.output_names and len(self.output_names) == count
                       else [f"output_{i + 1}" for i in range(count)])
        names = [([spec_name(m) for m in ms if m is not None],
                  [spec_name(m) for m in ws if m is not None]) for ms, ws in pairs]
        unique_metric_names(outputs, names, multi_output=len(outputs) > 1)

    def check_names(self):
        """Resolve every metric name now, so an unknown one fails before the first update
        (Keras finds it while tracing the first step, after nothing else has changed)."""
        if self.built:
            return
        for metric in flatten(self._user_metrics) + flatten(self._user_weighted_metrics):
            if (isinstance(metric, str)
                    and metric.lower() not in ACCURACY_NAMES + CROSSENTROPY_NAMES):
                metrics_mod.get(metric)   # Keras's "Unknown metric function: ..." error

    @property
    def metrics(self):
        return list(self._metrics_in_order) if self.built else []

    def build(self, y_pred, y_true):
        super().build(y_pred)
        self._metrics = self.resolve(self._metrics, y_true, y_pred)
        self._weighted_metrics = self.resolve(self._weighted_metrics, y_true, y_pred,
                                              weighted=True)
        self._set_metric_names()
        self._metrics_in_order = [m for ms, ws in zip(self._metrics, self._weighted_metrics)
                                  for m in ms + ws]   # output by output, as Keras orders them
        self.built = True
        # each metric, by its final name, and the function it wraps (or its class)
        tracing.note(resolved={m.name: getattr(getattr(m, "_fn", None), "__name__", None)
                               or type(m).__name__ for m in self._metrics_in_order})

    def resolve(self, metrics, y_true, y_pred, weighted=False):
        """One list of Metric objects per output."""
        outputs = flatten(y_pred)
        targets = flatten(y_true)
        if metrics is None:
            return [[] for _ in outputs]
        # a list of lists gives each output its list (one output too: ``[["mae"]]``, as a
        # legacy .h5 file's training_config holds it)
        if isinstance(metrics, dict) or (is_nested(metrics) and len(metrics) == len(outputs)
                                         and any(is_nested(m) for m in metrics)):
            per_output = self._conform_to_outputs(y_pred, metrics)
        else:
            per_output = [metrics for _ in outputs]
        lists = []
        for spec, y_t, y_p in zip(per_output, targets, outputs):
            spec = [] if spec is None else (list(spec) if is_nested(spec) else [spec])
            objs = [self._get_metric_object(m, y_t, y_p) for m in spec]
            lists.append([m for m in objs if m is not None])
        return lists

    def _get_metric_object(self, metric, y_t, y_p):
        """A string, function or Metric -> a Metric; "accuracy" chosen from the shapes."""
        if metric is None:
            return None
        key = str(metric).lower() if isinstance(metric, str) else None
        if key in ACCURACY_NAMES + CROSSENTROPY_NAMES:
            t_shape, p_shape = np.shape(y_t), np.shape(y_p)
            is_binary = p_shape[-1] == 1
            is_sparse = len(t_shape) < len(p_shape) or (t_shape[-1] == 1 and p_shape[-1] > 1)
            kind = "binary" if is_binary else ("sparse_categorical" if is_sparse else "categorical")
            suffix = "accuracy" if key in ACCURACY_NAMES else "crossentropy"
            fn = getattr(metrics_mod, f"{kind}_{suffix}")
        else:
            fn = metrics_mod.get(metric)
        if isinstance(fn, metrics_mod.Metric):
            return fn
        name = metric if isinstance(metric, str) else custom_object_name(metric)
        if name is None:
            raise ValueError(f"Metric should be a callable, received: {metric}")
        return metrics_mod.MeanMetricWrapper(fn, name=name)

    def _set_metric_names(self):
        """Keras's names: the output name first when there are several outputs, and a
        weighted metric whose name is taken gets ``weighted_`` before it."""
        names = [([m.name for m in ms], [m.name for m in ws])
                 for ms, ws in zip(self._metrics, self._weighted_metrics)]
        renamed = unique_metric_names(self.output_names, names,
                                      multi_output=len(self.output_names) > 1)
        for (ms, ws), (m_names, w_names) in zip(zip(self._metrics, self._weighted_metrics),
                                                renamed):
            for metric, name in zip(ms + ws, m_names + w_names):
                metric.name = name

    @tracing.traced("metrics")
    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = self._conform_to_outputs(y_pred, y_true)
        sample_weight = self._conform_to_outputs(y_pred, sample_weight)
        if not self.built:
            self.build(y_pred, y_true)
        y_pred, y_true = flatten(y_pred), flatten(y_true)
        sample_weight = flatten(sample_weight)
        if len(sample_weight) == 1 and len(y_pred) > 1:
            sample_weight = sample_weight * len(y_pred)
        for i, (y_t, y_p, sw) in enumerate(zip(y_true, y_pred, sample_weight)):
            if y_t is None:
                continue
            mask = getattr(y_p, "keras_mask", None)   # Keras's losses_utils.get_mask
            y_t, y_p, sw = match_dtype_and_rank(y_t, y_p, sw)
            if mask is not None:
                mask = np.asarray(getattr(mask, "value", mask), dtype=y_p.dtype)
                sw = apply_mask(sw, mask)
            for metric in self._metrics[i]:
                metric.update_state(y_t, y_p, sample_weight=mask)
            for metric in self._weighted_metrics[i]:
                metric.update_state(y_t, y_p, sample_weight=sw)

    def reset_state(self):
        for metric in self.metrics:
            metric.reset_state()


def per_output_groups(metrics):
    """The per-output lists of a dict or a list of lists (their names are prefixed apart)."""
    if isinstance(metrics, dict):
        return list(metrics.values())
    if isinstance(metrics, (list, tuple)) and any(is_nested(m) for m in metrics):
        return list(metrics)
    return None


def spec_name(metric):
    """The name a metric given to ``compile`` will have: a string names itself."""
    return metric if isinstance(metric, str) else custom_object_name(metric)


def unique_metric_names(output_names, names, multi_output):
    """Keras's naming rule for compiled metrics, on ``(names, weighted_names)`` per output.

    With several outputs each name gets its output's name before it. A
    weighted metric whose name is already taken is renamed ``weighted_<name>``
    (``<output>_weighted_<name>``); a name still taken is an error.
    """
    taken, renamed = set(), []
    for output, (metric_names, weighted_names) in zip(output_names, names):
        plain = []
        for name in metric_names:
            name = f"{output}_{name}" if multi_output else name
            if name in taken:
                raise ValueError(f"Found two metrics with the same name: {name}. All the "
                                 "metrics added to the model need to have unique names.")
            taken.add(name)
            plain.append(name)
        weighted = []
        for name in weighted_names:
            if multi_output:
                name = (f"{output}_weighted_{name}" if f"{output}_{name}" in taken
                        else f"{output}_{name}")
            elif name in taken:
                name = f"weighted_{name}"
            if name in taken:
                raise ValueError(f"Found two weighted metrics with the same name: {name}. All "
                                 "the metrics added to the model need to have unique names.")
            taken.add(name)
            weighted.append(name)
        renamed.append((plain, weighted))
    return renamed


def apply_mask(sw, mask):
    """Keras's ``losses_utils.apply_mask``: masked entries get weight 0, the others keep theirs."""
    if sw is None:
        return mask
    mask, _, sw = losses_mod.squeeze_or_expand_dimensions(mask, sample_weight=np.asarray(
        sw, mask.dtype))
    return sw * mask


def match_dtype_and_rank(y_t, y_p, sw):
    """Give targets the rank of predictions when they lack the last axis, and a float dtype."""
    y_p = convert(y_p)
    y_t = np.asarray(y_t.value if isinstance(y_t, Tensor) else y_t)
    if y_t.ndim == 1 and y_p.ndim == 2:
        y_t = y_t[:, None]
    if sw is not None:
        sw = np.asarray(sw.value if isinstance(sw, Tensor) else sw)
        if sw.ndim == 1 and y_p.ndim == 2:
            sw = sw[:, None]
    if y_t.dtype.kind == "f" and y_t.dtype != y_p.dtype:
        y_t = y_t.astype(y_p.dtype)
    return y_t, y_p, sw


def describe(obj):
    """A short JSON-safe description of a loss/metric spec for the trace."""
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    if isinstance(obj, dict):
        return {str(k): describe(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [describe(v) for v in obj]
    name = custom_object_name(obj)
    return f"{type(obj).__name__}({name})" if hasattr(obj, "get_config") else name
