"""Write ``data/tk_written.tfrecord`` with tracekeras: the records of ``tfrecord_cases``
by tracekeras's ``tf.io.TFRecordWriter`` and ``tf.train.Example`` (and ``data/tk_<name>.tfrecord``,
the raw records compressed each way of ``COMPRESSIONS``). Run from the
repository root before ``make_tfrecord_fixtures.py`` (which reads it with TensorFlow)::

    PYTHONPATH=. python tests/data_adapters/make_tracekeras_tfrecords.py

``test_tfrecord.py`` writes the same records again and finds the same bytes.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import tfrecord_cases as cases  # noqa: E402

from tracekeras import shim  # noqa: E402


def write(path):
    with shim.activated():
        import tensorflow as tf
        with tf.io.TFRecordWriter(path) as writer:
            for record in cases.records(tf):
                writer.write(record)
        cases.write_compressed(tf, os.path.dirname(path), "tk")


if __name__ == "__main__":
    write(os.path.join(HERE, "data", "tk_written.tfrecord"))
