"""Wrapping the functions of the table, and putting the originals back.

What it owns: finding each table entry in the installed tf_keras (module, then
attribute by attribute), replacing it by a wrapper that records through the
active recorder exactly as ``@tracing.traced`` does (same checks: off, level,
light step; a user-level ``fit``, ``train_on_batch`` ... made with no span open
goes through the recorder's ``top_level_call``, so repeated calls fold by the
same rule as tracekeras's), and undoing every replacement. A module-level function is also
replaced wherever another tf_keras module imported it by name (``from ... import
Input``; the public ``tf_keras.Input``), since that is where callers find it.

What it receives: the entries of :mod:`tracekeras.probe.table`. What it hands
on: a :class:`Patches` (the undo list, and the names the installed version
lacks); records go to ``tracing.state.recorder``, whose ``impl`` field names the
tf_keras function that ran (``tf_keras.src.engine.training:Model.fit``).

Loops: ``DataHandler.enumerate_epochs`` and ``DataHandler.steps`` are
generators; their wrappers open an epoch scope around each epoch they yield and
a step scope around each step (``tracing.epoch_scope`` / ``step_scope``, the
same calls tracekeras's own loop makes), closed when the loop asks for the
next one, breaks, or raises. The stage of an epoch (fit, evaluate, predict) and
the kind of a step (train, test, predict) are those of the entry point that
runs the loop, read from the open spans.
"""
import functools
import importlib
import sys
import types

from tracekeras.tracing import call_sites
from tracekeras.tracing import recorder as rec_mod
from tracekeras.tracing.schema import ENTRY_POINTS, EPOCHS_NAME, LEVEL_RANK

from . import facts, v1_loop, values

KIND_OF_STAGE = {"fit": "train", "evaluate": "test", "predict": "predict"}
WRAPPED = "_tracekeras_probe"      # set on every wrapper: which entry it records


class Patches:
    """What the probe replaced (to put back) and what the table names but is missing."""

    def __init__(self, package="tf_keras"):
        self.package = package
        self.undo = []        # (owner, attribute, original, replaced-with)
        self.missing = []     # [{"name":..., "where":..., "reason":...}]
        self.wrapped = []     # the entry names wrapped

    def set(self, owner, attribute, value):
        original = owner.__dict__[attribute] if isinstance(owner, type) else \
            getattr(owner, attribute)
        self.undo.append((owner, attribute, original, value))
        setattr(owner, attribute, value)

    def restore(self):
        """Put every original back, last replaced first; then unwrap any copy a module
        imported by name while the probe was on (``from ... import Input`` run late)."""
        while self.undo:
            owner, attribute, original, _ = self.undo.pop()
            if isinstance(owner, types.CellType):
                owner.cell_contents = original
            else:
                setattr(owner, attribute, original)
        for module in package_modules(self.package):
            for name, value in list(vars(module).items()):
                if isinstance(value, types.FunctionType) and getattr(value, WRAPPED, None):
                    setattr(module, name, value.__wrapped__)


def locate(where):
    """(owner, attribute, value) of ``module:Qual.name``; raises LookupError saying why."""
    module_name, _, qualname = where.partition(":")
    try:
        owner = importlib.import_module(module_name)
    except ImportError as exc:
        raise LookupError(f"no module {module_name} ({exc})") from None
    parts = qualname.split(".")
    for part in parts[:-1]:
        owner = getattr(owner, part, None)
        if owner is None:
            raise LookupError(f"no {part} in {module_name}")
    attribute = parts[-1]
    holder = owner.__dict__ if isinstance(owner, type) else vars(owner)
    if attribute not in holder:
        raise LookupError(f"{qualname} is not defined in {module_name}")
    return owner, attribute, holder[attribute]


def install(entries, package="tf_keras"):
    """Wrap every entry that the installed version has; returns the Patches."""
    patches = Patches(package)
    aliases = alias_index(package)
    for entry in entries:
        try:
            owner, attribute, original = locate(entry.where)
        except LookupError as exc:
            patches.missing.append({"name": entry.name, "where": entry.where,
                                    "reason": str(exc)})
            continue
        if getattr(original, WRAPPED, None) is not None:
            continue   # wrapped already (a table naming one function twice)
        if not isinstance(original, types.FunctionType):
            patches.missing.append({"name": entry.name, "where": entry.where,
                                    "reason": f"not a plain function: {type(original).__name__}"})
            continue
        wrapper = make_wrapper(entry, original, patches)
        patches.set(owner, attribute, wrapper)
        if entry.kind == "v1_loop":
            v1_loop.rebind_partials(owner, original, wrapper, patches)
        if not isinstance(owner, type):
            for module, name in aliases.get(id(original), ()):
                if module is not owner:
                    patches.set(module, name, wrapper)
        patches.wrapped.append(entry.name)
    return patches


