"""Call sites: how engine code asks to be traced, and what that costs when tracing is off.

What it owns: the API an engine module uses next to the code it traces (the
decorator :func:`traced`, which makes a whole function a span named after the
Keras function it teaches (:func:`keras_name`); the context managers
:func:`span`, :func:`epoch_scope` and :func:`step_scope`; the one-record calls
:func:`instant`, :func:`note`, :func:`graph`, :func:`flag_step` and
:func:`stop_requested`) and the check each makes first: ``state.recorder`` is
None when tracing is off, and then a call costs that one check and a ``with``
gets :data:`NO_SPAN`; a recorder at a lower level than the call site's, or
running a light step, lets the call run untraced. It also owns the index of
traced functions the tools read (:func:`traced_sites` of each of
:func:`package_modules`): each wrapper keeps its ``traced_site``.

What it receives: the engine's calls: a Keras name (or the function to derive it
from), a stage, the args (or functions that make them from the call's arguments
and result), and where the call site is (``impl``, ``module:qualname``, from the
function or the calling frame).

What it hands on: calls to this thread's
:class:`~tracekeras.tracing.recorder.Recorder` (``call``, ``begin``/``end``,
``begin_step``/``end_step``, ``instant``, ``note``, ``graph``), which makes the
records and folds them. Nothing here changes what the traced code returns or
raises.
"""
import contextlib
import functools
import os
import sys

from .recorder import NOTABLE_STAGES
from .schema import LEVEL_RANK, STAGES, STEP_NAME, check_level
from .threads import state


def impl_of(fn):
    return f"{fn.__module__}:{fn.__qualname__}"


def impl_of_frame(frame):
    code = frame.f_code
    return f"{frame.f_globals.get('__name__', '?')}:{getattr(code, 'co_qualname', code.co_name)}"


class NoSpan:
    """What span() returns when tracing is off: does nothing, costs nothing."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def note(self, **args):
        pass


NO_SPAN = NoSpan()


class Span:
    __slots__ = ("rec", "name", "stage", "impl", "args", "sid", "collects", "epoch",
                 "outer_epoch")

    def __init__(self, rec, name, stage, impl, args, collects=False, epoch=None):
        self.rec, self.name, self.stage, self.impl, self.args = rec, name, stage, impl, args
        self.collects = collects      # an epoch scope: folded step statistics land on its end
        self.epoch = epoch
        self.sid = self.outer_epoch = None

    def __enter__(self):
        rec = self.rec
        if self.stage in NOTABLE_STAGES:
            rec.mark_notable()
        if self.collects:
            rec.open_loop()
            self.outer_epoch = (rec.epoch, rec.step)
            if self.epoch is not None:
                rec.epoch, rec.step = self.epoch, None
        self.sid = rec.begin(self.name, self.stage, self.impl, self.args, self.collects)
        return self

    def __exit__(self, cls, exc, tb):
        self.rec.end(self.sid, error=exc)
        if self.collects:
            self.rec.epoch, self.rec.step = self.outer_epoch
        return False

    def note(self, **args):
        for entry in self.rec.stack:
            if entry.sid == self.sid:
                entry.end_args.update(args)


class StepScope:
    __slots__ = ("rec", "kind", "epoch", "step", "impl", "token", "name", "last")

    def __init__(self, rec, kind, epoch, step, impl, name, last):
        self.rec, self.kind, self.epoch, self.step, self.impl = rec, kind, epoch, step, impl
        self.name, self.last = name, last

    def __enter__(self):
        self.token = self.rec.begin_step(self.kind, self.epoch, self.step, self.impl, self.name,
                                         self.last)
        return self

    def __exit__(self, cls, exc, tb):
        self.rec.end_step(self.token, error=exc)
        return False

    def note(self, **args):
        pass


def keras_name(fn):
    """The Keras name of a tracekeras function: our module path with ``keras`` for
    ``tracekeras``, then the qualified name (``tracekeras.engine.training`` +
    ``Model.fit`` -> ``keras.engine.training.Model.fit``). A module that teaches a
    Keras module of another path says which in ``KERAS_MODULE`` (``tracekeras.callbacks.
    history`` teaches ``keras.callbacks``)."""
    module = fn.__globals__.get("KERAS_MODULE") or fn.__module__
    if module == "tracekeras" or module.startswith("tracekeras."):
        module = "keras" + module[len("tracekeras"):]
    return f"{module}.{fn.__qualname__}"


def traced(stage, *, name=None, args=None, result=None, level="stages"):
    """Decorate a function so each call is a span named after the Keras function it teaches.

    ``name`` is the Keras name, by default :func:`keras_name` of the function; give
    it only where Keras's differs (another module, a nested function). ``args(*a,
    **k)`` returns the begin record's args; ``result(ret)`` the end record's. When
    tracing is off the wrapper costs one attribute check; at a lower level than
    ``level``, or in a light step (unless ``stage`` is notable), a few.
    """
    if stage not in STAGES:
        raise ValueError(f"Unknown trace stage: {stage!r}. Expected one of {', '.join(STAGES)}.")
    rank = LEVEL_RANK[check_level(level)]
    notable = stage in NOTABLE_STAGES

    def decorate(fn):
        impl = impl_of(fn)
        span_name = name
        if span_name is None:
            span_name = keras_name(fn)
            if "<locals>" in span_name:
                raise ValueError(f"{impl} is a nested function: its Keras name cannot be "
                                 "derived; pass name=...")

        @functools.wraps(fn)
        def wrapper(*a, **k):
            rec = state.recorder
            if rec is None or rank > rec.rank or (rec.light and not notable):
                return fn(*a, **k)
            return rec.call(fn, a, k, span_name, stage, impl, args, result, rank)

        wrapper.traced_site = (span_name, impl)
        return wrapper

    return decorate


def traced_site(obj):
    """``(Keras name, impl)`` of a :func:`traced` function, or of a method, static or
    class method or property made from one; None for anything else."""
    fn = getattr(obj, "__func__", obj)
    fn = getattr(fn, "fget", None) or fn
    site = getattr(fn, "traced_site", None)
    return site if isinstance(site, tuple) else None


def traced_sites(module):
    """``(Keras name, impl)`` of every traced function a module defines: its functions,
    and the methods and properties of its own classes."""
    objects = list(vars(module).values())
    objects += [member for cls in objects
                if isinstance(cls, type) and cls.__module__ == module.__name__
                for member in vars(cls).values()]
    return [site for site in map(traced_site, objects) if site is not None]


def package_modules(skip=("probe", "shim")):
    """The name of every module of the tracekeras package but ``__main__`` and the
    subpackages in ``skip``, found by walking its files (some folders have no
    ``__init__.py``, so ``pkgutil`` would miss them)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    root = os.path.dirname(package)
    for folder, _, files in sorted(os.walk(package)):
        for file in sorted(files):
            if not file.endswith(".py") or file == "__main__.py":
                continue
            parts = os.path.relpath(os.path.join(folder, file), root)[:-3].split(os.sep)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            if len(parts) < 2 or parts[1] not in skip:
                yield ".".join(parts)


