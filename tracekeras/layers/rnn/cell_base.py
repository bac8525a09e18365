"""What every built-in recurrent cell shares (in Keras each cell writes it out, and
``keras.layers.rnn.dropout_rnn_cell_mixin`` adds their dropout masks; tracekeras's cells
have no dropout).

What it owns: ``RecurrentCell``, the base of ``SimpleRNNCell``, ``LSTMCell`` and
``GRUCell``: the constructor arguments every cell takes (units, activations, initializers;
regularizers, constraints and non-zero dropout are refused with a clear error), the three
``add_weight`` calls of a cell's ``build`` (``kernel``, ``recurrent_kernel``, ``bias``),
``get_initial_state`` (zeros) and ``get_config``. A cell's ``call(inputs, states)`` is
``step(project_inputs(inputs), states)``: ``project_inputs`` is the input half
(``inputs @ kernel + bias``), which ``RNN`` runs once on the whole sequence (one matmul for
every timestep instead of one per step), and ``step`` the recurrent half each cell defines.

And ``CellLayer``, the ``RNN`` subclass that ``SimpleRNN``/``LSTM``/``GRU`` are: it makes its
cell named ``<kind>_cell`` and reads the cell's settings as attributes (``layer.units`` is
``layer.cell.units``, as Keras's properties give them).

What it receives: constructor arguments; the step's input shape at build time.

What it hands on: Variables named ``<cell>/kernel:0`` inside the enclosing name scope.

Trace events: the ``add_weight`` spans of the base layer (each cell traces its own build).
"""
from tracekeras import activations, initializers
from tracekeras.backend import ops
from tracekeras.engine.base_layer import Layer
from tracekeras.engine.input_spec import InputSpec
from tracekeras.layers.rnn import rnn_utils
from tracekeras.layers.rnn.base_rnn import RNN

CELL_SETTINGS = ("units", "activation", "recurrent_activation", "use_bias", "kernel_initializer",
                 "recurrent_initializer", "bias_initializer", "unit_forget_bias", "dropout",
                 "recurrent_dropout", "implementation", "reset_after")
UNSUPPORTED = ("kernel_regularizer", "recurrent_regularizer", "bias_regularizer",
               "activity_regularizer", "kernel_constraint", "recurrent_constraint",
               "bias_constraint")


def refuse_unsupported(what, kwargs):
    for name in UNSUPPORTED:
        if kwargs.get(name) is not None:
            raise NotImplementedError(f"tracekeras's {what} has no `{name}` yet. Received: "
                                      f"{name}={kwargs[name]!r}")
        kwargs.pop(name, None)
    return kwargs


class RecurrentCell(Layer):
    """The settings and weights every built-in cell has."""

    GATES = 1          # how many blocks of ``units`` columns the kernels have
    OWN_CONFIG = ()    # the config keys a kind of cell adds

    def __init__(self, units, activation="tanh", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", dropout=0.0, recurrent_dropout=0.0, **kwargs):
        units = rnn_utils.check_units(units)
        kwargs = refuse_unsupported(type(self).__name__, kwargs)
        self.dropout, self.recurrent_dropout = rnn_utils.check_no_dropout(
            dropout, recurrent_dropout, type(self).__name__)
        super().__init__(**kwargs)
        self.units = units
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.state_size = units
        self.output_size = units
        self.kernel = self.recurrent_kernel = self.bias = None

    def add_kernels(self, input_shape, bias_shape, bias_initializer):
        """The three weights of a cell's ``build``, in Keras's order and with its names."""
        input_dim = int(input_shape[-1])
        width = self.units * self.GATES
        self.kernel = self.add_weight(shape=(input_dim, width), name="kernel",
                                      initializer=self.kernel_initializer)
        self.recurrent_kernel = self.add_weight(shape=(self.units, width),
                                                name="recurrent_kernel",
                                                initializer=self.recurrent_initializer)
        if self.use_bias:
            self.bias = self.add_weight(shape=bias_shape, name="bias",
                                        initializer=bias_initializer)
        self.built = True

    def input_bias(self):
        return self.bias if self.use_bias else None

    def project_inputs(self, inputs):
        """``inputs @ kernel + bias``: for one timestep, or for a whole sequence at once."""
        projected = ops.matmul(inputs, self.kernel)
        bias = self.input_bias()
        return ops.bias_add(projected, bias) if bias is not None else projected

    def call(self, inputs, states, training=None):
        return self.step(self.project_inputs(inputs), states)

    call.projects_inputs = True   # RNN may run project_inputs on the whole sequence

    def step(self, projected, states):
        """One timestep from the projected inputs and the previous states (each cell's own)."""
        raise NotImplementedError

    def get_initial_state(self, inputs=None, batch_size=None, dtype=None):
        if inputs is not None:
            batch_size, dtype = inputs.shape[0], inputs.dtype
        states = rnn_utils.generate_zero_filled_state(batch_size, self.state_size,
                                                      dtype or self.dtype)
        return states if isinstance(self.state_size, (list, tuple)) else states[0]

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units,
                       "activation": activations.serialize(self.activation)})
        for name in self.OWN_CONFIG:
            value = getattr(self, name)
            config[name] = activations.serialize(value) if name.endswith("activation") else value
        config.update({
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "recurrent_initializer": initializers.serialize(self.recurrent_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer)})
        config.update({name: None for name in UNSUPPORTED if name != "activity_regularizer"})
        config.update({"dropout": self.dropout, "recurrent_dropout": self.recurrent_dropout})
        return config


class CellLayer(RNN):
    """An ``RNN`` around a cell it makes itself (``SimpleRNN``, ``LSTM``, ``GRU``)."""

    CELL = None        # the cell class
    CELL_NAME = None   # Keras names the cell of every such layer alike: ``lstm_cell``

    def __init__(self, units, return_sequences=False, return_state=False, go_backwards=False,
                 stateful=False, unroll=False, time_major=False, cell_kwargs=None, **kwargs):
        cell = self.CELL(units, dtype=kwargs.get("dtype"),
                         trainable=kwargs.get("trainable", True), name=self.CELL_NAME,
                         **cell_kwargs)
        if kwargs.get("activity_regularizer") is not None:
            raise NotImplementedError(f"tracekeras's {type(self).__name__} has no "
                                      "`activity_regularizer` yet.")
        kwargs.pop("activity_regularizer", None)
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll,
                         time_major=time_major, **kwargs)
        self.input_spec = [InputSpec(ndim=3)]
        self.state_spec = [InputSpec(shape=(None, size)) for size in self.state_sizes]

    def __getattr__(self, name):
        # ``layer.units``, ``layer.activation``, ...: the cell's settings, as Keras's
        # properties give them (only reached when the layer has no such attribute).
        cell = self.__dict__.get("cell")
        if name in CELL_SETTINGS and cell is not None and name in vars(cell):
            return getattr(cell, name)
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def get_config(self):
        config = super().get_config()
        cell_config = config.pop("cell")["config"]
        for name in ("name", "trainable", "dtype"):
            cell_config.pop(name, None)
        config.update(cell_config)
        config["activity_regularizer"] = None
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        return cls(**config)
