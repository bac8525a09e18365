"""The applications as tutorials spell them, under the shim: ``tf.keras.applications.X``,
``tf.keras.applications.<module>.X``, ``from keras.applications.<module> import ...``
resolve to tracekeras's objects; a model tracekeras lacks ends in the one-line error."""
import pytest

import tracekeras
from tracekeras import shim

SPELLINGS = [
    ("tf.keras.applications.EfficientNetB0", "efficientnet.EfficientNetB0"),
    ("tf.keras.applications.efficientnet.EfficientNetB0", "efficientnet.EfficientNetB0"),
    ("tf.keras.applications.EfficientNetB7", "efficientnet.EfficientNetB7"),
    ("tf.keras.applications.efficientnet.preprocess_input", "efficientnet.preprocess_input"),
    ("tf.keras.applications.MobileNetV2", "mobilenet_v2.MobileNetV2"),
    ("tf.keras.applications.mobilenet_v2.preprocess_input", "mobilenet_v2.preprocess_input"),
    ("tf.keras.applications.mobilenet_v2.decode_predictions",
     "mobilenet_v2.decode_predictions"),
    ("tf.keras.applications.ResNet50", "resnet.ResNet50"),
    ("tf.keras.applications.resnet50.ResNet50", "resnet.ResNet50"),
    ("tf.keras.applications.resnet.ResNet152", "resnet.ResNet152"),
    ("tf.keras.applications.resnet50.preprocess_input", "resnet.preprocess_input"),
    ("tf.keras.applications.ResNet50V2", "resnet_v2.ResNet50V2"),
    ("tf.keras.applications.resnet_v2.ResNet50V2", "resnet_v2.ResNet50V2"),
    ("tf.keras.applications.ResNet101V2", "resnet_v2.ResNet101V2"),
    ("tf.keras.applications.resnet_v2.ResNet152V2", "resnet_v2.ResNet152V2"),
    ("tf.keras.applications.resnet_v2.preprocess_input", "resnet_v2.preprocess_input"),
    ("tf.keras.applications.resnet_v2.decode_predictions", "resnet_v2.decode_predictions"),
    ("tf.keras.applications.VGG16", "vgg16.VGG16"),
    ("tf.keras.applications.vgg16.preprocess_input", "vgg16.preprocess_input"),
    ("tf.keras.applications.VGG19", "vgg19.VGG19"),
    ("tf.keras.applications.InceptionV3", "inception_v3.InceptionV3"),
    ("tf.keras.applications.inception_v3.preprocess_input", "inception_v3.preprocess_input"),
    ("tf.keras.applications.vgg19.VGG19", "vgg19.VGG19"),
    ("tf.keras.applications.vgg19.preprocess_input", "vgg19.preprocess_input"),
]


def run_source(source):
    scope = {"__name__": "__main__"}
    with shim.activated():
        exec(compile(source, "script.py", "exec"), scope)
    return scope


def ours(path):
    module, _, name = path.partition(".")
    return getattr(getattr(tracekeras.applications, module), name)


@pytest.mark.parametrize("spelling, target", SPELLINGS, ids=[s for s, _ in SPELLINGS])
def test_tutorial_spellings_reach_tracekeras_s_applications(spelling, target):
    assert run_source(f"import tensorflow as tf\nx = {spelling}")["x"] is ours(target)


def test_from_imports_of_the_keras_and_tf_keras_modules():
    scope = run_source("from keras.applications.mobilenet_v2 import MobileNetV2, "
                       "preprocess_input\nfrom tf_keras.applications import EfficientNetB0\n"
                       "from tensorflow.keras.applications.resnet_v2 import ResNet50V2\n"
                       "from keras.applications import resnet_v2\n")
    assert scope["MobileNetV2"] is tracekeras.applications.MobileNetV2
    assert scope["preprocess_input"] is tracekeras.applications.mobilenet_v2.preprocess_input
    assert scope["EfficientNetB0"] is tracekeras.applications.EfficientNetB0
    assert scope["ResNet50V2"] is tracekeras.applications.ResNet50V2
    assert scope["resnet_v2"].preprocess_input is tracekeras.applications.resnet_v2.preprocess_input


def test_a_missing_model_ends_in_the_one_line_error():
    with pytest.raises(AttributeError) as caught:
        run_source("import tensorflow as tf\ntf.keras.applications.DenseNet121")
    assert str(caught.value).startswith(
        "tracekeras does not implement tensorflow.keras.applications.DenseNet121 (used by "
        "script.py line 2); implemented in tensorflow.keras.applications: ")
    assert "MobileNetV2" in str(caught.value) and "EfficientNetB0" in str(caught.value)
    assert "ResNet50V2" in str(caught.value) and "resnet_v2" in str(caught.value)
