"""TensorFlow's own ``tf.random_uniform_initializer`` (``init_ops_v2.RandomUniform``): the
cases ``make_init_ops_fixtures.py`` runs on TensorFlow 2.21 (``data/tf_init_ops.json``) and
``test_init_ops.py`` on tracekeras. Each case gets the ``tf`` module and returns what it
gives as JSON (values as lists), or raises."""


def unseeded_after_set_seed(tf):
    tf.random.set_seed(1)
    init = tf.random_uniform_initializer()
    first, second = init(shape=(2, 3), dtype="float32"), init((2, 3))
    return [first.numpy().tolist(), second.numpy().tolist(), first.dtype.name]


def seeded_twice(tf):
    init = tf.random_uniform_initializer(-1.0, 1.0, seed=7)
    return [init((2, 2)).numpy().tolist(), init((2, 2)).numpy().tolist()]


def as_a_variable(tf):
    """The keras.io VQ-VAE's codebook: a tf.Variable of its values."""
    tf.random.set_seed(3)
    w_init = tf.random_uniform_initializer()
    variable = tf.Variable(initial_value=w_init(shape=(4, 2), dtype="float32"),
                           trainable=True, name="embeddings_vqvae")
    return [variable.numpy().tolist(), variable.dtype.name]


def int_bounds(tf):
    tf.random.set_seed(2)
    return tf.random_uniform_initializer(0, 10)((5,), dtype="int32").numpy().tolist()


def config(tf):
    init = tf.random_uniform_initializer(-0.5, 2.0, seed=3)
    again = type(init).from_config(init.get_config())
    return [init.get_config(), again.get_config()]


def float_bounds_for_ints(tf):
    return tf.random_uniform_initializer()((2,), dtype="int32")


def not_a_number(tf):
    return tf.random_uniform_initializer()((2,), dtype="string")


CASES = [unseeded_after_set_seed, seeded_twice, as_a_variable, int_bounds, config,
         float_bounds_for_ints, not_a_number]


def recorded(tf, case):
    try:
        return {"value": case(tf)}
    except Exception as error:   # the error is what the case records
        return {"error": type(error).__name__, "message": str(error)}
