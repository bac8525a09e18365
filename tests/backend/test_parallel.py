"""backend.parallel: the batch of a convolution or a max pooling split over Python threads
gives the same numbers as one piece, forward and backward (the same sums in the same order;
BLAS may round a last bit differently for a very small piece)."""
import threading
import time

import numpy as np
import pytest

from tracekeras.backend import GradientTape, Variable, conv, ops, parallel, pooling


def conv_pool_step(x, kernel, threads):
    """Outputs and gradients of convolution -> 2x2 max pooling -> sum of squares."""
    with parallel.enabled(threads):
        xv, kv = Variable(x), Variable(kernel)
        with GradientTape() as tape:
            y = conv.convolution(xv, kv, (1, 1))
            p = pooling.max_pool(y, (2, 2), (2, 2))
            loss = ops.reduce_sum(ops.multiply(p, p))
        grads = tape.gradient(loss, [xv, kv])
    return [y.value, p.value] + [np.asarray(g) for g in grads]


# the splits of a step: convolution, pooling, their gradients (Winograd's backward makes
# both of its gradients in one split, chunk by chunk; im2col's takes one for each)
@pytest.mark.parametrize("shape, kernel_shape, splits", [((48, 13, 13, 32), (3, 3, 32, 64), 4),
                                                          ((64, 28, 28, 1), (3, 3, 1, 32), 5)])
