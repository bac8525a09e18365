"""``keras.mixed_precision.loss_scale_optimizer``: dynamic loss scaling around an optimizer.

What it owns: ``LossScaleOptimizerV3`` (``LossScaleOptimizer`` is the same
class here, as Keras's metaclass hands a v2.11+ optimizer to V3) and its
``_DynamicLossScaleState``. The loss is multiplied by the loss scale before the
gradients are taken, the gradients are divided by it again; if any gradient is
not finite the step is skipped (only ``iterations`` advances) and the scale is
halved (never below 1); after ``dynamic_growth_steps`` (2000) finite steps in a
row the scale doubles. The initial scale is 2**15. With ``dynamic=False`` the
scale is the fixed ``initial_scale``.
What it receives: ``minimize(loss, var_list, tape)`` from ``Model.train_step``
(through ``_BaseOptimizer.minimize``); hands on unscaled gradients to the inner
optimizer's ``apply_gradients``.
``loss_scale`` is a float32 scalar Tensor, ``get_scaled_loss`` and
``get_unscaled_gradients`` hand back Tensors (None stays None), as TensorFlow's do.
``Model.compile`` wraps a model's optimizer in one when the model's policy is
``mixed_float16`` (``Model._get_optimizer``).
Trace events (stage optimizer):
``keras.mixed_precision.loss_scale_optimizer.LossScaleOptimizerV3.compute_gradients``
and ``...apply_gradients``, whose end notes the decision: the loss scale the step used,
whether the gradients were applied, the scale and good-step count after it, and why
(a step skipped for inf/nan gradients also flags its step span, so folding keeps it).
"""
import numpy as np

from tracekeras import tracing
from tracekeras.backend import GradientTape, Tensor, Variable, convert, graph_capture, ops
from tracekeras.optimizers import optimizer
from tracekeras.optimizers import utils as optimizer_utils

KERAS_MODULE = "keras.mixed_precision.loss_scale_optimizer"
DEFAULT_INITIAL_SCALE = 2 ** 15
DEFAULT_GROWTH_STEPS = 2000


class _DynamicLossScaleState:
    """The loss scale (float32 Variable) and the count of good steps since it last changed."""

    def __init__(self, initial_loss_scale, growth_steps, multiplier):
        self.initial_loss_scale = float(initial_loss_scale)
        self.growth_steps = int(growth_steps)
        self.multiplier = float(multiplier)
        self.current_loss_scale = Variable(self.initial_loss_scale, name="current_loss_scale",
                                           dtype="float32", trainable=False)
        self.counter = Variable(0, name="good_steps", dtype="int64", trainable=False)

    def __call__(self):
        return self.current_loss_scale.value

    def update(self, grads):
        """Grow, keep or shrink the scale; return whether the gradients may be applied and
        the reason, in words, for the trace."""
        is_finite = all(np.isfinite(g).all() for g in grads if g is not None)
        scale = self.current_loss_scale.value
        if is_finite:
            if int(self.counter.value) + 1 >= self.growth_steps:
                new_scale = scale * np.float32(self.multiplier)
                if np.isfinite(new_scale):
                    self.current_loss_scale.assign(new_scale)
                self.counter.assign(0)
                return True, (f"{self.growth_steps} finite steps in a row: the scale is "
                              f"multiplied by {self.multiplier:g}")
            self.counter.assign_add(1)
            return True, "finite gradients: applied"
        self.counter.assign(0)
        self.current_loss_scale.assign(np.maximum(scale / np.float32(self.multiplier),
                                                  np.float32(1)))
        return False, (f"inf or nan in the gradients: step skipped, the scale divided by "
                       f"{self.multiplier:g} (never below 1)")


