"""``tf.train.Example`` and the messages inside it, as protobuf writes and reads them
(``tensorflow/core/example/example.proto`` and ``feature.proto``), without protobuf.

What it owns: the five messages a TFRecord of examples holds, with the protobuf Python API
a Keras script uses (keyword construction, ``value`` lists, ``feature`` maps,
``SerializeToString``, ``ParseFromString``, ``FromString``, ``WhichOneof``, ``HasField``,
``==`` and the text format ``print`` shows):

- ``BytesList(value=[bytes, ...])`` (field 1, repeated bytes), ``FloatList`` (field 1,
  packed float32: a value reads back rounded to float32), ``Int64List`` (field 1, packed
  varints; a negative value takes ten bytes);
- ``Feature``: one of ``bytes_list`` (1), ``float_list`` (2), ``int64_list`` (3);
- ``Features``: ``feature`` (1), a map from a string key (1) to a ``Feature`` (2), written
  in insertion order (TensorFlow's own order is its map's, not the keys');
- ``Example``: ``features`` (1).

The wire format is protobuf's: each field a varint tag (``number << 3 | wire type``), then a
varint (0), 8 bytes (1), a length and that many bytes (2) or 4 bytes (5); a reader skips the
fields it does not know and accepts repeated numbers packed or not. Type checks and their
errors are protobuf's (``TypeError``); bytes that do not parse raise ``DecodeError``.

What it hands on: messages and bytes. Trace events: none (no engine stage).
"""
import math
import struct

import numpy as np

from tracekeras.data.record_bytes import field_bytes, varint


class DecodeError(Exception):
    """``google.protobuf.message.DecodeError``: bytes that are not the message."""


# -- the wire format -----------------------------------------------------------------------

def read_varint(data, pos):
    result = shift = 0
    while True:
        if pos >= len(data) or shift > 63:
            raise DecodeError("Error parsing message: truncated varint")
        byte = data[pos]
        result |= (byte & 0x7F) << shift
        pos, shift = pos + 1, shift + 7
        if byte < 0x80:
            return result, pos


def fields(data):
    """``(number, wire type, value)`` of each field: an int (0, 1, 5) or bytes (2)."""
    pos = 0
    while pos < len(data):
        tag, pos = read_varint(data, pos)
        number, wire = tag >> 3, tag & 7
        if wire == 0:
            value, pos = read_varint(data, pos)
        elif wire in (1, 5):
            size = 8 if wire == 1 else 4
            if pos + size > len(data):
                raise DecodeError("Error parsing message: truncated fixed field")
            value, pos = data[pos:pos + size], pos + size
        elif wire == 2:
            size, pos = read_varint(data, pos)
            if pos + size > len(data):
                raise DecodeError("Error parsing message: truncated length-delimited field")
            value, pos = data[pos:pos + size], pos + size
        else:
            raise DecodeError(f"Error parsing message: wire type {wire}")
        if number == 0:
            raise DecodeError("Error parsing message: field number 0")
        yield number, wire, value


def signed64(n):
    return n - (1 << 64) if n >= 1 << 63 else n


# -- the text format -------------------------------------------------------------------------

def escaped(value):
    """protobuf's ``CEscape``: printable ASCII as is, the rest as three octal digits."""
    special = {10: "\\n", 13: "\\r", 9: "\\t", 34: '\\"', 39: "\\'", 92: "\\\\"}
    return "".join(special.get(b, chr(b) if 32 <= b < 127 else f"\\{b:03o}") for b in value)


def shortest_float(value):
    """The fewest digits that read back as the same float32 (protobuf's ``ToShortestFloat``)."""
    if math.isnan(value) or math.isinf(value):
        return str(value)
    for precision in range(6, 10):
        text = f"{value:.{precision}g}"
        if np.float32(float(text)) == np.float32(value):
            return text
    return repr(value)


class Message:
    """What the five messages share: equality by content, the text format as ``str``."""

    def __eq__(self, other):
        return type(other) is type(self) and self.SerializeToString() == \
            other.SerializeToString()

    def __str__(self):
        return "".join(line + "\n" for line in self.text_lines())

    __repr__ = __str__

    def ParseFromString(self, data):
        self.__init__()
        self.read(bytes(data))
        return len(data)

    @classmethod
    def FromString(cls, data):
        message = cls()
        message.read(bytes(data))
        return message


def checked(cls, value, name):
    """A sub-message argument: an instance, or the dict of its keyword arguments."""
    if value is None or isinstance(value, cls):
        return value
    if isinstance(value, dict):
        return cls(**value)
    raise TypeError(f"Parameter to initialize message field must be dict or instance of same "
                    f"class: expected <class 'tensorflow.core.example.feature_pb2.{cls.__name__}'>"
                    f" got {type(value)}.")


# -- the lists -------------------------------------------------------------------------------

class ValueList(Message):
    """A message of one repeated field, ``value``."""

    def __init__(self, value=()):
        self.value = [self.check(v) for v in value]

    def text_lines(self):
        return [f"value: {self.text(v)}" for v in self.value]


class BytesList(ValueList):
    @staticmethod
    def check(v):
        if isinstance(v, (bytes, np.bytes_)):
            return bytes(v)
        raise TypeError(f"expected bytes, {type(v).__name__} found")

    text = staticmethod(lambda v: f'"{escaped(v)}"')

    def SerializeToString(self):
        return b"".join(field_bytes(1, v) for v in self.value)

    def read(self, data):
        self.value += [v for number, wire, v in fields(data) if number == 1 and wire == 2]


