"""The BLAS thread policy of tracekeras.backend.threads: applied inside, restored after."""
import os
import warnings

import numpy as np
import pytest

from tracekeras import layers, models
from tracekeras.backend import Variable, parallel, threads

threadpoolctl = pytest.importorskip("threadpoolctl")


class FakeModel:
    def __init__(self, *shapes):
        self.weights = [Variable(np.zeros(s, np.float32)) for s in shapes]


def blas_threads():
    return [m["num_threads"] for m in threadpoolctl.threadpool_info() if m["user_api"] == "blas"]


@pytest.fixture(autouse=True)
def no_user_setting(monkeypatch):
    monkeypatch.delenv(threads.ENV_VAR, raising=False)
    threads.set_blas_threads(None)
    yield
    threads.set_blas_threads(None)


@pytest.fixture
def two_threads():
    """Start from 2 BLAS threads (the machine's default here), whatever the session set."""
    with threadpoolctl.threadpool_limits(2, user_api="blas"):
        yield


@pytest.fixture
def measured(monkeypatch):
    """Pin the timing to a winner, so the tests do not depend on the machine's load."""
    winner = {"threads": 1}
    monkeypatch.setattr(threads, "MEASURED", {})
    monkeypatch.setattr(threads, "measure",
                        lambda ctl, m, k, n: (winner["threads"], f"pinned {m}x{k}x{n}"))
    return winner


def test_seed_sized_model_runs_the_measured_winner_and_restores(two_threads, measured):
    before = blas_threads()
    model = FakeModel((784, 512), (512,), (512, 10), (10,))
    with threads.blas_threads_for(model, batch_size=128) as n:
        assert n == 1
        assert set(blas_threads()) == {1}
    assert blas_threads() == before
    threads.MEASURED.clear()
    measured["threads"] = None     # two threads were faster: BLAS's own count
    with threads.blas_threads_for(model, batch_size=128) as n:
        assert n == threads.OUTSIDE["original"]
        assert set(blas_threads()) == {threads.OUTSIDE["original"]}
    assert blas_threads() == before


def test_a_measurement_times_both_and_is_cached(two_threads, monkeypatch):
    monkeypatch.setattr(threads, "MEASURED", {})
    ctl = threads.controller()
    model = FakeModel((256, 512))
    choice, reason = threads.decide(model, batch_size=64, ctl=ctl)
    assert choice in (1, None)
    assert reason.startswith("measured 64x256x512: 1 thread ") and "2 threads" in reason
    assert threads.MEASURED == {(64, 256, 512): (choice, reason)}
    assert threads.decide(model, batch_size=64, ctl=ctl) == (choice, reason)
    assert blas_threads() == [2] * len(blas_threads())     # timing restored the limits



def test_a_convolution_runs_one_blas_thread_and_splits_its_batch(two_threads, monkeypatch):
    # OpenBLAS's spinning threads made convnet epochs 3-10x slower under load (parallel.py)
    monkeypatch.setattr(threads, "measure", lambda *a: pytest.fail("measured a convnet"))
    monkeypatch.delenv(parallel.ENV_VAR, raising=False)
    model = models.Sequential([layers.Input((13, 13, 32)), layers.Conv2D(64, 3)])
    assert threads.decide(model, batch_size=128, ctl=threads.controller())[0] == 1
    with threads.blas_threads_for(model, batch_size=128) as n:
        assert n == 1 and set(blas_threads()) == {1}
        assert parallel.allowed() == min(os.cpu_count(), 4)
        assert len(parallel.parts(128, 1 << 30)) == (128 if os.cpu_count() > 1 else 1)
    assert parallel.parts(128, 1 << 30) == [slice(0, 128)]     # off again outside


def test_attention_runs_one_blas_thread_unmeasured(two_threads, monkeypatch):
    # stacks of small products: two spinning OpenBLAS threads made an epoch 10-20x slower
    monkeypatch.setattr(threads, "measure", lambda *a: pytest.fail("measured attention"))
    inputs = layers.Input((200, 512))
    outputs = layers.MultiHeadAttention(num_heads=2, key_dim=512)(inputs, inputs)
    model = models.Model(inputs, outputs)
    choice, reason = threads.decide(model, batch_size=32, ctl=threads.controller())
    assert choice == 1 and reason.startswith("attention")


def test_an_embedding_table_is_not_counted_as_a_matmul(monkeypatch):
    monkeypatch.setattr(threads, "measure", lambda *a: pytest.fail("measured a lookup"))
    model = models.Sequential([layers.Input((10,)), layers.Embedding(20000, 128),
                               layers.Dense(4)])
    assert threads.weight_shapes(model) == [(128, 4), (1, 4)]
    assert threads.decide(model, 32, threads.controller())[0] == 1


