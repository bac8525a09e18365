"""``tf.lookup``: a static vocabulary table of keys to ids (TensorFlow's lookup_ops).

What it owns: ``KeyValueTensorInitializer(keys, values, key_dtype=None,
value_dtype=None)`` (the pairs of a table: string or integer keys, integer ids) and
``StaticHashTable(initializer, default_value)`` (each known key its value, in the
values' dtype, every other key ``default_value``) and
``StaticVocabularyTable(initializer, num_oov_buckets, lookup_key_dtype=None)``, whose
``lookup(keys)`` gives each known key its value and each other key ``vocabulary size +
bucket``, the bucket being ``Fingerprint64(key) % num_oov_buckets`` for a string
(TensorFlow's default ``FastHashSpec``, ``tf.strings.to_hash_bucket_fast``), of
its decimal text for an integer (``tf.as_string``, as TensorFlow); ``size()`` is the
vocabulary size plus the buckets. Keys of any shape; the ids are int64 of the same
shape. No gradients.
"""
import numpy as np

from tracekeras.backend.array_ops import numpy_dtype, python_dtype
from tracekeras.backend.fingerprint import to_hash_bucket_fast
from tracekeras.backend.string_ops import strings
from tracekeras.backend.tensor import Tensor


def values_of(x):
    return np.asarray(x.value if isinstance(x, Tensor) else x)


class KeyValueTensorInitializer:
    """``tf.lookup.KeyValueTensorInitializer``: the (key, value) pairs of a table."""

    def __init__(self, keys, values, key_dtype=None, value_dtype=None, name=None):
        raw_values = values.value if isinstance(values, Tensor) else values
        keys, values = values_of(keys), values_of(values)
        if keys.shape != values.shape or keys.ndim != 1:
            raise ValueError("`keys` and `values` must be vectors of the same length. "
                             f"Received: keys of shape {keys.shape}, values of shape "
                             f"{values.shape}")
        self.is_string = keys.dtype.kind in "OSU"
        self.keys = list(strings(keys)) if self.is_string else keys.astype(np.int64).tolist()
        self.values = values.astype(np.int64)
        # what TensorFlow makes of the values: int32 or float32 from Python numbers
        self.value_array = values.astype(numpy_dtype(value_dtype) if value_dtype is not None
                                         else python_dtype(raw_values))


class StaticVocabularyTable:
    """``tf.lookup.StaticVocabularyTable``: known keys to their ids, others to buckets."""

    def __init__(self, initializer, num_oov_buckets, lookup_key_dtype=None, name=None,
                 experimental_is_anonymous=False):
        if int(num_oov_buckets) <= 0:
            raise ValueError(f"`num_oov_buckets` must be > 0; use StaticHashTable. Received: "
                             f"{num_oov_buckets}")
        self.num_oov_buckets = int(num_oov_buckets)
        self.is_string = initializer.is_string
        self.table = dict(zip(initializer.keys, initializer.values.tolist()))
        self.vocabulary_size = len(self.table)

    def size(self):
        return Tensor(np.int64(self.vocabulary_size + self.num_oov_buckets))

    def lookup(self, keys, name=None):
        array = values_of(keys)
        if self.is_string:
            array = strings(array, "LookupTableFindV2")
        ids = np.empty(array.shape, dtype=np.int64)
        for index, key in np.ndenumerate(array):
            key = key if self.is_string else int(key)
            found = self.table.get(key)
            if found is None:
                bucket = to_hash_bucket_fast(key if self.is_string else str(key).encode(),
                                             self.num_oov_buckets)
                found = self.vocabulary_size + int(bucket)
            ids[index] = found
        return Tensor(ids)


class StaticHashTable:
    """``tf.lookup.StaticHashTable``: known keys to their values, others to a default."""

    def __init__(self, initializer, default_value, name=None, experimental_is_anonymous=False):
        self.is_string = initializer.is_string
        self.dtype = initializer.value_array.dtype
        self.table = dict(zip(initializer.keys, initializer.value_array.tolist()))
        self.default_value = np.asarray(values_of(default_value)).astype(self.dtype)

    def size(self):
        return Tensor(np.int64(len(self.table)))

    def lookup(self, keys, name=None):
        array = values_of(keys)
        if self.is_string:
            array = strings(array, "LookupTableFindV2")
        out = np.empty(array.shape, dtype=self.dtype)
        for index, key in np.ndenumerate(array):
            found = self.table.get(key if self.is_string else int(key))
            out[index] = self.default_value if found is None else found
        return Tensor(out)


__all__ = ["KeyValueTensorInitializer", "StaticHashTable", "StaticVocabularyTable"]
