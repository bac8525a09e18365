"""``keras.optimizers.legacy``: the Keras 2.0-2.10 optimizers (``OptimizerV2``).

What it owns: the legacy family's public names — ``Optimizer`` (``OptimizerV2``), ``SGD``,
``Adam``, ``RMSprop``, ``Adagrad`` — each in the module Keras keeps it in
(``optimizer_v2``, ``gradient_descent``, ``adam``, ``rmsprop``, ``adagrad``). They differ
from the v2.11+ optimizers of ``keras.optimizers`` in names (``iter``, slots
``{name}/{variable}/{slot}``), weights (``get_weights``/``set_weights``), config keys
(``decay``, the ``lr`` alias), learning-rate time decay and ``minimize`` returning
``iterations``. The other legacy classes (Adadelta, Adamax, Nadam, Ftrl) are not
implemented: the shim answers them with its one-line "does not implement" error.
"""
from .adagrad import Adagrad
from .adam import Adam
from .gradient_descent import SGD
from .optimizer_v2 import OptimizerV2 as Optimizer
from .rmsprop import RMSprop

__all__ = ["Adagrad", "Adam", "Optimizer", "RMSprop", "SGD"]