def package_modules(package):
    return [module for name, module in list(sys.modules.items()) if module is not None
            and (name == package or name.startswith(package + "."))]


def alias_index(package):
    """id(function) -> [(module, name)] for every module-level function of ``package``."""
    index = {}
    for module in package_modules(package):
        for name, value in list(vars(module).items()):
            if isinstance(value, types.FunctionType):
                index.setdefault(id(value), []).append((module, name))
    return index


def impl_of(fn):
    return f"{fn.__module__}:{fn.__qualname__}"


def stage_of(entry, a, k):
    return entry.stage(a, k) if callable(entry.stage) else entry.stage


def make_wrapper(entry, fn, patches):
    if entry.kind == "epochs":
        wrapper = epochs_wrapper(entry, fn)
    elif entry.kind == "steps":
        wrapper = steps_wrapper(entry, fn)
    elif entry.kind == "context":
        wrapper = context_wrapper(entry, fn)
    elif entry.kind == "v1_loop":
        wrapper = v1_loop.loop_wrapper(entry, fn, call_wrapper)
    elif entry.kind == "make_function":
        wrapper = make_function_wrapper(entry, fn, patches)
    else:
        wrapper = call_wrapper(entry, fn, recursion=entry.kind == "recursion")
    setattr(wrapper, WRAPPED, entry.name)
    return wrapper


def call_wrapper(entry, fn, recursion=False, name=None, impl=None):
    """A span around each call, as ``tracing.traced`` makes it (and the same off switch)."""
    rank = LEVEL_RANK[entry.level]
    name = name or entry.name
    impl = impl or impl_of(fn)
    counter = {"visits": 0, "root": None}   # a recursion: visits so far under its root call

    @functools.wraps(fn)
    def wrapper(*a, **k):
        rec = call_sites.state.recorder
        if rec is None or rank > rec.rank:
            return fn(*a, **k)
        stage = stage_of(entry, a, k)
        if rec.light and stage not in rec_mod.NOTABLE_STAGES:
            return fn(*a, **k)
        begun = rec.safe_args(entry.args, a, k) or {}
        if recursion:
            depth = sum(1 for s in rec.stack if s.name == name)
            root = rec.stack[-1].sid if rec.stack else None
            if depth == 0 and root != counter["root"]:   # a new walk: visits count from 0
                counter["visits"], counter["root"] = 0, root
            begun.update(depth=depth, visit=counter["visits"])
            counter["visits"] += 1
        shown = {key: value for key, value in begun.items() if not key.startswith("_")}
        if rec.folds_call(name):     # fit, train_on_batch ... folded as tracekeras folds them
            return rec.top_level_call(name, record_call, rec, fn, a, k, name, stage, impl,
                                      entry.result, begun, shown)
        return record_call(rec, fn, a, k, name, stage, impl, entry.result, begun, shown)

    return wrapper


def record_call(rec, fn, a, k, name, stage, impl, result, begun, shown):
    if stage in rec_mod.NOTABLE_STAGES:
        rec.mark_notable()
    sid = rec.begin(name, stage, impl, shown)
    try:
        ret = fn(*a, **k)
    except BaseException as exc:
        rec.end(sid, error=exc)
        raise
    end = rec.safe_args(result, (ret, a, k, begun), {}) if result is not None else None
    if end:
        end = emit_extras(rec, end, name, impl)
    rec.end(sid, args=end or None)
    return ret


def emit_extras(rec, end, name, impl):
    """Record the instants and graph snapshot a result asks for, inside the span."""
    end = dict(end)
    for instant_name, stage, args in end.pop(values.INSTANTS, ()):
        rec.instant(instant_name, stage, impl, args)
    snapshot = end.pop(values.GRAPH, None)
    if snapshot is not None:
        rec.graph(name, impl, snapshot)
    return end


def running_stage(rec):
    """The stage of the innermost entry point (fit, evaluate, predict) that is running."""
    for span in reversed(rec.stack):
        stage = ENTRY_POINTS.get(span.name)
        if stage is not None:
            return stage
    return "fit"


def epochs_wrapper(entry, fn):
    impl = impl_of(fn)

    @functools.wraps(fn)
    def enumerate_epochs(self, *a, **k):
        loop = fn(self, *a, **k)
        try:
            for item in loop:
                rec = call_sites.state.recorder
                if rec is None:
                    yield item
                    continue
                stage = running_stage(rec)
                scope = call_sites.epoch_scope(EPOCHS_NAME, stage,
                                            item[0] if stage == "fit" else None)
                yield from scoped(scope, impl, item)
        finally:
            loop.close()

    return enumerate_epochs


