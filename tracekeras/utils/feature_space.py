"""FeatureSpace: one object that preprocesses and encodes a dict of structured features
(``keras.utils.feature_space``).

What it owns: ``Cross`` and ``Feature`` (what a cross or a feature is: its names or dtype,
its preprocessing layer, its ``output_mode``), and ``FeatureSpace(features,
output_mode="concat", crosses=None, crossing_dim=32, hashing_dim=32,
num_discretization_bins=32)``, a ``Layer`` built from tracekeras's preprocessing layers.
The feature kinds are its class methods, also given by their string names with their
defaults: ``float`` (``Identity``), ``float_rescaled`` (``Rescaling``),
``float_normalized`` (``Normalization``), ``float_discretized`` (``Discretization``),
``integer_categorical`` / ``string_categorical`` (``IntegerLookup`` / ``StringLookup``),
``integer_hashed`` / ``string_hashed`` (``Hashing``), ``feature`` (a layer of one's own);
``cross`` crosses preprocessed features with a ``HashedCrossing``. ``adapt(dataset)``
adapts each adaptable layer to its column of a ``tf.data.Dataset`` of dicts (unbatched
scalars are batched by 32; each column gets a trailing axis of 1), then builds the
Functional graph from one ``Input`` a feature: ``get_inputs()`` and
``get_encoded_features()`` hand it over. Features and crosses are merged in sorted name
order, features first; ``"one_hot"`` ones through a ``CategoryEncoding`` (multi-hot, one
column a vocabulary entry, bin or hash bucket); ``"concat"`` joins them with a
``Concatenate``, ``"dict"`` keeps them by name. Called on a dict of tensors (batched or one
example, also inside ``Dataset.map``) it runs the same layers eagerly. ``get_config`` and
``from_config`` as in Keras; ``save`` (a ``.keras`` archive) is not implemented.

What it receives: the feature specs; a ``Dataset`` of dicts; a dict of arrays, lists,
scalars or Tensors. What it hands on: a float32 Tensor (concat) or a dict of Tensors.

Trace events: spans ``keras.utils.feature_space.FeatureSpace.adapt`` (stage build, around
each layer's ``PreprocessingLayer.adapt``), ``...FeatureSpace.get_encoded_features`` (stage
build, the first time: the symbolic graph) and ``...FeatureSpace.__call__`` (stage layer),
around the ``Layer.__call__`` spans of the layers they run.
"""
from tracekeras import backend, layers, tracing
from tracekeras.backend import array_ops, ops
from tracekeras.data import Dataset
from tracekeras.engine.base_layer import Layer
from tracekeras.saving import serialization_lib


class Cross:
    def __init__(self, feature_names, crossing_dim, output_mode="one_hot"):
        if output_mode not in {"int", "one_hot"}:
            raise ValueError("Invalid value for argument `output_mode`. Expected one of "
                             f"{{'int', 'one_hot'}}. Received: output_mode={output_mode}")
        self.feature_names = tuple(feature_names)
        self.crossing_dim = crossing_dim
        self.output_mode = output_mode

    @property
    def name(self):
        return "_X_".join(self.feature_names)

    def get_config(self):
        return {"feature_names": self.feature_names, "crossing_dim": self.crossing_dim,
                "output_mode": self.output_mode}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class Feature:
    def __init__(self, dtype, preprocessor, output_mode):
        if output_mode not in {"int", "one_hot", "float"}:
            raise ValueError("Invalid value for argument `output_mode`. Expected one of "
                             f"{{'int', 'one_hot', 'float'}}. Received: output_mode={output_mode}")
        self.dtype = dtype
        if isinstance(preprocessor, dict):
            preprocessor = serialization_lib.deserialize_keras_object(preprocessor)
        self.preprocessor = preprocessor
        self.output_mode = output_mode

    def get_config(self):
        return {"dtype": self.dtype,
                "preprocessor": serialization_lib.serialize_keras_object(self.preprocessor),
                "output_mode": self.output_mode}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def default_name(kind, name):
    """The feature's name, else Keras's counted one (``float_normalized_1``, ``_2`` ...)."""
    return name or backend.unique_object_name(kind, zero_based=False)


