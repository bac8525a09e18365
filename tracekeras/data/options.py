"""``tf.data.Options``: the settings a pipeline carries (``tensorflow/python/data/ops/
options.py``), and ``Dataset.options`` / ``Dataset.with_options``.

What it owns: ``Options`` and its groups (``ThreadingOptions``, ``DistributeOptions``,
``OptimizationOptions``, ``AutotuneOptions``), the enums tutorials set
(``AutoShardPolicy``, ``ExternalStatePolicy``, ``AutotuneAlgorithm``), ``with_options``
(an ``_OptionsDataset`` whose options are the input's merged with the new ones, the new
winning, with absl's warning for a value changed) and ``options`` (what a dataset carries:
the options of the datasets it was made from, merged).

Each option is typed as in TensorFlow: setting a value of another type raises
``TypeError: Property "x" must be of type ...``, an unknown name ``AttributeError: Cannot
set the property x on Options.``; an option never set reads ``None`` (TensorFlow's
defaults apply where it runs). The options change nothing here: tracekeras runs every
pipeline eagerly in one thread, so ``deterministic``, threading and sharding have no
effect on the elements (``docs/differences.md``). No trace events.
"""
import enum
import logging

logger = logging.getLogger("absl")


class AutoShardPolicy(enum.IntEnum):
    """``tf.data.experimental.AutoShardPolicy``: how a distributed input is split."""
    OFF = -1
    AUTO = 0
    FILE = 1
    DATA = 2
    HINT = 3


class ExternalStatePolicy(enum.Enum):
    """``tf.data.experimental.ExternalStatePolicy``."""
    WARN = 0
    IGNORE = 1
    FAIL = 2


class AutotuneAlgorithm(enum.Enum):
    """``tf.data.experimental.AutotuneAlgorithm``."""
    DEFAULT = 0
    HILL_CLIMB = 1
    GRADIENT_DESCENT = 2
    MAX_PARALLELISM = 3
    STAGE_BASED = 4


class OptionsBase:
    """A group of typed options, each ``None`` until set (TensorFlow's ``OptionsBase``)."""
    TYPES: dict = {}

    def __init__(self):
        object.__setattr__(self, "values", {})
        for name, kind in self.TYPES.items():
            if isinstance(kind, type) and issubclass(kind, OptionsBase):
                self.values[name] = kind()

    def __getattr__(self, name):
        if name in type(self).TYPES:
            return self.values.get(name)
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __setattr__(self, name, value):
        if name not in type(self).TYPES:
            raise AttributeError(f"Cannot set the property {name} on {type(self).__name__}.")
        kind = type(self).TYPES[name]
        if value is not None and not (isinstance(value, kind) and not (
                kind is int and isinstance(value, bool))):
            raise TypeError(f'Property "{name}" must be of type {type_text(kind)}, got: '
                            f"{value} (type: {type(value)})")
        self.values[name] = value

    def __dir__(self):
        return sorted(set(self.TYPES) | ({"merge"} if isinstance(self, Options) else set()))

    def __eq__(self, other):
        return type(self) is type(other) and self.values == other.values

    def __ne__(self, other):
        return not self == other

    __hash__ = None   # type: ignore[assignment]  # mutable, as TensorFlow's

    def merged(self, other, path):
        """These options with ``other``'s set values over them (absl's warning for each
        value that changes)."""
        result = type(self)()
        for name in self.TYPES:
            mine, theirs = self.values.get(name), other.values.get(name)
            if isinstance(mine, OptionsBase):
                result.values[name] = mine.merged(theirs, f"{path}{name}.")
                continue
            if theirs is None:
                result.values[name] = mine
                continue
            if mine is not None and mine != theirs:
                logger.warning(f"Changing the value of option {path}{name} from {mine} to "
                               f"{theirs}.")
            result.values[name] = theirs
        return result


def type_text(kind):
    """How Python prints the type TensorFlow names (``<class 'bool'>``, ``<enum 'X'>``)."""
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return f"<enum '{kind.__name__}'>"
    if isinstance(kind, type) and issubclass(kind, OptionsBase):
        return f"<class 'tensorflow.python.data.ops.options.{kind.__name__}'>"
    return str(kind)


class ThreadingOptions(OptionsBase):
    """``tf.data.ThreadingOptions``."""
    TYPES = {"max_intra_op_parallelism": int, "private_threadpool_size": int}


class DistributeOptions(OptionsBase):
    """``tf.data.experimental.DistributeOptions``."""
    TYPES = {"auto_shard_policy": AutoShardPolicy, "num_devices": int}

    def __getattr__(self, name):
        if name == "auto_shard_policy" and self.values.get(name) is None:
            return AutoShardPolicy.AUTO   # TensorFlow's default, read back as set
        return super().__getattr__(name)


class OptimizationOptions(OptionsBase):
    """``tf.data.experimental.OptimizationOptions``."""
    TYPES = {name: bool for name in (
        "apply_default_optimizations", "filter_fusion", "filter_parallelization",
        "inject_prefetch", "map_and_batch_fusion", "map_and_filter_fusion", "map_fusion",
        "map_parallelization", "noop_elimination", "parallel_batch",
        "seq_interleave_prefetch", "shuffle_and_repeat_fusion")}


class AutotuneOptions(OptionsBase):
    """``tf.data.experimental.AutotuneOptions``."""
    TYPES = {"autotune_algorithm": AutotuneAlgorithm, "cpu_budget": int, "enabled": bool,
             "initial_parallelism": int, "min_parallelism": int, "ram_budget": int}


class ServiceOptions(OptionsBase):
    """``tf.data.experimental.ServiceOptions`` (the tf.data service is not run here)."""
    TYPES = {"pinned": bool}


class Options(OptionsBase):
    """``tf.data.Options``: set attributes, then ``dataset.with_options(options)``."""
    TYPES = {"autotune": AutotuneOptions, "dataset_name": str, "deterministic": bool,
             "experimental_deterministic": bool,
             "experimental_distribute": DistributeOptions,
             "experimental_external_state_policy": ExternalStatePolicy,
             "experimental_optimization": OptimizationOptions,
             "experimental_service": ServiceOptions,
             "experimental_slack": bool, "experimental_symbolic_checkpoint": bool,
             "experimental_threading": ThreadingOptions, "experimental_warm_start": bool,
             "framework_type": list, "threading": ThreadingOptions}

    def merge(self, options):
        """``Options.merge``: these options with ``options``' set values over them."""
        return self.merged(options, "")


def options(self):
    """``Dataset.options``: the options this dataset carries (a fresh ``Options`` when
    none were set)."""
    return self._options if self._options is not None else Options()


def with_options(self, options, name=None):
    """``Dataset.with_options``: the same elements, carrying ``options`` merged over the
    options this dataset already carries."""
    if not isinstance(options, Options):
        raise AttributeError(f"'{type(options).__name__}' object has no attribute "
                             "'_to_proto'")
    dataset = self._derived(self.elements, self._cardinality, "_OptionsDataset")
    dataset._options = options if self._options is None else self._options.merge(options)
    return dataset


__all__ = ["AutoShardPolicy", "AutotuneAlgorithm", "AutotuneOptions", "DistributeOptions",
           "ExternalStatePolicy", "OptimizationOptions", "Options", "ThreadingOptions",
           "options", "with_options"]
