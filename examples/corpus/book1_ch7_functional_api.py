"""Going beyond the Sequential model: the Keras functional API.

Source: Deep Learning with Python, 1st edition, section 7.1 and its listings 7.1 to 7.6 (the
book's text; the fchollet/deep-learning-with-python-notebooks repository has no notebook
for chapter 7 of the 1st edition). Changed: the standalone ``keras`` 2 imports are written
``from tensorflow.keras ...`` (the same Keras 2 API; ``import keras`` is Keras 3 beside
TensorFlow 2.21). What a reader must change for the listings to run at all: the
``Embedding`` layers of listings 7.1 and 7.3 take ``(input_dim, output_dim)``, here
``Embedding(text_vocabulary_size, 64)``, ``Embedding(question_vocabulary_size, 32)`` and
``Embedding(vocabulary_size, ...)`` (the book has the two sizes swapped, ``Embedding(64,
text_vocabulary_size)``, which fails on word indices of 64 and more); listing 7.2's
``answers = np.random.randint(0, 1, size=(num_samples, answer_vocabulary_size))`` is all
zeros, a loss of 0 with nothing to learn, so the answers are one-hot rows of random
indices, as the book's note "Answers are one-hot encoded, not integers" asks; the listings
that only assume their data (``x = ...``, ``posts``, ``age_targets`` and the rest, the
Siamese LSTM's ``left_data``, ``right_data`` and ``targets``) get random arrays of the
shapes the models take (the Inception module's and the residual blocks' ``x`` an ``Input``
of 128 channels), and the Inception module's convolutions take ``padding='same'`` (in the
book its four branches end in maps of different sizes, which ``concatenate`` refuses); the
Siamese LSTM model is compiled (``rmsprop``, ``binary_crossentropy``) before its
``fit``, which the book calls on the uncompiled model; the graph-disconnected model the book shows failing is built inside ``try`` and its error
printed, and so are the shapes of the Inception, residual and Siamese Xception outputs.
The first model fits its 10 epochs as in the book. Smaller: 200 questions (were 1000) of 100 words, 2 epochs for each of their fits
(were 10); 128 posts of 270 words (the shortest the model's convolutions take), 2 epochs,
and the posts model 8 times narrower, ``Embedding(vocabulary_size, 32)`` and
``Conv1D`` layers of 16 and 32 filters (were 256, 128 and 256: a training step of the
book's sizes takes seconds on NumPy); the Siamese LSTM fits 64 pairs of 20 steps once.
``applications.Xception(weights=None, include_top=False)`` is built as the book builds it
(no download: ``weights=None``) and called on both inputs, with no fit, as in the book.
"""
from tensorflow.keras import Input, layers

input_tensor = Input(shape=(32,))
dense = layers.Dense(32, activation='relu')
output_tensor = dense(input_tensor)

from tensorflow.keras.models import Sequential, Model
from tensorflow.keras import layers
from tensorflow.keras import Input

seq_model = Sequential()
seq_model.add(layers.Dense(32, activation='relu', input_shape=(64,)))
seq_model.add(layers.Dense(32, activation='relu'))
seq_model.add(layers.Dense(10, activation='softmax'))

input_tensor = Input(shape=(64,))
x = layers.Dense(32, activation='relu')(input_tensor)
x = layers.Dense(32, activation='relu')(x)
output_tensor = layers.Dense(10, activation='softmax')(x)

model = Model(input_tensor, output_tensor)
model.summary()

unrelated_input = Input(shape=(32,))
try:
    bad_model = model = Model(unrelated_input, output_tensor)
except ValueError as e:
    print(type(e).__name__, e)

model = Model(input_tensor, output_tensor)

model.compile(optimizer='rmsprop', loss='categorical_crossentropy')

import numpy as np
x_train = np.random.random((1000, 64))
y_train = np.random.random((1000, 10))

model.fit(x_train, y_train, epochs=10, batch_size=128)

score = model.evaluate(x_train, y_train)

from tensorflow.keras.models import Model
from tensorflow.keras import layers
from tensorflow.keras import Input

text_vocabulary_size = 10000
question_vocabulary_size = 10000
answer_vocabulary_size = 500

text_input = Input(shape=(None,), dtype='int32', name='text')

embedded_text = layers.Embedding(
    text_vocabulary_size, 64)(text_input)

encoded_text = layers.LSTM(32)(embedded_text)

question_input = Input(shape=(None,),
                       dtype='int32',
                       name='question')

embedded_question = layers.Embedding(
    question_vocabulary_size, 32)(question_input)
encoded_question = layers.LSTM(16)(embedded_question)

concatenated = layers.concatenate([encoded_text, encoded_question],
                                  axis=-1)

answer = layers.Dense(answer_vocabulary_size,
                      activation='softmax')(concatenated)

model = Model([text_input, question_input], answer)
model.compile(optimizer='rmsprop',
              loss='categorical_crossentropy',
              metrics=['acc'])

import numpy as np

num_samples = 200
max_length = 100

text = np.random.randint(1, text_vocabulary_size,
                         size=(num_samples, max_length))

question = np.random.randint(1, question_vocabulary_size,
                             size=(num_samples, max_length))
answers = np.zeros((num_samples, answer_vocabulary_size))
answers[np.arange(num_samples),
        np.random.randint(0, answer_vocabulary_size, size=num_samples)] = 1

model.fit([text, question], answers, epochs=2, batch_size=128)

