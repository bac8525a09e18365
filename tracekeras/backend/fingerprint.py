"""The string hashes behind ``tf.strings.to_hash_bucket_fast`` and
``to_hash_bucket_strong`` (TensorFlow's ``core/platform/fingerprint.h`` and
``strong_hash.h``), in plain Python integer arithmetic modulo 2**64.

What it owns: ``fingerprint64(data)``, FarmHash's ``Fingerprint64`` (its "na"
variant, ``farmhashna::Hash64``: one mixing path for 0-16, 17-32 and 33-64 bytes,
then a loop over 64-byte blocks); ``siphash(key, data)``, SipHash-2-4 with a key of
two 64-bit words (TensorFlow's ``StrongKeyedHash``); and the two bucket functions,
each hash modulo ``num_buckets`` as an unsigned 64-bit number. Hashes are cached per
string: a vocabulary repeats its tokens. For crossing features: ``fingerprint_cat64``
(``FingerprintCat64``, on NumPy uint64 arrays) and ``cross_hashed``, the hash of
``tf.sparse.cross_hashed`` that ``HashedCrossing`` uses.

What it receives: ``bytes`` (``str`` is encoded as UTF-8). What it hands on: Python ints
in ``[0, 2**64)`` (hashes) or ``[0, num_buckets)`` (buckets); ``cross_hashed`` takes
NumPy columns and hands on an int64 array.

Trace events: none.
"""
import functools
import struct

import numpy as np

MASK = (1 << 64) - 1
K0, K1, K2 = 0xc3a5c85c97cb3127, 0xb492b66fbe98f273, 0x9ae16a3b2f90404f
KMUL = 0x9ddfea08eb382d69


def fetch64(s, i):
    return struct.unpack_from("<Q", s, i)[0]


def fetch32(s, i):
    return struct.unpack_from("<I", s, i)[0]


def rotate(value, shift):
    """Rotate right, as FarmHash's ``Rotate64``."""
    return value if shift == 0 else ((value >> shift) | (value << (64 - shift))) & MASK


def shift_mix(value):
    return value ^ (value >> 47)


def hash_len16(u, v, mul=KMUL):
    a = ((u ^ v) * mul) & MASK
    a ^= a >> 47
    b = ((v ^ a) * mul) & MASK
    b ^= b >> 47
    return (b * mul) & MASK


def hash_len0to16(s, n):
    if n >= 8:
        mul = K2 + n * 2
        a = (fetch64(s, 0) + K2) & MASK
        b = fetch64(s, n - 8)
        c = (rotate(b, 37) * mul + a) & MASK
        d = ((rotate(a, 25) + b) * mul) & MASK
        return hash_len16(c, d, mul)
    if n >= 4:
        mul = K2 + n * 2
        a = fetch32(s, 0)
        return hash_len16((n + (a << 3)) & MASK, fetch32(s, n - 4), mul)
    if n > 0:
        y = s[0] + (s[n >> 1] << 8)
        z = n + (s[n - 1] << 2)
        return (shift_mix(((y * K2) ^ (z * K0)) & MASK) * K2) & MASK
    return K2


def hash_len17to32(s, n):
    mul = K2 + n * 2
    a = (fetch64(s, 0) * K1) & MASK
    b = fetch64(s, 8)
    c = (fetch64(s, n - 8) * mul) & MASK
    d = (fetch64(s, n - 16) * K2) & MASK
    return hash_len16((rotate((a + b) & MASK, 43) + rotate(c, 30) + d) & MASK,
                      (a + rotate((b + K2) & MASK, 18) + c) & MASK, mul)


def hash_len33to64(s, n):
    mul = K2 + n * 2
    a = (fetch64(s, 0) * K2) & MASK
    b = fetch64(s, 8)
    c = (fetch64(s, n - 8) * mul) & MASK
    d = (fetch64(s, n - 16) * K2) & MASK
    y = (rotate((a + b) & MASK, 43) + rotate(c, 30) + d) & MASK
    z = hash_len16(y, (a + rotate((b + K2) & MASK, 18) + c) & MASK, mul)
    e = (fetch64(s, 16) * mul) & MASK
    f = fetch64(s, 24)
    g = ((y + fetch64(s, n - 32)) * mul) & MASK
    h = ((z + fetch64(s, n - 24)) * mul) & MASK
    return hash_len16((rotate((e + f) & MASK, 43) + rotate(g, 30) + h) & MASK,
                      (e + rotate((f + a) & MASK, 18) + g) & MASK, mul)


def weak_hash_len32_with_seeds(s, i, a, b):
    w, x, y, z = fetch64(s, i), fetch64(s, i + 8), fetch64(s, i + 16), fetch64(s, i + 24)
    a = (a + w) & MASK
    b = rotate((b + a + z) & MASK, 21)
    c = a
    a = (a + x + y) & MASK
    b = (b + rotate(a, 44)) & MASK
    return (a + z) & MASK, (b + c) & MASK


@functools.lru_cache(maxsize=65536)
def fingerprint64(data):
    """FarmHash ``Fingerprint64`` of ``data`` (bytes)."""
    s = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    n = len(s)
    if n <= 16:
        return hash_len0to16(s, n)
    if n <= 32:
        return hash_len17to32(s, n)
    if n <= 64:
        return hash_len33to64(s, n)
    return hash_long(s, n)


