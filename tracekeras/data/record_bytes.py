"""The bytes of a TFRecord stream and of protobuf's wire format, standard library only.

What it owns: CRC-32C (Castagnoli, table-driven) and TensorFlow's masked form of it; the
record framing (the data length as uint64 little endian, its masked CRC, the data, the
data's masked CRC); protobuf's field encoding (base-128 varints, varint, double and
length-delimited fields). TensorBoard's event files (``callbacks.event_file``) and
``tf.io.TFRecordWriter`` / ``tf.train.Example`` (``data.tf_record``,
``data.example_proto``) write with it. No trace events.
"""
import struct

# --- CRC-32C (Castagnoli), reflected polynomial, table-driven ---------------
_CRC32C_POLY = 0x82F63B78


def _crc32c_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ _CRC32C_POLY if c & 1 else c >> 1
        table.append(c)
    return table


_TABLE = _crc32c_table()


def crc32c(data):
    """CRC-32C of ``data`` (bytes)."""
    crc = 0xFFFFFFFF
    for byte in data:
        crc = _TABLE[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def masked_crc32c(data):
    """The TFRecord mask: rotate the CRC right by 15 bits and add a constant."""
    crc = crc32c(data)
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def frame_record(data):
    """One TFRecord: length, masked CRC of the length, data, masked CRC of the data."""
    length = struct.pack("<Q", len(data))
    return (length + struct.pack("<I", masked_crc32c(length))
            + data + struct.pack("<I", masked_crc32c(data)))


# --- protobuf wire format ---------------------------------------------------
def varint(n):
    """Base-128 varint; negative int64 values take ten bytes, as protobuf writes them."""
    n &= 0xFFFFFFFFFFFFFFFF
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def field_varint(number, value):
    return varint(number << 3) + varint(value)


def field_double(number, value):
    return varint((number << 3) | 1) + struct.pack("<d", value)


def field_bytes(number, payload):
    """A length-delimited field (strings, bytes and embedded messages)."""
    if isinstance(payload, str):
        payload = payload.encode("utf-8")
    return varint((number << 3) | 2) + varint(len(payload)) + payload