class FloatList(ValueList):
    @staticmethod
    def check(v):
        if isinstance(v, (str, bytes)) or not isinstance(v, (int, float, np.number)):
            raise TypeError(f"must be real number, not {type(v).__name__}")
        return float(np.float32(v))

    text = staticmethod(shortest_float)

    def SerializeToString(self):
        packed = struct.pack(f"<{len(self.value)}f", *self.value)
        return field_bytes(1, packed) if self.value else b""

    def read(self, data):
        for number, wire, v in fields(data):
            if number == 1 and wire == 2:
                self.value += [float(x) for x in struct.unpack(f"<{len(v) // 4}f", v)]
            elif number == 1 and wire == 5:
                self.value.append(float(struct.unpack("<f", v)[0]))


class Int64List(ValueList):
    @staticmethod
    def check(v):
        if isinstance(v, (float, np.floating)):
            raise TypeError("'float' object cannot be interpreted as an integer")
        if isinstance(v, (str, bytes)) or not isinstance(v, (int, np.integer)):
            raise TypeError(f"'{type(v).__name__}' object cannot be interpreted as an integer")
        return int(v)

    text = staticmethod(str)

    def SerializeToString(self):
        packed = b"".join(varint(v) for v in self.value)
        return field_bytes(1, packed) if self.value else b""

    def read(self, data):
        for number, wire, v in fields(data):
            if number == 1 and wire == 2:
                pos = 0
                while pos < len(v):
                    n, pos = read_varint(v, pos)
                    self.value.append(signed64(n))
            elif number == 1 and wire == 0:
                self.value.append(signed64(v))


# -- Feature, Features, Example ---------------------------------------------------------------

KINDS = (("bytes_list", 1, BytesList), ("float_list", 2, FloatList),
         ("int64_list", 3, Int64List))


class Feature(Message):
    """One of ``bytes_list``, ``float_list``, ``int64_list`` (the ``kind`` oneof)."""

    def __init__(self, bytes_list=None, float_list=None, int64_list=None):
        given = {"bytes_list": bytes_list, "float_list": float_list, "int64_list": int64_list}
        self._kind, self._list = None, None
        for name, _, cls in KINDS:
            if given[name] is not None:
                self._kind, self._list = name, checked(cls, given[name], name)

    def __getattr__(self, name):
        for kind, _, cls in KINDS:
            if name == kind:     # an unset kind reads as an empty list, as in protobuf
                return self._list if self._kind == name else cls()
        raise AttributeError(name)

    def WhichOneof(self, oneof_group):
        if oneof_group != "kind":
            raise ValueError(f'Protocol message has no oneof "{oneof_group}" field.')
        return self._kind

    def HasField(self, name):
        return self._kind == name

    def SerializeToString(self):
        number = {kind: n for kind, n, _ in KINDS}.get(self._kind)
        return b"" if number is None else field_bytes(number, self._list.SerializeToString())

    def read(self, data):
        for number, wire, v in fields(data):
            for kind, n, cls in KINDS:
                if number == n and wire == 2:
                    self._kind, self._list = kind, cls.FromString(v)

    def text_lines(self):
        if self._kind is None:
            return []
        return [f"{self._kind} {{"] + ["  " + t for t in self._list.text_lines()] + ["}"]


class Features(Message):
    """``feature``: a map from a string key to a Feature."""

    def __init__(self, feature=None):
        self.feature = {}
        for key, value in (feature or {}).items():
            if not isinstance(key, str):
                raise TypeError(f"{key!r} has type {type(key).__name__}, but expected one of: "
                                f"bytes, unicode")
            self.feature[key] = checked(Feature, value, "feature")

    def SerializeToString(self):
        return b"".join(field_bytes(1, field_bytes(1, key.encode("utf-8")) + field_bytes(
            2, value.SerializeToString())) for key, value in self.feature.items())

    def read(self, data):
        for number, wire, entry in fields(data):
            if number != 1 or wire != 2:
                continue
            key, value = "", Feature()
            for n, w, v in fields(entry):
                if n == 1 and w == 2:
                    key = v.decode("utf-8")
                elif n == 2 and w == 2:
                    value = Feature.FromString(v)
            self.feature[key] = value

    def text_lines(self):
        lines = []
        for key, value in self.feature.items():
            lines += ["feature {", f'  key: "{escaped(key.encode("utf-8"))}"', "  value {"]
            lines += ["    " + t for t in value.text_lines()] + ["  }", "}"]
        return lines


class Example(Message):
    """``features``: the example's Features (unset until given or parsed)."""

    def __init__(self, features=None):
        self._features = checked(Features, features, "features")

    @property
    def features(self):
        if self._features is None:     # reading an unset message field sets nothing
            return Features()
        return self._features

    def HasField(self, name):
        if name != "features":
            raise ValueError(f'Protocol message Example has no field "{name}".')
        return self._features is not None

    def SerializeToString(self):
        if self._features is None:
            return b""
        return field_bytes(1, self._features.SerializeToString())

    def read(self, data):
        for number, wire, v in fields(data):
            if number == 1 and wire == 2:
                self._features = Features.FromString(v)

    def text_lines(self):
        if self._features is None:
            return []
        return ["features {"] + ["  " + t for t in self._features.text_lines()] + ["}"]


__all__ = ["BytesList", "DecodeError", "Example", "Feature", "Features", "FloatList",
           "Int64List"]