def span(name, stage, level="stages", **args):
    rec = state.recorder
    if rec is None or not rec.wants(level) or (rec.light and stage not in NOTABLE_STAGES):
        return NO_SPAN
    return Span(rec, name, stage, impl_of_frame(sys._getframe(1)), args)


def epoch_scope(name, stage, epoch=None, **args):
    """A span for one pass of an epoch loop; folded step statistics land on its end.

    ``epoch`` None (an evaluate or predict pass) keeps the loop position of any
    enclosing fit epoch.
    """
    rec = state.recorder
    if rec is None or rec.rank < 0:
        return NO_SPAN
    if rec.light:               # a loop inside a light step (evaluate from a callback):
        rec.light = False       # record the rest of the step, and keep it
        rec.loops[-1].notable = True
    if epoch is not None:
        args = dict(args, epoch=epoch)
    return Span(rec, name, stage, impl_of_frame(sys._getframe(1)), args, collects=True,
                epoch=epoch)


def step_scope(kind, epoch, step, name=STEP_NAME, last=None):
    """A span for one step of a loop (``for step in data_handler.steps()``).

    ``name`` is the loop that yields the steps: ``DataHandler.steps`` in the TF 2
    loops; the Keras 2.2 ``fit_loop`` walks its own batches. Step spans are the
    spans of stage "step" whose args have a ``kind`` (train, test, predict).
    ``last``: whether this is the last step of its epoch, None when the loop does not
    know (data of unknown size); a folded step known not to be the last runs light.
    """
    rec = state.recorder
    if rec is None or rec.rank < 0:
        return NO_SPAN
    return StepScope(rec, kind, epoch, step, impl_of_frame(sys._getframe(1)), name, last)


def instant(name, stage, level="stages", **args):
    rec = state.recorder
    if rec is None or not rec.wants(level):
        return
    rec.instant(name, stage, impl_of_frame(sys._getframe(1)), args)


def note(**args):
    """Add facts to the end record of the innermost open span (a decision, a result)."""
    rec = state.recorder
    if rec is not None:
        rec.note(args)


def graph(name, snapshot):
    rec = state.recorder
    if rec is not None and rec.rank >= 0:
        rec.graph(name, impl_of_frame(sys._getframe(1)), snapshot)


def flag_step(**args):
    """Put facts on the running step's span and keep that step (e.g. its loss became NaN)."""
    rec = state.recorder
    if rec is not None:
        rec.flag_step(args)


def stop_requested():
    """Mark the current step as differing from the others (training was stopped)."""
    rec = state.recorder
    if rec is not None:
        rec.stop_requested = True


def active():
    return state.recorder is not None


@contextlib.contextmanager
def unrecorded():
    """Recording off for the current thread inside the block: for work tracekeras does for
    itself alone and Keras does not do (a second shape run on placeholders), which would
    otherwise show in the trace as a step of Keras's."""
    rec = state.recorder
    state.recorder = None
    try:
        yield
    finally:
        state.recorder = rec
