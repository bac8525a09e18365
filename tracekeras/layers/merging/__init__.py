"""Merge layers (``keras.layers.merging``): several inputs in, one out.

One module per layer, as in Keras: ``base_merge`` (``_Merge``, the shared shape
checks, broadcasting and masks), ``add``, ``subtract``, ``multiply``,
``average``, ``maximum``, ``minimum``, ``concatenate`` and ``dot``, each with its
functional form (``add(inputs)`` is ``Add()(inputs)``).
"""
from tracekeras.layers.merging.add import Add, add
from tracekeras.layers.merging.average import Average, average
from tracekeras.layers.merging.concatenate import Concatenate, concatenate
from tracekeras.layers.merging.dot import Dot, dot
from tracekeras.layers.merging.maximum import Maximum, maximum
from tracekeras.layers.merging.minimum import Minimum, minimum
from tracekeras.layers.merging.multiply import Multiply, multiply
from tracekeras.layers.merging.subtract import Subtract, subtract

__all__ = ["Add", "Average", "Concatenate", "Dot", "Maximum", "Minimum", "Multiply", "Subtract",
           "add", "average", "concatenate", "dot", "maximum", "minimum", "multiply", "subtract"]
