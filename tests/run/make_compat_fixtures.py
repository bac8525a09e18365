"""Write data/compat_text.json from real TensorFlow: what ``tf.compat.as_bytes``,
``as_text`` and ``as_str`` return for text, bytes and other values, and the error each
raises. Run with the tensorflow venv:
``TF_USE_LEGACY_KERAS=1 python tests/run/make_compat_fixtures.py``."""
import json
import os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "compat_text.json")

# (function, argument as JSON: {"text": ...} or {"bytes": [...]} or {"int"/"none"}, encoding)
CASES = [("as_bytes", {"text": "JFIF"}, None), ("as_bytes", {"text": "\u00e9t\u00e9"}, None),
         ("as_bytes", {"text": "\u00e9"}, "latin-1"), ("as_bytes", {"bytes": [74, 70]}, None),
         ("as_bytes", {"bytearray": [1, 255]}, None), ("as_bytes", {"int": 3}, None),
         ("as_bytes", {"none": None}, None), ("as_bytes", {"text": "\u00e9"}, "ascii"),
         ("as_text", {"bytes": [195, 169]}, None), ("as_text", {"text": "abc"}, None),
         ("as_text", {"bytes": [233]}, "latin-1"), ("as_text", {"int": 3}, None),
         ("as_str", {"bytes": [120]}, None), ("as_text", {"bytearray": [120]}, None)]


def argument(spec):
    kind, value = next(iter(spec.items()))
    return {"text": lambda: value, "bytes": lambda: bytes(value),
            "bytearray": lambda: bytearray(value), "int": lambda: value,
            "none": lambda: None}[kind]()


def outcome(function, value, encoding):
    """What ``function(value[, encoding])`` gives: its result as JSON, or its error."""
    try:
        result = function(value) if encoding is None else function(value, encoding)
    except Exception as e:  # noqa: BLE001 - the error is the recorded result
        return {"error": type(e).__name__, "message": str(e)}
    if isinstance(result, bytes):
        return {"bytes": list(result)}
    return {"text": result}


if __name__ == "__main__":
    import tensorflow as tf
    rows = [{"function": name, "argument": spec, "encoding": encoding,
             "result": outcome(getattr(tf.compat, name), argument(spec), encoding)}
            for name, spec, encoding in CASES]
    with open(OUT, "w") as f:
        json.dump({"source": f"tensorflow {tf.__version__}", "cases": rows}, f, indent=1)
        f.write("\n")