def test_split_work_gives_the_same_numbers(shape, kernel_shape, splits, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_BYTES", 1)      # split even these small arrays
    rng = np.random.default_rng(0)
    x = rng.random(shape, dtype=np.float32)
    kernel = rng.standard_normal(kernel_shape).astype(np.float32)
    calls = []
    split = parallel.split
    monkeypatch.setattr(parallel, "split", lambda fn, pieces: calls.append(len(pieces))
                        or split(fn, pieces))
    one = conv_pool_step(x, kernel, 1)
    assert calls == [1] * splits    # one piece each
    calls.clear()
    three = conv_pool_step(x, kernel, 3)
    assert len(calls) == splits and min(calls) >= 2   # pooling splits whole blocks of the batch
    for a, b in zip(one, three):     # the same sums in the same order; BLAS picks its
        assert a.dtype == b.dtype == np.float32   # kernel by size, so allow a last bit
        np.testing.assert_allclose(b, a, rtol=1e-6, atol=1e-6 * float(np.abs(a).max()))


def test_strided_dilated_grouped_and_3d_convolutions_split_alike(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_BYTES", 1)
    monkeypatch.setattr(parallel, "PIECE_BYTES", 1 << 12)      # many small pieces
    rng = np.random.default_rng(1)
    for shape, kernel_shape, options in [
            ((6, 9, 9, 4), (3, 3, 4, 6), {"strides": (2, 2), "padding": "SAME"}),
            ((6, 11, 11, 4), (3, 3, 4, 6), {"strides": (1, 1), "dilations": (2, 2)}),
            ((6, 9, 9, 4), (3, 3, 2, 6), {"strides": (1, 1), "groups": 2}),
            ((5, 6, 6, 6, 3), (2, 2, 2, 3, 4), {"strides": (1, 2, 1), "padding": "SAME"})]:
        x = rng.random(shape, dtype=np.float32)
        kernel = rng.standard_normal(kernel_shape).astype(np.float32)
        results = []
        for threads in (1, 2):
            with parallel.enabled(threads):
                xv, kv = Variable(x), Variable(kernel)
                with GradientTape() as tape:
                    y = conv.convolution(xv, kv, **options)
                    loss = ops.reduce_sum(ops.multiply(y, y))
                results.append([y.value] + [np.asarray(g) for g in tape.gradient(loss, [xv, kv])])
        for a, b in zip(*results):
            np.testing.assert_allclose(b, a, rtol=1e-6, atol=1e-6 * float(np.abs(a).max()))


def test_parts_cover_the_range_once_and_stay_whole_when_small_or_off():
    with parallel.enabled(3):
        assert parallel.parts(10, 1 << 30, most=3) == [slice(0, 3), slice(3, 6), slice(6, 10)]
        assert parallel.parts(2, 1 << 30) == [slice(0, 1), slice(1, 2)]
        assert len(parallel.parts(1000, 10 << 20)) == 10       # about 1 MB a piece
        assert len(parallel.parts(1000, 3 << 20)) == 6         # at least two a thread
        assert parallel.parts(10, 100) == [slice(0, 10)]
    assert parallel.parts(10, 1 << 30) == [slice(0, 10)]


def test_every_piece_runs_once_and_pieces_do_not_split_again():
    seen = []

    def piece(p):
        seen.append((p.start, parallel.parts(8, 1 << 30)))
    with parallel.enabled(2):
        parallel.split(piece, parallel.parts(40, 1 << 30))
    assert sorted(start for start, _ in seen) == list(range(40))
    assert all(inner == [slice(0, 8)] for _, inner in seen)


def test_a_late_pool_thread_leaves_its_pieces_to_the_caller(monkeypatch):
    class Asleep:      # a pool whose thread never gets the core: the caller does all
        def submit(self, fn):
            self.fn = fn
    pool = Asleep()
    monkeypatch.setitem(parallel.STATE, "pool", pool)
    seen = []
    with parallel.enabled(2):
        parallel.split(lambda p: seen.append((p.start, threading.current_thread())),
                       parallel.parts(6, 1 << 30))
    assert [s for s, _ in seen] == list(range(6))
    assert {t for _, t in seen} == {threading.current_thread()}
    pool.fn()                            # waking up at last, it finds nothing left to do
    assert len(seen) == 6


def test_errors_of_a_piece_reach_the_caller():
    def piece(p):
        if p.start:
            raise ValueError("second piece failed")
    with parallel.enabled(2), pytest.raises(ValueError, match="second piece failed"):
        parallel.split(piece, [slice(0, 1), slice(1, 2)])


def test_a_bad_thread_count_in_the_environment_is_refused(monkeypatch):
    monkeypatch.setenv(parallel.ENV_VAR, "two")
    with pytest.raises(ValueError, match=r"TRACEKERAS_SPLIT_THREADS expects a positive "
                                         r"integer number of threads. Received: 'two'"):
        with parallel.enabled():
            pass


def mnist_convnet_fit(split_threads, monkeypatch):
    """keras.io's MNIST convnet fitted two epochs of two batches of 128, seeded, with
    ``TRACEKERAS_SPLIT_THREADS`` at ``split_threads``: its weights and history."""
    from tracekeras import layers, models, utils
    monkeypatch.setenv(parallel.ENV_VAR, str(split_threads))
    utils.set_random_seed(7)
    rng = np.random.default_rng(0)
    x = rng.random((256, 28, 28, 1), dtype=np.float32)
    y = rng.integers(0, 10, size=256)
    model = models.Sequential([
        layers.Input((28, 28, 1)), layers.Conv2D(32, 3, activation="relu"),
        layers.MaxPooling2D(2), layers.Conv2D(64, 3, activation="relu"),
        layers.MaxPooling2D(2), layers.Flatten(), layers.Dropout(0.5),
        layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    history = model.fit(x, y, batch_size=128, epochs=2, shuffle=False, verbose=0).history
    return [w.copy() for w in model.get_weights()], history


def test_the_convnet_fit_gives_the_same_bits_split_or_not(monkeypatch):
    splits = []
    split = parallel.split
    monkeypatch.setattr(parallel, "split", lambda fn, pieces: splits.append(len(pieces))
                        or split(fn, pieces))
    weights, history = mnist_convnet_fit(1, monkeypatch)
    assert set(splits) == {1}
    splits.clear()
    split_weights, split_history = mnist_convnet_fit(2, monkeypatch)
    assert max(splits) > 1                    # the convolutions and poolings did split
    assert split_history == history
    for a, b in zip(weights, split_weights):
        assert a.dtype == b.dtype and np.array_equal(a, b)


def test_the_pool_hands_each_job_to_an_idle_thread_and_starts_no_more_than_its_size():
    pool = parallel.Pool(size=2)
    release = threading.Lock()
    release.acquire()
    ran = []

    def busy():                      # holds its thread until released
        with release:
            ran.append(threading.current_thread().name)
    pool.submit(busy)
    pool.submit(busy)
    pool.submit(busy)                # both threads busy: nothing is handed on, none started
    assert len(pool.threads) == 2
    release.release()
    for thread in pool.threads:      # both go idle again, and the idle ones are reused
        while thread.busy:
            time.sleep(0.001)
    assert sorted(ran) == sorted(t.name for t in pool.threads)
    done = threading.Event()
    pool.submit(done.set)
    assert done.wait(5) and len(pool.threads) == 2



def test_threads_splitting_at_once_each_get_all_their_pieces_done():
    results, errors = {}, []

    def fit_like(name):
        try:
            seen = []
            with parallel.enabled(2):
                for _ in range(200):
                    parallel.split(lambda p: seen.append(p.start), parallel.parts(8, 1 << 30))
            results[name] = sorted(seen)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
    callers = [threading.Thread(target=fit_like, args=(i,)) for i in range(3)]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join()
    assert not errors
    assert all(seen == sorted(list(range(8)) * 200) for seen in results.values())


def test_enabled_is_a_setting_of_the_thread_that_entered_it():
    # two fits in two threads: one fit's end must not turn off the other's split
    inside, other_thread = threading.Event(), {}

    def other():
        other_thread["before"] = parallel.allowed()
        with parallel.enabled(2):
            inside.set()
            other_thread["inside"] = parallel.allowed()
    with parallel.enabled(3):
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
        assert inside.is_set() and parallel.allowed() == 3
    assert other_thread == {"before": 1, "inside": 2}
    assert parallel.allowed() == 1


@pytest.mark.parametrize("batch, size, channels, filters, kernel", [
    (128, 28, 1, 32, 3),      # the MNIST convnet's first convolution
    (64, 30, 16, 32, 3),      # its input gradient rounded differently split, before
    (32, 17, 3, 24, 5)])
def test_convolution_pieces_give_the_same_bits_split_or_not(batch, size, channels, filters,
                                                            kernel):
    # BLAS may round a product's last bit differently for another number of rows (OpenBLAS's
    # Haswell kernels do): the blocks must come from the shapes, never from the thread count
    rng = np.random.default_rng(batch + size)
    xp = rng.random((batch, size, size, channels), dtype=np.float32)
    k = rng.standard_normal((kernel, kernel, channels, filters)).astype(np.float32)
    out = size - kernel + 1
    g2 = rng.standard_normal((batch * out * out, filters)).astype(np.float32)

    def pieces(workers):
        with parallel.enabled(workers):
            cols, y = conv.convolve(xp, (kernel, kernel), (out, out), (1, 1), (1, 1),
                                    k.reshape(-1, filters), 1)
            return (y, conv.grouped_kernel_grad(cols, g2, 1),
                    conv.input_grad(g2, k, 1, xp.shape, (out, out), (1, 1), (1, 1)))
    for one, two in zip(pieces(1), pieces(2)):
        assert one.dtype == two.dtype and np.array_equal(one, two)


def test_a_stack_of_matrices_times_one_splits_its_stack_and_keeps_its_bits(monkeypatch):
    # a sequence layer's projection (batch, time, features) @ (features, units): each matrix
    # of the stack is the same BLAS call in one piece or in several
    rng = np.random.default_rng(11)
    x = rng.standard_normal((32, 200, 128)).astype(np.float32)
    kernel = rng.standard_normal((128, 256)).astype(np.float32)
    whole = ops.product(x, kernel)
    pieces = []
    split = parallel.split
    monkeypatch.setattr(parallel, "split", lambda fn, parts: pieces.append(len(parts))
                        or split(fn, parts))
    with parallel.enabled(2):
        shared = ops.product(x, kernel)
    assert pieces and pieces[0] > 1
    assert shared.dtype == whole.dtype and np.array_equal(shared, whole)
    assert np.array_equal(whole, x @ kernel)


def test_a_sequence_s_kernel_gradient_comes_in_fixed_chunks_split_or_not(monkeypatch):
    # Dense on (batch, time, features): the kernel's gradient sums over batch x time rows,
    # 6400 here, in chunks of 512 rows (CHUNK_BYTES of a 256-wide gradient) added in float64
    rng = np.random.default_rng(12)
    x = Variable(rng.standard_normal((32, 200, 128)).astype(np.float32))
    kernel = Variable(rng.standard_normal((128, 256)).astype(np.float32))
    weights = rng.standard_normal((32, 200, 256)).astype(np.float32)
    pieces = []
    each = parallel.each
    monkeypatch.setattr(parallel, "each", lambda fn, items, nbytes: pieces.append(len(items))
                        or each(fn, items, nbytes))
    grads = {}
    for workers in (1, 2):
        with parallel.enabled(workers), GradientTape() as tape:
            loss = ops.reduce_sum(ops.multiply(ops.matmul(x, kernel), weights))
        grads[workers] = np.asarray(tape.gradient(loss, kernel))
    assert pieces == [13, 13]
    assert np.array_equal(grads[1], grads[2])
    exact = np.einsum("btf,btu->fu", x.numpy().astype(np.float64), weights.astype(np.float64))
    np.testing.assert_allclose(grads[1], exact, rtol=1e-4, atol=1e-3)