model.fit({'text': text, 'question': question}, answers,
          epochs=2, batch_size=128)

from tensorflow.keras import layers
from tensorflow.keras import Input
from tensorflow.keras.models import Model

vocabulary_size = 50000
num_income_groups = 10

posts_input = Input(shape=(None,), dtype='int32', name='posts')
embedded_posts = layers.Embedding(vocabulary_size, 32)(posts_input)
x = layers.Conv1D(16, 5, activation='relu')(embedded_posts)
x = layers.MaxPooling1D(5)(x)
x = layers.Conv1D(32, 5, activation='relu')(x)
x = layers.Conv1D(32, 5, activation='relu')(x)
x = layers.MaxPooling1D(5)(x)
x = layers.Conv1D(32, 5, activation='relu')(x)
x = layers.Conv1D(32, 5, activation='relu')(x)
x = layers.GlobalMaxPooling1D()(x)
x = layers.Dense(128, activation='relu')(x)

age_prediction = layers.Dense(1, name='age')(x)
income_prediction = layers.Dense(num_income_groups,
                                 activation='softmax',
                                 name='income')(x)
gender_prediction = layers.Dense(1, activation='sigmoid', name='gender')(x)

model = Model(posts_input,
              [age_prediction, income_prediction, gender_prediction])

model.compile(optimizer='rmsprop',
              loss=['mse', 'categorical_crossentropy', 'binary_crossentropy'])

model.compile(optimizer='rmsprop',
              loss={'age': 'mse',
                    'income': 'categorical_crossentropy',
                    'gender': 'binary_crossentropy'})

model.compile(optimizer='rmsprop',
              loss=['mse', 'categorical_crossentropy', 'binary_crossentropy'],
              loss_weights=[0.25, 1., 10.])

model.compile(optimizer='rmsprop',
              loss={'age': 'mse',
                    'income': 'categorical_crossentropy',
                    'gender': 'binary_crossentropy'},
              loss_weights={'age': 0.25,
                            'income': 1.,
                            'gender': 10.})

posts = np.random.randint(1, vocabulary_size, size=(128, 270))
age_targets = np.random.randint(18, 80, size=(128,)).astype('float32')
income_targets = np.eye(num_income_groups)[np.random.randint(0, num_income_groups, size=128)]
gender_targets = np.random.randint(0, 2, size=(128,))

model.fit(posts, [age_targets, income_targets, gender_targets],
          epochs=2, batch_size=64)

model.fit(posts, {'age': age_targets,
                  'income': income_targets,
                  'gender': gender_targets},
          epochs=2, batch_size=64)

x = Input(shape=(32, 32, 128))

from tensorflow.keras import layers

branch_a = layers.Conv2D(128, 1,
                         activation='relu', strides=2, padding='same')(x)

branch_b = layers.Conv2D(128, 1, activation='relu', padding='same')(x)
branch_b = layers.Conv2D(128, 3, activation='relu', strides=2, padding='same')(branch_b)

branch_c = layers.AveragePooling2D(3, strides=2, padding='same')(x)
branch_c = layers.Conv2D(128, 3, activation='relu', padding='same')(branch_c)

branch_d = layers.Conv2D(128, 1, activation='relu', padding='same')(x)
branch_d = layers.Conv2D(128, 3, activation='relu', padding='same')(branch_d)
branch_d = layers.Conv2D(128, 3, activation='relu', strides=2, padding='same')(branch_d)

output = layers.concatenate(
    [branch_a, branch_b, branch_c, branch_d], axis=-1)
print(output.shape)

from tensorflow.keras import layers

y = layers.Conv2D(128, 3, activation='relu', padding='same')(x)
y = layers.Conv2D(128, 3, activation='relu', padding='same')(y)
y = layers.Conv2D(128, 3, activation='relu', padding='same')(y)

y = layers.add([y, x])
print(y.shape)

from tensorflow.keras import layers

y = layers.Conv2D(128, 3, activation='relu', padding='same')(x)
y = layers.Conv2D(128, 3, activation='relu', padding='same')(y)
y = layers.MaxPooling2D(2, strides=2)(y)

residual = layers.Conv2D(128, 1, strides=2, padding='same')(x)

y = layers.add([y, residual])
print(y.shape)

from tensorflow.keras import layers
from tensorflow.keras import Input
from tensorflow.keras.models import Model

lstm = layers.LSTM(32)

left_input = Input(shape=(None, 128))
left_output = lstm(left_input)

right_input = Input(shape=(None, 128))
right_output = lstm(right_input)

merged = layers.concatenate([left_output, right_output], axis=-1)
predictions = layers.Dense(1, activation='sigmoid')(merged)

model = Model([left_input, right_input], predictions)
model.compile(optimizer='rmsprop', loss='binary_crossentropy')
left_data = np.random.random((64, 20, 128))
right_data = np.random.random((64, 20, 128))
targets = np.random.randint(0, 2, size=(64,))
model.fit([left_data, right_data], targets)

from tensorflow.keras import layers
from tensorflow.keras import applications
from tensorflow.keras import Input

xception_base = applications.Xception(weights=None,
                                      include_top=False)

left_input = Input(shape=(250, 250, 3))
right_input = Input(shape=(250, 250, 3))

left_features = xception_base(left_input)
right_input = xception_base(right_input)

merged_features = layers.concatenate(
    [left_features, right_input], axis=-1)
print(merged_features.shape)
