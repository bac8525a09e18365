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

A call that finds no batch: when the dataset runs out (the end of an epoch whose size
Keras does not know yet, or a dataset too short for ``steps_per_epoch``), Keras's last
call of the train function fails in the graph's ``IteratorGetNext`` op with an
``OutOfRangeError``. The graph's other ops that wait for no batch have run by then:
those of each ``apply_gradients`` the function traced (its learning rate from the
schedule, the weight decay of the variables no gather read, the parts of
``update_step`` that read no gradient: slots decayed in the IndexedSlices branch,
Nadam's ``tf.cond`` on ``iterations``; then ``iterations.assign_add(1)``), so in
tf_keras 2.21 the optimizer counts one step more than the steps that ran (measured in
``tests/optimizers/test_end_of_data.py``). A stage with such ops records them during
the function's first call (``record_ops_without_data``; not inside
``waiting_on_data()``, which stands for a ``tf.cond`` on the batch's values);
``run_ops_without_data`` runs them when a later call finds no batch.
"""
import contextlib

from .tensor import Variable

CALLING = []   # the graph functions being called, innermost last
WAITING_ON_DATA = []   # one entry per ``waiting_on_data()`` being run


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
        # What the graph does that waits for no batch: (label, callable), in trace order.
        self.ops_without_data = []

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


@contextlib.contextmanager
def waiting_on_data():
    """Ops made here sit inside a ``tf.cond`` on the batch's values (a LossScaleOptimizer
    applying only finite gradients): in a call that finds no batch they do not run."""
    WAITING_ON_DATA.append(True)
    try:
        yield
    finally:
        WAITING_ON_DATA.pop()


def noting_ops_without_data():
    """True in the first call of a non-eager function (the one TensorFlow traces), where
    ``record_ops_without_data`` notes what it is given."""
    function = current()
    return function is not None and function.calls == 1 and not WAITING_ON_DATA


def record_ops_without_data(label, run):
    """In the first call of a non-eager function, note ``run``: ops of the graph that wait
    for no batch. Elsewhere this does nothing."""
    if noting_ops_without_data():
        current().ops_without_data.append((label, run))


def run_ops_without_data(function):
    """A call of ``function`` found no batch: run what its graph does all the same; the
    labels of what ran, in order."""
    for _, run in function.ops_without_data:
        run()
    return [label for label, _ in function.ops_without_data]
