"""``keras.optimizers.legacy.optimizer_v2``: the Keras 2.0-2.10 optimizer base (``OptimizerV2``).

What it owns: ``OptimizerV2`` — the hyperparameters (``_hyper``: plain numbers until the
first ``apply_gradients``, then float32 Variables named ``{name}/{hyper}``, kept out of
``weights``), the ``iterations`` counter (int64 Variable ``{name}/iter``, always the
first weight), the slots (``add_slot``: ``{name}/{variable}/{slot}``, in the weights in
creation order), learning-rate time decay (``decay``: ``lr / (1 + decay * iterations)``),
the ``lr`` alias (argument, attribute and ``from_config`` key), gradient clipping
(clipvalue, then clipnorm, then global_clipnorm), ``get_weights``/``set_weights`` and
``get_config``/``from_config`` with Keras's keys.
What it receives: from ``Model.train_step``, ``minimize(loss, var_list, tape=tape)``; or
``apply_gradients(grads_and_vars)`` from a custom loop.
What it hands on: the model's Variables, updated by the subclass's
``_resource_apply_dense(grad, var, apply_state)`` (``apply_state``: ``_prepare``'s numbers
of the step by dtype; a user's subclass may leave it out) (float32 NumPy, in the order of
TensorFlow's training kernels); ``minimize``/``apply_gradients`` return ``iterations``.
Gradients of a gather (``IndexedSlices`` in TensorFlow) are applied as the dense arrays
they stand for.
Trace events (stage optimizer):
``keras.optimizers.legacy.optimizer_v2.OptimizerV2.minimize`` →
``keras.optimizers.legacy.optimizer_v2.OptimizerV2.apply_gradients`` (with the slot
creation ``keras.optimizers.legacy.optimizer_v2.OptimizerV2.add_slot`` on first use).
"""
import inspect
import warnings

import numpy as np

from tracekeras import tracing
from tracekeras.backend import GradientTape, Variable
from tracekeras.optimizers import utils as optimizer_utils
from tracekeras.optimizers.optimizer import apply_constraints
from tracekeras.optimizers.schedules import deserialize as deserialize_schedule
from tracekeras.optimizers.schedules.learning_rate_schedule import LearningRateSchedule
from tracekeras.optimizers.schedules.learning_rate_schedule import serialize as serialize_schedule
from tracekeras.shim.errors import PACKAGE, OperationNotImplementedByTracekeras, caller

STAGE = "optimizer"
ALLOWED_KWARGS = {"clipnorm", "clipvalue", "lr", "decay", "global_clipnorm"}


def optimizer_args(self, *a, **k):
    return {"optimizer": self._name, "class": type(self).__name__}


def slot_args(self, var, slot_name, *a, **k):
    return {"optimizer": self._name, "weight": slot_name, "variable": var.name}


def as_float32(value):
    """A number as TensorFlow's float32 hyperparameter Variable holds it."""
    return np.float32(value)