class FeatureKinds:
    """The feature kinds, as ``FeatureSpace``'s class methods."""

    @classmethod
    def cross(cls, feature_names, crossing_dim, output_mode="one_hot"):
        return Cross(feature_names, crossing_dim, output_mode=output_mode)

    @classmethod
    def feature(cls, dtype, preprocessor, output_mode):
        return Feature(dtype, preprocessor, output_mode)

    @classmethod
    def float(cls, name=None):
        name = default_name("float", name)
        preprocessor = layers.Identity(dtype="float32", name=f"{name}_preprocessor")
        return Feature(dtype="float32", preprocessor=preprocessor, output_mode="float")

    @classmethod
    def float_rescaled(cls, scale=1.0, offset=0.0, name=None):
        name = default_name("float_rescaled", name)
        preprocessor = layers.Rescaling(scale=scale, offset=offset, name=f"{name}_preprocessor")
        return Feature(dtype="float32", preprocessor=preprocessor, output_mode="float")

    @classmethod
    def float_normalized(cls, name=None):
        name = default_name("float_normalized", name)
        preprocessor = layers.Normalization(axis=-1, name=f"{name}_preprocessor")
        return Feature(dtype="float32", preprocessor=preprocessor, output_mode="float")

    @classmethod
    def float_discretized(cls, num_bins, bin_boundaries=None, output_mode="one_hot", name=None):
        name = default_name("float_discretized", name)
        preprocessor = layers.Discretization(num_bins=num_bins, bin_boundaries=bin_boundaries,
                                             name=f"{name}_preprocessor")
        return Feature(dtype="float32", preprocessor=preprocessor, output_mode=output_mode)

    @classmethod
    def integer_categorical(cls, max_tokens=None, num_oov_indices=1, output_mode="one_hot",
                            name=None):
        name = default_name("integer_categorical", name)
        preprocessor = layers.IntegerLookup(name=f"{name}_preprocessor", max_tokens=max_tokens,
                                            num_oov_indices=num_oov_indices)
        return Feature(dtype="int64", preprocessor=preprocessor, output_mode=output_mode)

    @classmethod
    def string_categorical(cls, max_tokens=None, num_oov_indices=1, output_mode="one_hot",
                           name=None):
        name = default_name("string_categorical", name)
        preprocessor = layers.StringLookup(name=f"{name}_preprocessor", max_tokens=max_tokens,
                                           num_oov_indices=num_oov_indices)
        return Feature(dtype="string", preprocessor=preprocessor, output_mode=output_mode)

    @classmethod
    def string_hashed(cls, num_bins, output_mode="one_hot", name=None):
        name = default_name("string_hashed", name)
        preprocessor = layers.Hashing(name=f"{name}_preprocessor", num_bins=num_bins)
        return Feature(dtype="string", preprocessor=preprocessor, output_mode=output_mode)

    @classmethod
    def integer_hashed(cls, num_bins, output_mode="one_hot", name=None):
        name = default_name("integer_hashed", name)
        preprocessor = layers.Hashing(name=f"{name}_preprocessor", num_bins=num_bins)
        return Feature(dtype="int64", preprocessor=preprocessor, output_mode=output_mode)


def select(name):
    """The dataset map that keeps one feature's column."""
    return lambda x: x[name]


def add_last_axis(x):
    return array_ops.expand_dims(x, -1)


