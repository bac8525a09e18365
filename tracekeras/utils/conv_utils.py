"""Arguments and shapes of convolution and pooling layers (``keras.utils.conv_utils``).

What it owns: the checks every convolution or pooling layer runs on its arguments
(``normalize_tuple`` turns ``3`` into ``(3, 3)`` and rejects zeros or negatives,
``normalize_padding``, ``normalize_data_format``, with Keras's messages) and the
length arithmetic of one spatial axis (``conv_output_length`` for a convolution or
a pooling window, ``deconv_output_length`` for a transposed convolution).

What it receives: layer constructor arguments and input lengths (None when unknown).

What it hands on: tuples of ints, lower-case strings, lengths (None stays None).

Trace events: none.
"""


def normalize_tuple(value, n, name, allow_zero=False):
    """``n`` ints from one int or an iterable of ``n``; ``ValueError`` naming ``name`` else."""
    message = f"The `{name}` argument must be a tuple of {n} integers. Received: {value}"
    if isinstance(value, int):
        values = (value,) * n
    else:
        try:
            values = tuple(value)
        except TypeError:
            raise ValueError(message) from None
        if len(values) != n:
            raise ValueError(message)
        for single in values:
            try:
                int(single)
            except (ValueError, TypeError):
                raise ValueError(f"{message}including element {single} of type "
                                 f"{type(single)}") from None
    bad = {v for v in values if (v < 0 if allow_zero else v <= 0)}
    if bad:
        requirement = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{message} including {bad} that does not satisfy the requirement "
                         f"`{requirement}`.")
    return values


def normalize_padding(value):
    """``"valid"``, ``"same"`` or ``"causal"`` (any case); a list or tuple passes as it is."""
    if isinstance(value, (list, tuple)):
        return value
    padding = value.lower()
    if padding not in {"valid", "same", "causal"}:
        raise ValueError('The `padding` argument must be a list/tuple or one of "valid", '
                         f'"same" (or "causal", only for `Conv1D). Received: {padding}')
    return padding


def normalize_data_format(value):
    """``value``, else the image data format (``K.image_data_format()``, "channels_last"
    unless set), lower-cased: ``"channels_last"`` or ``"channels_first"``."""
    from tracekeras.backend.config import image_data_format
    data_format = (value or image_data_format()).lower()
    if data_format not in {"channels_first", "channels_last"}:
        raise ValueError('The `data_format` argument must be one of "channels_first", '
                         f'"channels_last". Received: {value}')
    return data_format


def conv_output_length(input_length, filter_size, padding, stride, dilation=1):
    """Positions a window of ``filter_size`` (dilated) visits along one axis."""
    if input_length is None:
        return None
    span = filter_size + (filter_size - 1) * (dilation - 1)
    if padding in ("same", "causal"):
        length = input_length
    elif padding == "valid":
        length = input_length - span + 1
    else:   # "full"
        length = input_length + span - 1
    return (length + stride - 1) // stride


def deconv_output_length(input_length, filter_size, padding, output_padding=None, stride=0,
                         dilation=1):
    """The length a transposed convolution produces along one axis."""
    if input_length is None:
        return None
    span = filter_size + (filter_size - 1) * (dilation - 1)
    if output_padding is None:
        if padding == "valid":
            return input_length * stride + max(span - stride, 0)
        if padding == "full":
            return input_length * stride - (stride + span - 2)
        return input_length * stride
    pad = {"same": span // 2, "valid": 0, "full": span - 1}[padding]
    return (input_length - 1) * stride + span - 2 * pad + output_padding
