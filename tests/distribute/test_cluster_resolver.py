"""``tf.distribute.cluster_resolver.TPUClusterResolver`` on a machine without a TPU, as
TensorFlow 2.21 answers there (written down here from a run of it): ``connect()`` and the
constructor raise ``ValueError("Please provide a TPU Name to connect to.")``, which the
keras.io TPU-or-else scripts catch to go on with ``MirroredStrategy``. A named TPU is not
implemented and says so."""
import pytest

from tracekeras.distribute.cluster_resolver import TPUClusterResolver
from tracekeras.shim.errors import OperationNotImplementedByTracekeras


@pytest.mark.parametrize("make", [TPUClusterResolver.connect, TPUClusterResolver])
def test_no_tpu_name_is_tensorflow_s_value_error(make):
    with pytest.raises(ValueError, match=r"^Please provide a TPU Name to connect to\.$"):
        make()


def test_a_named_tpu_is_not_implemented():
    with pytest.raises(OperationNotImplementedByTracekeras,
                       match="does not implement tf.distribute.cluster_resolver."
                             "TPUClusterResolver of a TPU \\('grpc://10.0.0.2:8470'"):
        TPUClusterResolver.connect("grpc://10.0.0.2:8470")


def test_the_shim_spelling_resolves(tmp_path):
    import subprocess
    import sys
    script = tmp_path / "tpu.py"
    script.write_text(
        "import tensorflow as tf\n"
        "try:\n"
        "    tpu = tf.distribute.cluster_resolver.TPUClusterResolver.connect()\n"
        "except ValueError:\n"
        "    print('no TPU:', type(tf.distribute.MirroredStrategy()).__name__)\n")
    done = subprocess.run([sys.executable, "-m", "tracekeras", "run", "--no-png", "--out",
                           str(tmp_path / "out"), str(script)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines()[0] == "no TPU: MirroredStrategy"
