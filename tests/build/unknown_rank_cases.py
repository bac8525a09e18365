"""A Sequential model without an input shape first called on a scalar, and inputs of
unknown rank: the cases of ``make_unknown_rank_fixtures.py`` (real tf_keras 2.21) and
``test_unknown_rank.py`` (tracekeras). Each takes a ``tensorflow`` module and hands back
JSON-ready facts.

Keras builds such a model on ``Input(batch_shape=())``, which (an empty shape being
falsy) is an input of unknown rank; each layer is then called on it symbolically, and
when one of those calls fails the model gives up its graph and runs its layers one by
one on the data (``_use_legacy_deferred_behavior``)."""
import io
from contextlib import redirect_stdout


def tokenizer_layers(tf):
    """The 'Load text' tutorial's two custom layers: a tokenizer made of ``tf.strings`` ops
    (a vector of tokens for a string, a zero-padded matrix for a vector of strings) and a
    ``StaticVocabularyTable`` look-up."""
    class Tokenizer(tf.keras.layers.Layer):
        def call(self, text):
            spaced = tf.strings.regex_replace(tf.strings.lower(text), r"([^\w\s]+)", r" \1 ")
            result = tf.strings.split(spaced)
            if isinstance(result, tf.RaggedTensor):
                result = result.to_tensor()
            return result

    class VocabTable(tf.keras.layers.Layer):
        def __init__(self, vocab):
            super().__init__()
            keys = [""] + vocab
            init = tf.lookup.KeyValueTensorInitializer(
                keys, range(len(keys)), key_dtype=tf.string, value_dtype=tf.int64)
            self.table = tf.lookup.StaticVocabularyTable(init, 1)

        def call(self, x):
            return self.table.lookup(x)

    return Tokenizer(name="tokenizer"), VocabTable(["the", "a", ","])


def summary_lines(model):
    out = io.StringIO()
    with redirect_stdout(out):
        model.summary()
    return out.getvalue().splitlines()


def state(model):
    """What the first call left: built, a graph or not, its inputs and outputs."""
    facts = {"built": model.built, "graph": model._graph_initialized,
             "legacy": model._use_legacy_deferred_behavior}
    if model._graph_initialized:
        facts.update(inputs=[repr(t) for t in model.inputs],
                     outputs=[repr(t) for t in model.outputs],
                     input_rank=[t.shape.rank for t in model.inputs])
    return facts


def case_input_of_unknown_rank(tf):
    """``Input(batch_shape=())``: no dimension at all, not even the batch."""
    text = tf.keras.Input(batch_shape=(), dtype="string", name="text")
    number = tf.keras.Input(batch_shape=[])
    return {"str": str(text), "repr": repr(text), "shape": str(text.shape),
            "rank": text.shape.rank, "number": repr(number),
            "layer_shape": text._keras_history.layer._batch_input_shape}


def case_text_pipeline_on_a_scalar(tf):
    """The tutorial's preprocessing model: built on the scalar's Input of unknown rank,
    the tokenizer's graph gives a matrix of tokens; later calls on a vector and inside a
    dataset's map reuse that graph."""
    model = tf.keras.Sequential(list(tokenizer_layers(tf)))
    first = model(tf.constant("The dog, the cat"))
    facts = {"first": first.numpy().tolist(), "first_dtype": first.dtype.name,
             "state": state(model), "summary": summary_lines(model)}
    second = model(tf.constant(["a dog", "the cat , a"]))
    facts["second"] = second.numpy().tolist()
    mapped = tf.data.Dataset.from_tensor_slices(["a b", "the"]).map(lambda t: model(t))
    facts["mapped"] = [x.numpy().tolist() for x in mapped]
    facts["state_after"] = state(model)
    return facts


def case_elementwise_on_a_scalar(tf):
    """A layer that keeps its input's shape, whatever its rank: its output in the graph
    has an unknown rank too."""
    model = tf.keras.Sequential([tf.keras.layers.Lambda(lambda x: x * 2.0, name="twice")])
    out = model(tf.constant(1.5))
    facts = {"out": float(out.numpy()), "state": state(model),
             "output_shape": str(model.outputs[0].shape)}
    facts["vector"] = model(tf.constant([1.0, 2.0])).numpy().tolist()
    facts["summary"] = summary_lines(model)
    return facts


def case_reduction_on_a_scalar(tf):
    """A layer whose output has a known rank (a sum over every axis) whatever its input's."""
    model = tf.keras.Sequential([tf.keras.layers.Lambda(lambda x: tf.reduce_sum(x),
                                                        name="total")])
    out = model(tf.constant(4.0))
    return {"out": float(out.numpy()), "state": state(model),
            "vector": float(model(tf.constant([1.0, 2.0, 3.0])).numpy())}


def case_build_refusing_an_unknown_rank(tf):
    """A layer whose ``build`` needs every dimension (``as_list()``, which an unknown rank
    refuses): the graph cannot be made, so the model gives up on it and calls its layers one
    by one on the data, where the build sees the scalar's shape."""
    class Scale(tf.keras.layers.Layer):
        def build(self, input_shape):
            self.w = self.add_weight(name="w", shape=input_shape.as_list(), initializer="ones")

        def call(self, x):
            return x * 2.0 * self.w

    model = tf.keras.Sequential([Scale(name="scale")])
    out = model(tf.constant(3.0))
    facts = {"out": float(out.numpy()), "state": state(model),
             "weights": [list(w.shape) for w in model.weights]}
    facts["again"] = float(model(tf.constant(5.0)).numpy())
    facts["state_after"] = state(model)
    return facts


CASES = {name[len("case_"):]: fn for name, fn in globals().items() if name.startswith("case_")}


def error_of(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the facts are the error's type and message
        return [type(e).__name__, str(e)]
    return None


def mistakes(tf):
    def dense_on_a_scalar():
        model = tf.keras.Sequential([tf.keras.layers.Dense(2, name="d")])
        model(tf.constant(3.0))

    def input_without_shape():
        tf.keras.Input(dtype="string")

    def input_of_none_batch_shape():
        tf.keras.Input(batch_shape=None, dtype="string")

    return {"dense_on_a_scalar": dense_on_a_scalar, "input_without_shape": input_without_shape,
            "input_of_none_batch_shape": input_of_none_batch_shape}
