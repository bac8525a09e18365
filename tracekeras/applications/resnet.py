"""``keras.applications.resnet`` (and ``resnet50``): ResNet50, 101 and 152 (He et al.,
CVPR 2016).

``ResNet(stack_fn, preact, use_bias, model_name, ...)`` builds the frame every ResNet
shares, layer for layer in tf_keras 2.21's order: a zero-padded 7x7 convolution of stride
2 (``conv1_``), batch normalization and ReLU (before the stacks in the original ResNet,
after them, ``post_``, in the pre-activation one), a padded 3x3 max pooling of stride 2
(``pool1_``), the stacks ``stack_fn`` adds, then global average pooling and the ``Dense``
classifier (``include_top``) or the ``pooling`` chosen. ResNet50, 101 and 152 stack
bottleneck blocks (``block1``: 1x1, 3x3 and 1x1 convolutions with biases, each batch
normalized, the last four times wider, added to the block's input or, in each stack's
first block, to a 1x1 convolution of it) in four stacks (``stack1``) of 64, 128, 256 and
512 filters, 3-4-6-3, 3-4-23-3 and 3-8-36-3 blocks deep; every stack but the first halves
the size in its first block. Batch normalizations use epsilon 1.001e-5. ``block2`` and
``stack2`` are the pre-activation blocks ``resnet_v2`` stacks (see there).

``weights='imagenet'`` reads ``resnet50_weights_tf_dim_ordering_tf_kernels[_notop].h5``
(101, 152 likewise) from the Keras cache, never downloading. ``preprocess_input`` is
``caffe`` mode: RGB to BGR, minus ImageNet's mean pixel.
No trace events of its own: the model's layers and ``Model`` trace their building.
"""

from tracekeras import backend
from tracekeras import layers as keras_layers
from tracekeras.engine.sequential import get_source_inputs
from tracekeras.engine.training import Model
from tracekeras.utils.data_utils import get_file

from . import imagenet_utils

BASE_WEIGHTS_PATH = "https://storage.googleapis.com/tensorflow/keras-applications/resnet/"
# the md5 of each model's file: (with the top, without it)
WEIGHTS_HASHES = {
    "resnet50": ("2cb95161c43110f7111970584f804107", "4d473c1dd8becc155b73f8504c6f6626"),
    "resnet101": ("f1aeb4b969a6efcfb50fad2f0c20cfc5", "88cf7a10940856eca736dc7b7e228a21"),
    "resnet152": ("100835be76be38e30d865e96f2aaae62", "ee4c566cf9a93f14d82f913c2dc6dd0c"),
    "resnet50v2": ("3ef43a0b657b3be2300d5770ece849e0", "fac2f116257151a9d068a22e544a4917"),
    "resnet101v2": ("6343647c601c52e1368623803854d971", "c0ed64b8031c3730f411d2eb4eea35b5"),
    "resnet152v2": ("a49b44d1979771252814e80f8ec446f9", "ed17cf2e0169df9d443503ef94b23b33"),
    "resnext50": ("67a5b30d522ed92f75a1f16eef299d1a", "62527c363bdd9ec598bed41947b379fc"),
    "resnext101": ("34fb605428fcc7aa4d62f44404c11509", "0f678c91647380debd923963594981b3"),
}
layers = keras_layers   # the layers module the blocks build with (``layers=`` may swap it)