class OptimizerV2:
    """The legacy optimizer base class (``keras.optimizers.legacy.Optimizer``)."""

    def __init__(self, name, gradient_aggregator=None, gradient_transformers=None, **kwargs):
        for key in kwargs:
            if key not in ALLOWED_KWARGS:
                raise TypeError(f"Unexpected keyword argument passed to optimizer: {key}. "
                                f"Allowed kwargs are {ALLOWED_KWARGS}.")
            if kwargs[key] is not None and kwargs[key] < 0:
                raise ValueError(f"Expected {key} >= 0, received: {kwargs[key]}")
            if key == "lr":
                warnings.warn("The `lr` argument is deprecated, use `learning_rate` instead.",
                              stacklevel=3)
        if gradient_aggregator is not None:
            raise OperationNotImplementedByTracekeras(
                "tracekeras does not implement gradient_aggregator of keras.optimizers.legacy "
                f"optimizers (used by {caller(PACKAGE)}); one replica, no sum to replace")
        self._name = name
        self._hyper = {}
        self._slots = {}
        self._slot_names = []
        self._weights = []
        self._iterations = None
        decay = kwargs.pop("decay", 0.0)
        self._initial_decay = decay
        self._hypers_created = False
        self.gradient_transformers = list(gradient_transformers or [])
        self.clipnorm = kwargs.pop("clipnorm", None)
        self.global_clipnorm = kwargs.pop("global_clipnorm", None)
        if self.clipnorm is not None and self.global_clipnorm is not None:
            raise ValueError("Cannot accept both `clipnorm` and `global_clipnorm`. Received: "
                             f"`clipnorm`={self.clipnorm}, "
                             f"`global_clipnorm`={self.global_clipnorm}.")
        self.clipvalue = kwargs.pop("clipvalue", None)

    # -- hyperparameters --------------------------------------------------------------
    def _set_hyper(self, name, value):
        """Set hyperparameter ``name``: a number, a callable, a schedule or (once created) the
        value assigned into its Variable."""
        previous = self._hyper.get(name)
        if isinstance(previous, Variable) and not isinstance(value, LearningRateSchedule):
            previous.assign(np.asarray(getattr(value, "value", value), previous.value.dtype))
        else:
            self._hyper[name] = value

    def _get_hyper(self, name, dtype=None):
        if not self._hypers_created:
            self._create_hypers()
        value = self._hyper[name]
        if isinstance(value, LearningRateSchedule):
            return value
        if callable(value):
            value = value()
        value = getattr(value, "value", value)
        if dtype:
            return np.asarray(value).astype(dtype)[()]
        return value

    def _create_hypers(self):
        """The number-valued hyperparameters become float32 Variables (sorted by name)."""
        if self._hypers_created:
            return
        for name, value in sorted(self._hyper.items()):
            if isinstance(value, Variable) or callable(value):
                continue
            self._hyper[name] = Variable(as_float32(value), name=f"{self._name}/{name}",
                                         dtype="float32", trainable=False)
        self._hypers_created = True

    def __getattr__(self, name):
        """``optimizer.learning_rate`` (or ``lr``, ``momentum``, ...) reads the hyperparameter."""
        if name == "_hyper":
            raise AttributeError(name)
        if name == "lr":
            name = "learning_rate"
        if name in self.__dict__.get("_hyper", {}):
            return self._get_hyper(name)
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __setattr__(self, name, value):
        if name == "lr":
            name = "learning_rate"
        if name in self.__dict__.get("_hyper", {}):
            self._set_hyper(name, value)
        else:
            super().__setattr__(name, value)

    def _serialize_hyperparameter(self, name):
        value = self._hyper[name]
        if isinstance(value, LearningRateSchedule):
            return serialize_schedule(value)
        if callable(value):
            return value()
        if isinstance(value, Variable):
            return value.numpy()[()]
        return value

    def _decayed_lr(self, var_dtype):
        """The learning rate of this step: the schedule's value at ``iterations`` and, with
        ``decay``, divided by ``1 + decay * iterations`` (all in ``var_dtype``)."""
        lr_t = self._get_hyper("learning_rate", var_dtype)
        dtype = np.dtype(var_dtype).type
        if isinstance(lr_t, LearningRateSchedule):
            step = dtype(int(self.iterations.value))
            lr_t = np.asarray(getattr(lr_t(step), "value", lr_t(step))).astype(var_dtype)[()]
        if self._initial_decay > 0.0:
            step = dtype(int(self.iterations.value))
            lr_t = lr_t / (dtype(1.0) + dtype(self._initial_decay) * step)
        return dtype(lr_t)

    # -- weights -----------------------------------------------------------------------
    @property
    def iterations(self):
        """The number of steps this optimizer has run: int64 Variable ``{name}/iter``."""
        if self._iterations is None:
            self._iterations = Variable(np.int64(0), name=f"{self._name}/iter", dtype="int64",
                                        trainable=False)
            self._weights.append(self._iterations)
        return self._iterations

    @iterations.setter
    def iterations(self, variable):
        if self._iterations is not None:
            raise RuntimeError("Cannot set `iterations` to a new Variable after the Optimizer "
                               "weights have been created. Here it is attempting to set "
                               f"`iterations` to {variable}.")
        self._iterations = variable
        self._weights.append(variable)

    def get_slot_names(self):
        return self._slot_names

    @tracing.traced(STAGE, args=slot_args)
    def add_slot(self, var, slot_name, initializer="zeros", shape=None):
        """The slot ``slot_name`` of ``var`` (made once): ``{name}/{var}/{slot_name}``."""
        if slot_name not in self._slot_names:
            self._slot_names.append(slot_name)
        slots = self._slots.setdefault(id(var), {})
        if slot_name in slots:
            return slots[slot_name]
        dtype = var.value.dtype
        shape = var.value.shape if shape is None else tuple(shape)
        if initializer == "zeros":
            value = np.zeros(shape, dtype)
        elif callable(initializer):
            value = np.asarray(initializer(shape, dtype=dtype), dtype)
        else:
            value = np.full(shape, initializer, dtype)
        slot = Variable(value, name=f"{self._name}/{var.handle_name}/{slot_name}", dtype=dtype,
                        trainable=False)
        slots[slot_name] = slot
        self._weights.append(slot)
        return slot

    def get_slot(self, var, slot_name):
        slots = self._slots.get(id(var), {})
        if slot_name not in slots:
            raise KeyError(f"Slot {slot_name!r} not found for variable {var.name}; known "
                           f"slots: {sorted(slots)}")
        return slots[slot_name]

    def _create_slots(self, var_list):
        """The subclass's slots for ``var_list`` (none here)."""

    def _create_all_weights(self, var_list):
        """``iterations``, the hyperparameter Variables and the slots of the variables that
        have none yet (Keras asks for every slot each step and gets the existing ones)."""
        _ = self.iterations
        self._create_hypers()
        new = [var for var in var_list if id(var) not in self._slots]
        if new:
            self._create_slots(new)

    def variables(self):
        """The optimizer's weights in creation order (a method, as in Keras 2.0-2.10)."""
        return self._weights

    @property
    def weights(self):
        return self._weights

    def get_weights(self):
        """The values of ``weights``: ``iterations`` first, then the slots as created."""
        return [w.numpy() for w in self._weights]

    def set_weights(self, weights):
        """Assign ``weights`` (arrays in the order of ``get_weights``)."""
        params = self._weights
        if len(params) != len(weights):
            raise ValueError(f"You called `set_weights(weights)` on optimizer {self._name} "
                             f"with a  weight list of length {len(weights)}, but the optimizer "
                             f"was expecting {len(params)} weights. Provided weights: "
                             f"{str(weights)[:50]}...")
        for param, weight in zip(params, weights):
            if param.value.shape != np.shape(weight):
                raise ValueError(f"Optimizer weight shape {param.value.shape} not compatible "
                                 f"with provided weight shape {np.shape(weight)}.")
        for param, weight in zip(params, weights):
            param.assign(np.asarray(weight, param.value.dtype))

    # -- the step ----------------------------------------------------------------------
    @tracing.traced(STAGE, args=optimizer_args)
    def minimize(self, loss, var_list, grad_loss=None, name=None, tape=None):
        """Compute the gradients of ``loss`` and apply them; returns ``iterations``."""
        grads_and_vars = self._compute_gradients(loss, var_list, grad_loss=grad_loss, tape=tape)
        return self.apply_gradients(grads_and_vars, name=name)

    def _compute_gradients(self, loss, var_list, grad_loss=None, tape=None):
        if not callable(loss) and tape is None:
            raise ValueError("`tape` is required when a `Tensor` loss is passed. "
                             f"Received: loss={loss}, tape={tape}.")
        tape = tape if tape is not None else GradientTape()
        if callable(loss):
            with tape:
                if not callable(var_list):
                    tape.watch(var_list)
                loss = loss()
                if callable(var_list):
                    var_list = var_list()
        var_list = list(var_list)
        grads = tape.gradient(loss, var_list, grad_loss)
        return list(zip(grads, var_list))

    def get_gradients(self, loss, params):
        raise OperationNotImplementedByTracekeras(
            "tracekeras does not implement keras.optimizers.legacy.Optimizer.get_gradients "
            f"(graph-mode gradients, used by {caller(PACKAGE)}); use a GradientTape")

    def _transform_gradients(self, grads):
        """clipvalue, then clipnorm, then global_clipnorm, as Keras's legacy optimizers."""
        if self.clipvalue is not None:
            tracing.note(clipping="clipvalue")
            grads = [optimizer_utils.clip_by_value(g, self.clipvalue) for g in grads]
        if self.clipnorm is not None:
            tracing.note(clipping="clipnorm")
            grads = [optimizer_utils.clip_by_norm(g, self.clipnorm) for g in grads]
        if self.global_clipnorm is not None:
            tracing.note(clipping="global_clipnorm")
            grads = optimizer_utils.clip_by_global_norm(grads, self.global_clipnorm)
        return grads

    def _prepare_local(self, var_dtype, apply_state):
        """The numbers every variable of ``var_dtype`` shares this step (subclasses add)."""
        apply_state["lr_t"] = self._decayed_lr(var_dtype)

    def coefficients(self, var, apply_state):
        """The step's numbers for ``var``: from ``apply_state`` (``_prepare``'s, by dtype)
        or, when a subclass's caller passed none, computed now (Keras's
        ``_fallback_apply_state``)."""
        dtype = var.value.dtype
        if apply_state and dtype in apply_state:
            return apply_state[dtype]
        state = {}
        self._prepare_local(dtype, state)
        return state

    def _prepare(self, var_list):
        states = {}
        for var in var_list:
            dtype = var.value.dtype
            if dtype not in states:
                states[dtype] = {}
                self._prepare_local(dtype, states[dtype])
        return states

    @tracing.traced(STAGE, args=optimizer_args,
                    result=lambda ret: {"iterations": int(ret.value)})
    def apply_gradients(self, grads_and_vars, name=None, experimental_aggregate_gradients=True):
        """Create the weights on first use, clip, update each variable (then its constraint)
        and add one to ``iterations``, which is returned."""
        grads_and_vars = optimizer_utils.filter_empty_gradients(grads_and_vars)
        var_list = [v for _, v in grads_and_vars]
        self._create_all_weights(var_list)
        if not grads_and_vars:
            return self.iterations
        states = self._prepare(var_list)
        grads = [optimizer_utils.as_array(g, v.value.dtype) for g, v in grads_and_vars]
        grads = self._transform_gradients(grads)
        grads_and_vars = list(zip(grads, var_list))
        for transformer in self.gradient_transformers:
            grads_and_vars = transformer(grads_and_vars)
        takes_state = "apply_state" in inspect.signature(self._resource_apply_dense).parameters
        for grad, var in grads_and_vars:
            # a user's subclass may define ``_resource_apply_dense(grad, var)``
            state = {"apply_state": states} if takes_state else {}
            self._resource_apply_dense(np.asarray(grad), var, **state)
            apply_constraints([var])
        self.iterations.assign_add(1)
        return self.iterations

    def _resource_apply_dense(self, grad, var, apply_state=None):
        raise NotImplementedError(
            f"Optimizer {type(self).__name__} must implement _resource_apply_dense")

    def finalize_variable_values(self, var_list):
        """Nothing to do: legacy optimizers keep no moving average of the weights."""

    # -- config ------------------------------------------------------------------------
    def get_config(self):
        """``name`` and the clipping keys that are set; subclasses add theirs."""
        config = {"name": self._name}
        if self.clipnorm is not None:
            config["clipnorm"] = self.clipnorm
        if self.clipvalue is not None:
            config["clipvalue"] = self.clipvalue
        if self.global_clipnorm is not None:
            config["global_clipnorm"] = self.global_clipnorm
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """``cls(**config)``; ``lr`` becomes ``learning_rate`` and a schedule is rebuilt."""
        config = dict(config)
        if "lr" in config:
            config["learning_rate"] = config.pop("lr")
        if isinstance(config.get("learning_rate"), dict):
            config["learning_rate"] = deserialize_schedule(config["learning_rate"],
                                                           custom_objects=custom_objects)
        return cls(**config)
