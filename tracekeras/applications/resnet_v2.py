"""``keras.applications.resnet_v2``: ResNet50V2, 101V2 and 152V2, the pre-activation ResNets
(He et al., "Identity Mappings in Deep Residual Networks", ECCV 2016).

Each is ``resnet.ResNet`` with ``preact=True`` (no batch normalization after ``conv1``; the
stacks' output is batch normalized and ReLU'd as ``post_bn``, ``post_relu``) and four
stacks of ``resnet.stack2``'s pre-activation blocks, 64, 128, 256 and 512 filters, 3-4-6-3,
3-4-23-3 and 3-8-36-3 blocks deep; the last block of each stack but the fourth halves the
size (its shortcut is an unnamed 1x1 max pooling of stride 2: ``max_pooling2d``,
``max_pooling2d_1``, ...). ``weights='imagenet'`` reads
``resnet50v2_weights_tf_dim_ordering_tf_kernels[_notop].h5`` (101v2, 152v2 likewise) from
the Keras cache, never downloading. ``preprocess_input`` is ``tf`` mode: pixels to [-1, 1].
No trace events of its own: the model's layers and ``Model`` trace their building.
"""
from . import imagenet_utils, resnet


def preact_stacks_of(depths):
    """The ``stack_fn`` of a pre-activation ResNet whose four stacks are ``depths`` deep."""
    def stack_fn(x):
        x = resnet.stack2(x, 64, depths[0], name="conv2")
        x = resnet.stack2(x, 128, depths[1], name="conv3")
        x = resnet.stack2(x, 256, depths[2], name="conv4")
        return resnet.stack2(x, 512, depths[3], stride1=1, name="conv5")
    return stack_fn


def ResNet50V2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
               pooling=None, classes=1000, classifier_activation="softmax"):
    """ResNet50V2: stacks of 3, 4, 6 and 3 pre-activation blocks."""
    return resnet.ResNet(preact_stacks_of((3, 4, 6, 3)), True, True, "resnet50v2",
                         include_top, weights, input_tensor, input_shape, pooling, classes,
                         classifier_activation=classifier_activation)


def ResNet101V2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                pooling=None, classes=1000, classifier_activation="softmax"):
    """ResNet101V2: stacks of 3, 4, 23 and 3 pre-activation blocks."""
    return resnet.ResNet(preact_stacks_of((3, 4, 23, 3)), True, True, "resnet101v2",
                         include_top, weights, input_tensor, input_shape, pooling, classes,
                         classifier_activation=classifier_activation)


def ResNet152V2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                pooling=None, classes=1000, classifier_activation="softmax"):
    """ResNet152V2: stacks of 3, 8, 36 and 3 pre-activation blocks."""
    return resnet.ResNet(preact_stacks_of((3, 8, 36, 3)), True, True, "resnet152v2",
                         include_top, weights, input_tensor, input_shape, pooling, classes,
                         classifier_activation=classifier_activation)


def preprocess_input(x, data_format=None):
    """Pixels scaled to [-1, 1] (``imagenet_utils`` in ``tf`` mode)."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


def decode_predictions(preds, top=5):
    """ImageNet's ``top`` classes of each row (``imagenet_utils.decode_predictions``)."""
    return imagenet_utils.decode_predictions(preds, top=top)