class FeatureSpace(FeatureKinds, Layer):
    """``FeatureSpace(features, output_mode="concat", crosses=None, crossing_dim=32,
    hashing_dim=32, num_discretization_bins=32)``."""

    def __init__(self, features, output_mode="concat", crosses=None, crossing_dim=32,
                 hashing_dim=32, num_discretization_bins=32):
        if not features:
            raise ValueError("The `features` argument cannot be None or empty.")
        super().__init__()
        self.crossing_dim = crossing_dim
        self.hashing_dim = hashing_dim
        self.num_discretization_bins = num_discretization_bins
        self.features = {name: self._standardize_feature(name, value)
                         for name, value in features.items()}
        self.crosses = [self._standardize_cross(cross, features, crossing_dim)
                        for cross in crosses or ()]
        self.crosses_by_name = {cross.name: cross for cross in self.crosses}
        if output_mode not in {"dict", "concat"}:
            raise ValueError("Invalid value for argument `output_mode`. Expected one of "
                             f"{{'dict', 'concat'}}. Received: output_mode={output_mode}")
        self.output_mode = output_mode
        self.inputs = {name: layers.Input(shape=(1,), dtype=value.dtype, name=name)
                       for name, value in self.features.items()}
        self.preprocessors = {name: value.preprocessor for name, value in self.features.items()}
        self.encoded_features = None
        self.crossers = {cross.name: layers.HashedCrossing(cross.crossing_dim, name=cross.name)
                         for cross in self.crosses}
        self.one_hot_encoders = {}
        self.built = False
        self._is_adapted = False
        self.concat = None
        self._preprocessed_features_names = None
        self._crossed_features_names = None

    def _standardize_feature(self, name, feature):
        if isinstance(feature, Feature):
            return feature
        if isinstance(feature, dict):
            return serialization_lib.deserialize_keras_object(feature)
        if feature == "float_discretized":
            return self.float_discretized(name=name, num_bins=self.num_discretization_bins)
        if feature in ("integer_hashed", "string_hashed"):
            return getattr(self, feature)(self.hashing_dim, name=name)
        if feature in ("float", "float_normalized", "float_rescaled", "integer_categorical",
                       "string_categorical"):
            return getattr(self, feature)(name=name)
        raise ValueError(f"Invalid feature type: {feature}")

    @staticmethod
    def _standardize_cross(cross, features, crossing_dim):
        if isinstance(cross, dict):
            cross = serialization_lib.deserialize_keras_object(cross)
        if isinstance(cross, Cross):
            return cross
        if not crossing_dim:
            raise ValueError("When specifying `crosses`, the argument `crossing_dim` "
                             "(dimensionality of the crossing space) should be specified "
                             "as well.")
        if any(key not in features for key in cross):
            raise ValueError("All features referenced in the `crosses` argument should be "
                             "present in the `features` dict. Received unknown features: "
                             f"{cross}")
        return Cross(cross, crossing_dim=crossing_dim)

    def _list_adaptable_preprocessors(self):
        adaptable = []
        for name in self.features:
            preprocessor = self.preprocessors[name]
            # a Normalization given its mean and variance is not adapted
            if isinstance(preprocessor, layers.Normalization) and \
                    preprocessor.input_mean is not None:
                continue
            if hasattr(preprocessor, "adapt"):
                adaptable.append(name)
        return adaptable

    @tracing.traced("build", args=lambda self, dataset: {
        "features": sorted(self.features), "crosses": sorted(self.crossers)})
    def adapt(self, dataset):
        if not isinstance(dataset, Dataset):
            raise ValueError("`adapt()` can only be called on a tf.data.Dataset. "
                             f"Received instead: {dataset} (of type {type(dataset)})")
        for name in self._list_adaptable_preprocessors():
            feature_dataset = dataset.map(select(name))
            rank = [len(x.shape) for x in feature_dataset.take(1)][0]   # one element's
            if rank == 0:   # unbatched scalars: batch them
                feature_dataset = feature_dataset.batch(32)
            if rank in (0, 1):   # a last axis to reduce over
                feature_dataset = feature_dataset.map(add_last_axis)
            self.preprocessors[name].adapt(feature_dataset)
        self._is_adapted = True
        self.get_encoded_features()   # finishes building the layer
        self.built = True

    def get_inputs(self):
        self._check_if_built()
        return self.inputs

    @tracing.traced("build", args=lambda self: {"output_mode": self.output_mode})
    def get_encoded_features(self):
        self._check_if_adapted()
        if self.encoded_features is None:
            preprocessed = self._preprocess_features(self.inputs)
            crossed = self._cross_features(preprocessed)
            self.encoded_features = self._merge_features(preprocessed, crossed)
        return self.encoded_features

    def _preprocess_features(self, features):
        return {name: self.preprocessors[name](features[name]) for name in features}

    def _cross_features(self, features):
        return {cross.name: self.crossers[cross.name]([features[name]
                                                       for name in cross.feature_names])
                for cross in self.crosses}

    def _merge_features(self, preprocessed_features, crossed_features):
        if not self._preprocessed_features_names:
            self._preprocessed_features_names = sorted(preprocessed_features)
            self._crossed_features_names = sorted(crossed_features)
        names = self._preprocessed_features_names + self._crossed_features_names
        values = [preprocessed_features[name] for name in self._preprocessed_features_names] + \
            [crossed_features[name] for name in self._crossed_features_names]
        if self.built:   # the encoders exist: the fast path
            values = [self.one_hot_encoders[name](value) if name in self.one_hot_encoders
                      else value for name, value in zip(names, values)]
            if self.output_mode == "dict":
                return dict(zip(names, values))
            return self.concat(values)
        specs = [self.features[name] for name in self._preprocessed_features_names] + \
            [self.crosses_by_name[name] for name in self._crossed_features_names]
        values = [self._encode_first(name, value, spec)
                  for name, value, spec in zip(names, values, specs)]
        if self.output_mode == "dict":
            return dict(zip(names, values))
        for name, value in zip(names, values):
            dtype = backend.standardize_dtype(value.dtype)
            if dtype.startswith("int") or dtype == "string":
                raise ValueError(f"Cannot concatenate features because feature '{name}' has "
                                 f"not been encoded (it has dtype {dtype}). Consider using "
                                 "`output_mode='dict'`.")
        self.concat = layers.Concatenate(axis=-1)
        return self.concat(values)

    def _encode_first(self, name, feature, spec):
        """A ``"one_hot"`` feature or cross through a new multi-hot ``CategoryEncoding`` as
        wide as its preprocessor's output space (the first time, on the symbolic inputs)."""
        if spec.output_mode != "one_hot":
            return feature
        dtype = backend.standardize_dtype(feature.dtype)
        if not dtype.startswith("int"):
            raise ValueError(f"Feature '{name}' has `output_mode='one_hot'`. Thus its "
                             "preprocessor should return an int64 dtype. Instead it returns a "
                             f"{dtype} dtype.")
        preprocessor = self.preprocessors.get(name) or self.crossers.get(name)
        if isinstance(preprocessor, (layers.IntegerLookup, layers.StringLookup)):
            cardinality = preprocessor.vocabulary_size()
        elif isinstance(preprocessor, layers.CategoryEncoding):
            cardinality = preprocessor.num_tokens
        elif isinstance(preprocessor, (layers.Discretization, layers.HashedCrossing,
                                       layers.Hashing)):
            cardinality = preprocessor.num_bins
        else:
            raise ValueError(f"Feature '{name}' has `output_mode='one_hot'`. However it isn't "
                             "a standard feature and the dimensionality of its output space is "
                             "not known, thus it cannot be one-hot encoded. Try using "
                             "`output_mode='int'`.")
        if cardinality is None:
            return feature
        encoder = layers.CategoryEncoding(num_tokens=cardinality, output_mode="multi_hot")
        self.one_hot_encoders[name] = encoder
        return encoder(feature)

    def _check_if_adapted(self):
        if not self._is_adapted:
            if self._list_adaptable_preprocessors():
                raise ValueError("You need to call `.adapt(dataset)` on the FeatureSpace "
                                 "before you can start using it.")
            self._is_adapted = True

    def _check_if_built(self):
        if not self.built:
            self._check_if_adapted()
            self.get_encoded_features()   # finishes building
            self.built = True

    @tracing.traced("layer", args=lambda self, data: {"output_mode": self.output_mode})
    def __call__(self, data):
        self._check_if_built()
        if not isinstance(data, dict):
            raise ValueError("A FeatureSpace can only be called with a dict. "
                             f"Received: data={data} (of type {type(data)}")
        data = {key: array_ops.convert_to_tensor(value) for key, value in data.items()}
        rebatched = False
        for name, x in data.items():
            if len(x.shape) == 0:   # one example: a batch of one
                data[name] = ops.reshape(x, [1, 1])
                rebatched = True
            elif len(x.shape) == 1:
                data[name] = array_ops.expand_dims(x, -1)
        preprocessed = self._preprocess_features(data)
        merged = self._merge_features(preprocessed, self._cross_features(preprocessed))
        if not rebatched:
            return merged
        if self.output_mode == "concat":
            return array_ops.squeeze(merged, axis=0)
        return {name: array_ops.squeeze(x, axis=0) if len(x.shape) == 2 and x.shape[0] == 1
                else x for name, x in merged.items()}

    def get_config(self):
        return {"features": serialization_lib.serialize_keras_object(self.features),
                "output_mode": self.output_mode,
                "crosses": serialization_lib.serialize_keras_object(self.crosses),
                "crossing_dim": self.crossing_dim, "hashing_dim": self.hashing_dim,
                "num_discretization_bins": self.num_discretization_bins}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def save(self, filepath):
        """Keras writes a ``.keras`` archive of the FeatureSpace and its adapted layers;
        tracekeras does not."""
        from tracekeras.shim.errors import PACKAGE, OperationNotImplementedByTracekeras, caller
        raise OperationNotImplementedByTracekeras(
            f"tracekeras does not implement keras.utils.FeatureSpace.save (used by "
            f"{caller(PACKAGE)}); rebuild it with FeatureSpace.from_config(get_config()) "
            "and adapt it again")
