"""Distributed training with Keras: ``tf.distribute.MirroredStrategy``, a model built and
compiled in ``strategy.scope()``, a global batch of ``BATCH_SIZE_PER_REPLICA *
strategy.num_replicas_in_sync``, callbacks (ModelCheckpoint of weights to a checkpoint
prefix made with ``os.path.join``, LearningRateScheduler, a custom callback printing
``model.optimizer.lr``), ``model.load_weights(tf.train.latest_checkpoint(...))``,
``evaluate``, ``model.save`` to ``.keras`` and ``load_model`` outside and inside the scope.

Source: https://www.tensorflow.org/tutorials/distribute/keras (TensorFlow docs,
Apache-2.0; the tf.keras version of tensorflow/docs, ``site/en/tutorials/distribute/
keras.ipynb``, with ``path = 'my_model.keras'``). On a machine without GPUs (this one,
and always under tracekeras) the strategy has one replica on the CPU. Changed:
``tfds.load(name='mnist', with_info=True, as_supervised=True)`` (a download, and the
tensorflow_datasets package) is replaced by ``load_mnist`` below: 512 training and 128
test pictures of ``corpus_data.mnist`` (uint8 28x28x1 images, int64 labels, as tfds's)
fed through ``tf.data.Dataset.from_tensor_slices``, and ``info`` by
``corpus_data.tfds_info``; 4 epochs (were 12; the decay still steps from 1e-3 to 1e-4
after the third); the TensorBoard callback, the ``%load_ext``/``%tensorboard`` magics and
``!ls -sh ./logs`` are left out (TensorBoard is not installed beside tf_keras here, and
tf_keras's ``tf.summary`` needs it); ``!ls {checkpoint_dir}`` prints the sorted listing
(TensorFlow writes ``ckpt_1.index`` and ``ckpt_1.data-00000-of-00001`` for each epoch,
tracekeras one weights file ``ckpt_1``; both write the ``checkpoint`` state file that
``tf.train.latest_checkpoint`` reads).
"""
import tensorflow as tf

import os

import corpus_data


def load_mnist():
    (x_train, y_train), (x_test, y_test) = corpus_data.mnist(n_train=512, n_test=128)
    datasets = {
        'train': tf.data.Dataset.from_tensor_slices(
            (x_train[..., None], y_train.astype('int64'))),
        'test': tf.data.Dataset.from_tensor_slices(
            (x_test[..., None], y_test.astype('int64')))}
    return datasets, corpus_data.tfds_info(train=len(x_train), test=len(x_test))


print(tf.__version__)

datasets, info = load_mnist()

mnist_train, mnist_test = datasets['train'], datasets['test']

strategy = tf.distribute.MirroredStrategy()

print('Number of devices: {}'.format(strategy.num_replicas_in_sync))

# You can also do info.splits.total_num_examples to get the total
# number of examples in the dataset.

num_train_examples = info.splits['train'].num_examples
num_test_examples = info.splits['test'].num_examples

BUFFER_SIZE = 10000

BATCH_SIZE_PER_REPLICA = 64
BATCH_SIZE = BATCH_SIZE_PER_REPLICA * strategy.num_replicas_in_sync


def scale(image, label):
  image = tf.cast(image, tf.float32)
  image /= 255

  return image, label


train_dataset = mnist_train.map(scale).cache().shuffle(BUFFER_SIZE).batch(BATCH_SIZE)
eval_dataset = mnist_test.map(scale).batch(BATCH_SIZE)

with strategy.scope():
  model = tf.keras.Sequential([
      tf.keras.layers.Conv2D(32, 3, activation='relu', input_shape=(28, 28, 1)),
      tf.keras.layers.MaxPooling2D(),
      tf.keras.layers.Flatten(),
      tf.keras.layers.Dense(64, activation='relu'),
      tf.keras.layers.Dense(10)
  ])

  model.compile(loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                optimizer=tf.keras.optimizers.Adam(learning_rate=0.001),
                metrics=['accuracy'])

# Define the checkpoint directory to store the checkpoints.
checkpoint_dir = './training_checkpoints'
# Define the name of the checkpoint files.
checkpoint_prefix = os.path.join(checkpoint_dir, "ckpt_{epoch}")


# Define a function for decaying the learning rate.
# You can define any decay function you need.
def decay(epoch):
  if epoch < 3:
    return 1e-3
  elif epoch >= 3 and epoch < 7:
    return 1e-4
  else:
    return 1e-5


# Define a callback for printing the learning rate at the end of each epoch.
class PrintLR(tf.keras.callbacks.Callback):
  def on_epoch_end(self, epoch, logs=None):
    print('\nLearning rate for epoch {} is {}'.format(        epoch + 1, model.optimizer.lr.numpy()))


# Put all the callbacks together.
callbacks = [
    tf.keras.callbacks.ModelCheckpoint(filepath=checkpoint_prefix,
                                       save_weights_only=True),
    tf.keras.callbacks.LearningRateScheduler(decay),
    PrintLR()
]

EPOCHS = 4

model.fit(train_dataset, epochs=EPOCHS, callbacks=callbacks)

# Check the checkpoint directory.
print(sorted(os.listdir(checkpoint_dir)))

model.load_weights(tf.train.latest_checkpoint(checkpoint_dir))

eval_loss, eval_acc = model.evaluate(eval_dataset)

print('Eval loss: {}, Eval accuracy: {}'.format(eval_loss, eval_acc))

path = 'my_model.keras'

model.save(path)

unreplicated_model = tf.keras.models.load_model(path)

unreplicated_model.compile(
    loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    optimizer=tf.keras.optimizers.Adam(),
    metrics=['accuracy'])

eval_loss, eval_acc = unreplicated_model.evaluate(eval_dataset)

print('Eval loss: {}, Eval Accuracy: {}'.format(eval_loss, eval_acc))

with strategy.scope():
  replicated_model = tf.keras.models.load_model(path)
  replicated_model.compile(loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                           optimizer=tf.keras.optimizers.Adam(),
                           metrics=['accuracy'])

  eval_loss, eval_acc = replicated_model.evaluate(eval_dataset)
  print ('Eval loss: {}, Eval Accuracy: {}'.format(eval_loss, eval_acc))
