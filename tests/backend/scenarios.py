"""The table of ``tf`` calls whose results tracekeras must share with TensorFlow.

Each case is ``(name, call, inputs, differentiate)``: ``call(tf, *inputs)`` returns
a tensor, a list of tensors or a namedtuple of them; ``inputs`` names arrays of
``INPUTS``. With ``differentiate``, the gradient of the float outputs (weighted by
``weights``) with respect to each float input is compared too. The same table runs
through real TensorFlow in ``make_fixtures.py`` (which writes
``data/tf_surface.npz``) and through tracekeras's ``tf`` in
``test_tf_surface.py``. Plain NumPy only: no TensorFlow import here.
"""
import numpy as np

RNG = np.random.RandomState(7)
INPUTS = {
    "x": RNG.uniform(-2, 2, (2, 3)).astype("float32"),
    "y": RNG.uniform(-2, 2, (2, 3)).astype("float32"),
    "row": RNG.uniform(-2, 2, (3,)).astype("float32"),
    "pos": RNG.uniform(0.5, 2, (2, 3)).astype("float32"),
    "w": RNG.uniform(-1, 1, (3, 4)).astype("float32"),
    "cube": RNG.uniform(-1, 1, (2, 3, 4)).astype("float32"),
    "halves": np.array([[-2.5, -1.5, -0.5], [0.5, 1.5, 2.5]], "float32"),
    "ties": np.array([[1.0, 3.0, 3.0], [2.0, 2.0, -1.0]], "float32"),
    "zeros_in": np.array([[1.0, 0.0, 2.0], [3.0, -1.0, 0.5]], "float32"),
    "flags": np.array([[True, False, True], [False, False, True]]),
    "other_flags": np.array([[True, True, False], [False, True, True]]),
    "labels": np.array([0, 2, 1, 3], "int32"),
    "ints": np.array([[3, 1, 2], [0, 5, 4]], "int32"),
    "image": RNG.uniform(-1, 1, (2, 5, 6, 3)).astype("float32"),
    "filters": RNG.uniform(-1, 1, (3, 3, 3, 2)).astype("float32"),
    "deep": RNG.uniform(-1, 1, (2, 3, 4, 6)).astype("float32"),
    # decoded CTC paths (-1 padded) and padded labels (99), as keras.io's handwriting
    # recognition compares them with tf.edit_distance
    "decoded": np.array([[3, 1, -1, -1], [2, 0, 5, -1], [-1, -1, -1, -1]], "int64"),
    "padded_labels": np.array([[3, 2, 99, 99], [2, 5, 5, 99], [7, 99, 99, 99]], "int64"),
}


def sparse_parts(sparse):
    """A SparseTensor's three tensors, as a case's outputs."""
    return [sparse.indices, sparse.values, sparse.dense_shape]


def weights(shape):
    """The fixed output gradient: distinct weights so each output element counts differently."""
    size = int(np.prod(shape))
    return np.linspace(0.5, 1.5, max(size, 1)).astype("float32")[:size].reshape(shape)


