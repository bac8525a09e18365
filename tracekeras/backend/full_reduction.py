"""TensorFlow's order of adding when it sums a whole float32 vector on the CPU
(``tf.reduce_sum`` / ``tf.reduce_mean`` to a scalar), so a result can equal TF's to the bit.

Float addition is not associative: NumPy's pairwise sum and TF's Eigen sum round
differently. TF's kernel hands the vector to Eigen's full reduction, which (for float,
whose sum is not exactly associative) splits it in halves, on a boundary of 8 values
(one AVX packet), until a part holds at most 8 * 1024 values; each part is summed by
four packet accumulators, 8 lanes each, taking 32 values a round, joined as
``((a0 + a1) + a2) + a3``; one accumulator then takes the remaining whole packets, a
scalar the remaining values; the packet's lanes are folded in halves (8 -> 4 -> 2 -> 1)
and added to the scalar. ``reduce_mean`` divides that sum by the count, in float32.
Measured against TensorFlow 2.21 (CPU, AVX packets of 8 floats).

Receives a 1-D array; hands on a NumPy float32 scalar. No trace events.
"""
import numpy as np

PACKET = 8          # floats in one AVX packet
ACCUMULATORS = 4    # packet accumulators of the unrolled loop
LEAF = PACKET * 1024


def full_sum(values):
    """The float32 sum of a 1-D array in TF's CPU order (see the module docstring)."""
    values = np.ascontiguousarray(values, dtype=np.float32).reshape(-1)
    return tree_sum(values, 0, values.size)


def full_mean(values):
    """``tf.reduce_mean`` of a 1-D float32 array: the sum in TF's order over the count
    (NaN for no values, as TF)."""
    values = np.asarray(values, dtype=np.float32).reshape(-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.float32(full_sum(values) / np.float32(values.size))


def tree_sum(values, first, count):
    """Halves on a packet boundary until a part fits one leaf (Eigen's tree reduction)."""
    if count > LEAF:
        split = PACKET * -(-(first + -(-count // 2)) // PACKET)
        left = min(split - first, count)
        total = np.float32(0) + tree_sum(values, first, left)
        if left < count:
            total = np.float32(total + tree_sum(values, split, count - left))
        return total
    return leaf_sum(values[first:first + count])


def leaf_sum(values):
    """Four packet accumulators, then single packets, then single values."""
    rounds = values.size // (ACCUMULATORS * PACKET)
    start = rounds * ACCUMULATORS * PACKET
    packet = np.zeros(PACKET, np.float32)
    if rounds:
        blocks = values[:start].reshape(rounds, ACCUMULATORS, PACKET)
        accumulators = np.cumsum(blocks, axis=0, dtype=np.float32)[-1]   # in order
        packet = accumulators[0]
        for accumulator in accumulators[1:]:
            packet = packet + accumulator
    while start + PACKET <= values.size:
        packet = packet + values[start:start + PACKET]
        start += PACKET
    scalar = np.float32(0)
    for value in values[start:]:
        scalar = np.float32(scalar + value)
    while packet.size > 1:   # predux: fold the lanes in halves
        half = packet.size // 2
        packet = packet[:half] + packet[half:]
    return np.float32(scalar + packet[0])
