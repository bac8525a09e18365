"""``keras.optimizers.optimizer``: the Keras 2.11+ ("new") optimizer base.

What it owns: ``_BaseOptimizer`` and ``Optimizer`` — the ``iterations``
counter (int64 Variable), the learning rate (a float32 Variable, or a
``LearningRateSchedule`` whose value for the step is kept in
``_current_learning_rate``), the slot variables (created lazily by the
concrete class's ``build`` through ``add_variable_from_reference`` on the first
``apply_gradients``), gradient clipping (clipnorm, global_clipnorm, clipvalue),
decoupled weight decay, the weight constraints applied after each update (as Keras's
``apply_gradients``: ``variable.assign(variable.constraint(variable))``), the exponential
moving average of the weights (EMA) and
``get_config``/``from_config`` with Keras's keys.
What it receives: from ``Model.train_step``, ``minimize(loss, var_list, tape)``.
What it hands on: the model's Variables, updated IN PLACE by the subclass's
``update_step`` (NumPy ``out=`` arithmetic in float32, in TensorFlow's order).
Trace events (stage optimizer):
``keras.optimizers.optimizer._BaseOptimizer.minimize`` →
``keras.optimizers.optimizer._BaseOptimizer.compute_gradients`` →
``keras.optimizers.optimizer.Optimizer.apply_gradients`` → the subclass's
``build`` (e.g. ``keras.optimizers.rmsprop.RMSprop.build``, on every apply; it
creates slots only the first time) → ``keras.optimizers.optimizer.Optimizer.
add_variable_from_reference`` (weight=slot name, variable=model variable); the
``apply_gradients`` span notes ``constraints`` (variable name -> constraint) when any applied;
per-variable ``update_step`` spans at level "full" only.

The module is longer than 400 lines because it is one Keras module
(``keras/optimizers/optimizer.py``): the base class a learner reads beside it.
"""
import functools
import logging
import re

import numpy as np

from tracekeras import backend, tracing
from tracekeras.backend import GradientTape, Variable, graph_capture
from tracekeras.backend.tape import IndexedSlicesGradient
from tracekeras.optimizers import utils as optimizer_utils
from tracekeras.optimizers.schedules import deserialize as deserialize_schedule
from tracekeras.optimizers.schedules.learning_rate_schedule import LearningRateSchedule
from tracekeras.optimizers.schedules.learning_rate_schedule import serialize as serialize_schedule
from tracekeras.utils.tf_utils import can_jit_compile

logger = logging.getLogger("tracekeras")

STAGE = "optimizer"


def apply_constraints(variables):
    """After the update, as Keras's ``apply_gradients``: each variable with a ``constraint``
    is assigned ``constraint(variable)``; the trace notes which, and with what."""
    constrained = [v for v in variables if getattr(v, "constraint", None) is not None]
    for variable in constrained:
        variable.assign(variable.constraint(variable))
    if constrained:
        tracing.note(constraints={v.name: getattr(v.constraint, "__name__",
                                                  type(v.constraint).__name__)
                                  for v in constrained})
LEGACY_KWARGS = ("decay", "gradient_aggregator", "gradient_transformers")


def record_ops_without_data(optimizer, grads_and_vars):
    """Tell the traced function being called (if any) what this ``apply_gradients`` does when
    a call finds no batch (``backend.graph_capture``). Every other step this costs one check."""
    if not graph_capture.noting_ops_without_data():
        return
    variables = [v for _, v in grads_and_vars]
    sliced = {id(v) for g, v in grads_and_vars
              if isinstance(getattr(g, "value", g), IndexedSlicesGradient)}
    graph_capture.record_ops_without_data(
        f"{optimizer.name}.apply_gradients",
        functools.partial(optimizer._apply_without_gradients, variables, sliced))


def optimizer_args(self, *a, **k):
    return {"optimizer": self.name, "class": type(self).__name__}


