"""A traced function is named after the Keras function it teaches: by default our module
path with ``keras`` for ``tracekeras`` (or the module's ``KERAS_MODULE``) and its
qualified name; a name is spelled out only where Keras's differs."""
import ast
import os

import pytest

import tracekeras
from tracekeras import tracing
from tracekeras.tracing import call_sites

PACKAGE = os.path.dirname(tracekeras.__file__)


def test_the_name_is_derived_from_module_and_qualified_name():
    with tracekeras.trace() as t:
        call_sites.traced("compile")(tracekeras.tracing.schema.check_level)("full")
    assert t.names() == ["keras.tracing.schema.check_level"]
    from tracekeras.callbacks.callback_list import CallbackList
    from tracekeras.engine.training import Model
    assert call_sites.keras_name(Model.fit.__wrapped__) == "keras.engine.training.Model.fit"
    assert (call_sites.keras_name(CallbackList.on_train_batch_end.__wrapped__)
            == "keras.callbacks.CallbackList.on_train_batch_end")     # KERAS_MODULE


def test_the_renderers_entry_points_are_names_the_engine_emits():
    from tracekeras.engine.training import Model
    derived = {call_sites.keras_name(getattr(Model, n).__wrapped__)
               for n in ("fit", "evaluate", "predict", "train_on_batch", "test_on_batch",
                         "predict_on_batch")}
    assert derived == set(tracing.ENTRY_POINTS)


def test_a_stage_outside_the_schema_or_a_nested_function_without_a_name_is_refused():
    with pytest.raises(ValueError, match="Unknown trace stage: 'keras.x.f'"):
        tracing.traced("keras.x.f")
    with pytest.raises(TypeError):
        tracing.traced("keras.x.f", "fit")         # the name goes by keyword

    def inner():
        pass
    with pytest.raises(ValueError, match="nested function"):
        tracing.traced("fit")(inner)


def traced_decorators():
    """(file, qualified name, explicit name or None) of every ``@tracing.traced`` in the
    package whose name is a plain string."""
    for folder, _, files in os.walk(PACKAGE):
        for file in files:
            if not file.endswith(".py"):
                continue
            path = os.path.join(folder, file)
            with open(path, encoding="utf-8") as f:
                tree = ast.parse(f.read())
            yield from decorators_in(tree, path)


def decorators_in(tree, path, scope=()):
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.ClassDef):
            yield from decorators_in(node, path, scope + (node.name,))
        elif isinstance(node, ast.FunctionDef):
            for dec in node.decorator_list:
                if isinstance(dec, ast.Call) and getattr(dec.func, "attr", getattr(
                        dec.func, "id", None)) == "traced":
                    name = next((k.value for k in dec.keywords if k.arg == "name"), None)
                    yield path, ".".join(scope + (node.name,)), name
            yield from decorators_in(node, path, scope + (node.name, "<locals>"))


def test_no_call_site_spells_out_the_name_it_would_get_anyway():
    seen = 0
    for path, qualname, name in traced_decorators():
        seen += 1
        if not isinstance(name, ast.Constant):
            continue
        module = os.path.relpath(path, os.path.dirname(PACKAGE))[:-3].replace(os.sep, ".")
        assert name.value != "keras" + module[len("tracekeras"):] + "." + qualname, (path, qualname)
    assert seen > 100
