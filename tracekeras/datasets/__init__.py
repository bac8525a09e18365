"""tracekeras.datasets: data sets that load on a machine with no network.

``digits`` ships inside tracekeras (scikit-learn's copy of the UCI handwritten
digits test set, 1,797 8x8 images, CC BY 4.0; see ``DIGITS.md``). ``mnist``
reads Keras's own cache (``~/.keras/datasets/mnist.npz``) when it is there and
otherwise returns an MNIST-shaped stand-in made from the digits, with a
warning, so the classic examples run offline unchanged.
"""
from . import digits, mnist

__all__ = ["digits", "mnist"]