CASES = [
    # arithmetic and elementwise math
    ("add", lambda tf, a, b: tf.add(a, b), ("x", "row"), True),
    ("subtract", lambda tf, a, b: tf.subtract(a, b), ("x", "y"), True),
    ("multiply", lambda tf, a, b: tf.multiply(a, b), ("x", "row"), True),
    ("divide", lambda tf, a, b: tf.divide(a, b), ("x", "pos"), True),
    ("pow", lambda tf, a, b: tf.pow(a, b), ("pos", "x"), True),
    ("pow_scalar", lambda tf, a: tf.pow(a, 3.0), ("x",), True),
    ("operators", lambda tf, a, b: (a * 2.0 - b) / 4.0 + a ** 2, ("x", "y"), True),
    ("exp", lambda tf, a: tf.exp(a), ("x",), True),
    ("log", lambda tf, a: tf.math.log(a), ("pos",), True),
    ("sqrt", lambda tf, a: tf.sqrt(a), ("pos",), True),
    ("square", lambda tf, a: tf.square(a), ("x",), True),
    ("abs", lambda tf, a: tf.abs(a), ("x",), True),
    ("sign", lambda tf, a: tf.sign(a), ("zeros_in",), True),
    ("floor", lambda tf, a: tf.floor(a), ("halves",), False),
    ("ceil", lambda tf, a: tf.math.ceil(a), ("halves",), False),
    ("round", lambda tf, a: tf.round(a), ("halves",), False),
    ("maximum", lambda tf, a, b: tf.maximum(a, b), ("x", "y"), True),
    ("minimum", lambda tf, a, b: tf.minimum(a, b), ("x", "row"), True),
    ("maximum_ties", lambda tf, a: tf.maximum(a, 2.0), ("ties",), True),
    ("sin", lambda tf, a: tf.sin(a), ("x",), True),
    ("cos", lambda tf, a: tf.cos(a), ("x",), True),
    ("tanh", lambda tf, a: tf.tanh(a), ("x",), True),
    ("sigmoid", lambda tf, a: tf.sigmoid(a), ("x",), True),
    ("math_sigmoid", lambda tf, a: tf.math.sigmoid(a), ("x",), True),
    ("log1p", lambda tf, a: tf.math.log1p(a), ("pos",), True),
    ("squared_difference", lambda tf, a, b: tf.math.squared_difference(a, b), ("x", "y"), True),
    ("clip_by_value", lambda tf, a: tf.clip_by_value(a, -0.5, 1.0), ("x",), True),
    ("matmul", lambda tf, a, b: tf.matmul(a, b), ("x", "w"), True),
    ("nn_conv2d_same", lambda tf, a, b: tf.nn.conv2d(a, b, strides=[1, 2, 2, 1],
                                                      padding="SAME"), ("image", "filters"),
     True),
    ("nn_conv2d_dilated", lambda tf, a, b: tf.nn.conv2d(a, b, strides=1, padding="VALID",
                                                         dilations=[1, 2]),
     ("image", "filters"), True),
    ("nn_max_pool", lambda tf, a: tf.nn.max_pool(a, ksize=2, strides=2, padding="SAME"),
     ("image",), True),
    ("nn_max_pool2d", lambda tf, a: tf.nn.max_pool2d(a, ksize=(1, 3, 2, 1),
                                                      strides=(1, 1, 2, 1), padding="VALID"),
     ("image",), True),
    ("nn_max_pool_depth", lambda tf, a: tf.nn.max_pool(a, ksize=(1, 1, 1, 3),
                                                        strides=(1, 1, 1, 3), padding="VALID"),
     ("deep",), False),   # TensorFlow has no gradient for it (test_nn_ops.py)
    ("matmul_transpose_b", lambda tf, a, b: tf.matmul(a, b, transpose_b=True), ("x", "y"),
     True),
    ("matmul_transpose_a", lambda tf, a, b: tf.matmul(a, b, transpose_a=True), ("x", "y"),
     True),
    ("matmul_transpose_both", lambda tf, a, b: tf.matmul(a, b, transpose_a=True,
                                                          transpose_b=True), ("cube", "x"),
     True),
    ("matmul_adjoint_b", lambda tf, a, b: tf.linalg.matmul(a, b, adjoint_b=True),
     ("cube", "cube"), True),
    # comparisons and logic
    ("equal", lambda tf, a: tf.equal(a, 3.0), ("ties",), False),
    ("not_equal", lambda tf, a, b: tf.not_equal(a, b), ("ints", "ints"), False),
    ("greater", lambda tf, a, b: tf.greater(a, b), ("x", "y"), False),
    ("greater_equal", lambda tf, a: tf.greater_equal(a, 2.0), ("ties",), False),
    ("less", lambda tf, a, b: tf.less(a, b), ("x", "row"), False),
    ("less_equal", lambda tf, a: tf.math.less_equal(a, 2.0), ("ties",), False),
    ("compare_operators",
     lambda tf, a, b: tf.cast(a > b, tf.float32) + tf.cast(a <= b, "float32") * 0.5,
     ("x", "y"), False),
    ("logical_and", lambda tf, a, b: tf.logical_and(a, b), ("flags", "other_flags"), False),
    ("logical_or", lambda tf, a, b: tf.logical_or(a, b), ("flags", "other_flags"), False),
    ("logical_not", lambda tf, a: tf.logical_not(a), ("flags",), False),
    ("logical_xor", lambda tf, a, b: tf.math.logical_xor(a, b), ("flags", "other_flags"), False),
    # reductions
    ("reduce_sum", lambda tf, a: tf.reduce_sum(a), ("x",), True),
    ("reduce_sum_axis", lambda tf, a: tf.reduce_sum(a, axis=1, keepdims=True), ("x",), True),
    ("reduce_mean", lambda tf, a: tf.reduce_mean(a, axis=0), ("x",), True),
    ("reduce_max", lambda tf, a: tf.reduce_max(a, axis=1), ("ties",), True),
    ("reduce_max_all", lambda tf, a: tf.reduce_max(a), ("ties",), True),
    ("reduce_min", lambda tf, a: tf.reduce_min(a, axis=[0, 1]), ("cube",), True),
    ("reduce_prod", lambda tf, a: tf.reduce_prod(a, axis=1), ("zeros_in",), True),
    ("reduce_prod_all", lambda tf, a: tf.reduce_prod(a), ("pos",), True),
    ("reduce_prod_cube", lambda tf, a: tf.reduce_prod(a, axis=[0, 2], keepdims=True), ("cube",),
     True),
    ("reduce_any", lambda tf, a: tf.reduce_any(a, axis=0), ("flags",), False),
    ("reduce_all", lambda tf, a: tf.reduce_all(a, axis=1), ("flags",), False),
    ("reduce_std", lambda tf, a: tf.math.reduce_std(a, axis=1), ("x",), True),
    ("reduce_variance", lambda tf, a: tf.math.reduce_variance(a), ("x",), True),
    ("reduce_logsumexp", lambda tf, a: tf.reduce_logsumexp(a, axis=-1), ("x",), True),
    ("reduce_logsumexp_keep", lambda tf, a: tf.reduce_logsumexp(a, axis=0, keepdims=True),
     ("cube",), True),
    ("argmax", lambda tf, a: tf.argmax(a), ("x",), False),
    ("argmax_axis", lambda tf, a: tf.math.argmax(a, axis=1), ("ties",), False),
    ("argmin", lambda tf, a: tf.argmin(a, axis=-1), ("cube",), False),
    ("top_k", lambda tf, a: tf.math.top_k(a, k=2), ("ties",), True),
    ("cumsum", lambda tf, a: tf.cumsum(a, axis=1), ("x",), True),
    ("cumsum_exclusive_reverse", lambda tf, a: tf.math.cumsum(a, exclusive=True, reverse=True),
     ("x",), True),
    ("norm", lambda tf, a: tf.norm(a), ("x",), True),
    ("norm_axis", lambda tf, a: tf.norm(a, axis=-1, keepdims=True), ("cube",), True),
    ("l2_normalize", lambda tf, a: tf.math.l2_normalize(a, axis=-1), ("x",), True),
    ("nn_l2_normalize", lambda tf, a: tf.nn.l2_normalize(a), ("cube",), True),
    ("count_nonzero", lambda tf, a: tf.math.count_nonzero(a, axis=1), ("zeros_in",), False),
    ("is_finite", lambda tf, a: tf.math.is_finite(tf.math.log(a)), ("zeros_in",), False),
    ("is_nan", lambda tf, a: tf.math.is_nan(tf.sqrt(a)), ("x",), False),
    ("confusion_matrix", lambda tf, a, b: tf.math.confusion_matrix(a, b, num_classes=4),
     ("labels", "labels"), False),
    ("variable_int", lambda tf: tf.Variable([1, 2]) + 0, (), False),
    ("variable_float", lambda tf: tf.Variable(2.0) * 1.5, (), False),
    ("clip_by_norm", lambda tf, a: tf.clip_by_norm(a, 1.5), ("x",), True),
    ("clip_by_norm_axes", lambda tf, a: tf.clip_by_norm(a, 0.8, axes=[1]), ("x",), True),
    ("clip_by_global_norm", lambda tf, a, b: tf.clip_by_global_norm([a, b], 2.0)[0],
     ("x", "w"), True),
    ("global_norm", lambda tf, a, b: tf.linalg.global_norm([a, b]), ("x", "y"), True),
    ("divide_no_nan", lambda tf, a, b: tf.math.divide_no_nan(a, b), ("x", "zeros_in"), True),
    ("moments", lambda tf, a: tf.nn.moments(a, axes=[0, 2]), ("cube",), True),
    ("moments_keepdims", lambda tf, a: tf.nn.moments(a, axes=[1], keepdims=True), ("x",), True),
    ("broadcast_to", lambda tf, a: tf.broadcast_to(a, (2, 2, 3)), ("row",), True),
    ("sort", lambda tf, a: tf.sort(a, axis=-1), ("x",), True),
    ("sort_descending", lambda tf, a: tf.sort(a, axis=0, direction="DESCENDING"), ("cube",),
     True),
    ("argsort", lambda tf, a: tf.argsort(a), ("x",), False),
    ("argsort_descending", lambda tf, a: tf.argsort(a, direction="DESCENDING"), ("x",), False),
    ("eye", lambda tf: tf.eye(3, 2), (), False),
    ("eye_batch", lambda tf: tf.linalg.eye(2, batch_shape=[2], dtype=tf.int32), (), False),
    # making tensors
    ("constant_float", lambda tf: tf.constant([1.5, 2.0]), (), False),
    ("constant_int", lambda tf: tf.constant([[1, 2], [3, 4]]), (), False),
    ("constant_shape", lambda tf: tf.constant(7.0, shape=(2, 2)), (), False),
    ("constant_numpy_float64", lambda tf: tf.constant(np.array([0.25, 0.5])), (), False),
    ("constant_dtype", lambda tf: tf.constant([1, 2], dtype=tf.float32), (), False),
    ("ones", lambda tf: tf.ones((2, 3)), (), False),
    ("zeros_int", lambda tf: tf.zeros([3], dtype=tf.int32), (), False),
    ("ones_like", lambda tf, a: tf.ones_like(a), ("ints",), False),
    ("zeros_like", lambda tf, a: tf.zeros_like(a), ("x",), False),
    ("fill", lambda tf: tf.fill([2, 2], 5), (), False),
    ("fill_float", lambda tf: tf.fill((3,), 0.5), (), False),
    ("range", lambda tf: tf.range(5), (), False),
    ("range_float", lambda tf: tf.range(1.0, 2.0, 0.25), (), False),
    ("range_step", lambda tf: tf.range(2, 11, 3), (), False),
    ("linspace", lambda tf: tf.linspace(0.0, 1.0, 5), (), False),
    ("one_hot", lambda tf, a: tf.one_hot(a, 3), ("labels",), False),
    ("one_hot_values", lambda tf, a: tf.one_hot(a, 4, on_value=5.0, off_value=-1.0, axis=0),
     ("labels",), False),
    ("shape", lambda tf, a: tf.shape(a), ("cube",), False),
    ("rank", lambda tf, a: tf.rank(a), ("cube",), False),
    ("size", lambda tf, a: tf.size(a), ("cube",), False),
    ("cast_float_to_int", lambda tf, a: tf.cast(a, tf.int32), ("halves",), False),
    ("cast_int_to_float", lambda tf, a: tf.cast(a, tf.float32), ("ints",), False),
    ("cast_bool", lambda tf, a: tf.cast(a, "float32"), ("flags",), False),
    ("cast_grad", lambda tf, a: tf.cast(a, tf.float64), ("x",), True),
    # moving axes
    ("reshape", lambda tf, a: tf.reshape(a, [3, -1]), ("x",), True),
    ("reshape_by_shape", lambda tf, a: tf.reshape(a, [tf.shape(a)[0], -1]), ("cube",), True),
    ("transpose", lambda tf, a: tf.transpose(a), ("cube",), True),
    ("transpose_perm", lambda tf, a: tf.transpose(a, perm=[1, 0, 2]), ("cube",), True),
    ("expand_dims", lambda tf, a: tf.expand_dims(a, -1), ("x",), True),
    ("squeeze", lambda tf, a: tf.squeeze(tf.reshape(a, (1, 2, 1, 3)), axis=2), ("x",), True),
    ("newaxis", lambda tf, a: a[:, tf.newaxis, 1:], ("x",), True),
    ("concat", lambda tf, a, b: tf.concat([a, b], axis=0), ("x", "y"), True),
    ("stack", lambda tf, a, b: tf.stack([a, b], axis=1), ("x", "y"), True),
    ("unstack", lambda tf, a: tf.unstack(a, axis=1), ("x",), True),
    ("split", lambda tf, a: tf.split(a, 3, axis=1), ("x",), True),
    ("split_sizes", lambda tf, a: tf.split(a, [1, 3], axis=-1), ("cube",), True),
    ("tile", lambda tf, a: tf.tile(a, [2, 3]), ("x",), True),
    ("repeat_flattened", lambda tf, a: tf.repeat(a, 2), ("x",), True),
    ("repeat_counts_along_axis", lambda tf, a: tf.repeat(a, [1, 0, 2], axis=1), ("x",), True),
    ("repeat_negative_axis", lambda tf, a: tf.repeat(a, 3, axis=-1), ("cube",), True),
    # the conditional GAN's labels, one count in a list over the flattened input
    ("repeat_one_count_list", lambda tf, a: tf.repeat(a[:, :, None, None], repeats=[4]),
     ("x",), True),
    ("gather", lambda tf, a: tf.gather(a, [1, 0, 1]), ("x",), True),
    ("gather_axis", lambda tf, a: tf.gather(a, [2, 0], axis=1), ("x",), True),
    ("where", lambda tf, a, b: tf.where(a > b, a, b), ("x", "y"), True),
    ("where_coordinates", lambda tf, a: tf.where(a), ("flags",), False),
    ("getitem", lambda tf, a: a[1, ::2], ("cube",), True),
    # tf.tensordot: an int count of axes, a pair of axes (PointNet's regularizer), lists
    ("tensordot_int", lambda tf, a, b: tf.tensordot(a, b, 1), ("x", "w"), True),
    ("tensordot_outer", lambda tf, a, b: tf.tensordot(a, b, axes=0), ("x", "row"), True),
    ("tensordot_pair", lambda tf, a: tf.tensordot(a, a, axes=(2, 2)), ("cube",), True),
    ("tensordot_lists", lambda tf, a, b: tf.tensordot(a, tf.reshape(b, (4, 3)),
                                                      axes=[[1, -1], [1, 0]]),
     ("cube", "w"), True),
    ("linalg_tensordot", lambda tf, a, b: tf.linalg.tensordot(b, a, axes=[[0], [1]]),
     ("cube", "w"), True),
    # tf.image.extract_patches (the involution layer's patches): SAME and VALID, strides,
    # rates, windows wider than the image's padding
    ("extract_patches_same", lambda tf, a: tf.image.extract_patches(
        a, sizes=[1, 3, 3, 1], strides=[1, 1, 1, 1], rates=[1, 1, 1, 1], padding="SAME"),
     ("image",), True),
    ("extract_patches_strided", lambda tf, a: tf.image.extract_patches(
        a, sizes=[1, 2, 3, 1], strides=[1, 2, 3, 1], rates=[1, 1, 1, 1], padding="SAME"),
     ("image",), True),
    ("extract_patches_valid_rates", lambda tf, a: tf.image.extract_patches(
        a, sizes=[1, 2, 2, 1], strides=[1, 1, 2, 1], rates=[1, 2, 2, 1], padding="VALID"),
     ("image",), True),
    # tf.image.resize of a batch and of one image (a Dataset.map's), the four methods
    ("image_resize_bilinear", lambda tf, a: tf.image.resize(a, (7, 4)), ("image",), True),
    ("image_resize_one_image", lambda tf, a: tf.image.resize(a[1], [3, 9]), ("image",), True),
    ("image_resize_nearest", lambda tf, a: tf.image.resize(a, (8, 3), method="nearest"),
     ("image",), True),
    ("image_resize_bicubic", lambda tf, a: tf.image.resize(a, (9, 4), method="bicubic"),
     ("image",), False),
    ("image_resize_area", lambda tf, a: tf.image.resize(a, (3, 4), method="area"),
     ("image",), False),
    ("extract_patches_wide", lambda tf, a: tf.image.extract_patches(
        a, sizes=[1, 5, 4, 1], strides=[1, 2, 2, 1], rates=[1, 1, 1, 1], padding="SAME"),
     ("image",), True),
    # keras.io's handwriting recognition: aspect-preserving resize, padding with a constant
    # (amounts from tf.shape), flips, sparse labels and their edit distance
    ("image_resize_preserve_aspect", lambda tf, a: tf.image.resize(
        a[0], (4, 9), preserve_aspect_ratio=True), ("image",), True),
    ("image_resize_preserve_aspect_batch", lambda tf, a: tf.image.resize(
        a, (16, 8), preserve_aspect_ratio=True), ("image",), True),
    ("pad_constant_values", lambda tf, a: tf.pad(a, [[1, 0], [0, 2]], constant_values=7.5),
     ("x",), True),
    ("pad_amounts_from_shape", lambda tf, a: tf.pad(
        a, [[tf.shape(a)[0] - 1, 0], [0, 0], [1, 1], [0, 0]]), ("image",), True),
    ("pad_label_token", lambda tf, a: tf.pad(a[0], paddings=[[0, 3]], constant_values=99),
     ("padded_labels",), False),
    ("image_flip_left_right", lambda tf, a: tf.image.flip_left_right(a), ("image",), True),
    ("image_flip_left_right_one", lambda tf, a: tf.image.flip_left_right(a[1]), ("image",),
     True),
    ("image_flip_up_down", lambda tf, a: tf.image.flip_up_down(a), ("image",), True),
    ("sparse_from_dense_cast", lambda tf, a: sparse_parts(tf.cast(tf.sparse.from_dense(a),
                                                                  tf.int32)),
     ("decoded",), False),
    ("edit_distance_counts", lambda tf, h, t: tf.edit_distance(
        tf.sparse.from_dense(h), tf.sparse.from_dense(t), normalize=False),
     ("decoded", "padded_labels"), False),
    ("edit_distance_normalized", lambda tf, h, t: tf.edit_distance(
        tf.sparse.from_dense(h[:, :2]), tf.sparse.from_dense(t)), ("decoded", "padded_labels"),
     False),
    ("edit_distance_empty_truth", lambda tf, h, t: tf.edit_distance(
        tf.sparse.from_dense(t), tf.sparse.from_dense(h[2:] + 1)),
     ("decoded", "padded_labels"), False),
    ("gather_where_not_equal", lambda tf, a: tf.gather(a[1], tf.where(tf.math.not_equal(
        a[1], -1))), ("decoded",), False),
    # NumPy on the left of a Tensor stays on the tape
    ("numpy_minus_tensor", lambda tf, a: INPUTS["y"] - a, ("x",), True),
    ("numpy_times_tensor", lambda tf, a: np.float32(3.0) * a * INPUTS["row"], ("x",), True),
]