def ResNet(stack_fn, preact, use_bias, model_name="resnet", include_top=True,
           weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
           classes=1000, classifier_activation="softmax", **kwargs):
    """A ResNet whose stacks ``stack_fn(x)`` adds (see the module doc)."""
    global layers
    layers = kwargs.pop("layers", keras_layers)
    if kwargs:
        raise ValueError(f"Unknown argument(s): {kwargs}")
    imagenet_utils.check_weights(weights, include_top, classes)
    input_shape = imagenet_utils.obtain_input_shape(
        input_shape, default_size=224, min_size=32, data_format=backend.image_data_format(),
        require_flatten=include_top, weights=weights)
    img_input = imagenet_utils.image_input(input_tensor, input_shape, layers)
    bn_axis = 3 if backend.image_data_format() == "channels_last" else 1
    x = layers.ZeroPadding2D(padding=((3, 3), (3, 3)), name="conv1_pad")(img_input)
    x = layers.Conv2D(64, 7, strides=2, use_bias=use_bias, name="conv1_conv")(x)
    if not preact:
        x = layers.BatchNormalization(axis=bn_axis, epsilon=1.001e-5, name="conv1_bn")(x)
        x = layers.Activation("relu", name="conv1_relu")(x)
    x = layers.ZeroPadding2D(padding=((1, 1), (1, 1)), name="pool1_pad")(x)
    x = layers.MaxPooling2D(3, strides=2, name="pool1_pool")(x)
    x = stack_fn(x)
    if preact:
        x = layers.BatchNormalization(axis=bn_axis, epsilon=1.001e-5, name="post_bn")(x)
        x = layers.Activation("relu", name="post_relu")(x)
    if include_top:
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    else:
        x = imagenet_utils.pooled(x, pooling, layers, named=True)
    inputs = get_source_inputs(input_tensor) if input_tensor is not None else img_input
    model = Model(inputs, x, name=model_name)
    if weights == "imagenet" and model_name in WEIGHTS_HASHES:
        top = "" if include_top else "_notop"
        file_name = f"{model_name}_weights_tf_dim_ordering_tf_kernels{top}.h5"
        weights = get_file(file_name, BASE_WEIGHTS_PATH + file_name, cache_subdir="models",
                           file_hash=WEIGHTS_HASHES[model_name][0 if include_top else 1])
    if weights is not None:
        model.load_weights(weights)
    return model


def block1(x, filters, kernel_size=3, stride=1, conv_shortcut=True, name=None):
    """A bottleneck block: 1x1 (strided), ``kernel_size``, 1x1 to ``4 * filters``, added to
    the input, or to its strided 1x1 convolution (``conv_shortcut``), then ReLU."""
    bn_axis = 3 if backend.image_data_format() == "channels_last" else 1
    if conv_shortcut:
        shortcut = layers.Conv2D(4 * filters, 1, strides=stride, name=name + "_0_conv")(x)
        shortcut = layers.BatchNormalization(axis=bn_axis, epsilon=1.001e-5,
                                             name=name + "_0_bn")(shortcut)
    else:
        shortcut = x
    x = layers.Conv2D(filters, 1, strides=stride, name=name + "_1_conv")(x)
    x = layers.BatchNormalization(axis=bn_axis, epsilon=1.001e-5, name=name + "_1_bn")(x)
    x = layers.Activation("relu", name=name + "_1_relu")(x)
    x = layers.Conv2D(filters, kernel_size, padding="SAME", name=name + "_2_conv")(x)
    x = layers.BatchNormalization(axis=bn_axis, epsilon=1.001e-5, name=name + "_2_bn")(x)
    x = layers.Activation("relu", name=name + "_2_relu")(x)
    x = layers.Conv2D(4 * filters, 1, name=name + "_3_conv")(x)
    x = layers.BatchNormalization(axis=bn_axis, epsilon=1.001e-5, name=name + "_3_bn")(x)
    x = layers.Add(name=name + "_add")([shortcut, x])
    return layers.Activation("relu", name=name + "_out")(x)


def stack1(x, filters, blocks, stride1=2, name=None):
    """``blocks`` bottleneck blocks named ``<name>_block1`` ...; the first strides by
    ``stride1`` and has the convolution shortcut."""
    x = block1(x, filters, stride=stride1, name=name + "_block1")
    for i in range(2, blocks + 1):
        x = block1(x, filters, conv_shortcut=False, name=name + "_block" + str(i))
    return x


