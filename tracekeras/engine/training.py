"""``Model``: what ``compile``, ``fit``, ``evaluate`` and ``predict`` do.

What it owns: the ``Model`` class (``keras.engine.training.Model``), the base of
``Functional`` and ``Sequential``. Construction (layers, graph) belongs to those
subclasses; this module is the training engine on top of them.

What it receives: the user's ``compile`` arguments, then data for ``fit``.

What it hands on: ``compile`` leaves an optimizer (``optimizers.get``), a
``LossesContainer``, a ``MetricsContainer`` and the ``StepsPerExecution`` the
model shares with its ``DataHandler``s. ``fit`` asks
``data_adapter.get_data_handler`` for a ``DataHandler`` (which chose one of the
eight adapters), wraps the callbacks in a ``CallbackList`` (adding ``History``
and ``ProgbarLogger``), gets the cached ``train_function`` closure from
``make_train_function`` and runs the epoch loop, as Keras writes it, inline;
``training_loops.train_epoch`` runs each epoch's steps: per step
``train_function`` -> ``step_function`` -> ``train_step`` (forward pass under a
``GradientTape``, ``LossesContainer.__call__``, ``optimizer.minimize``,
``MetricsContainer.update_state``). ``evaluate`` and ``predict`` run the same loop
with ``test_step`` and ``predict_step`` (``test_epoch``, ``predict_epoch``).
The model owns the state of its runs, as in Keras: the step counters
(``_train_counter`` ...), which ``step_function`` counts up and ``fit`` /
``evaluate`` / ``predict`` reset, and ``_eval_data_handler``, the validation
data ``fit`` keeps for its epochs. After
``tf.compat.v1.disable_eager_execution()`` the three methods hand their
arguments to ``training_arrays`` (the Keras 2.2 loop) instead.

A subclass of ``Model`` built as ``CustomModel(inputs, outputs)`` becomes a
Functional of that subclass (``inject_functional_model_class``), so its own
``train_step`` / ``test_step`` / ``predict_step`` run inside the cached closures.

Trace events: a span per Keras function named above; a user's step override is
a span of its own qualified name (``__main__.CustomModel.train_step``) inside
``step_function``; each epoch is an ``epoch_scope`` (opened here) and each step
a ``step_scope`` (so steps fold at level "stages"). This module is longer than
400 lines because ``compile``, ``fit``, ``evaluate``, ``predict`` and their loops
are one class in Keras and a learner reads them side by side with
``keras/engine/training.py``.
"""
import functools

import numpy as np

from tracekeras import optimizers, tracing
from tracekeras.backend import GradientTape, Tensor, graph_capture, threads
from tracekeras.compat import v1
from tracekeras.distribute import distribution_strategy_context
from tracekeras.engine import (
    base_layer,
    compile_utils,
    data_adapter,
    training_arrays,
    training_generator,
    training_loops,
    training_utils,
)
from tracekeras.engine.training_arguments import validate_fit_arguments
from tracekeras.engine.training_utils import (
    Config,
    check_loss_names,
    check_sample_weight_warning,
    check_steps_per_execution,
    check_strategy_scopes,
    describe_data,
    flatten_metrics_in_order,
    get_verbosity,
    is_functional_init,
    python_logs,
    should_eval,
    to_numpy,
)
from tracekeras.saving import model_json, saving_api
from tracekeras.utils import layer_utils, tf_utils
from tracekeras.utils.nest import flatten, map_structure

FUNCTIONAL_KWARGS = ("inputs", "outputs", "name", "trainable", "skip_init")
COMPILE_KWARGS = ("sample_weight_mode", "cloning", "experimental_run_tf_function",
                  "distribute", "target_tensors")


def model_args(self, *a, **k):
    return {"model": self.name, "class": type(self).__name__}


