"""What ``tf.function`` freezes: the Python state a train function read while it was traced.

Unless ``run_eagerly=True``, Keras runs ``train_function`` as a ``tf.function``.
TensorFlow runs the Python body of such a function only while *tracing* it into
a graph: a Python value read there (an ``int`` attribute, say) becomes a
constant of the graph, and a Python side effect (``self.n += 1``) happens once
per trace, never per call. tracekeras runs every step in Python, so the few
places whose result depends on such state ask this module what a traced
function would have seen. Today that is Nadam's ``_u_product_counter``, which
makes Nadam give different numbers with ``run_eagerly=True`` and ``False`` in
tf_keras 2.21 (``tests/optimizers``, measured against it).

When TensorFlow traces: at the first call of each new train function (one per
``compile``; ``train_on_batch`` reuses ``fit``'s). It traces *twice* when that
first call creates variables (the optimizer's slots, the compiled metrics'
accumulators, a lazily built model's weights): once to create them and once
more for the graph it then runs; otherwise once. The batch's shape does not
retrace it: the function takes the dataset iterator, whose batch size is
unknown.

What it owns: ``GraphFunction`` (per train function: whether its first call
has begun, and what was captured then). What it receives: ``calling``, from
``make_step_closure`` around each call of a non-eager train function, with a
test telling whether that first call creates variables. What it hands on:
``current()``, the function being called (None when running eagerly), whose
``captured`` dict holds the frozen values and whose ``traces()`` says how many
times TensorFlow would have traced it. It emits no trace events.
"""
import contextlib

from .tensor import Variable

CALLING = []   # the graph functions being called, innermost last


class GraphFunction:
    """One train/test/predict function that Keras would run as a ``tf.function``."""

    def __init__(self, first_call_creates_metric_variables):
        self.first_call_creates_metric_variables = first_call_creates_metric_variables
        self.calls = 0
        self.captured = {}
        self.variables_before_first_call = None
        self.trace_count = None
        # The graph's unseeded random ops (a Dropout's draw), counted per call in call
        # order, and each one's kernel stream (``backend.random.function_uniform``).
        self.unseeded_random_ops = 0
        self.random_kernels = {}
        # The graph's random ops given an op seed (a seeded Dropout's, GaussianNoise's or
        # GaussianDropout's draw), counted the same way; their kernels are kept under
        # ``("seeded", number)``.
        self.seeded_random_ops = 0

    def traces(self):
        """How many times TensorFlow traced this function at its first call (1 or 2).

        Asked during the first call: variables made so far in it (model, loss
        metrics, optimizer slots), or metric accumulators still to come, mean two.
        """
        if self.trace_count is None:
            created = Variable.created - self.variables_before_first_call
            self.trace_count = 2 if created or self.first_call_creates_metric_variables else 1
        return self.trace_count


@contextlib.contextmanager
def calling(function):
    if function.calls == 0:
        function.variables_before_first_call = Variable.created
    function.calls += 1
    function.unseeded_random_ops = 0
    function.seeded_random_ops = 0
    CALLING.append(function)
    try:
        yield
    finally:
        CALLING.pop()


def current():
    """The non-eager function being called, or None when the step runs eagerly."""
    return CALLING[-1] if CALLING else None
