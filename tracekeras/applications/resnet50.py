"""``keras.applications.resnet50``: the older name of ``resnet``'s ResNet50, with the same
``preprocess_input`` (``caffe`` mode) and ``decode_predictions``; no trace events.
"""
from .resnet import ResNet50, decode_predictions, preprocess_input

__all__ = ["ResNet50", "decode_predictions", "preprocess_input"]