class Model(training_generator.GeneratorMethods, base_layer.Layer):
    """A Layer with training: ``compile``, ``fit``, ``evaluate``, ``predict``."""

    _tracks_metric_weights = True

    def __new__(cls, *args, **kwargs):
        """``Model(inputs, outputs)`` makes a Functional, as Keras's ``Model.__new__`` does.

        Keras creates it with ``skip_init=True`` here, then Python runs the real
        ``Functional.__init__``: that is why a trace shows ``__init__`` twice.
        """
        if cls is Model and is_functional_init(args, kwargs):
            # imported here, not at the top: functional.py imports this module
            from tracekeras.engine import functional
            return functional.Functional(*args, skip_init=True, **kwargs)
        return object.__new__(cls)

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """A config with a graph (``input_layers``) rebuilds a Functional, as in Keras."""
        if cls is Model and "input_layers" in config:
            # imported here, not at the top: functional.py imports this module
            from tracekeras.engine import functional
            return functional.Functional.from_config(config, custom_objects=custom_objects)
        return super().from_config(config)

    def __init__(self, *args, **kwargs):
        # imported here, not at the top: functional.py imports this module
        from tracekeras.engine import functional
        if is_functional_init(args, kwargs) and not isinstance(self, functional.Functional):
            # A subclass built as ``CustomModel(inputs, outputs)``: Keras finds out only
            # here, puts Functional into the class's bases and runs Functional.__init__.
            inject_functional_model_class(type(self))
            model_kwargs = {k: v for k, v in kwargs.items() if k in FUNCTIONAL_KWARGS}
            functional.Functional.__init__(self, *args, **model_kwargs)
            return
        base_layer.Layer.__init__(self, name=kwargs.pop("name", None),
                                  trainable=kwargs.pop("trainable", True),
                                  dtype=kwargs.pop("dtype", None))
        self.init_training_state()

    def init_training_state(self):
        """The attributes ``compile`` and ``fit`` use (Keras sets them in ``Model.__init__``)."""
        self._is_compiled = False
        self.optimizer = None
        self.compiled_loss = None
        self.compiled_metrics = None
        self.loss = None
        self.history = None
        self.stop_training = False
        self.train_function = self.test_function = self.predict_function = None
        self._compile_config = None
        self._run_eagerly = None
        self._jit_compile = None
        self._configure_steps_per_execution(1)
        self._train_counter = self._test_counter = self._predict_counter = 0
        self._eval_data_handler = None   # fit's validation data, kept for its epochs
        # a model is trained with the strategy in whose scope it was made (Keras's note)
        self._distribution_strategy = (distribution_strategy_context.get_strategy()
                                       if distribution_strategy_context.has_strategy() else None)

    @base_layer.default
    @tracing.traced("build", args=lambda self, input_shape=None: {"layer": self.name,
                                                                    "input_shape": input_shape})
    def build(self, input_shape):
        """A subclassed model makes its weights by running ``call`` once on placeholders.

        A default ``build``, as in Keras: calling the model does not run it (the
        layers build themselves inside ``call``); ``model.build(shape)`` does.
        """
        if not getattr(self, "_is_graph_network", False):
            with base_layer.init_scope():
                training_utils.build_on_placeholders(self, input_shape)
        base_layer.Layer.build(self, input_shape)

    def call(self, inputs, training=None, mask=None):
        """A subclass says what the model computes; a plain ``Model()`` has nothing to run."""
        raise NotImplementedError(
            "Unimplemented `tf.keras.Model.call()`: if you intend to create a `Model` with the "
            "Functional API, please provide `inputs` and `outputs` arguments. Otherwise, "
            "subclass `Model` with an overridden `call()` method.")

    # -- compile ------------------------------------------------------------
    @tracing.traced("compile", args=model_args)
    def compile(self, optimizer="rmsprop", loss=None, metrics=None, loss_weights=None,
                weighted_metrics=None, run_eagerly=None, steps_per_execution=None,
                jit_compile=None, **kwargs):
        if run_eagerly and jit_compile:
            raise ValueError("You cannot enable `run_eagerly` and `jit_compile` at the same time.")
        check_loss_names(loss)
        if jit_compile:
            if not tf_utils.can_jit_compile(warn=True):
                jit_compile = False
        config = Config(optimizer=optimizer, loss=loss, metrics=metrics, loss_weights=loss_weights,
                        weighted_metrics=weighted_metrics, run_eagerly=run_eagerly,
                        steps_per_execution=steps_per_execution, jit_compile=jit_compile)
        with self.distribute_strategy.traced_scope("compile"):
            self._validate_compile(optimizer, metrics, **kwargs)
            optimizer = self._get_optimizer(optimizer)
            compiled_loss = compile_utils.LossesContainer(loss, loss_weights,
                                                          output_names=self.output_names_or_none())
            compiled_metrics = compile_utils.MetricsContainer(
                metrics, weighted_metrics, output_names=self.output_names_or_none())
            steps = check_steps_per_execution(steps_per_execution)
            # Nothing above changed the model: from here on it is compiled.
            self._compile_config = config
            tracing.instant("keras.engine.training.Model._compile_config", "compile",
                            config=sorted(config.config))
            self._run_eagerly = run_eagerly
            self.optimizer = optimizer
            self.compiled_loss, self.compiled_metrics = compiled_loss, compiled_metrics
            self._configure_steps_per_execution(steps)
            self._reset_compile_cache()
            self._is_compiled = True
            self.loss = loss or {}
            self._jit_compile = jit_compile
            tracing.instant("keras.engine.training.Model._is_compiled", "compile", value=True)

    @tracing.traced("compile", args=model_args)
    def _validate_compile(self, optimizer, metrics, **kwargs):
        if "distribute" in kwargs:
            raise ValueError("`distribute` argument in compile is not available in TF 2.0. Please "
                             "create the model under the `strategy.scope()`. Received: "
                             f"{kwargs['distribute']}.")
        if "target_tensors" in kwargs:
            raise ValueError("`target_tensors` argument is not supported when executing eagerly. "
                             f"Received: {kwargs['target_tensors']}.")
        invalid = set(kwargs) - set(COMPILE_KWARGS)
        if invalid:
            raise TypeError(f"Invalid keyword argument(s) in `compile()`: ({invalid},). Valid "
                            "keyword arguments include \"cloning\", "
                            "\"experimental_run_tf_function\", \"distribute\", "
                            "\"target_tensors\", or \"sample_weight_mode\".")
        if isinstance(metrics, (str, bytes)) or (metrics is not None and callable(metrics)):
            raise TypeError("Type of `metrics` argument not understood. Expected a list or "
                            f"dictionary, found: {metrics}")
        check_strategy_scopes(self, optimizer, metrics)

    @tracing.traced("compile", args=model_args)
    def _get_optimizer(self, optimizer):
        """``optimizers.get`` of each optimizer; under the model's ``mixed_float16`` policy
        each is wrapped in a ``LossScaleOptimizer`` (float16 gradients would underflow)."""
        policy = self.dtype_policy.name
        wrapped = []

        def get_single_optimizer(opt):
            opt = optimizers.get(opt)
            if policy == "mixed_float16" and not isinstance(opt, optimizers.LossScaleOptimizer):
                opt = optimizers.LossScaleOptimizer(opt)
                wrapped.append(opt.inner_optimizer.name)
            return opt
        if isinstance(optimizer, (list, tuple)):
            result = [get_single_optimizer(opt) for opt in optimizer]
        else:
            result = get_single_optimizer(optimizer)
        if policy != "float32" or wrapped:
            tracing.note(dtype_policy=policy, loss_scale_optimizer=(
                f"wrapped {', '.join(wrapped)}: the model's policy is mixed_float16"
                if wrapped else "not wrapped: "
                + ("the optimizer is a LossScaleOptimizer already" if policy == "mixed_float16"
                   else f"only mixed_float16 needs loss scaling, the policy is {policy}")))
        return result

    def _configure_steps_per_execution(self, steps_per_execution):
        """The count each ``*_function`` call runs, in a ``StepsPerExecution``.

        Keras keeps it in a ``tf.Variable`` that ``fit`` hands to the
        ``DataHandler``, which shortens an epoch's last execution by assigning it;
        the model's functions read it at every call, as they do here.
        """
        self._steps_per_execution_variable = data_adapter.StepsPerExecution(steps_per_execution)

    @property
    def _steps_per_execution(self):
        """The current count, an int (Keras reads its Variable inside ``train_function``)."""
        return self._steps_per_execution_variable.numpy()

    def _reset_compile_cache(self):
        self.train_function = self.test_function = self.predict_function = None

    def output_names_or_none(self):
        return getattr(self, "output_names", None)

    def get_compile_config(self):
        return self._compile_config.serialize() if self._compile_config is not None else None

    def get_layer(self, name=None, index=None):
        """A layer of ``self.layers`` by name or index (Keras's ``Model.get_layer``: a
        subclassed model's tracked layers too)."""
        if index is not None and name is not None:
            raise ValueError("Provide only a layer name or a layer index. Received: "
                             f"index={index}, name={name}.")
        if index is not None:
            if len(self.layers) <= index:
                raise ValueError(f"Was asked to retrieve layer at index {index} but model only "
                                 f"has {len(self.layers)} layers.")
            return self.layers[index]
        if name is not None:
            for layer in self.layers:
                if layer.name == name:
                    return layer
            raise ValueError(f"No such layer: {name}. Existing layers are: "
                             f"{list(layer.name for layer in self.layers)}.")
        raise ValueError("Provide either a layer name or layer index at `get_layer`.")

    @property
    def distribute_strategy(self):
        """The strategy whose scope the model was made in, else the current one."""
        return self._distribution_strategy or distribution_strategy_context.get_strategy()

    @property
    def run_eagerly(self):
        return bool(self._run_eagerly)

    @run_eagerly.setter
    def run_eagerly(self, value):
        self._run_eagerly = value

    @property
    def jit_compile(self):
        return bool(self._jit_compile)

    # -- metrics --------------------------------------------------------------
    @property
    def metrics(self):
        out = []
        if self._is_compiled:
            if self.compiled_loss is not None:
                out += self.compiled_loss.metrics
            if self.compiled_metrics is not None:
                out += self.compiled_metrics.metrics
        return out + base_layer.Layer.metrics.fget(self)

    @property
    def metrics_names(self):
        return [m.name for m in self.metrics]

    def reset_metrics(self):
        for metric in self.metrics:
            metric.reset_state()

    @property
    def stateful(self):
        """Whether a layer keeps states between calls (so a model inside a model is reset)."""
        return any(getattr(layer, "stateful", False) for layer in self.layers)

    def reset_states(self):
        """Zeros for the states of every stateful layer (a stateful RNN's ``reset_states``)."""
        for layer in self.layers:
            if hasattr(layer, "reset_states") and getattr(layer, "stateful", False):
                layer.reset_states()

    def get_metrics_result(self):
        return python_logs({m.name: m.result() for m in self.metrics})

    def _validate_and_get_metrics_result(self, logs):
        """The model's metric results in place of the last step's logs when the names match
        (a custom step returning other names keeps its logs): an epoch whose data ran out
        before its first step shows the metrics just reset."""
        metric_logs = self.get_metrics_result()
        if isinstance(logs, dict) and set(logs) == set(metric_logs):
            return metric_logs
        return logs

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None):
        graph = graph_capture.current()
        if graph is not None and "losses_reachable" not in graph.captured:
            # as TensorFlow traces the function: no loss made inside an RNN's while loop
            from tracekeras.layers.rnn import cell_regularization
            cell_regularization.check_reachable(self)
            graph.captured["losses_reachable"] = True
        return self.compiled_loss(y, y_pred, sample_weight,
                                  regularization_losses=getattr(self, "losses", None))

    def compute_metrics(self, x, y, y_pred, sample_weight):
        self.compiled_metrics.update_state(y, y_pred, sample_weight)
        return self.get_metrics_result()

    # -- the steps --------------------------------------------------------------
    @tracing.traced("step", args=model_args)
    def train_step(self, data):
        x, y, sample_weight = data_adapter.unpack_x_y_sample_weight(data)
        with GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x, y, y_pred, sample_weight)
        self._validate_target_and_loss(y, loss)
        self.optimizer.minimize(loss, self.trainable_variables_of_train_function(), tape=tape)
        return self.compute_metrics(x, y, y_pred, sample_weight)

    def _has_custom_train_step(self):
        """A subclass's own ``train_step``, ``test_step`` or ``compute_loss`` may need no
        compiled loss (``fit``'s checks ask; the step itself finds a missing loss)."""
        cls = type(self)
        return (cls.train_step is not Model.train_step or cls.test_step is not Model.test_step
                or cls.compute_loss is not Model.compute_loss)

    def trainable_variables_of_train_function(self):
        """``self.trainable_variables``, read once per ``train_function``.

        Keras traces ``train_step`` into a ``tf.function`` on the first step, so the
        variable list handed to the optimizer is fixed from then until ``compile()``
        makes a new train function (Keras's documented rule: call ``compile()`` again
        after changing ``trainable``). Keeping the list for as long as
        ``self.train_function`` is the same closure is that rule; it is read after the
        first forward pass, as Keras's trace does, so lazily built layers are in it, and
        it spares walking every layer on every step. Outside a train function
        (``train_step`` called directly) it is read afresh.
        """
        function = self.train_function
        cached = self.__dict__.get("cached_trainable_variables")
        if function is None:
            return self.trainable_variables
        if cached is None or cached[0] is not function:
            cached = (function, self.trainable_variables)
            self.__dict__["cached_trainable_variables"] = cached
        return cached[1]

    @tracing.traced("step", args=model_args)
    def test_step(self, data):
        x, y, sample_weight = data_adapter.unpack_x_y_sample_weight(data)
        y_pred = self(x, training=False)
        self.compute_loss(x, y, y_pred, sample_weight)
        return self.compute_metrics(x, y, y_pred, sample_weight)

    @tracing.traced("step", args=model_args)
    def predict_step(self, data):
        x, _, _ = data_adapter.unpack_x_y_sample_weight(data)
        return self(x, training=False)

    def _validate_target_and_loss(self, y, loss):
        """A compiled loss needs targets; training needs some loss (compiled or ``add_loss``)."""
        if self.loss and y is None:
            raise ValueError(f"Target data is missing. Your model was compiled with loss="
                             f"{self.loss}, and therefore expects target data to be provided "
                             "in `fit()`.")
        if loss is None:
            raise ValueError("No loss found. You may have forgotten to provide a `loss` argument "
                             "in the `compile()` method.")

    # -- the cached step closures ----------------------------------------------
    @tracing.traced("function",
                    args=lambda self, force=False: {"cached": self.train_function is not None
                                                    and not force})
    def make_train_function(self, force=False):
        if self.train_function is not None and not force:
            return self.train_function
        self.train_function = make_step_closure(self, "train", self.train_step)
        return self.train_function

    @tracing.traced("function",
                    args=lambda self, force=False: {"cached": self.test_function is not None
                                                    and not force})
    def make_test_function(self, force=False):
        if self.test_function is not None and not force:
            return self.test_function
        self.test_function = make_step_closure(self, "test", self.test_step)
        return self.test_function

    @tracing.traced("function",
                    args=lambda self, force=False: {"cached": self.predict_function is not None
                                                    and not force})
    def make_predict_function(self, force=False):
        if self.predict_function is not None and not force:
            return self.predict_function
        self.predict_function = make_step_closure(self, "predict", self.predict_step)
        return self.predict_function

    # -- fit / evaluate / predict ------------------------------------------------
    @tracing.traced("fit",
                    args=lambda self, x=None, y=None, *a, **k: dict(
                        model_args(self), x=describe_data(x), y=describe_data(y),
                        **{key: k[key] for key in ("epochs", "batch_size") if key in k}))
    def fit(self, x=None, y=None, batch_size=None, epochs=1, verbose="auto", callbacks=None,
            validation_split=0.0, validation_data=None, shuffle=True, class_weight=None,
            sample_weight=None, initial_epoch=0, steps_per_epoch=None, validation_steps=None,
            validation_batch_size=None, validation_freq=1, max_queue_size=10, workers=1,
            use_multiprocessing=False):
        """The epoch loop, validation after each epoch; each epoch's steps: ``train_epoch``.

        Longer than 50 lines as Keras's ``Model.fit`` is: it reads beside that one.
        """
        self._assert_compile_was_called()
        validate_fit_arguments(self, x, y, batch_size=batch_size, epochs=epochs,
                               initial_epoch=initial_epoch, steps=steps_per_epoch,
                               custom_train_step=self._has_custom_train_step(),
                               validation_data=validation_data,
                               validation_split=validation_split,
                               validation_freq=validation_freq,
                               validation_batch_size=validation_batch_size,
                               validation_steps=validation_steps)
        if not v1.executing_eagerly():
            return training_arrays.fit(
                self, x=x, y=y, batch_size=batch_size, epochs=epochs, verbose=verbose,
                callbacks=callbacks, validation_split=validation_split,
                validation_data=validation_data, shuffle=shuffle, sample_weight=sample_weight,
                initial_epoch=initial_epoch)
        verbose = get_verbosity(verbose)
        if validation_split and validation_data is None:
            (x, y, sample_weight), validation_data = data_adapter.train_validation_split(
                (x, y, sample_weight), validation_split=validation_split)
        if validation_data:
            val_x, val_y, val_sample_weight = data_adapter.unpack_x_y_sample_weight(
                validation_data)
        if epochs == 0:
            return training_loops.no_epochs(self, callbacks, verbose)
        with self.distribute_strategy.traced_scope("fit"):
            data_handler = data_adapter.get_data_handler(
                x=x, y=y, sample_weight=sample_weight, batch_size=batch_size,
                steps_per_epoch=steps_per_epoch, initial_epoch=initial_epoch, epochs=epochs,
                shuffle=shuffle, class_weight=class_weight, max_queue_size=max_queue_size,
                workers=workers, use_multiprocessing=use_multiprocessing, model=self,
                steps_per_execution=self._steps_per_execution_variable)
            callbacks = training_loops.callback_list(self, callbacks, verbose, epochs,
                                                     data_handler.inferred_steps)
            self.stop_training = False
            nan_watch = training_loops.NanWatch()
            train_function = self.make_train_function()
            self._train_counter = 0
            callbacks.on_train_begin()
            data_handler._initial_epoch, data_handler._initial_step = (
                self._maybe_load_initial_counters_from_ckpt(data_handler.inferred_steps,
                                                            initial_epoch))
            training_logs = logs = None
            with threads.blas_threads_for(self, batch_size=batch_size):
                for epoch, iterator in data_handler.enumerate_epochs():
                    with tracing.epoch_scope(training_loops.EPOCHS, "fit", epoch):
                        logs = training_loops.train_epoch(self, callbacks, data_handler,
                                                          train_function, epoch, iterator,
                                                          nan_watch, logs)
                        epoch_logs = dict(logs)
                        if validation_data and should_eval(epoch, validation_freq):
                            if self._eval_data_handler is None:
                                self._eval_data_handler = data_adapter.get_data_handler(
                                    x=val_x, y=val_y, sample_weight=val_sample_weight,
                                    batch_size=validation_batch_size or batch_size,
                                    steps_per_epoch=validation_steps, initial_epoch=0,
                                    epochs=1, max_queue_size=max_queue_size, workers=workers,
                                    use_multiprocessing=use_multiprocessing, model=self,
                                    steps_per_execution=self._steps_per_execution_variable)
                            val_logs = self.evaluate(
                                x=val_x, y=val_y, sample_weight=val_sample_weight,
                                batch_size=validation_batch_size or batch_size,
                                steps=validation_steps, callbacks=callbacks,
                                max_queue_size=max_queue_size, workers=workers,
                                use_multiprocessing=use_multiprocessing, return_dict=True,
                                _use_cached_eval_dataset=True)
                            epoch_logs.update({"val_" + k: v for k, v in val_logs.items()})
                        callbacks.on_epoch_end(epoch, epoch_logs)
                        training_logs = epoch_logs
                    if self.stop_training:
                        break
            self._eval_data_handler = None
            self.optimizer.finalize_variable_values(self.trainable_variables)
            callbacks.on_train_end(logs=training_logs)
            return self.history

    @tracing.traced("evaluate",
                    args=lambda self, x=None, y=None, *a, **k: dict(
                        model_args(self), x=describe_data(x), y=describe_data(y)))
    def evaluate(self, x=None, y=None, batch_size=None, verbose="auto", sample_weight=None,
                 steps=None, callbacks=None, max_queue_size=10, workers=1,
                 use_multiprocessing=False, return_dict=False, **kwargs):
        """One pass over the data with ``test_step``; each step: ``test_epoch``."""
        self._assert_compile_was_called()
        check_sample_weight_warning(self, x, sample_weight)
        validate_fit_arguments(self, x, y, batch_size=batch_size, steps=steps,
                               custom_train_step=self._has_custom_train_step())
        use_cached_eval_dataset = kwargs.pop("_use_cached_eval_dataset", False)
        if kwargs:
            raise TypeError(f"Invalid keyword arguments: {sorted(kwargs)}")
        if not v1.executing_eagerly():
            return training_arrays.evaluate(self, x=x, y=y, batch_size=batch_size,
                                            verbose=verbose, sample_weight=sample_weight,
                                            return_dict=return_dict)
        verbose = get_verbosity(verbose)
        with self.distribute_strategy.traced_scope("evaluate"):   # as in Keras: the whole pass
            if use_cached_eval_dataset and self._eval_data_handler is not None:
                data_handler = self._eval_data_handler
            else:
                data_handler = data_adapter.get_data_handler(
                    x=x, y=y, sample_weight=sample_weight, batch_size=batch_size,
                    steps_per_epoch=steps, initial_epoch=0, epochs=1, max_queue_size=max_queue_size,
                    workers=workers, use_multiprocessing=use_multiprocessing, model=self,
                    steps_per_execution=self._steps_per_execution_variable)
            callbacks = training_loops.callback_list(self, callbacks, verbose, 1,
                                                     data_handler.inferred_steps)
            test_function = self.make_test_function()
            self._test_counter = 0
            callbacks.on_test_begin()
            logs = None
            with threads.blas_threads_for(self, batch_size=batch_size):
                for _, iterator in data_handler.enumerate_epochs():
                    with tracing.epoch_scope(training_loops.EPOCHS, "evaluate"):
                        logs = training_loops.test_epoch(self, callbacks, data_handler,
                                                         test_function, iterator)
            logs = self._validate_and_get_metrics_result(python_logs(logs) or {})
            callbacks.on_test_end(logs=logs)
            if return_dict:
                return logs
            return flatten_metrics_in_order(logs, self.metrics_names)

    @tracing.traced("predict",
                    args=lambda self, x=None, *a, **k: dict(model_args(self), x=describe_data(x)))
    def predict(self, x, batch_size=None, verbose="auto", steps=None, callbacks=None,
                max_queue_size=10, workers=1, use_multiprocessing=False):
        """One pass over the data with ``predict_step``; the batches stacked at the end."""
        validate_fit_arguments(self, x, None, batch_size=batch_size, steps=steps,
                               needs_targets=False)
        if not v1.executing_eagerly():
            return training_arrays.predict(self, x=x, batch_size=batch_size, verbose=verbose)
        verbose = get_verbosity(verbose)
        with self.distribute_strategy.traced_scope("predict"):   # as in Keras: the whole pass
            data_handler = data_adapter.get_data_handler(
                x=x, batch_size=batch_size, steps_per_epoch=steps, initial_epoch=0, epochs=1,
                max_queue_size=max_queue_size, workers=workers,
                use_multiprocessing=use_multiprocessing, model=self,
                steps_per_execution=self._steps_per_execution_variable)
            callbacks = training_loops.callback_list(self, callbacks, verbose, 1,
                                                     data_handler.inferred_steps)
            predict_function = self.make_predict_function()
            self._predict_counter = 0
            callbacks.on_predict_begin()
            batches = []
            with threads.blas_threads_for(self, batch_size=batch_size):
                for _, iterator in data_handler.enumerate_epochs():
                    with tracing.epoch_scope(training_loops.EPOCHS, "predict"):
                        training_loops.predict_epoch(callbacks, data_handler, predict_function,
                                                     iterator, batches)
            training_loops.check_batches(batches)
            callbacks.on_predict_end()
        return training_loops.stack_batches(batches)

    # -- single batches ------------------------------------------------------------
    @tracing.traced("fit", args=model_args)
    def train_on_batch(self, x, y=None, sample_weight=None, class_weight=None,
                       reset_metrics=True, return_dict=False):
        self._assert_compile_was_called()
        if reset_metrics:   # before the batch, as Keras: the metrics keep its results after
            self.reset_metrics()
        iterator = data_adapter.single_batch_iterator(x, y, sample_weight, class_weight)
        logs = python_logs(self.make_train_function()(iterator))
        return logs if return_dict else flatten_metrics_in_order(logs, self.metrics_names)

    @tracing.traced("evaluate", args=model_args)
    def test_on_batch(self, x, y=None, sample_weight=None, reset_metrics=True, return_dict=False):
        self._assert_compile_was_called()
        if reset_metrics:
            self.reset_metrics()
        iterator = data_adapter.single_batch_iterator(x, y, sample_weight)
        logs = python_logs(self.make_test_function()(iterator))
        return logs if return_dict else flatten_metrics_in_order(logs, self.metrics_names)

    @tracing.traced("predict", args=model_args)
    def predict_on_batch(self, x):
        iterator = data_adapter.single_batch_iterator(x)
        return to_numpy(self.make_predict_function()(iterator))

    # -- checks ------------------------------------------------------------------
    def _maybe_load_initial_counters_from_ckpt(self, steps_per_epoch, initial_epoch):
        """(initial_epoch, initial_step) of ``fit``: from a restored backup, if any."""
        state = getattr(self, "_training_state", None)
        if state is None:
            return initial_epoch, 0
        return state.maybe_load_initial_counters_from_ckpt(steps_per_epoch, initial_epoch)

    @tracing.traced("fit", args=model_args)
    def _assert_compile_was_called(self):
        if not self._is_compiled:
            raise RuntimeError("You must compile your model before training/testing. Use "
                               "`model.compile(optimizer, loss)`.")

    # -- summary -------------------------------------------------------------------
    @property
    def layers(self):
        """The layers this model tracks directly, in the order they were set."""
        return list(self._flatten_layers(include_self=False, recursive=False))

    def summary(self, line_length=None, positions=None, print_fn=None, expand_nested=False,
                show_trainable=False, layer_range=None):
        if not self.built:
            raise ValueError("This model has not yet been built. Build the model first by "
                             "calling `build()` or by calling the model on a batch of data.")
        layer_utils.print_summary(self, line_length=line_length, positions=positions,
                                  print_fn=print_fn, expand_nested=expand_nested,
                                  show_trainable=show_trainable, layer_range=layer_range)

    # -- saving (keras.saving.saving_api picks the format from the path) -----------
    def save(self, filepath, overwrite=True, save_format=None, **kwargs):
        """Save the model: ``.keras`` writes the Keras archive (config, weights, optimizer)."""
        # one argument a line, as Keras's: the legacy-HDF5 warning prints this call's first
        # line, ``saving_api.save_model(``, as tf_keras's does
        saving_api.save_model(
            self, filepath, overwrite=overwrite, save_format=save_format, **kwargs)

    def save_weights(self, filepath, overwrite=True, save_format=None, options=None):
        """Write the weights: ``.weights.h5``, legacy ``.h5``, else tracekeras's own file."""
        saving_api.save_weights(self, filepath, overwrite=overwrite, save_format=save_format)

    def load_weights(self, filepath, skip_mismatch=False, by_name=False, options=None):
        """Read weights in the format the path and file say; refuses a file that does not fit."""
        return saving_api.load_weights(self, filepath, skip_mismatch=skip_mismatch,
                                       by_name=by_name)

    def to_json(self, **kwargs):
        """The model's config as JSON: ``{"class_name", "config", "keras_version", "backend"}``."""
        return model_json.model_to_json(self, **kwargs)