def _scaled(x, y):
    return x / 10.0, y


DATASETS = [
    # (name, build(tf) -> a tf.data.Dataset); elements and cardinality are compared
    ("slices_batch", lambda tf: tf.data.Dataset.from_tensor_slices(
        (INPUTS["cube"][0], INPUTS["labels"][:3])).batch(2)),
    ("batch_drop_remainder", lambda tf: tf.data.Dataset.range(7).batch(3, drop_remainder=True)),
    ("from_tensors", lambda tf: tf.data.Dataset.from_tensors(INPUTS["x"])),
    ("map_parallel", lambda tf: tf.data.Dataset.from_tensor_slices(
        (INPUTS["ints"].astype("float32"), INPUTS["labels"][:2])).map(
            _scaled, num_parallel_calls=tf.data.AUTOTUNE).prefetch(tf.data.AUTOTUNE)),
    ("map_tf_ops", lambda tf: tf.data.Dataset.from_tensor_slices(INPUTS["labels"]).map(
        lambda i: tf.one_hot(i, 4) * tf.cast(i, tf.float32))),
    ("repeat_take_skip", lambda tf: tf.data.Dataset.range(5).repeat(2).skip(3).take(4)),
    ("cache_repeat", lambda tf: tf.data.Dataset.range(3).cache().repeat(2)),
    ("zip", lambda tf: tf.data.Dataset.zip(
        (tf.data.Dataset.range(4), tf.data.Dataset.from_tensor_slices(INPUTS["row"])))),
    ("filter", lambda tf: tf.data.Dataset.range(10).filter(lambda i: i % 3 == 0)),
    ("unbatch", lambda tf: tf.data.Dataset.from_tensor_slices(INPUTS["cube"]).unbatch()
     .batch(5)),
    ("range_args", lambda tf: tf.data.Dataset.range(2, 11, 4)),
    ("dict_elements", lambda tf: tf.data.Dataset.from_tensor_slices(
        {"a": INPUTS["labels"], "b": INPUTS["w"][0]}).batch(3)),
    ("take_repeat_forever", lambda tf: tf.data.Dataset.range(3).repeat().take(5)),
    ("window_flat_map", lambda tf: tf.data.Dataset.from_tensor_slices(tf.range(15)).window(
        5, shift=2, drop_remainder=True).flat_map(lambda window: window.batch(5))),
    ("window_partial_stride", lambda tf: tf.data.Dataset.range(15).window(
        3, shift=4, stride=2).flat_map(lambda window: window.batch(3))),
    ("window_pairs_zip", lambda tf: tf.data.Dataset.from_tensor_slices(
        (INPUTS["labels"], INPUTS["w"][0])).window(2, shift=1, drop_remainder=True).flat_map(
            lambda a, b: tf.data.Dataset.zip((a.batch(2), b.batch(2))))),
    ("window_count", lambda tf: tf.data.Dataset.range(15).window(3, shift=1, stride=3,
                                                                  drop_remainder=True)
     .flat_map(lambda window: window.batch(3)).batch(4)),
]