def test_tiny_matmuls_run_one_thread_unmeasured(monkeypatch):
    monkeypatch.setattr(threads, "measure", lambda *a: pytest.fail("measured a tiny model"))
    assert threads.decide(FakeModel((20, 16)), 32, threads.controller())[0] == 1


def test_large_model_runs_blas_own_thread_count(monkeypatch):
    # outside the loops BLAS runs one thread (limit_outside_loops, at import); a model of
    # large products gets BLAS's own count back inside them
    monkeypatch.setattr(threads, "OUTSIDE", {"original": 2, "limited": True})
    model = FakeModel((4096, 4096))  # 128 * 16.7M multiply-adds > 2**30
    with threadpoolctl.threadpool_limits(1, user_api="blas"):
        with threads.blas_threads_for(model, batch_size=128) as n:
            assert n == 2 and set(blas_threads()) == {2}
        assert set(blas_threads()) == {1}
    assert threads.decide(model, batch_size=64)[0] is None
    assert threads.decide(model, batch_size=32)[0] == 1   # 2**29 multiply-adds: small


def test_unbuilt_model_counts_as_small():
    class Unbuilt:
        @property
        def weights(self):
            raise ValueError("not built")
    assert threads.decide(Unbuilt())[0] == 1
    assert threads.decide(FakeModel())[0] == 1


def test_set_blas_threads_overrides_policy(two_threads):
    threads.set_blas_threads(2)
    model = FakeModel((784, 512))
    with threads.blas_threads_for(model, batch_size=128) as n:
        assert n == 2 and set(blas_threads()) == {2}
    threads.set_blas_threads(1)
    with threads.blas_threads_for(FakeModel((4096, 4096))) as n:
        assert n == 1 and set(blas_threads()) == {1}
    assert set(blas_threads()) == {1}        # the user's count holds outside the loops too
    threads.set_blas_threads(2)
    assert set(blas_threads()) == {2}


def test_env_var_override_and_precedence(monkeypatch, two_threads):
    monkeypatch.setenv(threads.ENV_VAR, "2")
    assert threads.decide(FakeModel((10, 10))) == (2, "user setting")
    monkeypatch.setenv(threads.ENV_VAR, "auto")
    assert threads.decide(FakeModel((10, 10)))[0] == 1
    monkeypatch.setenv(threads.ENV_VAR, "1")
    threads.set_blas_threads(2)              # the function call wins over the variable
    assert threads.decide(FakeModel((10, 10)))[0] == 2


@pytest.mark.parametrize("switch", ["off", "OFF", " off "])
def test_off_leaves_blas_alone_and_measures_nothing(switch, monkeypatch, two_threads):
    monkeypatch.setattr(threads, "measure", lambda *a: pytest.fail("measured with the policy off"))
    before = blas_threads()
    seed = FakeModel((784, 512), (512,), (512, 10), (10,))
    monkeypatch.setenv(threads.ENV_VAR, switch)
    assert threads.decide(seed, 128, threads.controller()) == (None, "user setting: off")
    assert threads.decide(FakeModel((10, 10)))[0] is None       # not even the tiny-model rule
    with threads.blas_threads_for(seed, batch_size=128) as n:
        assert n is None and blas_threads() == before
    monkeypatch.delenv(threads.ENV_VAR)
    threads.set_blas_threads(switch)
    with threads.blas_threads_for(FakeModel((10, 10))) as n:
        assert n is None and blas_threads() == before
    assert threads.get_blas_threads() == "off"


def test_auto_gives_the_decision_back(monkeypatch):
    monkeypatch.setenv(threads.ENV_VAR, "off")
    threads.set_blas_threads(2)
    assert threads.decide(FakeModel((10, 10))) == (2, "user setting")
    threads.set_blas_threads("auto")                    # back to the variable: off
    assert threads.decide(FakeModel((10, 10)))[0] is None
    monkeypatch.setenv(threads.ENV_VAR, "auto")
    assert threads.get_blas_threads() is None
    assert threads.decide(FakeModel((10, 10))) == (1, "small matmuls (3200 multiply-adds a step)")


def test_off_with_threadpoolctl_missing_does_not_warn(monkeypatch):
    monkeypatch.setattr(threads, "threadpoolctl", None)
    monkeypatch.setattr(threads, "CONTROLLER", None)
    monkeypatch.setattr(threads, "WARNED", False)
    threads.set_blas_threads("off")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with threads.blas_threads_for(FakeModel((784, 512))) as n:
            assert n is None


@pytest.mark.parametrize("bad", [0, -1, "two", 1.5, True, "of", ""])
def test_bad_thread_counts_raise(bad, monkeypatch):
    with pytest.raises(ValueError, match="positive integer number of BLAS threads"):
        threads.set_blas_threads(bad)
    assert threads.USER_THREADS is None     # nothing changed
    monkeypatch.setenv(threads.ENV_VAR, str(bad))
    if bad != "":                           # an empty variable counts as unset
        with pytest.raises(ValueError, match="TRACEKERAS_BLAS_THREADS"):
            threads.decide(FakeModel((2, 2)))