def inject_functional_model_class(cls):
    """Put ``Functional`` where ``Model`` is among ``cls``'s bases (Keras's function of this name).

    ``class CustomModel(keras.Model)`` built with ``CustomModel(inputs, outputs)`` then
    is a Functional whose overrides (``train_step``, ``test_step`` ...) still run.
    """
    # imported here, not at the top: functional.py imports this module
    from tracekeras.engine import functional
    if cls is Model:
        return functional.Functional
    if cls is object or not issubclass(cls, Model) or issubclass(cls, functional.Functional):
        return cls
    cls.__bases__ = tuple(inject_functional_model_class(base) for base in cls.__bases__)
    return cls


def make_step_closure(model, kind, step_method):
    """Keras's ``make_*_function`` body: ``<kind>_function`` -> ``step_function`` -> step.

    Keras compiles ``train_function`` with ``tf.function``; here it stays a
    Python closure, created once per compile and cached on the model. Unless
    the model runs eagerly, each call is marked as a call of a traced function,
    so the little Python state a trace would freeze is frozen (see
    ``backend.graph_capture``).
    """
    prefix = f"keras.engine.training.Model.make_{kind}_function.<locals>"
    counter = f"_{kind}_counter"
    user_step = user_step_name(model, kind)
    if user_step is not None:
        step_method = traced_user_step(user_step, model, step_method)

    @tracing.traced("function", name=f"{prefix}.step_function")
    def step_function(model, iterator):
        data = next(iterator)
        outputs = step_method(data)
        setattr(model, counter, getattr(model, counter) + 1)
        return outputs

    @tracing.traced("function", name=f"{prefix}.{kind}_function",
                    args=lambda iterator: {"steps_per_execution": model._steps_per_execution})
    def function(iterator):
        outputs = step_function(model, iterator)
        for _ in range(model._steps_per_execution - 1):
            try:
                outputs = step_function(model, iterator)
            except StopIteration:
                break
        return outputs

    if model.run_eagerly:
        return function
    graph = graph_capture.GraphFunction(
        first_call_creates_metric_variables=kind == "train" or (
            kind == "test" and metrics_still_to_build(model)))

    @functools.wraps(function)
    def graph_function(iterator):
        with graph_capture.calling(graph):
            try:
                return function(iterator)
            except StopIteration:
                out_of_data(graph)
                raise
    return graph_function


