"""``tf.random.Generator`` (Philox) draws, run the same way on real TensorFlow
(make_stateful_random_fixtures.py) and on tracekeras (test_stateful_random.py): the state
after each draw and the numbers drawn, by name."""
import numpy as np


def arrays(tf):
    """Each state is read (``.numpy()``, a copy) when it is recorded."""
    out = {}
    rng = tf.random.Generator.from_seed(123, alg="philox")
    out["state_0"] = rng.state.numpy()
    for i in range(3):                  # what the data augmentation tutorial's map draws
        out[f"make_seeds_{i}"] = rng.make_seeds(2)[0]
        out[f"state_after_seeds_{i}"] = rng.state.numpy()
    out["uniform"] = rng.uniform([2, 3])
    out["uniform_range"] = rng.uniform([5], minval=-2.0, maxval=3.0)
    out["uniform_int"] = rng.uniform([7], minval=3, maxval=40, dtype=tf.int32)
    out["uniform_int64_full"] = rng.uniform([3], minval=None, maxval=None, dtype=tf.int64)
    out["uniform_full_int"] = rng.uniform_full_int([5])
    out["normal"] = rng.normal([3, 3], mean=1.0, stddev=2.0)
    out["normal_float64"] = rng.normal([5], dtype=tf.float64)
    out["truncated_normal"] = rng.truncated_normal([9])
    out["state_end"] = rng.state.numpy()
    big = tf.random.Generator.from_seed(2**70 + 2**64 * 3 + 5)
    out["state_big_seed"] = big.state.numpy()
    out["big_seed_uniform"] = big.uniform([4])
    keyed = tf.random.Generator.from_key_counter(key=7, counter=[2**63 + 1, 9], alg="philox")
    out["key_counter_state"] = keyed.state.numpy()
    out["key_counter_normal"] = keyed.normal([6])
    out["auto_select"] = tf.random.Generator.from_seed(5, alg="auto_select").uniform([4])
    out["create_rng_state"] = tf.random.create_rng_state([3, 4], alg="philox")
    children = tf.random.Generator.from_seed(9).split(2)
    out["split_states"] = np.stack([g.state.numpy() for g in children])
    out["split_uniform"] = children[1].uniform([3])
    reset = tf.random.Generator.from_seed(1)
    reset.normal([10])
    reset.reset_from_seed(1)
    out["reset_from_seed"] = reset.normal([2])
    out["skip"] = tf.random.Generator.from_seed(4).skip(3)
    return {name: np.asarray(value) for name, value in out.items()}