def block2(x, filters, kernel_size=3, stride=1, conv_shortcut=False, name=None):
    """A pre-activation bottleneck block (ResNet V2): batch normalization and ReLU of the
    input (``_preact_``) feed 1x1, padded ``kernel_size`` (strided) and 1x1 convolutions to
    ``4 * filters`` (the first two without biases, each batch normalized and ReLU'd), added
    (``_out``, no activation after) to the pre-activated input's 1x1 convolution
    (``conv_shortcut``), to the input max-pooled 1x1 by ``stride``, or to the input itself."""
    bn_axis = 3 if backend.image_data_format() == "channels_last" else 1
    preact = layers.BatchNormalization(axis=bn_axis, epsilon=1.001e-5,
                                       name=name + "_preact_bn")(x)
    preact = layers.Activation("relu", name=name + "_preact_relu")(preact)
    if conv_shortcut:
        shortcut = layers.Conv2D(4 * filters, 1, strides=stride,
                                 name=name + "_0_conv")(preact)
    elif stride > 1:
        shortcut = layers.MaxPooling2D(1, strides=stride)(x)   # unnamed, as in Keras
    else:
        shortcut = x
    x = layers.Conv2D(filters, 1, strides=1, use_bias=False, name=name + "_1_conv")(preact)
    x = layers.BatchNormalization(axis=bn_axis, epsilon=1.001e-5, name=name + "_1_bn")(x)
    x = layers.Activation("relu", name=name + "_1_relu")(x)
    x = layers.ZeroPadding2D(padding=((1, 1), (1, 1)), name=name + "_2_pad")(x)
    x = layers.Conv2D(filters, kernel_size, strides=stride, use_bias=False,
                      name=name + "_2_conv")(x)
    x = layers.BatchNormalization(axis=bn_axis, epsilon=1.001e-5, name=name + "_2_bn")(x)
    x = layers.Activation("relu", name=name + "_2_relu")(x)
    x = layers.Conv2D(4 * filters, 1, name=name + "_3_conv")(x)
    return layers.Add(name=name + "_out")([shortcut, x])


def stack2(x, filters, blocks, stride1=2, name=None):
    """``blocks`` pre-activation blocks named ``<name>_block1`` ...; the first has the
    convolution shortcut, the last strides by ``stride1`` (V2 halves the size at the end
    of a stack, V1 at its start)."""
    x = block2(x, filters, conv_shortcut=True, name=name + "_block1")
    for i in range(2, blocks):
        x = block2(x, filters, name=name + "_block" + str(i))
    return block2(x, filters, stride=stride1, name=name + "_block" + str(blocks))


def stacks_of(depths):
    """The ``stack_fn`` of a ResNet whose four stacks are ``depths`` blocks deep."""
    def stack_fn(x):
        x = stack1(x, 64, depths[0], stride1=1, name="conv2")
        x = stack1(x, 128, depths[1], name="conv3")
        x = stack1(x, 256, depths[2], name="conv4")
        return stack1(x, 512, depths[3], name="conv5")
    return stack_fn


def ResNet50(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
             pooling=None, classes=1000, **kwargs):
    """ResNet50: stacks of 3, 4, 6 and 3 bottleneck blocks."""
    return ResNet(stacks_of((3, 4, 6, 3)), False, True, "resnet50", include_top, weights,
                  input_tensor, input_shape, pooling, classes, **kwargs)


def ResNet101(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
              pooling=None, classes=1000, **kwargs):
    """ResNet101: stacks of 3, 4, 23 and 3 bottleneck blocks."""
    return ResNet(stacks_of((3, 4, 23, 3)), False, True, "resnet101", include_top, weights,
                  input_tensor, input_shape, pooling, classes, **kwargs)


def ResNet152(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
              pooling=None, classes=1000, **kwargs):
    """ResNet152: stacks of 3, 8, 36 and 3 bottleneck blocks."""
    return ResNet(stacks_of((3, 8, 36, 3)), False, True, "resnet152", include_top, weights,
                  input_tensor, input_shape, pooling, classes, **kwargs)


def preprocess_input(x, data_format=None):
    """RGB to BGR, minus ImageNet's mean pixel (``imagenet_utils`` in ``caffe`` mode)."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="caffe")


def decode_predictions(preds, top=5):
    """ImageNet's ``top`` classes of each row (``imagenet_utils.decode_predictions``)."""
    return imagenet_utils.decode_predictions(preds, top=top)