def steps_wrapper(entry, fn):
    impl = impl_of(fn)

    @functools.wraps(fn)
    def steps(self, *a, **k):
        loop = fn(self, *a, **k)
        try:
            for step in loop:
                rec = call_sites.state.recorder
                if rec is None:
                    yield step
                    continue
                stage = running_stage(rec)
                epoch = rec.epoch if stage == "fit" else None
                scope = call_sites.step_scope(KIND_OF_STAGE[stage], epoch, step,
                                           last=is_last_step(self, step))
                yield from scoped(scope, impl, step, handler=self)
        finally:
            loop.close()

    return steps


def scoped(scope, impl, item, handler=None):
    """Yield ``item`` inside ``scope``; the scope ends when the loop moves on or stops."""
    if hasattr(scope, "impl"):
        scope.impl = impl
    scope.__enter__()
    try:
        yield item
    except GeneratorExit:        # the loop broke out (stop_training) or was dropped
        note_stop(handler)
        scope.__exit__(None, None, None)
        raise
    except BaseException as exc:
        scope.__exit__(type(exc), exc, exc.__traceback__)
        raise
    note_stop(handler)
    scope.__exit__(None, None, None)


def note_stop(handler):
    model = getattr(handler, "_model", None)
    if model is not None and getattr(model, "stop_training", False):
        call_sites.stop_requested()


def is_last_step(handler, step):
    steps = getattr(handler, "_inferred_steps", None)
    if steps is None:
        return None
    return step + getattr(handler, "_step_increment", 0) + 1 >= steps


def context_wrapper(entry, fn):
    """A method that returns a context manager (``Strategy.scope``): the span lasts from the
    block's ``__enter__`` to its ``__exit__``, in the stage of the step that opened it."""
    impl = impl_of(fn)
    rank = LEVEL_RANK[entry.level]

    @functools.wraps(fn)
    def context(*a, **k):
        manager = fn(*a, **k)
        rec = call_sites.state.recorder
        if rec is None or rank > rec.rank or rec.light:
            return manager
        stage = "compile" if any(s.name.endswith("Model.compile") for s in rec.stack) \
            else running_stage(rec)
        args = rec.safe_args(entry.args, a, k) or {}
        return SpanningContext(manager, call_sites.Span(rec, entry.name, stage, impl, args))

    return context


class SpanningContext:
    """A context manager inside a span: what ``with strategy.scope():`` gets while tracing."""

    def __init__(self, manager, span):
        self.manager, self.span = manager, span

    def __enter__(self):
        self.span.__enter__()
        return self.manager.__enter__()

    def __exit__(self, cls, exc, tb):
        try:
            return self.manager.__exit__(cls, exc, tb)
        finally:
            self.span.__exit__(cls, exc, tb)


def make_function_wrapper(entry, fn, patches):
    """``make_train_function``: a span; then the function it made, and the ``step_function``
    that function closes over, are wrapped under tracekeras's ``<locals>`` names."""
    kind = entry.name.rsplit(".", 1)[-1][len("make_"):-len("_function")]
    outer = call_wrapper(entry, fn)

    @functools.wraps(fn)
    def make_function(self, *a, **k):
        made = outer(self, *a, **k)
        if call_sites.state.recorder is None or made is None or getattr(made, WRAPPED, None):
            return made
        wrap_step_function(entry, made, patches)
        traced = call_wrapper(entry._replace(args=facts.steps_per_execution_args(self),
                                             result=None),
                              made, name=f"{entry.name}.<locals>.{kind}_function",
                              impl=impl_of_made(made))
        setattr(traced, WRAPPED, entry.name)
        patches.set(self, f"{kind}_function", traced)
        return traced

    return make_function


def impl_of_made(made):
    python = getattr(made, "python_function", made)
    return f"{getattr(python, '__module__', '?')}:{getattr(python, '__qualname__', '?')}"


def wrap_step_function(entry, made, patches):
    """Replace the ``step_function`` the made function closes over (put back on exit)."""
    python = getattr(made, "python_function", made)
    code, cells = getattr(python, "__code__", None), getattr(python, "__closure__", None)
    if code is None or not cells:
        return
    for name, cell in zip(code.co_freevars, cells):
        if name == "step_function" and not getattr(cell.cell_contents, WRAPPED, None):
            original = cell.cell_contents
            step = call_wrapper(entry._replace(args=None, result=None), original,
                                name=f"{entry.name}.<locals>.step_function")
            setattr(step, WRAPPED, entry.name)
            patches.undo.append((cell, "cell_contents", original, step))
            cell.cell_contents = step