def test_restored_after_an_exception(two_threads):
    before = blas_threads()
    with pytest.raises(RuntimeError):
        with threads.blas_threads_for(FakeModel((784, 512))):
            raise RuntimeError("boom")
    assert blas_threads() == before


def test_missing_threadpoolctl_is_free_and_warns_once(monkeypatch):
    monkeypatch.setattr(threads, "threadpoolctl", None)
    monkeypatch.setattr(threads, "CONTROLLER", None)
    monkeypatch.setattr(threads, "WARNED", False)
    with pytest.warns(RuntimeWarning, match="threadpoolctl is not installed"):
        with threads.blas_threads_for(FakeModel((2, 2))) as n:
            assert n is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with threads.blas_threads_for(FakeModel((2, 2))) as n:
            assert n is None


def test_fit_runs_the_seed_model_with_one_blas_thread_and_restores(two_threads):
    """The training loops enter blas_threads_for: one thread inside fit, the old limit after."""
    models = pytest.importorskip("tracekeras.models")
    from tracekeras import layers
    from tracekeras.callbacks import Callback
    seen = []

    class Probe(Callback):
        def on_train_batch_begin(self, batch, logs=None):
            seen.append(set(blas_threads()))

    model = models.Sequential([layers.Dense(8, activation="relu"), layers.Dense(3)])
    model.compile(optimizer="rmsprop", loss="mse")
    before = blas_threads()
    model.fit(np.zeros((8, 4), np.float32), np.zeros((8, 3), np.float32), batch_size=4,
              verbose=0, callbacks=[Probe()])
    assert seen == [{1}, {1}]
    assert blas_threads() == before
    threads.set_blas_threads(2)
    seen.clear()
    model.fit(np.zeros((4, 4), np.float32), np.zeros((4, 3), np.float32), batch_size=4,
              verbose=0, callbacks=[Probe()])
    assert seen == [{2}]


def test_a_blas_library_loaded_after_the_first_fit_is_limited_too(two_threads, measured,
                                                                 monkeypatch):
    """A script that imports SciPy after its first fit brings SciPy's own OpenBLAS: the next
    fit limits it as well (the controller made at the first fit knew only NumPy's)."""
    pytest.importorskip("scipy.linalg")
    everything = threadpoolctl.ThreadpoolController()
    numpy_blas = everything.select(user_api="blas").lib_controllers[0].filepath
    assert len(everything.select(user_api="blas").lib_controllers) >= 2
    monkeypatch.setattr(threads, "CONTROLLER", everything.select(filepath=numpy_blas))
    monkeypatch.setattr(threads, "CONTROLLER_LIBRARIES", [threads.loaded_libraries() - 1])
    with threads.blas_threads_for(FakeModel((784, 512), (512,), (512, 10), (10,)),
                                  batch_size=128) as n:
        assert n == 1
        assert set(blas_threads()) == {1}
    assert set(blas_threads()) == {2}


def test_outside_the_loops_blas_runs_one_thread_and_off_gives_its_own_count_back(
        monkeypatch):
    """Building a model or a custom GradientTape loop multiplies one batch's small products:
    one BLAS thread there (two spinning OpenBLAS threads made a custom loop 3x and a ResNet50
    build 3-5x slower with the other core busy); ``off`` gives BLAS its own count back."""
    monkeypatch.setattr(threads, "OUTSIDE", {"original": 2, "limited": False})
    with threadpoolctl.threadpool_limits(2, user_api="blas"):
        threads.limit_outside_loops()
        assert set(blas_threads()) == {1} and threads.OUTSIDE["limited"]
        threads.set_blas_threads("off")
        assert set(blas_threads()) == {2} and not threads.OUTSIDE["limited"]
        threads.set_blas_threads(None)
        assert set(blas_threads()) == {1}
        monkeypatch.setenv(threads.ENV_VAR, "two")     # refused by the loops, not here
        threads.limit_outside_loops()
        assert set(blas_threads()) == {2}


def test_importing_the_backend_limits_blas_to_one_thread():
    import subprocess
    import sys
    code = ("import threadpoolctl, tracekeras.backend as K; "
            "print(sorted({i['num_threads'] for i in threadpoolctl.threadpool_info() "
            "if i['user_api'] == 'blas'}), K.threads.OUTSIDE['limited'])")
    env = {k: v for k, v in os.environ.items()
           if k not in (threads.ENV_VAR, "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True).stdout.split()
    assert out == ["[1]", "True"]
    env[threads.ENV_VAR] = "off"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True).stdout.split()
    assert out[-1] == "False"