def slot_args(self, model_variable, variable_name, *a, **k):
    return {"optimizer": self.name, "weight": variable_name, "variable": model_variable.name}


def update_args(self, gradient, variable):
    return {"optimizer": self.name, "variable": variable.name}


BASE_ARGUMENTS = ("name", "weight_decay", "clipnorm", "clipvalue", "global_clipnorm", "use_ema",
                  "ema_momentum", "ema_overwrite_frequency", "jit_compile")


def base_arguments(given):
    """The base-optimizer arguments out of a subclass ``__init__``'s ``locals()``.

    Each Keras optimizer spells the base arguments out in its own signature (with
    its own defaults, e.g. RMSprop's ema_overwrite_frequency=100) and hands them on.
    """
    return {key: given[key] for key in BASE_ARGUMENTS}


class _BaseOptimizer:
    """The optimizer without distribution: the loop over ``(gradient, variable)`` pairs."""

    def __init__(self, name, weight_decay=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, jit_compile=True, **kwargs):
        self.check_arguments(clipnorm, global_clipnorm, use_ema, ema_momentum,
                             ema_overwrite_frequency, kwargs)
        self.name = name
        self.weight_decay = weight_decay
        self.clipnorm = clipnorm
        self.global_clipnorm = global_clipnorm
        self.clipvalue = clipvalue
        self.use_ema = use_ema
        # Keras turns XLA on only where it exists and a GPU is present: never here.
        self.jit_compile = bool(jit_compile and can_jit_compile())
        self.ema_momentum = ema_momentum
        self.ema_overwrite_frequency = ema_overwrite_frequency
        self._variables = []
        self.scratch_buffers = {}
        self._create_iteration_variable()

    def check_arguments(self, clipnorm, global_clipnorm, use_ema, ema_momentum,
                        ema_overwrite_frequency, kwargs):
        """Keras's argument checks (``_process_kwargs`` and the EMA/clipping rules), before any
        state."""
        kwargs.pop("is_legacy_optimizer", None)
        if kwargs.pop("lr", None):   # a deprecated alias Keras accepts and ignores, saying so
            logger.warning("`lr` is deprecated in TF-Keras optimizer, please use `learning_rate` "
                           "or use the legacy optimizer, e.g.,"
                           f"tf.keras.optimizers.legacy.{type(self).__name__}.")
        kwargs.pop("mesh", None)
        for key in kwargs:
            if key in LEGACY_KWARGS:
                raise ValueError(
                    f"{key} is deprecated in the new TF-Keras optimizer, please check the "
                    "docstring for valid arguments, or use the legacy optimizer, e.g., "
                    f"tf.keras.optimizers.legacy.{type(self).__name__}.")
            raise TypeError(f"{key} is not a valid argument, kwargs should be empty  for "
                            "`optimizer_experimental.Optimizer`.")
        if use_ema:
            if ema_momentum > 1 or ema_momentum < 0:
                raise ValueError("`ema_momentum` must be in the range [0, 1]. "
                                 f"Received: ema_momentum={ema_momentum}")
            if ema_overwrite_frequency and (not isinstance(ema_overwrite_frequency, int)
                                            or ema_overwrite_frequency < 1):
                raise ValueError("`ema_overwrite_frequency` must be an integer > 1 or None. "
                                 f"Received: ema_overwrite_frequency={ema_overwrite_frequency}")
        if clipnorm is not None and global_clipnorm is not None:
            raise ValueError("At most one of `clipnorm` and `global_clipnorm` can be set. "
                             f"Received: clipnorm={clipnorm}, global_clipnorm={global_clipnorm}.")

    def _create_iteration_variable(self):
        self._iterations = Variable(0, name="iteration", dtype="int64", trainable=False)
        self._variables.append(self._iterations)

    def _var_key(self, variable):
        return id(variable)

    # -- the learning rate ------------------------------------------------------
    @property
    def iterations(self):
        """The number of training steps this optimizer has run (an int64 Variable)."""
        return self._iterations

    @iterations.setter
    def iterations(self, variable):
        if getattr(self, "_built", False):
            raise RuntimeError(
                "Cannot set `iterations` to a new Variable after the Optimizer weights have been "
                f"created. Here it is attempting to set `iterations` to {variable}.Usually this "
                "means you are trying to set `iterations` after calling `apply_gradients()`. "
                "Please set `iterations` before calling `apply_gradients()`.")
        self._iterations = variable

    @property
    def learning_rate(self):
        if getattr(self, "_learning_rate", None) is None:
            raise ValueError("Missing learning rate, please set self.learning_rate at optimizer "
                             "creation time.")
        if isinstance(self._learning_rate, LearningRateSchedule):
            return self._current_learning_rate
        return self._learning_rate

    @learning_rate.setter
    def learning_rate(self, learning_rate):
        if isinstance(learning_rate, LearningRateSchedule):
            self._learning_rate = learning_rate
            return
        if isinstance(self._learning_rate, LearningRateSchedule):
            raise TypeError(
                "This optimizer was created with a `LearningRateSchedule` object as its "
                "`learning_rate` constructor argument, hence its learning rate is not settable. "
                "If you need the learning rate to be settable, you should instantiate the "
                "optimizer with a float `learning_rate` argument.")
        self._learning_rate.assign(learning_rate)

    @property
    def lr(self):
        """Alias of ``learning_rate`` (kept by Keras for backward compatibility)."""
        return self.learning_rate

    @lr.setter
    def lr(self, learning_rate):
        self.learning_rate = learning_rate

    def _build_learning_rate(self, learning_rate):
        if isinstance(learning_rate, LearningRateSchedule):
            self._current_learning_rate = Variable(
                np.asarray(learning_rate(self.iterations)), name="current_learning_rate",
                trainable=False)
            return learning_rate
        return Variable(learning_rate, name="learning_rate", dtype=backend.floatx(),
                        trainable=False)

    def _compute_current_learning_rate(self):
        if isinstance(self._learning_rate, LearningRateSchedule):
            value = np.asarray(self._learning_rate(self.iterations))
            if hasattr(self, "_current_learning_rate"):
                self._current_learning_rate.assign(value)
            else:
                self._current_learning_rate = Variable(value, name="current_learning_rate",
                                                       trainable=False)

    def lr_for(self, variable):
        """``tf.cast(self.learning_rate, variable.dtype)``: a NumPy scalar."""
        lr = self.learning_rate
        return np.asarray(getattr(lr, "value", lr)).astype(variable.value.dtype)[()]

    # -- slots -------------------------------------------------------------------
    def build(self, var_list):
        """Index the model variables (and make the EMA copies); subclasses add their slots."""
        if getattr(self, "_built", False):
            return
        self._build_index_dict(var_list)
        if self.use_ema:
            self._model_variables_moving_average = [
                self.add_variable_from_reference(var, "average", initial_value=var)
                for var in var_list]

    def _build_index_dict(self, var_list):
        self._index_dict = {self._var_key(var): i for i, var in enumerate(var_list)}

    def add_variable(self, shape, dtype=None, initializer="zeros", name=None):
        """A non-trainable optimizer Variable filled with zeros (or ``initializer(shape,
        dtype)``)."""
        dtype = dtype or backend.floatx()
        shape = () if shape is None else tuple(shape)
        value = np.zeros(shape, dtype) if initializer == "zeros" else initializer(shape, dtype)
        variable = Variable(value, name=name or "Variable", dtype=dtype, trainable=False)
        self._variables.append(variable)
        return variable

    @tracing.traced(STAGE, name="keras.optimizers.optimizer.Optimizer.add_variable_from_reference",
                    args=slot_args)
    def add_variable_from_reference(self, model_variable, variable_name, shape=None,
                                    initial_value=None):
        """A slot shaped like ``model_variable`` named ``{variable_name}/{model variable}``."""
        dtype = model_variable.value.dtype
        if initial_value is None:
            shape = model_variable.value.shape if shape is None else tuple(shape)
            initial_value = np.zeros(shape, dtype=dtype)
        # a LossScaleOptimizer builds the optimizer it wraps outside its name scope:
        # ``m/dense/kernel`` there, ``Adam/m/dense/kernel`` otherwise (as tf_keras names them)
        wrapped = getattr(self, "_is_wrapped_by_loss_scale_optimizer", False)
        prefix = f"{self.name}/" if self.name and not wrapped else ""
        variable = Variable(initial_value, name=f"{prefix}{variable_name}/"
                            f"{model_variable.handle_name}", dtype=dtype, trainable=False)
        self._variables.append(variable)
        return variable

    def scratch(self, variable, count=1):
        """Work arrays shaped like ``variable``, reused every step (not optimizer state)."""
        key = self._var_key(variable)
        buffers = self.scratch_buffers.get(key)
        if buffers is None or len(buffers) < count:
            buffers = [np.empty_like(variable.value) for _ in range(count)]
            self.scratch_buffers[key] = buffers
        return buffers

    @property
    def variables(self):
        """The optimizer's Variables: iterations first, then the slots in creation order."""
        return optimizer_utils.CallableList(self._variables)

    # -- the step ------------------------------------------------------------------
    def update_step(self, gradient, variable):
        raise NotImplementedError(
            f"Optimizer {type(self).__name__} must implement `update_step(gradient, variable)`.")

    def _update_step(self, gradient, variable):
        if self._var_key(variable) not in self._index_dict:
            raise KeyError(
                f"The optimizer cannot recognize variable {variable.name}. This usually means "
                "you are trying to call the optimizer to update different parts of the model "
                "separately. Please call `optimizer.build(variables)` with the full list of "
                "trainable variables before the training loop or use legacy optimizer "
                f"`tf.keras.optimizers.legacy.{type(self).__name__}.")
        self.update_step(gradient, variable)

    @tracing.traced(STAGE,
                    args=optimizer_args)
    def minimize(self, loss, var_list, tape=None):
        """Compute the gradients of ``loss`` with the tape and apply them."""
        grads_and_vars = self.compute_gradients(loss, var_list, tape)
        self.apply_gradients(grads_and_vars)

    @tracing.traced(STAGE,
                    args=optimizer_args)
    def compute_gradients(self, loss, var_list, tape=None):
        """``tape.gradient(loss, var_list)`` paired with the variables (a callable loss is run)."""
        if not callable(loss) and tape is None:
            raise ValueError("`tape` is required when a `Tensor` loss is passed. "
                             f"Received: loss={loss}, tape={tape}.")
        if tape is None:
            tape = GradientTape()
        if callable(loss):
            with tape:
                if not callable(var_list):
                    tape.watch(var_list)
                loss = loss()
                if callable(var_list):
                    var_list = var_list()
        var_list = list(var_list)
        grads = tape.gradient(loss, var_list)
        return list(zip(grads, var_list))

    def _clip_gradients(self, grads):
        if self.clipnorm and self.clipnorm > 0:
            tracing.note(clipping="clipnorm")
            return [None if g is None else optimizer_utils.clip_by_norm(g, self.clipnorm)
                    for g in grads]
        if self.global_clipnorm and self.global_clipnorm > 0:
            tracing.note(clipping="global_clipnorm")
            return optimizer_utils.clip_by_global_norm(grads, self.global_clipnorm)
        if self.clipvalue and self.clipvalue > 0:
            tracing.note(clipping="clipvalue")
            return [None if g is None else optimizer_utils.clip_by_value(g, self.clipvalue)
                    for g in grads]
        return grads

    def apply_gradients(self, grads_and_vars, name=None):
        """Build on first use, drop empty gradients, clip, decay the weights, update, count, then
        apply the variables' constraints."""
        self._compute_current_learning_rate()
        grads_and_vars = list(grads_and_vars)
        if not grads_and_vars:
            return self._iterations
        _, trainable_variables = zip(*grads_and_vars)
        self.build(list(trainable_variables))
        grads_and_vars = optimizer_utils.filter_empty_gradients(grads_and_vars)
        if not grads_and_vars:
            return self._iterations
        grads, trainable_variables = zip(*grads_and_vars)
        record_ops_without_data(self, grads_and_vars)
        grads = [optimizer_utils.as_array(g, v.value.dtype) for g, v in grads_and_vars]
        grads = self._clip_gradients(grads)
        self._apply_weight_decay(trainable_variables)
        iteration = self._internal_apply_gradients(list(zip(grads, trainable_variables)))
        apply_constraints(trainable_variables)
        return iteration

    def _apply_without_gradients(self, variables, sliced):
        """What a traced ``apply_gradients`` does in a call that finds no batch: its ops that
        wait for no gradient (``backend.graph_capture``), in Keras's order. ``sliced``: the
        ids of the variables whose gradient is an IndexedSlices; a gather read them, and
        TensorFlow orders their weight decay after that read, which waits for the batch."""
        self._compute_current_learning_rate()
        self._apply_weight_decay([v for v in variables if id(v) not in sliced])
        for variable in variables:
            self._update_step_ops_without_gradient(variable, id(variable) in sliced)
        self._iterations.assign_add(1)

    def _update_step_ops_without_gradient(self, variable, sliced):
        """The ops of ``update_step`` that read no gradient (for an IndexedSlices gradient,
        ``sliced``: the slots decayed before its rows are scattered in); none here, the
        subclasses that have some run them."""

    def _internal_apply_gradients(self, grads_and_vars):
        for grad, var in grads_and_vars:
            self._update_step(grad, var)
        if self.use_ema:
            var_list = [v for _, v in grads_and_vars]
            self._update_model_variables_moving_average(var_list)
            if (self.ema_overwrite_frequency
                    and (int(self.iterations.value) + 1) % self.ema_overwrite_frequency == 0):
                self._overwrite_model_variables_with_average_value(var_list)
        return self._iterations.assign_add(1)

    # -- weight decay and EMA ----------------------------------------------------------
    def exclude_from_weight_decay(self, var_list=None, var_names=None):
        """Exclude variables (or names matching any of ``var_names``) from weight decay."""
        if getattr(self, "_built", False):
            raise ValueError("`exclude_from_weight_decay()` can only be configued before the "
                             "optimizer is built.")
        self._exclude_from_weight_decay = [self._var_key(v) for v in var_list or []]
        self._exclude_from_weight_decay_names = var_names or []

    def _use_weight_decay(self, variable):
        if self._var_key(variable) in getattr(self, "_exclude_from_weight_decay", []):
            return False
        return not any(re.search(name, variable.name) is not None
                       for name in getattr(self, "_exclude_from_weight_decay_names", []))

    def _apply_weight_decay(self, variables):
        """Decoupled weight decay: ``variable -= variable * weight_decay * lr``."""
        if self.weight_decay is None:
            return
        for variable in variables:
            if self._use_weight_decay(variable):
                value = variable.value
                wd = value.dtype.type(self.weight_decay)
                variable.assign_sub(value * wd * self.lr_for(variable))

    def _update_model_variables_moving_average(self, var_list):
        momentum = self.ema_momentum
        for var in var_list:
            average = self._model_variables_moving_average[self._index_dict[self._var_key(var)]]
            dtype = average.value.dtype.type
            average.assign(dtype(momentum) * average.value + dtype(1 - momentum) * var.value)

    def _overwrite_model_variables_with_average_value(self, var_list):
        for var in var_list:
            var.assign(self._model_variables_moving_average[self._index_dict[self._var_key(var)]])

    def finalize_variable_values(self, var_list):
        """With EMA, overwrite the model variables with their moving averages (end of fit)."""
        if self.use_ema:
            self._overwrite_model_variables_with_average_value(var_list)

    # -- config ----------------------------------------------------------------------
    def _serialize_hyperparameter(self, hyperparameter):
        if isinstance(hyperparameter, LearningRateSchedule):
            return serialize_schedule(hyperparameter)
        if isinstance(hyperparameter, Variable):
            return hyperparameter.numpy().item()
        if callable(hyperparameter):
            return hyperparameter()
        return hyperparameter

    def get_config(self):
        """The base keys of a Keras optimizer config; subclasses add learning_rate and theirs."""
        return {"name": self.name, "weight_decay": self.weight_decay, "clipnorm": self.clipnorm,
                "global_clipnorm": self.global_clipnorm, "clipvalue": self.clipvalue,
                "use_ema": self.use_ema, "ema_momentum": self.ema_momentum,
                "ema_overwrite_frequency": self.ema_overwrite_frequency,
                "jit_compile": self.jit_compile, "is_legacy_optimizer": False}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """``cls(**config)``; a serialised learning-rate schedule is rebuilt first."""
        config = dict(config)
        if isinstance(config.get("learning_rate"), dict):
            config["learning_rate"] = deserialize_schedule(config["learning_rate"],
                                                           custom_objects=custom_objects)
        return cls(**config)

    def set_weights(self, weights):
        """Assign ``weights`` (arrays in the order of ``variables``) to the built optimizer."""
        if not getattr(self, "_built", False):
            raise ValueError(
                "You are calling `set_weights()` on an optimizer that has not yet been built. "
                "Please call `optimizer.build(trainable_variables)` to create the optimizer "
                "weights before calling `set_weights()`.")
        for variable, weight in zip(self._variables, weights):
            if variable.shape != np.shape(weight):
                raise ValueError(f"Optimizer variable {variable.name} has shape "
                                 f"{variable.shape} not compatible with provided weight shape "
                                 f"{np.shape(weight)}.")
        for variable, weight in zip(self._variables, weights):
            variable.assign(weight)

    def save_own_variables(self, store):
        """Put the optimizer's variables into ``store`` under "0", "1", ... (Keras v3 saving)."""
        for i, variable in enumerate(self.variables):
            store[str(i)] = variable.numpy()

    def load_own_variables(self, store):
        """Assign the variables from ``store``; skipped with Keras's warning when counts differ."""
        if len(store.keys()) != len(self.variables):
            msg = (f"Skipping variable loading for optimizer '{self.name}', because it has "
                   f"{len(self.variables)} variables whereas the saved optimizer has "
                   f"{len(store.keys())} variables. ")
            if len(self.variables) == 0:
                msg += "This is likely because the optimizer has not been called/built yet."
            optimizer_utils.logger.warning(msg)
            return
        for i, variable in enumerate(self.variables):
            variable.assign(store[str(i)])


class Optimizer(_BaseOptimizer):
    """The public base class (``keras.optimizers.Optimizer``); subclass it for a new optimizer."""

    def __init__(self, name, weight_decay=0, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 jit_compile=True, **kwargs):
        super().__init__(name, weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema,
                         ema_momentum, ema_overwrite_frequency, jit_compile, **kwargs)

    def aggregate_gradients(self, grads_and_vars):
        """Sum gradients across replicas: one replica here, so they pass through."""
        return grads_and_vars

    @tracing.traced(STAGE,
                    args=optimizer_args, result=lambda ret: {"iterations": int(ret.value)})
    def apply_gradients(self, grads_and_vars, name=None, skip_gradients_aggregation=False,
                        **kwargs):
        """Apply ``(gradient, variable)`` pairs; returns the ``iterations`` Variable."""
        aggregate = kwargs.pop("experimental_aggregate_gradients", True)
        if not skip_gradients_aggregation and aggregate:
            grads_and_vars = self.aggregate_gradients(grads_and_vars)
        return super().apply_gradients(grads_and_vars, name=name)