class LossScaleOptimizerV3(optimizer.Optimizer):
    """An optimizer that scales the loss, unscales the gradients and skips non-finite steps."""

    def __init__(self, inner_optimizer, dynamic=True, initial_scale=None,
                 dynamic_growth_steps=None):
        if not isinstance(inner_optimizer, optimizer.Optimizer):
            raise TypeError('"inner_optimizer" must be an instance of Optimizer, but got: '
                            f"{inner_optimizer}.")
        if not isinstance(dynamic, bool):
            raise TypeError('"dynamic" argument to LossScaleOptimizer.__init__ must be a bool, '
                            f"but got: {dynamic!r}")
        if isinstance(inner_optimizer, LossScaleOptimizerV3):
            raise TypeError("LossScaleOptimizer cannot wrap another LossScaleOptimizer, but got: "
                            f"{inner_optimizer}")
        if getattr(inner_optimizer, "_is_wrapped_by_loss_scale_optimizer", False):
            raise ValueError('"inner_optimizer" is already wrapped by a LossScaleOptimizer. An '
                             "optimizer can only be wrapped by a single LossScaleOptimizer")
        if not dynamic and initial_scale is None:
            raise ValueError('"initial_scale" must be specified if "dynamic" is False')
        if not dynamic and dynamic_growth_steps is not None:
            raise ValueError('"dynamic_growth_steps" must be None if "dynamic" is False, but got: '
                             f"{dynamic_growth_steps}")
        # Like Keras, the Optimizer constructor is not called: the state lives in the inner one.
        self._optimizer = inner_optimizer
        inner_optimizer._is_wrapped_by_loss_scale_optimizer = True
        if dynamic:
            self._loss_scale = _DynamicLossScaleState(
                DEFAULT_INITIAL_SCALE if initial_scale is None else initial_scale,
                DEFAULT_GROWTH_STEPS if dynamic_growth_steps is None else dynamic_growth_steps,
                multiplier=2)
        else:
            self._loss_scale = float(initial_scale)
        self._loss_has_been_scaled = False
        self._gradients_have_been_unscaled = False

    @property
    def dynamic(self):
        return isinstance(self._loss_scale, _DynamicLossScaleState)

    @property
    def loss_scale(self):
        """The current loss scale, a float32 scalar Tensor."""
        if self.dynamic:
            return Tensor(self._loss_scale.current_loss_scale.value.copy())
        return Tensor(np.asarray(self._loss_scale, dtype=np.float32))

    @property
    def dynamic_counter(self):
        return self._loss_scale.counter if self.dynamic else None

    @property
    def initial_scale(self):
        return self._loss_scale.initial_loss_scale if self.dynamic else self._loss_scale

    @property
    def dynamic_growth_steps(self):
        return self._loss_scale.growth_steps if self.dynamic else None

    @property
    def inner_optimizer(self):
        return self._optimizer

    def get_scaled_loss(self, loss):
        """``loss`` times the loss scale (cast to the loss's dtype); a callable loss gives a
        callable."""
        self._loss_has_been_scaled = True
        if callable(loss) and not isinstance(loss, Tensor):
            return lambda: self.get_scaled_loss(loss())
        loss = convert(loss)
        return ops.multiply(loss, ops.cast(self.loss_scale, loss.dtype))

    def get_unscaled_gradients(self, grads):
        """Each gradient times 1 / the loss scale, in the gradient's dtype (None kept)."""
        self._gradients_have_been_unscaled = True
        reciprocal = np.float32(1.0) / self.loss_scale.value
        return [None if g is None else ops.multiply(g, Tensor(reciprocal.astype(
            convert(g).dtype))) for g in grads]

    @tracing.traced(optimizer.STAGE,
                    args=optimizer.optimizer_args)
    def compute_gradients(self, loss, var_list, tape=None):
        """Scale the loss on the tape, take the inner optimizer's gradients, unscale them."""
        tape = GradientTape() if tape is None else tape
        with tape:
            loss = self.get_scaled_loss(loss)
        # scaled float16 gradients may overflow: that is what apply_gradients looks for, and
        # TensorFlow gives inf without a warning
        with np.errstate(over="ignore", invalid="ignore"):
            grads_and_vars = self._optimizer.compute_gradients(loss, var_list, tape=tape)
        grads = self.get_unscaled_gradients([g for g, _ in grads_and_vars])
        grads = [None if g is None else g.value for g in grads]   # the engine's NumPy ones
        return list(zip(grads, [v for _, v in grads_and_vars]))

    @tracing.traced(optimizer.STAGE, args=optimizer.optimizer_args)
    def apply_gradients(self, grads_and_vars, skip_gradients_aggregation=False, **kwargs):
        """Update the loss scale; apply the gradients only when they are all finite."""
        grads_and_vars = list(grads_and_vars)
        _, trainable_variables = zip(*grads_and_vars)
        self.build(list(trainable_variables))
        grads_and_vars = optimizer_utils.filter_empty_gradients(grads_and_vars)
        grads = [g for g, _ in grads_and_vars]
        scale = float(self.loss_scale)
        should_apply, reason = (self._loss_scale.update(grads) if self.dynamic
                                else (True, "fixed loss scale: applied"))
        if tracing.active():
            after = {"new_loss_scale": float(self.loss_scale),
                     "good_steps": int(self.dynamic_counter.value) if self.dynamic else None}
            tracing.note(loss_scale=scale, applied=bool(should_apply), reason=reason, **after)
            if not should_apply:
                tracing.flag_step(loss_scale_skipped_step=reason, loss_scale=scale, **after)
        with graph_capture.waiting_on_data():   # Keras's tf.cond on the gradients
            if should_apply:
                self._optimizer.apply_gradients(list(grads_and_vars),
                                                skip_gradients_aggregation=True)
            else:
                self._optimizer.iterations.assign_add(1)

    def get_config(self):
        # cycle: tracekeras.optimizers imports this module
        from tracekeras.optimizers import serialize
        return {"inner_optimizer": serialize(self._optimizer), "dynamic": self.dynamic,
                "initial_scale": self.initial_scale,
                "dynamic_growth_steps": self.dynamic_growth_steps}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        if "inner_optimizer" not in config:
            raise KeyError("'inner_optimizer': a LossScaleOptimizer config must hold the "
                           "optimizer it wraps, e.g. {'class_name': 'LossScaleOptimizer', "
                           "'config': {'inner_optimizer': 'rmsprop'}}; a bare name cannot "
                           f"build one. Received config: {config}")
        inner = config.pop("inner_optimizer")
        if not isinstance(inner, optimizer.Optimizer):
            # cycle: tracekeras.optimizers imports this module
            from tracekeras.optimizers import deserialize, get
            if isinstance(inner, dict) and inner.get("config"):
                # tf_keras wraps a config without is_legacy_optimizer's legacy optimizer in
                # its legacy LossScaleOptimizer; tracekeras wraps the v2.11+ class
                inner = {**inner, "config": {"is_legacy_optimizer": False, **inner["config"]}}
            inner = (deserialize(inner, custom_objects=custom_objects)
                     if isinstance(inner, dict) else get(inner))
        return cls(inner, **config)

    # -- everything else is the inner optimizer's --------------------------------------
    name = property(lambda self: self._optimizer.name)
    iterations = property(lambda self: self._optimizer.iterations)
    variables = property(lambda self: self._optimizer.variables)
    use_ema = property(lambda self: self._optimizer.use_ema)
    jit_compile = property(lambda self: self._optimizer.jit_compile)

    def build(self, var_list):
        return self._optimizer.build(var_list)

    @property
    def learning_rate(self):
        return self._optimizer.learning_rate

    @learning_rate.setter
    def learning_rate(self, learning_rate):
        self._optimizer.learning_rate = learning_rate

    def finalize_variable_values(self, var_list):
        return self._optimizer.finalize_variable_values(var_list)


LossScaleOptimizer = LossScaleOptimizerV3