def hash_long(s, n):
    """Strings over 64 bytes: 56 bytes of state mixed over each 64-byte block, then the
    last 64 bytes once more."""
    seed = 81
    x = seed
    y = (seed * K1 + 113) & MASK
    z = (shift_mix((y * K2 + 113) & MASK) * K2) & MASK
    v, w = (0, 0), (0, 0)
    x = (x * K2 + fetch64(s, 0)) & MASK
    end = ((n - 1) // 64) * 64
    i = 0
    while True:
        x = (rotate((x + y + v[0] + fetch64(s, i + 8)) & MASK, 37) * K1) & MASK
        y = (rotate((y + v[1] + fetch64(s, i + 48)) & MASK, 42) * K1) & MASK
        x ^= w[1]
        y = (y + v[0] + fetch64(s, i + 40)) & MASK
        z = (rotate((z + w[0]) & MASK, 33) * K1) & MASK
        v = weak_hash_len32_with_seeds(s, i, (v[1] * K1) & MASK, (x + w[0]) & MASK)
        w = weak_hash_len32_with_seeds(s, i + 32, (z + w[1]) & MASK,
                                       (y + fetch64(s, i + 16)) & MASK)
        z, x = x, z
        i += 64
        if i == end:
            break
    mul = K1 + ((z & 0xff) << 1)
    i = n - 64
    w = ((w[0] + ((n - 1) & 63)) & MASK, w[1])
    v = ((v[0] + w[0]) & MASK, v[1])
    w = ((w[0] + v[0]) & MASK, w[1])
    x = (rotate((x + y + v[0] + fetch64(s, i + 8)) & MASK, 37) * mul) & MASK
    y = (rotate((y + v[1] + fetch64(s, i + 48)) & MASK, 42) * mul) & MASK
    x ^= (w[1] * 9) & MASK
    y = (y + v[0] * 9 + fetch64(s, i + 40)) & MASK
    z = (rotate((z + w[0]) & MASK, 33) * mul) & MASK
    v = weak_hash_len32_with_seeds(s, i, (v[1] * mul) & MASK, (x + w[0]) & MASK)
    w = weak_hash_len32_with_seeds(s, i + 32, (z + w[1]) & MASK, (y + fetch64(s, i + 16)) & MASK)
    z, x = x, z
    return hash_len16((hash_len16(v[0], w[0], mul) + shift_mix(y) * K0 + z) & MASK,
                      (hash_len16(v[1], w[1], mul) + x) & MASK, mul)


def rotl(value, shift):
    return ((value << shift) | (value >> (64 - shift))) & MASK


def sip_round(v0, v1, v2, v3):
    v0 = (v0 + v1) & MASK
    v1 = rotl(v1, 13) ^ v0
    v0 = rotl(v0, 32)
    v2 = (v2 + v3) & MASK
    v3 = rotl(v3, 16) ^ v2
    v0 = (v0 + v3) & MASK
    v3 = rotl(v3, 21) ^ v0
    v2 = (v2 + v1) & MASK
    v1 = rotl(v1, 17) ^ v2
    v2 = rotl(v2, 32)
    return v0, v1, v2, v3


@functools.lru_cache(maxsize=65536)
def siphash(key, data):
    """SipHash-2-4 of ``data`` with ``key`` = (k0, k1), two unsigned 64-bit words."""
    s = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    k0, k1 = key[0] & MASK, key[1] & MASK
    v = (k0 ^ 0x736f6d6570736575, k1 ^ 0x646f72616e646f6d,
         k0 ^ 0x6c7967656e657261, k1 ^ 0x7465646279746573)
    n = len(s)
    whole = n - n % 8
    last = int.from_bytes(s[whole:], "little") | ((n & 0xff) << 56)
    blocks = [fetch64(s, i) for i in range(0, whole, 8)] + [last]
    for m in blocks:
        v = (v[0], v[1], v[2], v[3] ^ m)
        v = sip_round(*sip_round(*v))
        v = (v[0] ^ m, v[1], v[2], v[3])
    v = (v[0], v[1], v[2] ^ 0xff, v[3])
    for _ in range(4):
        v = sip_round(*v)
    return v[0] ^ v[1] ^ v[2] ^ v[3]


def to_hash_bucket_fast(data, num_buckets):
    return fingerprint64(data) % num_buckets


def to_hash_bucket_strong(data, num_buckets, key):
    return siphash(tuple(key), data) % num_buckets


CAT_MUL = np.uint64(0xc6a4a7935bd1e995)
CROSS_HASH_KEY = 0xDECAFCAFFE   # tf.sparse.cross_hashed's hash key when none is given


def fingerprint_cat64(fp1, fp2):
    """TensorFlow's ``FingerprintCat64``: two fingerprints mixed into one, on uint64 arrays
    (their products wrap modulo 2**64, as the C++ does)."""
    def shift_mix64(value):
        return value ^ (value >> np.uint64(47))

    with np.errstate(over="ignore"):
        result = fp1 ^ CAT_MUL
        result = result ^ (shift_mix64(fp2 * CAT_MUL) * CAT_MUL)
        result = result * CAT_MUL
        result = shift_mix64(result) * CAT_MUL
        return shift_mix64(result)


def cross_hashed(columns, num_buckets, hash_key=CROSS_HASH_KEY):
    """``tf.sparse.cross_hashed`` of equal-length columns with one value a row: each
    row's values hashed in turn into the key (an integer as its own 64 bits, a string by
    ``Fingerprint64``), modulo ``num_buckets``. Hands on an int64 array of the rows."""
    result = np.full(len(columns[0]), hash_key, np.uint64)
    for column in columns:
        if column.dtype.kind in "iu":
            hashes = column.astype(np.int64).view(np.uint64)
        else:
            hashes = np.array([fingerprint64(v) for v in column], np.uint64)
        result = fingerprint_cat64(result, hashes)
    # no buckets: modulo the largest int64, so the result is never negative
    modulus = num_buckets if num_buckets > 0 else np.iinfo(np.int64).max
    return (result % np.uint64(modulus)).astype(np.int64)