def out_of_data(graph):
    """The call found no batch: the graph's ops that wait for none still run (see
    ``backend.graph_capture``), and the trace says which."""
    ran = graph_capture.run_ops_without_data(graph)
    if ran:
        tracing.instant("tf.raw_ops.IteratorGetNext", "function", error="OutOfRangeError",
                        ran_without_data=ran)


def metrics_still_to_build(model):
    """Will the first step create the compiled metrics (and so their variables)?"""
    metrics = model.compiled_metrics
    return (metrics is not None and not metrics.built
            and any(metric is not None for metric in flatten(metrics._user_metrics)
                    + flatten(metrics._user_weighted_metrics)))


def user_step_name(model, kind):
    """The qualified name of a subclass's own ``<kind>_step``; None for Keras's own."""
    method = getattr(type(model), f"{kind}_step")
    if method is getattr(Model, f"{kind}_step"):
        return None
    return f"{method.__module__}.{method.__qualname__}"


def traced_user_step(name, model, step_method):
    """The user's step override, in a span of its own name (Keras runs it in the closure).

    Keras's dataset hands the step Tensors, so ``y - y_pred`` in a user's step is a
    Tensor the tape follows; the batch's arrays become Tensors here for the same reason.
    """
    def step(data):
        with tracing.span(name, "step", model=model.name, override=True):
            return step_method(map_structure(as_tensor, data))
    return step


def as_tensor(value):
    return Tensor(value) if isinstance(value, np.ndarray) else value
