"""Offline stand-ins for the downloads of the corpus programs.

Each function returns what the Keras loader it replaces returns (the same
structure, dtypes and per-sample shapes) with fewer samples, and data that can
be learned: every class has its own template, and each sample is its class's
template plus noise. The programs call these where the original calls
``keras.datasets.<name>.load_data()`` or downloads a file; every other line
of a program is as its source wrote it (see each program's docstring).
"""
import datetime
import io
import os
import zipfile

import numpy as np


def classes_of(n, num_classes, rng):
    return rng.integers(0, num_classes, size=n)


def templated_images(n, shape, num_classes, seed):
    rng = np.random.default_rng(seed)
    templates = rng.random((num_classes,) + shape)
    labels = classes_of(n, num_classes, rng)
    images = 0.7 * templates[labels] + 0.3 * rng.random((n,) + shape)
    return (images * 255).astype(np.uint8), labels.astype(np.uint8)


def image_split(shape, num_classes, n_train, n_test, seed):
    x, y = templated_images(n_train + n_test, shape, num_classes, seed)
    return (x[:n_train], y[:n_train]), (x[n_train:], y[n_train:])


def mnist(n_train=2000, n_test=400):
    """Like ``keras.datasets.mnist.load_data()``: uint8 (n, 28, 28) images, uint8 labels."""
    return image_split((28, 28), 10, n_train, n_test, seed=1)


def dark_mnist(n_train=2000, n_test=400):
    """Like ``mnist()``, with MNIST's dark background: each class's template is 0 on about
    four pixels in five, and so are its images (what a reconstruction learns first)."""
    rng = np.random.default_rng(14)
    templates = rng.random((10, 28, 28)) * (rng.random((10, 28, 28)) < 0.2)
    labels = classes_of(n_train + n_test, 10, rng)
    ink = templates[labels]
    images = np.clip(ink + 0.2 * rng.random(ink.shape) * (ink > 0), 0, 1)
    x, y = (images * 255).astype(np.uint8), labels.astype(np.uint8)
    return (x[:n_train], y[:n_train]), (x[n_train:], y[n_train:])


def fashion_mnist(n_train=2000, n_test=400):
    """Like ``keras.datasets.fashion_mnist.load_data()``."""
    return image_split((28, 28), 10, n_train, n_test, seed=2)


def cifar10(n_train=1000, n_test=200):
    """Like ``keras.datasets.cifar10.load_data()``: uint8 (n, 32, 32, 3), labels (n, 1)."""
    (x, y), (xt, yt) = image_split((32, 32, 3), 10, n_train, n_test, seed=3)
    return (x, y.reshape(-1, 1)), (xt, yt.reshape(-1, 1))


def cifar100(n_train=500, n_test=100):
    """Like ``keras.datasets.cifar100.load_data()``: uint8 (n, 32, 32, 3), labels (n, 1) of
    100 classes."""
    (x, y), (xt, yt) = image_split((32, 32, 3), 100, n_train, n_test, seed=29)
    return (x, y.reshape(-1, 1)), (xt, yt.reshape(-1, 1))


def word_sequences(n, num_words, num_classes, seed, min_len=20, max_len=160):
    """Lists of word indices (1 = start, words from 4 up), each class preferring its own words."""
    rng = np.random.default_rng(seed)
    labels = classes_of(n, num_classes, rng)
    vocab = np.arange(4, num_words)
    preferred = [rng.choice(vocab, size=40, replace=False) for _ in range(num_classes)]
    sequences = np.empty(n, dtype=object)
    for i, label in enumerate(labels):
        length = int(rng.integers(min_len, max_len))
        words = rng.choice(vocab, size=length)
        own = rng.random(length) < 0.3
        words[own] = rng.choice(preferred[label], size=int(own.sum()))
        sequences[i] = [1] + words.tolist()
    return sequences, labels.astype(np.int64)


def imdb(num_words=10000, n_train=1000, n_test=300):
    """Like ``keras.datasets.imdb.load_data(num_words=...)``: object arrays of int lists."""
    x, y = word_sequences(n_train + n_test, num_words, 2, seed=4)
    return (x[:n_train], y[:n_train]), (x[n_train:], y[n_train:])


def reuters(num_words=10000, n_train=1200, n_test=300):
    """Like ``keras.datasets.reuters.load_data(num_words=...)``: 46 topics."""
    x, y = word_sequences(n_train + n_test, num_words, 46, seed=5, max_len=100)
    return (x[:n_train], y[:n_train]), (x[n_train:], y[n_train:])


def boston_housing():
    """Like ``keras.datasets.boston_housing.load_data()``: float64 (404, 13) and (102, 13)."""
    rng = np.random.default_rng(6)
    scale = np.array([3.6, 11.4, 11.1, 0.07, 0.55, 6.3, 68.6, 3.8, 9.5, 408.2, 18.5, 356.7, 12.7])
    x = rng.random((506, 13)) * scale * 2
    w = rng.standard_normal(13) / scale
    y = 22.5 + 3.0 * (x @ w) + rng.standard_normal(506)
    return (x[:404], y[:404]), (x[404:], y[404:])


def tabular(n=1000, features=9, seed=7):
    """A numeric table and a target that depends on it (the Auto MPG shape: 9 features)."""
    rng = np.random.default_rng(seed)
    x = rng.random((n, features)).astype(np.float32) * rng.uniform(1, 100, features)
    w = rng.standard_normal(features) / x.std(axis=0)
    y = (20 + 5 * (x - x.mean(axis=0)) @ w).astype(np.float32)
    return x, y


IRIS_MEANS = ((5.0, 3.4, 1.5, 0.2), (5.9, 2.8, 4.3, 1.3), (6.6, 3.0, 5.6, 2.0))


def iris_csv(path, n=120, seed=30):
    """What ``iris_training.csv`` / ``iris_test.csv`` hold, written at ``path``: a first line
    of the row count, the feature count and the three species names, then ``n`` rows of
    sepal length and width, petal length and width (one decimal, about each species' mean)
    and the species number 0, 1 or 2."""
    rng = np.random.default_rng(seed)
    species = classes_of(n, 3, rng)
    x = np.asarray(IRIS_MEANS)[species] + rng.normal(0, 0.3, (n, 4))
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        f.write(f"{n},4,setosa,versicolor,virginica\n")
        for row, label in zip(np.abs(x).round(1), species):
            f.write(",".join(f"{v:.1f}" for v in row) + f",{label}\n")
    return path


def made_up_words(n):
    """``n`` distinct made-up words of two to four syllables (lower-case letters only)."""
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    words = []
    for i in range(n):
        word, i = "", i + len(syllables) + 1
        while i:
            i, k = divmod(i, len(syllables))
            word += syllables[k]
        words.append(word)
    return words


REVIEW_WORDS = {"pos": "great wonderful superb moving brilliant fun".split(),
                "neg": "awful boring terrible dull waste bad".split()}
REVIEW_COMMON_WORDS = "the a movie film plot actor story it was and of to is <br />".split()


def reviews_folder(root, n_per_class=40, seed=8, unsup=False, length=(20, 60), rare_words=0):
    """An ``aclImdb``-like tree: ``train`` and ``test`` with ``pos``/``neg`` text files of
    ``length`` (low, high) words each (and, with ``unsup``, the download's ``train/unsup``
    folder of unlabelled reviews, one file). ``rare_words``: each review also holds that
    many made-up words of its own (lower-case letters, used by no other review), so that
    the tree has IMDB's large vocabulary."""
    rng = np.random.default_rng(seed)
    if unsup:
        os.makedirs(os.path.join(root, "train", "unsup"), exist_ok=True)
        with open(os.path.join(root, "train", "unsup", "0_0.txt"), "w") as f:
            f.write("An unlabelled review.")
    rare = made_up_words(rare_words * n_per_class * 4)
    for split in ("train", "test"):
        for label, own in REVIEW_WORDS.items():
            folder = os.path.join(root, split, label)
            os.makedirs(folder, exist_ok=True)
            for i in range(n_per_class):
                words_of_review = list(rng.choice(REVIEW_COMMON_WORDS + own * 2,
                                                  size=int(rng.integers(*length))))
                words_of_review += [rare.pop() for _ in range(rare_words)]
                text = " ".join(words_of_review)
                with open(os.path.join(folder, f"{i}_{label}.txt"), "w") as f:
                    f.write(text.capitalize() + ".")
    return root


def imdb_reviews(n_train=128, n_test=64, seed=32, length=(20, 60)):
    """The texts and labels of ``tfds.load('imdb_reviews', as_supervised=True)``'s train
    and test splits: ``((train_texts, train_labels), (test_texts, test_labels))``, reviews
    as byte strings of sentences (capitals, full stops, ``<br />``) whose words lean to
    their class (``REVIEW_WORDS``), int64 labels 1 (positive) and 0 (negative)."""
    rng = np.random.default_rng(seed)
    own_words = [REVIEW_WORDS["neg"], REVIEW_WORDS["pos"]]

    def review(label):
        words = rng.choice(REVIEW_COMMON_WORDS + own_words[label] * 2,
                           size=int(rng.integers(*length)))
        sentences = [" ".join(part) for part in np.array_split(words, max(1, len(words) // 12))]
        return " ".join(sentence.capitalize() + "." for sentence in sentences).encode()

    def split(n):
        labels = classes_of(n, 2, rng).astype(np.int64)
        return np.array([review(label) for label in labels], dtype=object), labels
    return split(n_train), split(n_test)


def glove_file(path, dim=100, n_words=2000, seed=20):
    """A ``glove.6B.100d.txt``-like file of random vectors (not GloVe's): one line a word,
    the word then ``dim`` numbers separated by spaces; the words are those of
    ``reviews_folder`` (but ``<br />``), then made-up ones up to ``n_words``."""
    rng = np.random.default_rng(seed)
    words = [w for w in REVIEW_COMMON_WORDS if w.isalpha()]
    words += REVIEW_WORDS["pos"] + REVIEW_WORDS["neg"]
    words += made_up_words(n_words - len(words))
    with open(path, "w") as f:
        for word in words:
            vector = rng.standard_normal(dim) * 0.4
            f.write(word + " " + " ".join("%.5f" % v for v in vector) + "\n")
    return path


NEWSGROUPS = ("alt.atheism", "comp.graphics", "comp.os.ms-windows.misc",
              "comp.sys.ibm.pc.hardware", "comp.sys.mac.hardware", "comp.windows.x",
              "misc.forsale", "rec.autos", "rec.motorcycles", "rec.sport.baseball",
              "rec.sport.hockey", "sci.crypt", "sci.electronics", "sci.med", "sci.space",
              "soc.religion.christian", "talk.politics.guns", "talk.politics.mideast",
              "talk.politics.misc", "talk.religion.misc")
NEWS_COMMON_WORDS = "the to of a and in is that it for on cat sat mat you this be".split()


def news20_folder(root, n_per_class=12, seed=39, length=(30, 80)):
    """Stands in for ``news20.tar.gz`` unpacked: ``root`` (a ``20_newsgroup`` folder) with
    a folder per newsgroup (the real twenty) of ``n_per_class`` messages (1,000 there) named
    by numbers as the real ones are (``comp.graphics/38987`` among them). Each message is
    ten header lines (``Newsgroups:``, ``Path:``, ``From:``, ``Subject:``, ... ``Lines:``)
    and a body of ``length`` (low, high) words: common ones (``the``, ``cat``, ``sat``,
    ``on``, ``mat`` among them), five words of its group's own, which ``glove_file`` also
    writes, and a few made-up words no ``glove_file`` holds."""
    rng = np.random.default_rng(seed)
    words = made_up_words(2600)
    numbers = iter(rng.permutation(np.arange(39000, 60000))[:n_per_class * len(NEWSGROUPS)])
    for g, group in enumerate(NEWSGROUPS):
        os.makedirs(os.path.join(root, group), exist_ok=True)
        own, unknown = words[5 * g:5 * g + 5], words[2500 + 5 * g:2505 + 5 * g]
        for i in range(n_per_class):
            number = 38987 if (group, i) == ("comp.graphics", 0) else int(next(numbers))
            body = list(rng.choice(NEWS_COMMON_WORDS + own * 2 + unknown,
                                   size=int(rng.integers(*length))))
            lines = [" ".join(body[k:k + 12]) for k in range(0, len(body), 12)]
            user = words[int(rng.integers(100, 400))]
            header = [f"Newsgroups: {group}",
                      f"Path: news.example.edu!{user}",
                      f"From: {user}@example.edu",
                      f"Subject: {' '.join(own[:2])}",
                      f"Message-ID: <{number}@example.edu>",
                      "Nntp-Posting-Host: example.edu",
                      f"Reply-To: {user}@example.edu",
                      "Organization: Example University",
                      "Date: Thu, 29 Apr 1993 23:27:20 GMT",
                      f"Lines: {len(lines)}"]
            with open(os.path.join(root, group, str(number)), "w", encoding="latin-1") as f:
                f.write("\n".join(header + lines) + "\n")
    return root


FLOWERS = ("daisy", "dandelion", "roses", "sunflowers", "tulips")


def flower_image(rng, tint, height, width):
    """A tinted picture with a bright disc at a random place: (height, width, 3) uint8."""
    y, x = np.mgrid[0:height, 0:width]
    cy, cx = rng.uniform(0.3, 0.7) * height, rng.uniform(0.3, 0.7) * width
    disc = ((y - cy) ** 2 + (x - cx) ** 2 < (0.25 * min(height, width)) ** 2)[..., None]
    pixels = 0.55 * np.asarray(tint) + 0.25 * disc * 255 + rng.uniform(0, 50, (height, width, 3))
    return np.clip(pixels, 0, 255).astype(np.uint8)


def flower_photos(root, n_per_class=10, seed=9):
    """A ``flower_photos``-like tree: one folder of small JPEG files per flower class."""
    from PIL import Image   # only the image makers write image files
    rng = np.random.default_rng(seed)
    tints = rng.uniform(0, 255, (len(FLOWERS), 3))
    for flower, tint in zip(FLOWERS, tints):
        folder = os.path.join(root, flower)
        os.makedirs(folder, exist_ok=True)
        for i in range(n_per_class):
            height, width = int(rng.integers(40, 64)), int(rng.integers(48, 80))
            Image.fromarray(flower_image(rng, tint, height, width)).save(
                os.path.join(folder, f"{flower}_{i}.jpg"), quality=90)
    return root


def sunflower_file(path, seed=10):
    """One more picture of the ``sunflowers`` class, as a JPEG file at ``path``."""
    from PIL import Image   # only the image makers write image files
    rng = np.random.default_rng(9)
    tint = rng.uniform(0, 255, (len(FLOWERS), 3))[FLOWERS.index("sunflowers")]
    Image.fromarray(flower_image(np.random.default_rng(seed), tint, 60, 60)).save(
        path, format="JPEG", quality=90)
    return path


def sentence_pairs(path, n=300, seed=11):
    """A ``fra.txt``-like file: ``English<TAB>French<TAB>attribution`` lines, one a pair."""
    rng = np.random.default_rng(seed)
    words = {"go": "va", "run": "cours", "stop": "arrete", "wait": "attends", "help": "aide",
             "i": "je", "you": "tu", "we": "nous", "see": "vois", "eat": "mange",
             "the": "le", "cat": "chat", "dog": "chien", "now": "maintenant", "home": "maison"}
    english = list(words)
    with open(path, "w", encoding="utf-8") as f:
        for _ in range(n):
            chosen = rng.choice(english, size=int(rng.integers(1, 4)))
            source = " ".join(chosen).capitalize() + "."
            target = " ".join(words[w] for w in chosen).capitalize() + " !"
            f.write(f"{source}\t{target}\tCC-BY 2.0 (France) Attribution: tatoeba.org\n")
    return path


SPANISH = {"i": "yo", "you": "tú", "we": "nosotros", "she": "ella", "he": "él", "tom": "tom",
           "see": "veo", "want": "quiero", "have": "tengo", "like": "me gusta", "the": "el",
           "cat": "gato", "dog": "perro", "house": "casa", "book": "libro", "water": "agua",
           "money": "dinero", "now": "ahora", "today": "hoy", "here": "aquí", "big": "grande",
           "small": "pequeño", "red": "rojo", "new": "nuevo", "where": "dónde", "is": "está"}


def spa_eng(root, n=300, seed=25, names=2):
    """What ``keras.utils.get_file("spa-eng.zip", extract=True)`` leaves: the path of the zip
    (not written) beside the unpacked ``spa-eng/spa.txt``, ``English<TAB>Spanish`` lines made
    from a small word list (questions open with ``¿``, Spanish has accents). Each pair also
    holds ``names`` made-up names of its own, the same in both languages, so that the
    vocabularies are large, as the download's are."""
    rng = np.random.default_rng(seed)
    english = [w for w in SPANISH if w not in ("where", "is")]
    own = iter(made_up_words(n * names))
    os.makedirs(os.path.join(root, "spa-eng"), exist_ok=True)
    with open(os.path.join(root, "spa-eng", "spa.txt"), "w", encoding="utf-8") as f:
        for _ in range(n):
            chosen = list(rng.choice(english, size=int(rng.integers(2, 7))))
            chosen += [next(own) for _ in range(names)]
            spanish = " ".join(SPANISH.get(w, w) for w in chosen)   # names stay
            if rng.random() < 0.3:
                eng, spa = f"Where is {' '.join(chosen)}?", f"¿Dónde está {spanish}?"
            else:
                eng, spa = " ".join(chosen).capitalize() + ".", spanish.capitalize() + "."
            f.write(f"{eng}\t{spa}\n")
    return os.path.join(root, "spa-eng.zip")


ARXIV_TERMS = {"cs.LG": "learning gradient training loss network", "cs.CV": "image pixels "
               "segmentation detection convolution", "stat.ML": "bayesian inference variance "
               "estimator kernel", "cs.CL": "language text translation tokens corpus",
               "cs.AI": "planning agents reasoning search knowledge"}


def arxiv_data(n=800, seed=26, length=(40, 200)):
    """The columns of ``arxiv_data.csv`` as pandas reads them: ``titles``, ``summaries`` and
    ``terms`` (a list of arXiv categories written as a Python literal, ``"['cs.LG',
    'stat.ML']"``), NumPy object arrays of ``n`` rows; about one row in ten repeats an
    earlier one, as the download's duplicates do. A summary's words come from its terms
    and from common words; ``length``: its (low, high) number of words."""
    rng = np.random.default_rng(seed)
    names, common = list(ARXIV_TERMS), "we the a of model method results show propose".split()
    combos = [names[i:i + k] for k in (1, 2, 3) for i in range(len(names) - k + 1)]
    titles, summaries, terms = [], [], []
    for row in range(n):
        if row and rng.random() < 0.1:
            copy = int(rng.integers(row))
            titles.append(titles[copy])
            summaries.append(summaries[copy])
            terms.append(terms[copy])
            continue
        chosen = combos[int(rng.integers(len(combos)))]
        words = common + " ".join(ARXIV_TERMS[t] for t in chosen).split() * 2
        summaries.append(" ".join(rng.choice(words, size=int(rng.integers(*length)))))
        titles.append(f"On {' and '.join(chosen)} number {row}")
        terms.append(repr(chosen))
    return {name: np.array(column, dtype=object)
            for name, column in (("titles", titles), ("summaries", summaries), ("terms", terms))}


def higgs_columns(n=3000, features=28, seed=12):
    """The columns of ``HIGGS.csv``: a float32 label column, then 28 float32 feature columns."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, features)).astype(np.float32)
    w = rng.standard_normal(features)
    label = (x @ w + rng.standard_normal(n) > 0).astype(np.float32)
    return (label,) + tuple(x[:, i] for i in range(features))


def climate_table(n=6000, seed=13):
    """The 14 numeric columns of ``jena_climate_2009_2016.csv`` (one row each 10 minutes),
    float64 as pandas reads them, and their titles: daily and yearly cycles with noise."""
    rng = np.random.default_rng(seed)
    titles = ["p (mbar)", "T (degC)", "Tpot (K)", "Tdew (degC)", "rh (%)", "VPmax (mbar)",
              "VPact (mbar)", "VPdef (mbar)", "sh (g/kg)", "H2OC (mmol/mol)", "rho (g/m**3)",
              "wv (m/s)", "max. wv (m/s)", "wd (deg)"]
    t = np.arange(n)
    day = np.sin(2 * np.pi * t / 144)
    year = np.sin(2 * np.pi * t / (144 * 365))
    mix = rng.standard_normal((2, len(titles)))
    base = rng.uniform(1, 1000, len(titles))
    table = base * (1 + 0.05 * (np.outer(day, mix[0]) + np.outer(year, mix[1])))
    table += 0.01 * base * rng.standard_normal((n, len(titles)))
    return table, titles


def jena_climate_csv(path, n=8000, seed=14):
    """The ``jena_climate_2009_2016.csv`` file once unzipped: a quoted header of ``"Date
    Time"`` and the 14 titles of ``climate_table``, then one comma-separated row each 10
    minutes (``01.01.2009 00:10:00,...``, two decimals), no newline after the last row; the
    temperature column ``T (degC)`` follows a daily cycle (a day is 144 rows) around 9
    degrees."""
    table, titles = climate_table(n, seed)
    table[:, 1] = 9 + 6 * np.sin(2 * np.pi * (np.arange(n) - 40) / 144) + (
        table[:, 1] - table[:, 1].mean()) / table[:, 1].std()
    start = datetime.datetime(2009, 1, 1)
    rows = []
    for i, values in enumerate(table, start=1):
        stamp = (start + datetime.timedelta(minutes=10 * i)).strftime("%d.%m.%Y %H:%M:%S")
        rows.append(",".join([stamp] + ["%.2f" % value for value in values]))
    with open(path, "w") as f:
        f.write(",".join('"%s"' % title for title in ["Date Time"] + titles) + "\n")
        f.write("\n".join(rows))
    return path


def daily_series(n=1152, jumps=False, seed=15):
    """The ``value`` column of NAB's ``art_daily_small_noise.csv`` (``jumps``:
    ``art_daily_jumpsup.csv``): one value each 5 minutes, a daily pattern plus small noise
    (with a jump up on one day), float64, shape (n, 1)."""
    rng = np.random.default_rng(seed + jumps)
    t = np.arange(n)
    day = 20 + 60 * (np.sin(2 * np.pi * t / 288) > 0.3) + rng.standard_normal(n)
    if jumps:
        day[n // 2:n // 2 + 20] += 80
    return day.reshape(-1, 1)


PETS = ("Cat", "Dog")
PET_TINTS = ((40, 50, 110), (230, 190, 150))


def pet_pictures(rng, n, height=(40, 64), width=(48, 80)):
    """``n`` pictures of each pet (``flower_image``s: cats dark and bluish, dogs bright and
    reddish), as (pet index, picture index, uint8 array) triples."""
    for pet, tint in enumerate(PET_TINTS):
        for i in range(n):
            size = int(rng.integers(*height)), int(rng.integers(*width))
            yield pet, i, flower_image(rng, tint, *size)


def pet_images(root, n_per_class=24, seed=16):
    """A ``PetImages``-like tree (Kaggle Cats vs Dogs): ``Cat`` and ``Dog`` folders of
    small JPEG (JFIF) files named by number, ``Cat/6779.jpg`` among them, and in each
    folder one file that is not JFIF-encoded, as the download has."""
    from PIL import Image   # only the image makers write image files
    for pet in PETS:
        os.makedirs(os.path.join(root, pet), exist_ok=True)
        with open(os.path.join(root, pet, "666.jpg"), "wb") as f:
            f.write(b"GIF89a not a JPEG file")
    for pet, i, pixels in pet_pictures(np.random.default_rng(seed), n_per_class):
        name = "6779.jpg" if (pet, i) == (0, 0) else f"{1000 + i}.jpg"
        Image.fromarray(pixels).save(os.path.join(root, PETS[pet], name), quality=90)
    return root


def dogs_vs_cats_train(root, n_per_class=16, seed=17):
    """The ``train`` folder of Kaggle's dogs-vs-cats download: ``cat.0.jpg``, ``dog.0.jpg``,
    and so on, small JPEG files side by side in one folder."""
    from PIL import Image   # only the image makers write image files
    os.makedirs(root, exist_ok=True)
    for pet, i, pixels in pet_pictures(np.random.default_rng(seed), n_per_class):
        Image.fromarray(pixels).save(
            os.path.join(root, f"{PETS[pet].lower()}.{i}.jpg"), quality=90)
    return root


def cats_and_dogs_filtered(root, n_train=16, n_validation=10, seed=18):
    """What ``cats_and_dogs_filtered.zip`` unpacks to (the TensorFlow transfer-learning
    tutorial's download): ``train`` and ``validation`` folders, each with ``cats`` and
    ``dogs`` folders of small JPEG files named ``cat.0.jpg``, ``dog.0.jpg`` and so on
    (``pet_pictures``; the real folders hold 1000 and 500 of each). Returns ``root``."""
    from PIL import Image   # only the image makers write image files
    rng = np.random.default_rng(seed)
    for split, n in (("train", n_train), ("validation", n_validation)):
        for pet, i, pixels in pet_pictures(rng, n):
            folder = os.path.join(root, split, PETS[pet].lower() + "s")
            os.makedirs(folder, exist_ok=True)
            Image.fromarray(pixels).save(
                os.path.join(folder, f"{PETS[pet].lower()}.{i}.jpg"), quality=90)
    return root


def imagenet_stand_in_weights(model, seed=19):
    """Stands in for loading a convnet's ImageNet weights (``weights='imagenet'``, a
    download) into ``model``, built with ``weights=None``: each ``Conv2D`` and
    ``DepthwiseConv2D`` kernel is drawn again from a normal distribution of deviation
    sqrt(2 / fan-in), the scale that keeps the size of the activations from layer to layer.
    Keras's default draws shrink them layer after layer (MobileNetV2's features come out
    near 1e-12), which leaves a frozen base nothing a head could learn from; trained
    weights do not. Returns ``model``."""
    rng = np.random.default_rng(seed)
    for layer in model.layers:
        kind = type(layer).__name__
        if kind not in ("Conv2D", "DepthwiseConv2D"):
            continue
        kernel, *rest = layer.get_weights()
        fan_in = np.prod(kernel.shape[:2] if kind == "DepthwiseConv2D" else kernel.shape[:-1])
        layer.set_weights([rng.normal(0, np.sqrt(2 / fan_in), kernel.shape).astype(kernel.dtype)]
                          + rest)
    return model


DOG_BREEDS = ("n02085620-Chihuahua", "n02085782-Japanese_spaniel", "n02085936-Maltese_dog",
              "n02086079-Pekinese")


class ClassLabel:
    """Stands in for ``tfds.features.ClassLabel``: ``num_classes``, ``names`` and
    ``int2str`` (a label, a Python or NumPy integer or a scalar tensor, to its name)."""

    def __init__(self, names):
        self.names = list(names)
        self.num_classes = len(self.names)

    def int2str(self, label):
        return self.names[int(label)]


class DatasetInfo:
    """Stands in for the ``tfds.core.DatasetInfo`` that ``with_info=True`` returns: its
    ``features`` (here the label's ``ClassLabel`` only)."""

    def __init__(self, label_names):
        self.features = {"label": ClassLabel(label_names)}


def stanford_dogs(n_train=32, n_test=8, shape=(40, 48, 3), seed=27):
    """Stands in for ``tfds.load("stanford_dogs", split=["train", "test"], with_info=True,
    as_supervised=True)``: ``((train images, labels), (test images, labels)), info``, uint8
    pictures of one ``shape`` (the real ones vary, at least 200x200) and int64 labels of
    four breeds (were 120; ``DOG_BREEDS``, named as the dataset names them), each breed a
    template plus noise; ``info.features["label"]`` is a ``ClassLabel``."""
    x, y = templated_images(n_train + n_test, shape, len(DOG_BREEDS), seed)
    y = y.astype(np.int64)
    return ((x[:n_train], y[:n_train]), (x[n_train:], y[n_train:])), DatasetInfo(DOG_BREEDS)


def dlwp_picture(path, kind, seed=33):
    """What ``keras.utils.get_file`` fetches for *Deep Learning with Python*'s chapter 9:
    ``cat.jpg`` (``kind="cat"``, a dark bluish picture as ``pet_pictures`` draws cats) or
    ``elephant.jpg`` (``kind="elephant"``, a grey one), a small JPEG file (the real ones
    are a few hundred pixels a side) at ``path``, its folder made."""
    from PIL import Image   # only the image makers write image files
    tint, size = {"cat": (PET_TINTS[0], (120, 150)),
                  "elephant": ((130, 130, 125), (100, 150))}[kind]
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    Image.fromarray(flower_image(np.random.default_rng(seed), tint, *size)).save(path, quality=90)
    return path


JET = {"red": ((0, 0), (0.35, 0), (0.66, 1), (0.89, 1), (1, 0.5)),
       "green": ((0, 0), (0.125, 0), (0.375, 1), (0.64, 1), (0.91, 0), (1, 0)),
       "blue": ((0, 0.5), (0.11, 1), (0.34, 1), (0.65, 0), (1, 0))}


class cm:
    """Stands in for ``matplotlib.cm`` (matplotlib is not installed beside tf_keras here):
    ``cm.get_cmap("jet")`` is a function of integers 0 to 255 giving RGBA rows of floats in
    [0, 1], matplotlib's jet colour map (blue, cyan, yellow, red), each channel linear
    between the points of ``JET``."""

    @staticmethod
    def get_cmap(name):
        if name != "jet":
            raise ValueError(f"corpus_data.cm knows the jet colour map only, not {name!r}")

        def jet(values):
            where = np.asarray(values) / 255.0
            channels = [np.interp(where, *zip(*JET[c])) for c in ("red", "green", "blue")]
            return np.stack(channels + [np.ones_like(where)], axis=-1)
        return jet


def celeba_zip(path, n=16, seed=18):
    """The ``data.zip`` of the keras.io DCGAN example (a CelebA sample): JPEG files in
    ``img_align_celeba/`` (``000001.jpg`` ...), each a skin-toned picture with a bright disc."""
    import io
    import zipfile

    from PIL import Image   # only the image makers write image files
    rng = np.random.default_rng(seed)
    partial = path + ".part"
    with zipfile.ZipFile(partial, "w") as archive:
        for i in range(n):
            tint = np.array([225, 180, 150]) * rng.uniform(0.6, 1.0)
            picture = io.BytesIO()
            Image.fromarray(flower_image(rng, tint, 64, 64)).save(picture, format="JPEG",
                                                                  quality=90)
            archive.writestr(f"img_align_celeba/{i + 1:06d}.jpg", picture.getvalue())
    os.replace(partial, path)
    return path


def oxford_pets(root, n=32, seed=19):
    """The two Oxford-IIIT Pet folders once untarred: ``images/<Breed>_<i>.jpg`` and
    ``annotations/trimaps/<Breed>_<i>.png``, a grayscale trimap of the same size (1 the pet,
    a bright disc in the picture; 2 the background; 3 the disc's outline), and a ``._``
    file among the trimaps as the archive has."""
    from PIL import Image   # only the image makers write image files
    rng = np.random.default_rng(seed)
    images, trimaps = os.path.join(root, "images"), os.path.join(root, "annotations", "trimaps")
    os.makedirs(images, exist_ok=True)
    os.makedirs(trimaps, exist_ok=True)
    with open(os.path.join(trimaps, "._Abyssinian_1.png"), "wb") as f:
        f.write(b"\x00\x05\x16\x07 resource fork")
    for i in range(n):
        breed = ("Abyssinian", "beagle")[i % 2]
        height, width = int(rng.integers(40, 64)), int(rng.integers(40, 64))
        y, x = np.mgrid[0:height, 0:width]
        cy, cx = rng.uniform(0.3, 0.7) * height, rng.uniform(0.3, 0.7) * width
        distance = np.sqrt((y - cy) ** 2 + (x - cx) ** 2) / (0.3 * min(height, width))
        trimap = np.where(distance < 0.85, 1, np.where(distance < 1.15, 3, 2)).astype(np.uint8)
        tint = rng.uniform(0, 255, 3)
        pixels = (0.5 * tint + 0.35 * 255 * (trimap == 1)[..., None]
                  + rng.uniform(0, 40, (height, width, 3)))
        name = f"{breed}_{i + 1}"
        Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(
            os.path.join(images, name + ".jpg"), quality=90)
        Image.fromarray(trimap).save(os.path.join(trimaps, name + ".png"))
    return root
def heart_disease(n=303, seed=16):
    """The columns of ``heart.csv`` (Cleveland Clinic heart disease) as pandas reads them: a
    dict of NumPy columns, int64 except ``oldpeak`` (float64) and ``thal`` (strings), with
    each column in its range (``cp`` 0-4, ``ca`` 0-3, ``thal`` fixed/normal/reversible) and a
    ``target`` that depends on several of them."""
    rng = np.random.default_rng(seed)
    risk = rng.standard_normal(n)
    columns = {
        "age": np.clip(54 + 9 * rng.standard_normal(n) + 3 * risk, 29, 77).astype(np.int64),
        "sex": (rng.random(n) < 0.68).astype(np.int64),
        "cp": np.clip(np.round(2.5 + risk + rng.standard_normal(n)), 0, 4).astype(np.int64),
        "trestbps": np.clip(131 + 17 * rng.standard_normal(n), 94, 200).astype(np.int64),
        "chol": np.clip(246 + 51 * rng.standard_normal(n), 126, 564).astype(np.int64),
        "fbs": (rng.random(n) < 0.15).astype(np.int64),
        "restecg": rng.choice(3, n, p=[0.5, 0.02, 0.48]).astype(np.int64),
        "thalach": np.clip(150 - 12 * risk + 18 * rng.standard_normal(n), 71, 202
                           ).astype(np.int64),
        "exang": (risk + rng.standard_normal(n) > 0.8).astype(np.int64),
        "oldpeak": np.round(np.clip(1.0 + 0.7 * risk + rng.standard_normal(n), 0, 6.2), 1),
        "slope": rng.choice([1, 2, 3], n, p=[0.47, 0.46, 0.07]).astype(np.int64),
        "ca": np.clip(np.round(0.7 + 0.6 * risk + 0.7 * rng.standard_normal(n)), 0, 3
                      ).astype(np.int64),
    }
    thal = np.where(risk > 0.4, "reversible", "normal").astype(object)
    thal[rng.random(n) < 0.07] = "fixed"
    columns["thal"] = thal
    columns["target"] = (risk + 0.5 * rng.standard_normal(n) > 0.6).astype(np.int64)
    return columns


def shakespeare_file(path, n_speeches=500, seed=18):
    """A ``shakespeare.txt``-like file: speeches of a play, each a speaker's name in capitals
    and a colon on its own line, then one to three lines of verse from a small word list,
    then an empty line (UTF-8 text, 65 or so distinct characters in the original)."""
    rng = np.random.default_rng(seed)
    speakers = ["ROMEO", "JULIET", "First Citizen", "MENENIUS", "KING RICHARD II", "NURSE"]
    words = ("the my thy love and of to is not what lord shall i you thou art good sweet "
             "night day come go speak hear heaven death fair o well be so me").split()
    with open(path, "w", encoding="utf-8") as f:
        for _ in range(n_speeches):
            f.write(f"{rng.choice(speakers)}:\n")
            for _ in range(int(rng.integers(1, 4))):
                line = " ".join(rng.choice(words, size=int(rng.integers(4, 9))))
                f.write(line.capitalize() + rng.choice([",", ".", "!", "?", ";"]) + "\n")
            f.write("\n")
    return path


def shakespeare_words_file(path, n_speeches=150, n_words=4000, seed=31):
    """A ``shakespeare.txt``-like file for word2vec: speeches (a speaker's name and a colon on
    its own line, two to four lines of verse, an empty line) whose verse draws its words
    evenly from ``n_words`` made-up words, so a vocabulary of 4096 ranks them all and
    ``make_sampling_table`` keeps many of them (it drops the frequent words of real text)."""
    rng = np.random.default_rng(seed)
    words = np.array(made_up_words(n_words))
    speakers = ["ROMEO", "JULIET", "First Citizen", "MENENIUS", "KING RICHARD II", "NURSE"]
    with open(path, "w", encoding="utf-8") as f:
        for _ in range(n_speeches):
            f.write(f"{rng.choice(speakers)}:\n")
            for _ in range(int(rng.integers(2, 5))):
                line = " ".join(rng.choice(words, size=int(rng.integers(6, 11))))
                f.write(line.capitalize() + rng.choice([",", ".", "!", "?", ";"]) + "\n")
            f.write("\n")
    return path


def petfinder_mini(n=1500, seed=17):
    """The columns of ``petfinder-mini.csv`` as pandas reads them: a dict of NumPy columns,
    int64 for ``Age``, ``Fee``, ``PhotoAmt`` and ``AdoptionSpeed`` (0-4), strings (object)
    for the categories and ``Description``; ``AdoptionSpeed`` 4 (not adopted) is likelier
    for older, unvaccinated pets with few photos."""
    rng = np.random.default_rng(seed)

    def pick(values, p=None):
        return np.array(values, dtype=object)[rng.choice(len(values), n, p=p)]

    columns = {
        "Type": pick(["Dog", "Cat"], [0.55, 0.45]),
        "Age": np.minimum(rng.geometric(0.12, n), 120).astype(np.int64),
        "Breed1": pick(["Mixed Breed", "Domestic Short Hair", "Tabby", "Poodle", "Terrier",
                        "Siamese", "Persian"], [0.45, 0.25, 0.1, 0.06, 0.06, 0.05, 0.03]),
        "Gender": pick(["Male", "Female", "Mixed"], [0.45, 0.48, 0.07]),
        "Color1": pick(["Black", "Brown", "Golden", "Cream", "Gray", "White"]),
        "Color2": pick(["No Color", "White", "Brown", "Cream", "Gray", "Golden"]),
        "MaturitySize": pick(["Small", "Medium", "Large"], [0.22, 0.7, 0.08]),
        "FurLength": pick(["Short", "Medium", "Long"], [0.55, 0.37, 0.08]),
        "Vaccinated": pick(["Yes", "No", "Not Sure"], [0.4, 0.47, 0.13]),
        "Sterilized": pick(["Yes", "No", "Not Sure"], [0.2, 0.68, 0.12]),
        "Health": pick(["Healthy", "Minor Injury", "Serious Injury"], [0.96, 0.035, 0.005]),
        "Fee": np.where(rng.random(n) < 0.85, 0, rng.integers(1, 10, n) * 50).astype(np.int64),
        "Description": pick(["Friendly and playful.", "Needs a loving home.", "Very calm."]),
        "PhotoAmt": rng.poisson(3.5, n).astype(np.int64),
    }
    score = (0.02 * columns["Age"] - 0.25 * columns["PhotoAmt"]
             + 0.8 * (columns["Vaccinated"] == "No") + rng.standard_normal(n))
    columns["AdoptionSpeed"] = np.where(score > 0.6, 4, rng.integers(0, 4, n)).astype(np.int64)
    return columns


def nietzsche_file(path, n_sentences=40, seed=20):
    """A ``nietzsche.txt``-like file: English prose in paragraphs of sentences made from a
    small word list, with capitals, commas, semicolons and full stops (UTF-8 text, about
    60 distinct characters in the original)."""
    rng = np.random.default_rng(seed)
    words = ("the truth is that of and a to in what philosopher will power all morality "
             "man free spirit good evil must not we which itself have been this "
             "thought only one").split()
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n_sentences):
            chosen = rng.choice(words, size=int(rng.integers(5, 12)))
            sentence = " ".join(chosen)
            if rng.random() < 0.3:
                sentence = sentence.replace(" ", ", ", 1)
            f.write(sentence.capitalize() + rng.choice([".", ".", ";", "?"]) + " ")
            if i % 6 == 5:
                f.write("\n\n")
    return path


def movielens_ratings(n_users=60, n_movies=150, n_ratings=3000, seed=21):
    """The columns of MovieLens ``ml-latest-small/ratings.csv`` and ``movies.csv`` as pandas
    reads them: two dicts of NumPy columns. Ratings: ``userId`` (1 to ``n_users``, every user
    present), ``movieId`` (non-sequential ids), int64, in the file's order (by user, then
    movie); ``rating`` float64 from 0.5 to 5 by
    halves, from a user's and a movie's taste factors; ``timestamp`` int64. Movies:
    ``movieId``, ``title``, ``genres`` (strings, object)."""
    rng = np.random.default_rng(seed)
    movie_ids = np.sort(rng.choice(np.arange(1, 10 * n_movies), n_movies, replace=False))
    user_taste, movie_taste = rng.standard_normal((n_users, 3)), rng.standard_normal((n_movies, 3))
    users = np.concatenate([np.arange(n_users), rng.integers(0, n_users, n_ratings - n_users)])
    movies = rng.integers(0, n_movies, n_ratings)
    score = 3.5 + 0.6 * np.sum(user_taste[users] * movie_taste[movies], axis=1)
    rating = np.clip(np.round(2 * (score + 0.3 * rng.standard_normal(n_ratings))) / 2, 0.5, 5)
    ratings = {"userId": (users + 1).astype(np.int64), "movieId": movie_ids[movies],
               "rating": rating.astype(np.float64),
               "timestamp": rng.integers(828124615, 1537799250, n_ratings).astype(np.int64)}
    in_file_order = np.lexsort((ratings["movieId"], ratings["userId"]))
    ratings = {name: column[in_file_order] for name, column in ratings.items()}
    genres = np.array(["Comedy", "Drama", "Action|Thriller", "Animation|Children"], dtype=object)
    titles = np.array([f"Movie {i} ({1950 + i % 70})" for i in movie_ids], dtype=object)
    movies_table = {"movieId": movie_ids, "title": titles,
                    "genres": genres[rng.integers(0, len(genres), n_movies)]}
    return ratings, movies_table


def climate_dates(n=6000):
    """The ``Date Time`` column of ``jena_climate_2009_2016.csv`` for the first ``n`` rows of
    ``climate_table``: strings ``dd.mm.yyyy HH:MM:SS``, one each 10 minutes from
    ``01.01.2009 00:10:00``."""
    import datetime
    start = datetime.datetime(2009, 1, 1, 0, 10)
    return np.array([(start + datetime.timedelta(minutes=10 * i)).strftime("%d.%m.%Y %H:%M:%S")
                     for i in range(n)], dtype=object)


def fashion_silhouettes(n_train=2000, n_test=400, seed=22):
    """Like ``keras.datasets.fashion_mnist.load_data()`` (uint8 (n, 28, 28) pictures, uint8
    labels), each class a centred bright silhouette of its own width, height and brightness
    on a dark background, as garments differ, shifted a little and with noise: classes a
    convnet that pools its features globally can tell apart."""
    rng = np.random.default_rng(seed)
    labels = classes_of(n_train + n_test, 10, rng)
    half_widths, half_heights = rng.integers(3, 13, 10), rng.integers(4, 13, 10)
    brightness = rng.uniform(0.4, 1.0, 10)
    y, x = np.mgrid[0:28, 0:28]
    shift = rng.integers(-2, 3, (len(labels), 2))
    cy, cx = (14 + shift[:, 0])[:, None, None], (14 + shift[:, 1])[:, None, None]
    inside = ((np.abs(y - cy) <= half_heights[labels][:, None, None])
              & (np.abs(x - cx) <= half_widths[labels][:, None, None]))
    pictures = inside * brightness[labels][:, None, None] + 0.15 * rng.random(inside.shape)
    images = (np.clip(pictures, 0, 1) * 255).astype(np.uint8)
    labels = labels.astype(np.uint8)
    return (images[:n_train], labels[:n_train]), (images[n_train:], labels[n_train:])


# Hands-On Machine Learning (2nd edition), chapters 14 to 17 (the homl_ch14_... programs)

def load_sample_image(image_name, height=224, width=256, seed=23):
    """Like ``sklearn.datasets.load_sample_image("china.jpg")`` (or ``"flower.jpg"``): a
    uint8 (height, width, 3) picture (the real ones are 427 x 640): soft colour bands with
    a bright vertical and a bright horizontal stroke, edges a convolution can find."""
    rng = np.random.default_rng(seed + (image_name == "flower.jpg"))
    y, x = np.mgrid[0:height, 0:width] / np.array([height, width])[:, None, None]
    tint = rng.uniform(0.2, 0.8, 3)
    picture = 0.5 * tint + 0.3 * np.sin(6 * x + 4 * y)[..., None] * rng.uniform(0.5, 1, 3)
    picture[:, width // 3:width // 3 + 6] = 1.0
    picture[height // 2:height // 2 + 6, :] = 0.9
    picture += 0.05 * rng.random(picture.shape)
    return (np.clip(picture, 0, 1) * 255).astype(np.uint8)


def preprocessed_flowers(n=160, size=32, n_classes=5, seed=24):
    """What the book's ``tf_flowers`` pipeline gives before batching: float32 (n, size,
    size, 3) pictures scaled to [-1, 1] as ``xception.preprocess_input`` scales them (were
    224 x 224), and int64 labels of ``n_classes`` flowers, each class its own tint."""
    x, y = templated_images(n, (size, size, 3), n_classes, seed)
    return x.astype(np.float32) / 127.5 - 1, y.astype(np.int64)


# Hands-On Machine Learning (2nd edition), chapters 10-13 (ageron/handson-ml2)

CALIFORNIA_FEATURES = ["MedInc", "HouseAge", "AveRooms", "AveBedrms", "Population",
                       "AveOccup", "Latitude", "Longitude"]


def california_housing(n=2000, seed=23):
    """Like ``sklearn.datasets.fetch_california_housing()``'s ``data`` and ``target``:
    float64 (n, 8) districts (median income, house age, average rooms and bedrooms,
    population, average occupancy, latitude, longitude, in their units) and the median
    house value in $100,000s (0.15 to 5), which depends on income, age and place."""
    rng = np.random.default_rng(seed)
    income = rng.gamma(4.0, 1.0, n)
    age = rng.integers(1, 53, n).astype(np.float64)
    rooms = rng.normal(5.4, 1.2, n).clip(1.5)
    bedrooms = (rooms * rng.normal(0.2, 0.02, n)).clip(0.5)
    population = rng.gamma(2.0, 700.0, n)
    occupancy = rng.normal(3.0, 0.7, n).clip(1.0)
    latitude = rng.uniform(32.5, 42.0, n)
    longitude = -124.3 + (42.0 - latitude) * 0.9 + rng.normal(0, 0.6, n)
    data = np.column_stack([income, age, rooms, bedrooms, population, occupancy, latitude,
                            longitude])
    coast = np.exp(-np.abs(longitude + 124.3 - (42.0 - latitude) * 0.9))
    target = 0.45 * income + 0.01 * age + 1.2 * coast - 0.1 * occupancy
    target = (target + rng.normal(0, 0.3, n)).clip(0.15, 5.0)
    return data, target


def train_test_split(X, y, random_state=None, test_size=0.25):
    """scikit-learn's ``train_test_split`` of two arrays (not installed beside tf_keras
    here): a shuffled split, ``test_size`` of the rows (rounded up) for the test part."""
    rng = np.random.RandomState(random_state)
    permutation = rng.permutation(len(X))
    n_test = int(np.ceil(test_size * len(X)))
    test, train = permutation[:n_test], permutation[n_test:]
    return X[train], X[test], y[train], y[test]


class StandardScaler:
    """scikit-learn's ``StandardScaler`` (``fit``, ``transform``, ``fit_transform``,
    ``mean_``, ``scale_``), in NumPy."""

    def fit(self, X):
        self.mean_, self.scale_ = X.mean(axis=0), X.std(axis=0)
        return self

    def transform(self, X):
        return (X - self.mean_) / self.scale_

    def fit_transform(self, X):
        return self.fit(X).transform(X)


# -- keras.io examples and guides, second round (kept together) --

def creditcard_csv(path, n=4000, seed=23):
    """Writes a stand-in for Kaggle's ``creditcard.csv``: a header, then ``n`` rows of 30
    quoted-free numbers (``Time``, ``V1``..``V28``, ``Amount``) and a quoted ``"0"``/``"1"``
    ``Class``, about 2 % frauds, whose V columns are shifted from the others'."""
    rng = np.random.default_rng(seed)
    fraud = rng.random(n) < 0.02
    v = rng.standard_normal((n, 28))
    v[fraud] += rng.normal(1.5, 0.5, 28)
    time = np.sort(rng.uniform(0, 172792, n))
    amount = np.round(rng.exponential(88, n), 2)
    header = ",".join(['"Time"'] + [f'"V{i}"' for i in range(1, 29)] + ['"Amount"', '"Class"'])
    with open(path, "w") as f:
        f.write(header + "\n")
        for i in range(n):
            numbers = [f"{time[i]:.0f}"] + [f"{x:.6f}" for x in v[i]] + [f"{amount[i]:.2f}"]
            f.write(",".join(numbers) + f',"{int(fraud[i])}"\n')
    return path


def modelnet_points(num_points=2048, n_train_per_class=10, n_test_per_class=3, seed=24):
    """Stands in for ModelNet10's meshes sampled by ``trimesh``: ten made-up solids (boxes of
    their own proportions and spheroids of their own axes) with ``num_points`` points each
    sampled on their surface, scaled and jittered per sample. Returns what the example's
    ``parse_dataset`` returns: float64 (n, num_points, 3) train and test points, their int
    labels, and a class map from label to a folder name."""
    rng = np.random.default_rng(seed)
    names = ["bathtub", "bed", "chair", "desk", "dresser", "monitor", "night_stand", "sofa",
             "table", "toilet"]
    axes = rng.uniform(0.2, 1.0, (10, 3))

    def sample(label):
        a = axes[label] * rng.uniform(0.9, 1.1)
        if label % 2:  # a spheroid: directions on the unit sphere stretched by its axes
            d = rng.standard_normal((num_points, 3))
            return d / np.linalg.norm(d, axis=1, keepdims=True) * a
        p = rng.uniform(-1, 1, (num_points, 3))  # a box: one coordinate pushed to a face
        face = rng.integers(0, 3, num_points)
        p[np.arange(num_points), face] = np.sign(p[np.arange(num_points), face])
        return p * a

    def split(n_per_class):
        labels = np.repeat(np.arange(10), n_per_class)
        return np.array([sample(label) for label in labels]), labels

    train_points, train_labels = split(n_train_per_class)
    test_points, test_labels = split(n_test_per_class)
    return train_points, test_points, train_labels, test_labels, dict(enumerate(names))


def cats_vs_dogs_splits(n_train=160, n_validation=40, n_test=40, shape=(40, 48, 3), seed=25):
    """Stands in for ``tfds.load("cats_vs_dogs", split=[...], as_supervised=True)``: three
    ``(images, labels)`` splits, uint8 pictures (all of one ``shape``; the real ones vary)
    and int64 labels, 0 for a cat and 1 for a dog, each class a template plus noise, the
    cats' dark and the dogs' bright (what features pooled over the whole picture can tell
    apart)."""
    x, y = templated_images(n_train + n_validation + n_test, shape, 2, seed)
    x = np.where(y[:, None, None, None] == 0, x // 4, 255 - (255 - x) // 4).astype(np.uint8)
    y = y.astype(np.int64)
    ends = np.cumsum([n_train, n_validation])
    return [(x[a:b], y[a:b]) for a, b in zip([0, *ends], [*ends, len(x)])]


class RecordSplit(list):
    """A list of records that also gives a column by name (``split["tokens"]``), as a
    HuggingFace ``datasets`` split does."""

    def __getitem__(self, key):
        if isinstance(key, str):
            return [record[key] for record in self]
        return list.__getitem__(self, key)


def conll2003(n_train=300, n_validation=60, seed=26):
    """Stands in for ``datasets.load_dataset("conll2003")``: a dict of ``"train"`` and
    ``"validation"`` splits of sentences, each a record with ``"tokens"`` (capitalized
    entity names among lower-case words) and ``"ner_tags"`` (0 ``O``, 1-8 ``B-``/``I-`` of
    PER, ORG, LOC, MISC), every entity type its own made-up names, one or two words long."""
    rng = np.random.default_rng(seed)
    words = made_up_words(400)
    common, names = words[:200], [words[200 + 50 * k:250 + 50 * k] for k in range(4)]

    def sentence():
        tokens, tags = [], []
        for _ in range(rng.integers(4, 14)):
            if rng.random() < 0.7:
                tokens.append(str(rng.choice(common)))
                tags.append(0)
                continue
            kind = int(rng.integers(0, 4))
            for position in range(int(rng.integers(1, 3))):
                tokens.append(str(rng.choice(names[kind])).capitalize())
                tags.append(1 + 2 * kind + (position > 0))
        return {"tokens": tokens, "ner_tags": tags}

    return {"train": RecordSplit(sentence() for _ in range(n_train)),
            "validation": RecordSplit(sentence() for _ in range(n_validation))}


CAPTCHA_CHARACTERS = "2345678bcdefgmnpwxy"


def captcha_images(root, n=64, width=200, height=50, seed=27):
    """Stands in for ``captcha_images_v2.zip`` unzipped into ``root``: ``n`` grayscale PNG
    pictures of ``width`` x ``height`` (the real ones are RGBA of the same size), each named
    by its five characters (``root/3n7mx.png``), drawn from the real set's 19 characters.
    Every character is its own fixed pattern of light strokes, 28 columns wide, printed at
    its place along the picture with a little vertical jitter over a noisy background."""
    from PIL import Image   # only the image makers write image files
    rng = np.random.default_rng(seed)
    glyphs = rng.random((len(CAPTCHA_CHARACTERS), height // 2, 28)) < 0.35
    os.makedirs(root, exist_ok=True)
    names = set()
    while len(names) < n:
        names.add("".join(rng.choice(list(CAPTCHA_CHARACTERS), 5)))
    for name in sorted(names):
        pixels = rng.uniform(150, 230, (height, width))
        for i, char in enumerate(name):
            top = height // 4 + int(rng.integers(-4, 5))
            left = 20 + 32 * i + int(rng.integers(-3, 4))
            glyph = glyphs[CAPTCHA_CHARACTERS.index(char)]
            region = pixels[top:top + glyph.shape[0], left:left + glyph.shape[1]]
            region[glyph[:region.shape[0], :region.shape[1]]] = rng.uniform(20, 60)
        Image.fromarray(pixels.astype(np.uint8), mode="L").save(os.path.join(root, name + ".png"))
    return root


IAM_CHARACTERS = "abcdefghijklmnopqrstuvwxyzAIT.,'"


def iam_words(root, n=320, seed=28):
    """Stands in for ``IAM_Words.zip`` unpacked into ``root`` as the example does:
    ``root/words.txt`` (the IAM header of ``#`` lines, then one line a word: id, ``ok``,
    gray level, bounding box, grammatical tag, transcription) and one grayscale PNG a word
    at ``root/words/a01/a01-000u/a01-000u-00-00.png``. The ``n`` words are made up, 1 to 8
    characters from 32 (letters, ``A``, ``I``, ``T``, ``.``, ``,`` and ``'``); each
    character is its own fixed pattern of dark strokes, 10 columns wide, on a light noisy
    page, so the pictures are 12 columns a character wide and 24 to 40 rows high."""
    from PIL import Image   # only the image makers write image files
    rng = np.random.default_rng(seed)
    glyphs = rng.random((len(IAM_CHARACTERS), 16, 10)) < 0.4
    lines = ["#--- words.txt ---------------------------------------------------------------#",
             "#", "# iam database word information", "#",
             "# format: a01-000u-00-00 ok 154 1 408 768 27 51 AT A", "#"]
    for i in range(n):
        word = "".join(rng.choice(list(IAM_CHARACTERS), int(rng.integers(1, 9))))
        form, line_no, word_no = f"a{1 + i // 100:02d}", (i // 10) % 10, i % 10
        name = f"{form}-{i // 10:03d}u-{line_no:02d}-{word_no:02d}"
        height, width = int(rng.integers(24, 41)), 12 * len(word) + 8
        pixels = rng.uniform(200, 250, (height, width))
        for k, char in enumerate(word):
            top = int(rng.integers(2, height - 17))
            pixels[top:top + 16, 4 + 12 * k:14 + 12 * k][glyphs[IAM_CHARACTERS.index(char)]] = \
                rng.uniform(10, 70)
        folder = os.path.join(root, "words", form, name.rsplit("-", 2)[0])
        os.makedirs(folder, exist_ok=True)
        Image.fromarray(pixels.astype(np.uint8), mode="L").save(os.path.join(folder,
                                                                             name + ".png"))
        lines.append(f"{name} ok 154 408 768 {width} {height} NN {word}")
    with open(os.path.join(root, "words.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    return root


def tf_flowers_splits(n=120, shape=(40, 48, 3), seed=27):
    """Stands in for ``tfds.load("tf_flowers", split=["train[:80%]", "train[80%:90%]",
    "train[90%:]"], with_info=True, as_supervised=True)``: three ``(images, labels)``
    splits of 80 %, 10 % and 10 % of ``n`` uint8 pictures (all of one ``shape``; the real
    ones vary) with int64 labels of the five flowers, each class a tinted picture with a
    bright disc (``flower_image``), and the label names (what ``metadata.features["label"]``
    gives: ``num_classes`` is their number, ``int2str`` names one)."""
    rng = np.random.default_rng(seed)
    tints = rng.uniform(0, 255, (len(FLOWERS), 3))
    labels = classes_of(n, len(FLOWERS), rng).astype(np.int64)
    images = np.stack([flower_image(rng, tints[label], *shape[:2]) for label in labels])
    ends = [int(n * 0.8), int(n * 0.9)]
    splits = [(images[a:b], labels[a:b]) for a, b in zip([0, *ends], [*ends, n])]
    return splits, list(FLOWERS)


def smooth_picture(rng, height, width):
    """A natural-looking picture: a few soft coloured blobs over a colour gradient, with
    edges a super-resolution model can learn to sharpen; (height, width, 3) uint8."""
    y, x = np.mgrid[0:height, 0:width] / max(height, width)
    pixels = rng.uniform(40, 200, 3) + rng.uniform(-60, 60, 3) * (x + y)[..., None] / 2
    for _ in range(4):
        cy, cx, r = rng.uniform(0, 1), rng.uniform(0, 1), rng.uniform(0.1, 0.3)
        inside = ((y - cy) ** 2 + (x - cx) ** 2 < r * r)[..., None]
        pixels = pixels + inside * rng.uniform(-90, 90, 3)
    return np.clip(pixels + rng.uniform(0, 12, (height, width, 3)), 0, 255).astype(np.uint8)


def bsds500(root, n_train=24, n_val=8, n_test=60, seed=27):
    """Stands in for ``keras.utils.get_file(origin=".../BSR_bsds500.tgz", fname="BSR",
    untar=True)``: the unpacked ``BSR`` folder (returned) with JPEG pictures in
    ``BSDS500/data/images/train``, ``val`` and ``test`` (small landscape and portrait
    pictures, 48x33 and 33x48, for BSDS500's 481x321) and an empty ``groundTruth`` folder."""
    from PIL import Image   # only the image makers write image files
    rng = np.random.default_rng(seed)
    data = os.path.join(root, "BSDS500", "data")
    os.makedirs(os.path.join(data, "groundTruth", "train"), exist_ok=True)
    for split, n in (("train", n_train), ("val", n_val), ("test", n_test)):
        folder = os.path.join(data, "images", split)
        os.makedirs(folder, exist_ok=True)
        for i in range(n):
            height, width = (33, 48) if rng.random() < 0.7 else (48, 33)
            Image.fromarray(smooth_picture(rng, height, width)).save(
                os.path.join(folder, f"{100000 + 7919 * i}.jpg"), quality=90)
    return root


def small_mnist(size=8, n_train=240, n_test=48):
    """Like ``keras.datasets.mnist.load_data()`` with ``size x size`` pictures (uint8),
    for a program that must read each picture pixel by pixel."""
    return image_split((size, size), 10, n_train, n_test, seed=28)


def tfds_info(**num_examples):
    """Stands in for the ``info`` of ``tfds.load(..., with_info=True)`` (tensorflow_datasets
    is not installed beside tf_keras here): ``info.splits[name].num_examples`` for each
    split named."""
    import types
    return types.SimpleNamespace(splits={name: types.SimpleNamespace(num_examples=n)
                                         for name, n in num_examples.items()})


def tqdm(iterable):
    """Stands in for ``tqdm.tqdm`` (not installed beside tf_keras here): the iterable
    itself, without a progress bar."""
    return iterable


class Bernoulli:
    """Stands in for ``tfp.distributions.Bernoulli(probs=...)`` (TensorFlow Probability is
    not installed beside tf_keras here): ``sample()`` draws 1 with probability ``probs``,
    else 0, with NumPy's global generator, int32 as TFP's samples are."""

    def __init__(self, probs):
        self.probs = np.asarray(probs)

    def sample(self):
        return (np.random.random_sample(self.probs.shape) < self.probs).astype(np.int32)


class Categorical:
    """Stands in for ``tfp.distributions.Categorical(logits)``: ``sample()`` draws one class
    index for each row of the last axis of ``logits`` with ``tf.random.categorical``, int32
    as TFP's samples are, in the batch shape (``logits``'s shape without its last axis)."""

    def __init__(self, logits):
        self.logits = logits

    def sample(self):
        import tensorflow as tf
        logits = tf.convert_to_tensor(self.logits)
        flat = tf.reshape(logits, [-1, tf.shape(logits)[-1]])
        drawn = tf.random.categorical(flat, 1, dtype=tf.int32)
        return tf.reshape(drawn, tf.shape(logits)[:-1])


def DistributionLambda(make_distribution_fn):
    """Stands in for ``tfp.layers.DistributionLambda(make_distribution_fn)``: a Keras layer
    whose output is a sample of the distribution ``make_distribution_fn`` makes of its
    input (TFP's default ``convert_to_tensor_fn``), here a ``Lambda`` layer."""
    import tensorflow as tf
    return tf.keras.layers.Lambda(lambda t: make_distribution_fn(t).sample())


class tfp:
    """``import tensorflow_probability as tfp``'s ``tfp.distributions.Bernoulli`` and
    ``Categorical`` and ``tfp.layers.DistributionLambda``."""

    class distributions:
        Bernoulli = Bernoulli
        Categorical = Categorical

    class layers:
        DistributionLambda = staticmethod(DistributionLambda)


CORA_SUBJECTS = ["Case_Based", "Genetic_Algorithms", "Neural_Networks", "Probabilistic_Methods",
                 "Reinforcement_Learning", "Rule_Learning", "Theory"]


def cora(n_papers=420, n_citations=900, n_terms=1433, seed=27):
    """The columns of the Cora files ``cora.cites`` and ``cora.content`` as pandas reads them
    (tab-separated, no header): two dicts of NumPy columns. Citations: ``target`` (the cited
    paper's id) and ``source`` (the citing paper's), int64, four in five between papers of
    one subject, sorted by target as the file is (keras.io's GAT counts on it). Papers:
    ``paper_id`` (non-sequential int64 ids), ``term_0`` to ``term_{n_terms - 1}`` (int64 0/1
    word presence; each subject uses its own 60 words often) and ``subject`` (one of the
    seven Cora subject names, object)."""
    rng = np.random.default_rng(seed)
    paper_ids = rng.choice(np.arange(30, 1200000), n_papers, replace=False).astype(np.int64)
    subjects = rng.integers(0, len(CORA_SUBJECTS), n_papers)
    probability = np.full((len(CORA_SUBJECTS), n_terms), 0.005)
    for k in range(len(CORA_SUBJECTS)):
        probability[k, rng.choice(n_terms, 60, replace=False)] = 0.12
    terms = (rng.random((n_papers, n_terms)) < probability[subjects]).astype(np.int64)
    papers = {"paper_id": paper_ids}
    papers.update({f"term_{i}": terms[:, i] for i in range(n_terms)})
    papers["subject"] = np.array(CORA_SUBJECTS, dtype=object)[subjects]
    by_subject = [np.flatnonzero(subjects == k) for k in range(len(CORA_SUBJECTS))]
    source = rng.integers(0, n_papers, n_citations)
    same = rng.random(n_citations) < 0.8
    target = np.array([rng.choice(by_subject[subjects[s]]) if keep else rng.integers(n_papers)
                       for s, keep in zip(source, same)])
    in_file_order = np.lexsort((paper_ids[source], paper_ids[target]))   # by cited paper
    citations = {"target": paper_ids[target][in_file_order],
                 "source": paper_ids[source][in_file_order]}
    return citations, papers


def covertype(n=2400, seed=28):
    """The rows of UCI's ``covtype.data.gz`` as pandas reads them (no header): an int64
    array of 55 columns: ten cartographic measures (elevation, aspect, slope, distances,
    hillshades) in the dataset's ranges, four one-hot wilderness areas, forty one-hot soil
    types, and the cover type (1 to 7), which follows elevation, area and soil."""
    rng = np.random.default_rng(seed)
    cover = rng.integers(0, 7, n)
    area = (cover + rng.integers(0, 2, n)) % 4
    soil = (5 * cover + rng.integers(0, 8, n)) % 40
    numbers = np.stack([
        1900 + 220 * cover + rng.normal(0, 90, n),       # Elevation
        rng.uniform(0, 360, n),                           # Aspect
        rng.uniform(0, 40, n) + 2 * cover,                # Slope
        rng.uniform(0, 900, n),                           # Horizontal_Distance_To_Hydrology
        rng.normal(40, 50, n),                            # Vertical_Distance_To_Hydrology
        rng.uniform(0, 6000, n) + 300 * cover,            # Horizontal_Distance_To_Roadways
        rng.uniform(150, 255, n),                         # Hillshade_9am
        rng.uniform(180, 255, n),                         # Hillshade_Noon
        rng.uniform(60, 200, n),                          # Hillshade_3pm
        rng.uniform(0, 6000, n),                          # Horizontal_Distance_To_Fire_Points
    ], axis=1)
    table = np.zeros((n, 55), np.int64)
    table[:, :10] = np.round(numbers)
    table[np.arange(n), 10 + area] = 1
    table[np.arange(n), 14 + soil] = 1
    table[:, 54] = cover + 1
    return table


def coco_val2017(root, n_images=40, n_annotations=150, seed=29):
    """What COCO's ``val2017.zip`` and ``annotations_trainval2017.zip`` unpack to, under
    ``root``: ``val2017/<image_id:012d>.jpg`` (small JPEG pictures of a few tinted boxes) and
    ``annotations/instances_val2017.json``, whose ``annotations`` list has COCO's fields:
    ``segmentation`` (a polygon), ``area``, ``iscrowd``, ``image_id``, ``bbox`` ([x, y,
    width, height]), ``category_id`` (1 to 90) and ``id``."""
    import json

    from PIL import Image   # only the image makers write image files
    rng = np.random.default_rng(seed)
    os.makedirs(os.path.join(root, "val2017"), exist_ok=True)
    os.makedirs(os.path.join(root, "annotations"), exist_ok=True)
    image_ids = np.sort(rng.choice(np.arange(100, 600000), n_images, replace=False))
    sizes = {}
    for image_id in image_ids:
        height, width = int(rng.integers(40, 64)), int(rng.integers(48, 80))
        pixels = rng.uniform(0, 60, (height, width, 3)) + rng.uniform(0, 120, 3)
        for _ in range(3):
            y, x = int(rng.integers(0, height - 10)), int(rng.integers(0, width - 10))
            pixels[y:y + 10, x:x + 10] += rng.uniform(40, 120, 3)
        Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(
            os.path.join(root, "val2017", f"{int(image_id):012d}.jpg"), quality=90)
        sizes[int(image_id)] = (height, width)
    annotations = []
    for k in range(n_annotations):
        image_id = int(rng.choice(image_ids))
        height, width = sizes[image_id]
        x, y = float(rng.uniform(0, width / 2)), float(rng.uniform(0, height / 2))
        w, h = float(rng.uniform(4, width / 2)), float(rng.uniform(4, height / 2))
        polygon = [round(v, 2) for v in (x, y, x + w, y, x + w, y + h, x, y + h)]
        annotations.append({"segmentation": [polygon], "area": round(w * h * 0.8, 4),
                            "iscrowd": 0, "image_id": image_id,
                            "bbox": [round(x, 2), round(y, 2), round(w, 2), round(h, 2)],
                            "category_id": int(rng.integers(1, 91)), "id": 100000 + 7 * k})
    with open(os.path.join(root, "annotations", "instances_val2017.json"), "w") as f:
        json.dump({"annotations": annotations}, f)
    return root


CENSUS_NUMERIC = ("age", "wage_per_hour", "capital_gains", "capital_losses",
                  "dividends_from_stocks", "num_persons_worked_for_employer",
                  "weeks_worked_in_year")
CENSUS_CODED = ("detailed_industry_recode", "detailed_occupation_recode",
                "own_business_or_self_employed", "veterans_benefits", "year")


def census_income(columns, n_train=1000, n_test=300, seed=30):
    """The rows of UCI's ``census-income.data.gz`` and ``census-income.test.gz`` as pandas
    reads them with ``names=columns``: two dicts of NumPy columns. Numbers (age, wages,
    weeks ...) and coded columns (industry and occupation recodes, year) are int64,
    ``instance_weight`` float64, the other categorical columns strings with the file's
    leading space (`` Not in universe``), ``income_level`` `` - 50000.`` or `` 50000+.``,
    which follows age, weeks worked, capital gains and education."""
    rng = np.random.default_rng(seed)
    words = made_up_words(60)
    choices = {name: np.array([" Not in universe"] + [" " + w.capitalize() for w in rng.choice(
        words, 5, replace=False)], dtype=object) for name in columns}

    def table(n):
        out = {}
        age = rng.integers(0, 90, n)
        weeks = np.where(age < 16, 0, rng.integers(0, 53, n))
        gains = np.where(rng.random(n) < 0.05, rng.integers(1000, 99999, n), 0)
        education = rng.integers(0, 6, n)
        for name in columns:
            if name == "age":
                out[name] = age
            elif name == "weeks_worked_in_year":
                out[name] = weeks
            elif name == "capital_gains":
                out[name] = gains
            elif name in CENSUS_NUMERIC:
                out[name] = np.where(rng.random(n) < 0.2, rng.integers(1, 2000, n), 0)
            elif name in CENSUS_CODED:
                out[name] = rng.integers(0, 8 if name != "year" else 2, n) + (
                    94 if name == "year" else 0)
            elif name == "instance_weight":
                out[name] = np.round(rng.uniform(40, 4000, n), 2)
            elif name == "education":
                out[name] = np.array([f" Grade {k}" for k in education], dtype=object)
            elif name != "income_level":
                out[name] = choices[name][rng.integers(0, 6, n)]
        score = (age - 40) / 15 + weeks / 20 + (gains > 0) * 2 + education / 2 - 4
        rich = score + rng.normal(0, 0.7, n) > 0
        out["income_level"] = np.where(rich, " 50000+.", " - 50000.").astype(object)
        return {name: out[name] for name in columns}

    return table(n_train), table(n_test)


def write_wav(path, samples, rate):
    """A mono 16-bit PCM WAV file of float ``samples`` in [-1, 1], by Python's ``wave``."""
    import wave   # only the audio makers write WAV files
    pcm = np.clip(np.round(samples * 32767), -32768, 32767).astype("<i2")
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())


SPEAKERS = ("Benjamin_Netanyau", "Jens_Stoltenberg", "Julia_Gillard", "Magaret_Tarcher",
            "Nelson_Mandela")
NOISES = {"_background_noise_": ("dude_miaowing", "pink_noise", "running_tap", "white_noise"),
          "other": ("doing_the_dishes", "exercise_bike")}


def speaker_recognition(root, n_per_speaker=16, rate=2000, seed=40):
    """Stands in for Kaggle's ``16000_pcm_speeches`` unpacked into ``root``: a folder per
    speaker (the real five) of ``n_per_speaker`` one-second mono 16-bit WAV clips at
    ``rate`` Hz (1,500 clips at 16 kHz there) named ``0.wav``, ``1.wav``..., and the
    two noise folders, ``_background_noise_`` and ``other``, of six longer clips (two to
    four seconds). Every speaker is its own voice: a pitch and a set of harmonic weights
    of its own, the pitch wavering a little from clip to clip, in syllable-like bursts."""
    rng = np.random.default_rng(seed)
    t = np.arange(rate) / rate
    for s, speaker in enumerate(SPEAKERS):
        os.makedirs(os.path.join(root, speaker), exist_ok=True)
        pitch = 90 + 45 * s
        weights = np.abs(np.sin(np.arange(1, 9) * (s + 1) * 0.7)) + 0.1
        for i in range(n_per_speaker):
            f0 = pitch * rng.uniform(0.97, 1.03)
            voice = sum(w * np.sin(2 * np.pi * f0 * (k + 1) * t + rng.uniform(0, 6.3))
                        for k, w in enumerate(weights) if f0 * (k + 1) < rate / 2)
            bursts = 0.5 + 0.5 * np.sin(2 * np.pi * rng.uniform(2, 5) * t + rng.uniform(0, 6.3))
            clip = 0.6 * voice / np.abs(voice).max() * bursts
            write_wav(os.path.join(root, speaker, f"{i}.wav"), clip, rate)
    for folder, names in NOISES.items():
        os.makedirs(os.path.join(root, folder), exist_ok=True)
        for name in names:
            n = int(rng.integers(2, 5)) * rate + int(rng.integers(0, rate // 2))
            noise = np.cumsum(rng.normal(0, 1, n)) * 0.02 + rng.normal(0, 0.3, n)
            noise = noise - np.convolve(noise, np.ones(50) / 50, mode="same")
            write_wav(os.path.join(root, folder, name + ".wav"),
                      0.5 * noise / np.abs(noise).max(), rate)
    return root


SPEECH_COMMANDS = ("down", "go", "left", "no", "right", "stop", "up", "yes")


def mini_speech_commands(root, n_per_class=12, seed=31):
    """Stands in for ``mini_speech_commands.zip`` extracted into ``root``: a folder per
    command (the real set's eight) of 16 kHz mono 16-bit WAV clips of 0.75 to 1 second
    (the real clips are 1 second or less; 1,000 a command there) named like the real ones
    (``no/01bb6a2a_nohash_0.wav`` among them), and a ``README.md``. Every command is its
    own pair of tones, gliding a little, at its own place in the clip, over noise."""
    rng = np.random.default_rng(seed)
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "README.md"), "w") as f:
        f.write("Synthetic stand-in for the mini Speech Commands data set.\n")
    t = np.arange(16000) / 16000
    for c, command in enumerate(SPEECH_COMMANDS):
        os.makedirs(os.path.join(root, command), exist_ok=True)
        low, high = 300 + 150 * c, 2600 - 170 * c
        for i in range(n_per_class):
            name = "01bb6a2a" if (command, i) == ("no", 0) else f"{rng.integers(2 ** 32):08x}"
            length = int(rng.integers(12000, 16001))
            start = 0.1 + 0.05 * (c % 4) + rng.uniform(-0.02, 0.02)
            envelope = np.exp(-((t - start - 0.25) / 0.15) ** 2)
            glide = 1 + 0.1 * (t - start)
            tone = np.sin(2 * np.pi * low * glide * t) + 0.6 * np.sin(2 * np.pi * high * t)
            clip = 0.4 * envelope * tone + rng.normal(0, 0.02, t.shape)
            write_wav(os.path.join(root, command, f"{name}_nohash_{i % 3}.wav"),
                      clip[:length], 16000)
    return root


LJ_WORDS = ("the", "prison", "was", "a", "of", "and", "to", "in", "he", "it", "that",
            "his", "by", "at", "on", "as", "sir", "be", "men", "we")


def lj_speech(root, n=40, seed=32):
    """Stands in for ``LJSpeech-1.1.tar.bz2`` unpacked into ``root``: ``root/wavs/`` of ``n``
    22,050 Hz mono 16-bit WAV clips (13,100 of 1 to 10 seconds in the real set; these
    are 0.1 to 0.4 seconds) and ``root/metadata.csv`` (``id|transcription|normalized
    transcription``, the real file's form), each clip saying two to three short words of
    lower-case letters: every letter is its own tone for 18 ms, words apart by silence."""
    rng = np.random.default_rng(seed)
    os.makedirs(os.path.join(root, "wavs"), exist_ok=True)
    rate, per_letter = 22050, 400
    lines = []
    for i in range(n):
        words = [str(w) for w in rng.choice(LJ_WORDS, int(rng.integers(2, 4)))]
        text = " ".join(words)
        pieces = []
        for char in text:
            t = np.arange(per_letter) / rate
            if char == " ":
                pieces.append(np.zeros(per_letter))
            else:
                pieces.append(0.5 * np.sin(2 * np.pi * (200 + 120 * (ord(char) - 97)) * t))
        clip = np.concatenate([np.zeros(400)] + pieces + [np.zeros(400)])
        clip = clip + rng.normal(0, 0.01, clip.shape)
        file_name = f"LJ{i // 100 + 1:03d}-{i % 100 + 1:04d}"
        write_wav(os.path.join(root, "wavs", file_name + ".wav"), clip, rate)
        lines.append(f"{file_name}|{text.capitalize()}.|{text.capitalize()}.")
    with open(os.path.join(root, "metadata.csv"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return root


def wer(truth, hypothesis):
    """Stands in for ``jiwer.wer`` (not installed beside tf_keras here): the word error rate
    of lists of sentences, the word-level edit distances summed over the words of ``truth``."""
    errors = words = 0
    for said, heard in zip(truth, hypothesis):
        said, heard = said.split(), heard.split()
        row = list(range(len(heard) + 1))
        for i, word in enumerate(said, 1):
            previous, row[0] = row[0], i
            for j, other in enumerate(heard, 1):
                previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1,
                                               previous + (word != other))
        errors += row[-1]
        words += len(said)
    return errors / max(words, 1)


def pems_m(n_steps=600, n_stations=228, seed=31):
    """``W_228.csv`` and ``V_228.csv`` of STGCN's ``PeMS-M.zip`` as pandas reads them
    (``header=None``, then ``to_numpy()``): the distances in metres between 228 stations
    along a freeway, float64 (n_stations, n_stations), zero on the diagonal; and the
    traffic speed (mph) each 5 minutes, float64 (n_steps, n_stations): a daily dip shared
    by neighbouring stations, plus noise."""
    rng = np.random.default_rng(seed)
    positions = np.sort(rng.uniform(0, 90000, n_stations))
    distances = np.abs(positions[:, None] - positions[None, :])
    t = np.arange(n_steps)[:, None]
    dip = np.exp(-((t % 288 - 100 - positions[None, :] / 3000) / 30.0) ** 2)
    speeds = 65 - 25 * dip + rng.normal(0, 2, (n_steps, n_stations))
    return distances, speeds


def read_csv(path, names=None):
    """Stands in for ``pandas.read_csv`` (pandas is not installed beside tf_keras here): the
    columns of a CSV file as a dict of NumPy arrays, in the file's order, with the header
    line's names (or ``names`` for a file without one); a column of whole numbers is int64,
    of other numbers float64, anything else strings (object), as pandas reads them. A dict
    offers the ``copy``, ``pop`` and ``items`` the programs call on a DataFrame."""
    import csv
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if names is None:
        names, rows = rows[0], rows[1:]
    columns = {}
    for i, name in enumerate(names):
        texts = [row[i] for row in rows]
        for dtype in (np.int64, np.float64):
            try:
                columns[name] = np.array([dtype(t) for t in texts], dtype=dtype)
                break
            except ValueError:
                continue
        else:
            columns[name] = np.array(texts, dtype=object)
    return columns


ABALONE_COLUMNS = ("Length", "Diameter", "Height", "Whole weight", "Shucked weight",
                   "Viscera weight", "Shell weight")


def abalone_train_csv(path, n=400, seed=33):
    """What ``abalone_train.csv`` holds, written at ``path`` (no header line): ``n`` rows of
    seven shell measurements (lengths in metres, weights in kilograms, three decimals, grown
    together with the age) and the age in years (an int, the last column)."""
    rng = np.random.default_rng(seed)
    age = rng.integers(3, 22, n)
    size = np.clip(0.25 + 0.025 * age + rng.normal(0, 0.06, n), 0.08, 0.8)
    scale = np.array([1.0, 0.78, 0.27, 1.6, 0.7, 0.35, 0.45])
    powers = np.array([1, 1, 1, 3, 3, 3, 3])
    x = scale * size[:, None] ** powers * (1 + rng.normal(0, 0.05, (n, 7)))
    with open(path, "w", encoding="utf-8") as f:
        for row, years in zip(np.abs(x), age):
            f.write(",".join(f"{v:.3f}" for v in row) + f",{years}\n")
    return path


def titanic_csv(path, n=200, seed=34):
    """What the Titanic ``train.csv`` holds, written at ``path``: a header line and ``n``
    passengers: ``survived`` (0/1, likelier for women and the first class), ``sex``,
    ``age`` and ``fare`` (one or four decimals), ``n_siblings_spouses``, ``parch``,
    ``class``, ``deck`` (mostly ``unknown``), ``embark_town`` and ``alone`` (y/n)."""
    rng = np.random.default_rng(seed)
    with open(path, "w", encoding="utf-8") as f:
        f.write("survived,sex,age,n_siblings_spouses,parch,fare,class,deck,embark_town,"
                "alone\n")
        for _ in range(n):
            sex = rng.choice(["male", "female"], p=[0.64, 0.36])
            klass = rng.choice(["First", "Second", "Third"], p=[0.24, 0.21, 0.55])
            siblings, parch = int(rng.poisson(0.5)), int(rng.poisson(0.4))
            chance = 0.2 + 0.5 * (sex == "female") + 0.2 * (klass == "First")
            survived = int(rng.random() < chance)
            fare = {"First": 80.0, "Second": 20.0, "Third": 10.0}[klass] * rng.uniform(0.5, 1.5)
            deck = rng.choice(["unknown", "C", "B", "E"]) if klass == "First" else "unknown"
            town = rng.choice(["Southampton", "Cherbourg", "Queenstown"], p=[0.72, 0.19, 0.09])
            alone = "y" if siblings + parch == 0 else "n"
            f.write(f"{survived},{sex},{rng.uniform(1, 70):.1f},{siblings},{parch},"
                    f"{fare:.4f},{klass},{deck},{town},{alone}\n")
    return path


def traffic_volume_csv_gz(path, n=600, seed=35):
    """What ``Metro_Interstate_Traffic_Volume.csv.gz`` holds, written gzipped at ``path``:
    a header line and ``n`` hourly rows of ``holiday`` (mostly ``None``), ``temp`` (kelvin),
    ``rain_1h``, ``snow_1h``, ``clouds_all``, ``weather_main``, ``weather_description``,
    ``date_time`` and ``traffic_volume`` (an int, high in the day)."""
    import gzip
    rng = np.random.default_rng(seed)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    start = datetime.datetime(2012, 10, 2, 9)
    weathers = [("Clouds", "scattered clouds"), ("Clear", "sky is clear"),
                ("Rain", "light rain"), ("Mist", "mist")]
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("holiday,temp,rain_1h,snow_1h,clouds_all,weather_main,weather_description,"
                "date_time,traffic_volume\n")
        for i in range(n):
            when = start + datetime.timedelta(hours=i)
            main, description = weathers[int(rng.integers(len(weathers)))]
            volume = int(800 + 4500 * np.exp(-((when.hour - 13) / 5.0) ** 2)
                         + rng.normal(0, 300))
            holiday = "Columbus Day" if i == 0 else "None"
            f.write(f"{holiday},{rng.normal(281, 10):.2f},{max(rng.normal(0, 1), 0):.2f},0.0,"
                    f"{int(rng.integers(0, 100))},{main},{description},"
                    f"{when:%Y-%m-%d %H:%M:%S},{max(volume, 0)}\n")
    return path


FONT_NAMES = ("AGENCY", "ARIAL", "BAITI", "CALIBRI", "GEORGIA")


def fonts_csvs(folder, n_rows=24, seed=36):
    """What ``fonts.zip`` unpacks to, written in ``folder``: one CSV file a font
    (``AGENCY.csv``, ...), each a header line and ``n_rows`` characters: ``font``,
    ``fontVariant``, ``m_label`` (the character's code), ``strength``, ``italic``,
    ``orientation``, ``m_top``, ``m_left``, ``originalH``, ``originalW``, ``h``, ``w`` and
    the 20 x 20 grey levels ``r0c0`` ... ``r19c19`` (ints 1-255) of the character."""
    rng = np.random.default_rng(seed)
    os.makedirs(folder, exist_ok=True)
    pixels = [f"r{r}c{c}" for r in range(20) for c in range(20)]
    for font in FONT_NAMES:
        with open(os.path.join(folder, f"{font}.csv"), "w", encoding="utf-8") as f:
            f.write(",".join(["font", "fontVariant", "m_label", "strength", "italic",
                              "orientation", "m_top", "m_left", "originalH", "originalW",
                              "h", "w"] + pixels) + "\n")
            for _ in range(n_rows):
                label = int(rng.integers(33, 127))
                image = rng.integers(1, 256, 400)
                f.write(f"{font},{font} FB,{label},0.4,{int(rng.integers(2))},0.0,"
                        f"{int(rng.integers(20, 60))},{int(rng.integers(10, 40))},"
                        f"{int(rng.integers(20, 60))},{int(rng.integers(5, 50))},20,20,"
                        + ",".join(str(v) for v in image) + "\n")
    return folder


STACK_OVERFLOW_WORDS = {
    "csharp": "linq nuget visual studio wpf asp.net datagridview entity framework".split(),
    "java": "jvm maven spring hibernate arraylist swing jar servlet".split(),
    "javascript": "jquery dom node npm react callback promise browser".split(),
    "python": "pip django numpy pandas dict list comprehension virtualenv".split()}
STACK_OVERFLOW_COMMON = ("how do i get the value of a string in my code when it is not working "
                         "why does this error happen with an array and function").split()


def stack_overflow_folder(root, n_per_class=24, n_test_per_class=8, seed=37):
    """What ``stack_overflow_16k.tar.gz`` unpacks to, in ``root``: ``README.md`` and
    ``train``/``test`` folders of ``csharp``, ``java``, ``javascript`` and ``python`` text
    files (numbered from 1740, so ``python/1755.txt`` is there), each one question of 30 to
    80 words leaning to its language's words, the language's name blanked out as in the
    download."""
    rng = np.random.default_rng(seed)
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "README.md"), "w", encoding="utf-8") as f:
        f.write("Stack Overflow questions, one folder a tag (blanked out in the text).\n")
    for split, n in (("train", n_per_class), ("test", n_test_per_class)):
        for label, own in STACK_OVERFLOW_WORDS.items():
            folder = os.path.join(root, split, label)
            os.makedirs(folder, exist_ok=True)
            for i in range(n):
                words = rng.choice(STACK_OVERFLOW_COMMON + own * 3,
                                   size=int(rng.integers(30, 80)))
                text = "\"" + " ".join(words) + " in blank?\"\n"
                with open(os.path.join(folder, f"{1740 + i}.txt"), "w",
                          encoding="utf-8") as f:
                    f.write(text)
    return root


ILIAD_STYLES = {"cowper.txt": "thou thee thy hath doth o'er 'twas ere".split(),
                "derby.txt": "ye the chief the host the ships of war the son".split(),
                "butler.txt": "you your said he went then so that they were".split()}
ILIAD_COMMON = ("achilles hector troy achaeans spear shield gods zeus city fight battle "
                "ships men death fire king").split()


def iliad_translations(folder, n_lines=180, seed=38):
    """The three translations of the Iliad the tutorial downloads (``cowper.txt``,
    ``derby.txt``, ``butler.txt``), written in ``folder``: ``n_lines`` lines of 5 to 12
    words each (capitalised, with commas and full stops), each translator's lines leaning
    to his own words, and a few empty lines, as in the files."""
    rng = np.random.default_rng(seed)
    os.makedirs(folder, exist_ok=True)
    for name, own in ILIAD_STYLES.items():
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            for i in range(n_lines):
                if i % 40 == 39:
                    f.write("\n")
                    continue
                words = list(rng.choice(ILIAD_COMMON + own * 2, size=int(rng.integers(5, 13))))
                words[int(rng.integers(len(words)))] += ","
                f.write(" ".join(words).capitalize() + rng.choice([",", ".", ";"]) + "\n")
    return folder


class UnicodeScriptTokenizer:
    """Stands in for ``tensorflow_text.UnicodeScriptTokenizer`` (TensorFlow Text is not
    installed beside tf_keras here): tokens are the runs of word characters and the runs
    of punctuation, split where the script changes or at white space, made here with
    ``tf.strings`` ops; a string gives a vector of tokens, a vector of strings a
    RaggedTensor."""

    def tokenize(self, text):
        import tensorflow as tf
        spaced = tf.strings.regex_replace(text, r"([^\w\s]+)", r" \1 ")
        return tf.strings.split(spaced)


def case_fold_utf8(text):
    """Stands in for ``tensorflow_text.case_fold_utf8``: lower case (the texts here are
    ASCII, which case folding lowers)."""
    import tensorflow as tf
    return tf.strings.lower(text)


def moving_mnist_file(path, n=20, frames=20, size=64, seed=33):
    """``mnist_test_seq.npy`` of Moving MNIST as ``keras.utils.get_file`` leaves it: uint8
    (frames, n, size, size), frames first; in each sequence two bright glyphs (a random
    stroke pattern each, a quarter of the frame wide) glide across a black frame with a
    constant velocity, bouncing off the edges."""
    rng = np.random.default_rng(seed)
    glyph = max(size // 4, 3)
    video = np.zeros((frames, n, size, size), np.uint8)
    for i in range(n):
        for _ in range(2):
            shape = (rng.random((glyph, glyph)) < 0.45) * rng.integers(150, 256, (glyph, glyph))
            position = rng.uniform(0, size - glyph, 2)
            velocity = rng.uniform(-2.0, 2.0, 2) * size / 32
            for t in range(frames):
                row, col = position.astype(int)
                window = video[t, i, row:row + glyph, col:col + glyph]
                np.maximum(window, shape.astype(np.uint8), out=window)
                position = position + velocity
                for axis in range(2):
                    if not 0 <= position[axis] <= size - glyph:
                        velocity[axis] = -velocity[axis]
                        position[axis] = np.clip(position[axis], 0, size - glyph)
    np.save(path, video)
    return path


ADULT_CATEGORIES = {
    "workclass": ["Private", "Self-emp-not-inc", "Local-gov", "State-gov", "?"],
    "education": ["HS-grad", "Some-college", "Bachelors", "Masters", "11th", "Doctorate"],
    "marital_status": ["Married-civ-spouse", "Never-married", "Divorced", "Widowed"],
    "occupation": ["Prof-specialty", "Craft-repair", "Exec-managerial", "Sales",
                   "Adm-clerical", "Other-service", "?"],
    "relationship": ["Husband", "Not-in-family", "Own-child", "Unmarried", "Wife"],
    "race": ["White", "Black", "Asian-Pac-Islander", "Other"],
    "gender": ["Male", "Female"],
    "native_country": ["United-States", "Mexico", "Philippines", "Germany", "?"],
}


def adult_census(columns, n_train=600, n_test=200, seed=34):
    """The rows of UCI's ``adult.data`` and ``adult.test`` as pandas reads them with
    ``header=None, names=columns``: two dicts of NumPy columns. ``age``, ``fnlwgt``,
    ``education_num``, ``capital_gain``, ``capital_loss`` and ``hours_per_week`` int64; the
    categorical columns strings with the file's leading space (`` Private``, `` ?`` where
    unknown); ``income_bracket`` `` <=50K`` or `` >50K`` (`` <=50K.`` and `` >50K.`` in the
    test file), following age, education, hours and capital gains. As in the real
    ``adult.test``, the test table's first row is the file's ``|1x3 Cross validator`` line:
    its ``age`` that text, its other columns NaN (so there ``age`` has dtype object and the
    other numbers float64)."""
    rng = np.random.default_rng(seed)

    def table(n, test):
        age = rng.integers(17, 90, n)
        education = rng.integers(0, len(ADULT_CATEGORIES["education"]), n)
        hours = rng.integers(10, 80, n)
        gain = np.where(rng.random(n) < 0.08, rng.integers(1000, 99999, n), 0)
        out = {"age": age, "fnlwgt": rng.integers(12000, 1400000, n),
               "education_num": education + 9,
               "capital_gain": gain,
               "capital_loss": np.where(rng.random(n) < 0.05, rng.integers(150, 4000, n), 0),
               "hours_per_week": hours}
        for name, values in ADULT_CATEGORIES.items():
            picks = education if name == "education" else rng.integers(0, len(values), n)
            out[name] = np.array([" " + values[k] for k in picks], dtype=object)
        score = (age - 38) / 12 + education / 2.5 + (hours - 40) / 15 + (gain > 0) * 2 - 1.5
        rich = score + rng.normal(0, 0.6, n) > 0
        end = "." if test else ""
        out["income_bracket"] = np.where(rich, " >50K" + end, " <=50K" + end).astype(object)
        out = {name: out[name] for name in columns}
        if test:
            def with_first_line(name, column):
                if name == "age":
                    return np.concatenate([np.array(["|1x3 Cross validator"], dtype=object),
                                           column.astype(object)])
                if column.dtype == object:
                    return np.concatenate([np.array([np.nan], dtype=object), column])
                return np.concatenate([[np.nan], column.astype(np.float64)])
            out = {name: with_first_line(name, column) for name, column in out.items()}
        return out

    return table(n_train, False), table(n_test, True)


ORGAN_LABELS = ["liver", "kidney-right", "kidney-left", "femur-right", "femur-left", "bladder",
                "heart", "lung-right", "lung-left", "spleen", "pancreas"]


def medmnist_info(name):
    """Stands in for ``medmnist.INFO[name]`` (medmnist is not installed beside tf_keras
    here): the part the programs read, ``label`` (class index as a string to the organ's
    name) and ``n_channels``, for ``organmnist3d``."""
    if name != "organmnist3d":
        raise KeyError(name)
    return {"label": {str(i): label for i, label in enumerate(ORGAN_LABELS)},
            "n_channels": 1, "task": "multi-class"}


def organmnist3d_file(path, n_train=48, n_val=12, n_test=25, size=28, seed=35):
    """MedMNIST's ``organmnist3d.npz`` as ``keras.utils.get_file`` leaves it: ``train_images``,
    ``val_images``, ``test_images`` uint8 (n, size, size, size) volumes (28 in MedMNIST) and
    ``*_labels`` uint8 (n, 1) of 11 organs; each organ a bright ellipsoid of its own place and
    size in a dim, noisy volume."""
    rng = np.random.default_rng(seed)
    grid = np.stack(np.meshgrid(*[np.arange(size)] * 3, indexing="ij"), -1)
    centres = rng.uniform(0.3, 0.7, (11, 3)) * size
    radii = rng.uniform(0.1, 0.25, (11, 3)) * size
    arrays = {}
    for split, n in (("train", n_train), ("val", n_val), ("test", n_test)):
        labels = rng.integers(0, 11, n)
        inside = (((grid[None] - centres[labels][:, None, None, None]) /
                   radii[labels][:, None, None, None]) ** 2).sum(-1) < 1
        volumes = 40 + 160 * inside + rng.normal(0, 20, inside.shape)
        arrays[f"{split}_images"] = np.clip(volumes, 0, 255).astype(np.uint8)
        arrays[f"{split}_labels"] = labels.reshape(-1, 1).astype(np.uint8)
    np.savez(path, **arrays)
    return path


def mosmeddata_zips(folder, n_per_class=8, shape=(64, 64, 24), seed=42):
    """MosMedData's ``CT-0.zip`` and ``CT-23.zip`` as ``keras.utils.get_file`` leaves them in
    ``folder``: each holds ``CT-0/`` (normal lungs) or ``CT-23/`` (ground-glass opacities)
    with one ``study_NNNN.nii.gz`` a scan, ``n_per_class`` of each (were 100), read back by
    ``nifti_load``. A scan is float64 Hounsfield units of ``shape`` (were 512x512 by about
    40 slices): air around -1000, two lungs near -850 in soft tissue near 40, bone above
    400; an abnormal scan's lungs hold brighter patches near -300."""
    rng = np.random.default_rng(seed)
    grid = np.stack(np.meshgrid(*[np.linspace(-1, 1, n) for n in shape], indexing="ij"), -1)
    body = (grid[..., 0] ** 2 / 0.8 + grid[..., 1] ** 2 / 0.6) < 1
    for name, abnormal in (("CT-0", False), ("CT-23", True)):
        with zipfile.ZipFile(os.path.join(folder, name + ".zip"), "w") as z:
            for i in range(n_per_class):
                scan = np.where(body, 40.0, -1000.0) + rng.normal(0, 30, shape)
                for side in (-0.4, 0.4):
                    lung = ((grid[..., 0] - side) ** 2 / 0.08 + grid[..., 1] ** 2 / 0.25) < 1
                    scan[lung] = -850 + rng.normal(0, 30, lung.sum())
                if abnormal:
                    for _ in range(3):
                        centre = rng.uniform(-0.5, 0.5, 3)
                        patch = ((grid - centre) ** 2).sum(-1) < 0.05
                        scan[patch] = -300 + rng.normal(0, 40, patch.sum())
                spine = (grid[..., 0] ** 2 + (grid[..., 1] + 0.55) ** 2) < 0.01
                scan[spine] = 700.0
                buffer = io.BytesIO()
                np.save(buffer, scan)
                z.writestr("%s/study_%04d.nii.gz" % (name, i), buffer.getvalue())
    return folder


class NiftiImage:
    """What ``nibabel.load`` returns, for ``get_fdata()`` (the voxels as float64)."""

    def __init__(self, path):
        self.path = path

    def get_fdata(self):
        return np.load(self.path).astype(np.float64)


def nifti_load(path):
    """Stands in for ``nibabel.load`` (nibabel is not installed beside tf_keras here): the
    scans ``mosmeddata_zips`` writes are NumPy arrays under the ``.nii.gz`` name."""
    return NiftiImage(path)


def horses_or_humans(n_train=64, n_test=32, shape=(96, 96, 3), seed=43):
    """Stands in for ``tfds.load("horses_or_humans", split=[tfds.Split.TRAIN,
    tfds.Split.TEST], as_supervised=True)`` (tensorflow_datasets is not installed beside
    tf_keras here): ``((x_train, y_train), (x_test, y_test))``, uint8 pictures of ``shape``
    (were 1027 and 256 of 300x300x3) and int64 labels, 0 for horses and 1 for humans, each
    class a picture of its own tint with a bright disc (``flower_image``)."""
    rng = np.random.default_rng(seed)
    tints = np.array([[140, 90, 40], [60, 130, 200]])
    labels = (np.arange(n_train + n_test) % 2).astype(np.int64)
    rng.shuffle(labels)
    images = np.stack([flower_image(rng, tints[label], *shape[:2]) for label in labels])
    return (images[:n_train], labels[:n_train]), (images[n_train:], labels[n_train:])


UCF101_TOP5 = ("CricketShot", "PlayingCello", "Punch", "ShavingBeard", "TennisSwing")


def ucf101_top5(root, n_train=30, n_test=10, frames=(5, 12), size=(48, 64), seed=44):
    """What ``ucf101_top5.tar.gz`` unpacks to in ``root``: ``train.csv`` and ``test.csv``
    (columns ``video_name`` and ``tag``, one of the five actions) and the videos in
    ``train/`` and ``test/`` (``n_train`` and ``n_test``, were 594 and 224), read back by
    ``VideoCapture``. A video is 5 to 12 BGR uint8 frames of ``size`` (were about 150 of
    240x320): a disc of the action's colour moving along the action's own path over a
    noisy background."""
    rng = np.random.default_rng(seed)
    colours = np.array([[255, 40, 40], [40, 255, 40], [40, 40, 255], [255, 255, 40],
                        [255, 40, 255]])
    paths = rng.uniform(-1, 1, (len(UCF101_TOP5), 2))
    y, x = np.mgrid[0:size[0], 0:size[1]]
    for split, n in (("train", n_train), ("test", n_test)):
        os.makedirs(os.path.join(root, split), exist_ok=True)
        lines = ["video_name,tag"]
        for i in range(n):
            label = i % len(UCF101_TOP5)
            length = int(rng.integers(frames[0], frames[1] + 1))
            start = rng.uniform(0.3, 0.7, 2) * size
            video = []
            for t in range(length):
                cy, cx = start + paths[label] * t * min(size) / 20
                disc = ((y - cy) ** 2 + (x - cx) ** 2 < (min(size) / 3) ** 2)[..., None]
                frame = disc * colours[label] + rng.uniform(0, 20, size + (3,))
                video.append(np.clip(frame, 0, 255).astype(np.uint8))
            name = "v_%s_g%02d_c01.avi" % (UCF101_TOP5[label], i)
            with open(os.path.join(root, split, name), "wb") as f:
                np.save(f, np.stack(video))
            lines.append("%s,%s" % (name, UCF101_TOP5[label]))
        with open(os.path.join(root, split + ".csv"), "w") as f:
            f.write("\n".join(lines) + "\n")
    return root


class VideoCapture:
    """Stands in for ``cv2.VideoCapture`` (OpenCV is not installed beside tf_keras here)
    on the videos ``ucf101_top5`` writes: ``read()`` returns ``(True, frame)`` for each
    BGR uint8 frame, then ``(False, None)``; ``release()`` closes it."""

    def __init__(self, path):
        self.frames, self.position = np.load(path), 0

    def read(self):
        if self.position >= len(self.frames):
            return False, None
        self.position += 1
        return True, self.frames[self.position - 1]

    def release(self):
        self.frames = self.frames[:0]


def resize(frame, size):
    """Stands in for ``cv2.resize(frame, (width, height))``: bilinear, by Pillow."""
    from PIL import Image
    return np.asarray(Image.fromarray(frame).resize(tuple(size), Image.BILINEAR))


class Column:
    """A column of ``DataFrame``: ``values`` (the NumPy array), ``tolist()``, and the
    array itself to NumPy."""

    def __init__(self, values):
        self.values = values

    def tolist(self):
        return self.values.tolist()

    def __array__(self, dtype=None, copy=None):
        return self.values if dtype is None else self.values.astype(dtype)

    def __len__(self):
        return len(self.values)


class DataFrame:
    """Stands in for the ``pandas.DataFrame`` of ``pandas.read_csv(path)`` (pandas is not
    installed beside tf_keras here): ``len`` is its number of rows, ``frame[name]`` a
    ``Column``, ``sample(n)`` ``n`` rows drawn without replacement (as a dict)."""

    def __init__(self, path):
        self.columns = read_csv(path)

    def __len__(self):
        return len(next(iter(self.columns.values())))

    def __getitem__(self, name):
        return Column(self.columns[name])

    def sample(self, n):
        rows = np.random.choice(len(self), n, replace=False)
        return {name: values[rows] for name, values in self.columns.items()}


def div2k_bicubic_x4(n_train=32, n_val=8, size=(64, 80), seed=45):
    """Stands in for tensorflow_datasets' ``Div2k(config="bicubic_x4")`` splits ``train`` and
    ``validation`` read ``as_supervised`` (tensorflow_datasets and its download are not here):
    ``((lowres, highres), (lowres, highres))`` uint8 arrays, ``n_train`` and ``n_val``
    pictures (were 800 and 100) of ``size`` (were about 1400x2040, of varying sizes) beside
    their bicubic quarter-size versions, as DIV2K's bicubic x4 pairs are made."""
    from PIL import Image
    rng = np.random.default_rng(seed)
    splits = []
    for n in (n_train, n_val):
        highres = np.stack([smooth_picture(rng, *size) for _ in range(n)])
        lowres = np.stack([np.asarray(Image.fromarray(picture).resize(
            (size[1] // 4, size[0] // 4), Image.BICUBIC)) for picture in highres])
        splits.append((lowres, highres))
    return tuple(splits)


def lol_dataset(root, n_our485=48, n_eval15=2, size=(40, 48), seed=46):
    """What ``lol_dataset.zip`` (the LOw-Light dataset, LOL) unzips to in ``root``:
    ``lol_dataset/our485/low`` and ``high`` with ``n_our485`` PNG pictures each (were 485)
    and ``lol_dataset/eval15/low`` and ``high`` with ``n_eval15`` (were 15), of ``size``
    (were 400x600); a low-light picture is its normal-light twin darkened to about a tenth,
    with a little noise."""
    from PIL import Image   # only the image makers write image files
    rng = np.random.default_rng(seed)
    for split, n in (("our485", n_our485), ("eval15", n_eval15)):
        for light in ("low", "high"):
            os.makedirs(os.path.join(root, "lol_dataset", split, light), exist_ok=True)
        for i in range(n):
            high = smooth_picture(rng, *size)
            low = np.clip(high * rng.uniform(0.05, 0.15) + rng.uniform(0, 4, high.shape),
                          0, 255).astype(np.uint8)
            for light, picture in (("low", low), ("high", high)):
                Image.fromarray(picture).save(os.path.join(
                    root, "lol_dataset", split, light, "%d.png" % (1 + 7 * i)))
    return root


class Discrete:
    """Stands in for ``gym.spaces.Discrete(n)``: the actions 0 .. n-1."""

    def __init__(self, n, seed=None):
        self.n, self.shape, self.dtype = n, (), np.dtype(np.int64)
        self.np_random = np.random.RandomState(seed)

    def sample(self):
        return int(self.np_random.randint(self.n))

    def contains(self, x):
        if isinstance(x, (np.generic, np.ndarray)) and x.dtype.kind in "iu" and x.shape == ():
            x = int(x)
        return isinstance(x, int) and 0 <= x < self.n

    def __repr__(self):
        return "Discrete(%d)" % self.n


class Box:
    """Stands in for ``gym.spaces.Box(low, high)``: a float32 box of the shape of ``low``."""

    def __init__(self, low, high, dtype=np.float32):
        self.low, self.high = np.asarray(low, dtype), np.asarray(high, dtype)
        self.shape, self.dtype = self.low.shape, np.dtype(dtype)

    def contains(self, x):
        x = np.asarray(x)
        return x.shape == self.shape and bool(np.all((x >= self.low) & (x <= self.high)))

    def __repr__(self):
        return "Box(%s, %s, %s, %s)" % (self.low.min(), self.high.max(), self.shape, self.dtype)


class CartPoleEnv:
    """Stands in for gym's ``CartPole`` (gym is not installed beside tf_keras here), as
    ``gym.make`` returned it in the gym 0.17-0.21 years of the tf.keras examples: the
    cart-pole of Barto, Sutton and Anderson (1983), a pole hinged on a cart that a force of
    10 N pushes left (action 0) or right (action 1), integrated by explicit Euler steps of
    0.02 s; observation ``[x, x_dot, theta, theta_dot]`` (float32, in the Box whose bounds
    are twice the failure thresholds), each entry drawn uniformly in [-0.05, 0.05] by
    ``reset()``; ``step(action)`` returns ``(observation, reward, done, info)`` with reward
    1.0 for each step, the falling one included; an episode ends when ``|x| > 2.4`` or
    ``|theta| > 12`` degrees, or after ``max_episode_steps`` steps (the ``TimeLimit``
    wrapper: 200 for CartPole-v0, 500 for v1; ``info["TimeLimit.truncated"]`` then says the
    pole was still up). ``seed(n)`` (or ``reset(seed=n)``, as gym 0.22+ spells it) seeds a
    NumPy ``RandomState(n)`` (gym hashes the seed first, so its starting states differ)."""

    gravity, masscart, masspole, length, force_mag, tau = 9.8, 1.0, 0.1, 0.5, 10.0, 0.02
    theta_threshold_radians = 12 * 2 * np.pi / 360
    x_threshold = 2.4

    def __init__(self, max_episode_steps=200):
        self.max_episode_steps = max_episode_steps
        big = np.finfo(np.float32).max
        high = np.array([self.x_threshold * 2, big, self.theta_threshold_radians * 2, big],
                        dtype=np.float32)
        self.observation_space = Box(-high, high)
        self.action_space = Discrete(2)
        self.np_random = np.random.RandomState()
        self.state = None
        self.elapsed_steps = None
        self.steps_beyond_done = None

    def seed(self, seed=None):
        self.np_random = np.random.RandomState(seed)
        return [seed]

    def reset(self, seed=None):
        if seed is not None:
            self.seed(seed)
        self.state = self.np_random.uniform(low=-0.05, high=0.05, size=(4,))
        self.elapsed_steps, self.steps_beyond_done = 0, None
        return np.array(self.state, dtype=np.float32)

    def dynamics(self, state, force):
        """One Euler step of the cart-pole equations (pole of half-length ``length``)."""
        x, x_dot, theta, theta_dot = state
        cos, sin = np.cos(theta), np.sin(theta)
        total_mass = self.masspole + self.masscart
        pole_moment = self.masspole * self.length
        temp = (force + pole_moment * theta_dot ** 2 * sin) / total_mass
        theta_acc = (self.gravity * sin - cos * temp) / (
            self.length * (4.0 / 3.0 - self.masspole * cos ** 2 / total_mass))
        x_acc = temp - pole_moment * theta_acc * cos / total_mass
        return (x + self.tau * x_dot, x_dot + self.tau * x_acc,
                theta + self.tau * theta_dot, theta_dot + self.tau * theta_acc)

    def step(self, action):
        if self.elapsed_steps is None:
            raise AssertionError("Cannot call env.step() before calling reset()")
        if not self.action_space.contains(action):
            raise AssertionError("%r (%s) invalid" % (action, type(action)))
        force = self.force_mag if int(action) == 1 else -self.force_mag
        self.state = self.dynamics(self.state, force)
        x, _, theta, _ = self.state
        done = bool(abs(x) > self.x_threshold or abs(theta) > self.theta_threshold_radians)
        if not done:
            reward = 1.0
        elif self.steps_beyond_done is None:
            self.steps_beyond_done, reward = 0, 1.0
        else:
            self.steps_beyond_done += 1
            reward = 0.0
        info = {}
        self.elapsed_steps += 1
        if self.elapsed_steps >= self.max_episode_steps:
            info["TimeLimit.truncated"] = not done
            done = True
        return np.array(self.state, dtype=np.float32), reward, done, info

    def render(self, mode="human"):
        return None

    def close(self):
        return None


class gym:
    """``import gym``'s ``gym.make`` for the two cart-poles (see ``CartPoleEnv``)."""

    STEP_LIMITS = {"CartPole-v0": 200, "CartPole-v1": 500}

    @staticmethod
    def make(id):
        if id not in gym.STEP_LIMITS:
            raise ValueError("corpus_data.gym makes only %s, not %r" % (sorted(gym.STEP_LIMITS), id))
        return CartPoleEnv(max_episode_steps=gym.STEP_LIMITS[id])


def pet_with_trimap(rng, height, width):
    """One Oxford-pets-like picture and its trimap, as ``oxford_pets`` draws them: a bright
    disc (the pet, 1) on a tinted background (2), with the disc's outline 3; uint8
    (height, width, 3) and (height, width)."""
    y, x = np.mgrid[0:height, 0:width]
    cy, cx = rng.uniform(0.3, 0.7) * height, rng.uniform(0.3, 0.7) * width
    distance = np.sqrt((y - cy) ** 2 + (x - cx) ** 2) / (0.3 * min(height, width))
    trimap = np.where(distance < 0.85, 1, np.where(distance < 1.15, 3, 2)).astype(np.uint8)
    pixels = (0.5 * rng.uniform(0, 255, 3) + 0.35 * 255 * (trimap == 1)[..., None]
              + rng.uniform(0, 40, (height, width, 3)))
    return np.clip(pixels, 0, 255).astype(np.uint8), trimap


def oxford_iiit_pet(n_train=64, n_test=80, height=48, width=56, seed=41):
    """Stands in for ``tfds.load('oxford_iiit_pet:3.*.*')`` (tensorflow_datasets is not
    installed beside tf_keras here): for ``"train"`` and ``"test"``, the dict of features
    each of its examples has, as NumPy columns to slice into a ``tf.data.Dataset``:
    ``image`` uint8 (height, width, 3), ``segmentation_mask`` uint8 (height, width, 1) of
    the trimap's classes 1-3, ``label`` (the breed, int64 0-36), ``species`` (int64, 0 cat,
    1 dog) and ``file_name`` (bytes). All pictures are one size (the real ones vary)."""
    rng = np.random.default_rng(seed)
    splits = {}
    for split, n in (("train", n_train), ("test", n_test)):
        pictures = [pet_with_trimap(rng, height, width) for _ in range(n)]
        label = rng.integers(0, 37, n).astype(np.int64)
        splits[split] = {
            "file_name": np.array([f"{split}_{i + 1}.jpg".encode() for i in range(n)]),
            "image": np.stack([image for image, _ in pictures]),
            "label": label,
            "segmentation_mask": np.stack([trimap for _, trimap in pictures])[..., None],
            "species": (label >= 12).astype(np.int64),
        }
    return splits


def pix2pix_upsample(filters, size, norm_type="batchnorm", apply_dropout=False):
    """Stands in for ``tensorflow_examples.models.pix2pix.pix2pix.upsample`` (the
    tensorflow_examples package is not installed here), written after what it builds: a
    Sequential of a ``Conv2DTranspose`` that doubles the height and width (stride 2,
    ``same`` padding, no bias, kernel drawn from N(0, 0.02)), a ``BatchNormalization``,
    a ``Dropout(0.5)`` when asked, then ``ReLU``. Only the batchnorm norm_type is here."""
    import tensorflow as tf
    if norm_type != "batchnorm":
        raise ValueError(f"this stand-in builds only norm_type='batchnorm', not {norm_type!r}")
    block = tf.keras.Sequential()
    block.add(tf.keras.layers.Conv2DTranspose(
        filters, size, strides=2, padding="same",
        kernel_initializer=tf.random_normal_initializer(0.0, 0.02), use_bias=False))
    block.add(tf.keras.layers.BatchNormalization())
    if apply_dropout:
        block.add(tf.keras.layers.Dropout(0.5))
    block.add(tf.keras.layers.ReLU())
    return block


def npairs_loss(y_true, y_pred):
    """Stands in for ``tfa.losses.npairs_loss`` (TensorFlow Addons is not installed beside
    tf_keras here), computed in TensorFlow ops as TensorFlow Addons computes it: each row of
    the similarity matrix ``y_pred`` (batch, batch) is a row of logits whose labels are the
    samples of the same class (an equality of ``y_true`` with its transpose, each row
    divided by its sum), the softmax cross-entropy of each row, and their mean."""
    import tensorflow as tf
    y_pred = tf.convert_to_tensor(y_pred)
    y_true = tf.cast(y_true, y_pred.dtype)
    y_true = tf.expand_dims(y_true, -1)
    y_true = tf.cast(tf.equal(y_true, tf.transpose(y_true)), y_pred.dtype)
    y_true /= tf.math.reduce_sum(y_true, 1, keepdims=True)
    loss = tf.nn.softmax_cross_entropy_with_logits(logits=y_pred, labels=y_true)
    return tf.math.reduce_mean(loss)


class tfa:
    """``import tensorflow_addons as tfa``'s ``tfa.losses.npairs_loss``."""

    class losses:
        npairs_loss = staticmethod(npairs_loss)


def small_resnet_v2(include_top=False, weights=None, input_shape=None, pooling="avg",
                    stacks=((8, 2, 2), (16, 2, 1))):
    """Stands in for ``keras.applications.ResNet50V2(include_top=False, weights=None,
    input_shape=..., pooling="avg")``, whose 23.5 million weights take seconds to draw and
    each step seconds to train on NumPy: a functional model of the same kind (a 7x7 strided
    stem and a max pooling, then stacks of pre-activation bottleneck blocks, each a
    BatchNormalization and relu before a 1x1, a padded 3x3 and a 1x1 convolution added to
    a shortcut, the last block of a stack striding; a final BatchNormalization, relu and
    global average pooling), with Keras's layer names, but 16 stem filters and two stacks of
    two blocks of 8 and 16 filters (``stacks``: filters, blocks, last stride; ResNet50V2 has
    64 stem filters and four stacks of 3, 4, 6 and 3 blocks of 64 to 512 filters), so its
    features are 64 wide (were 2048)."""
    from tensorflow import keras
    from tensorflow.keras import layers
    if include_top or weights is not None or pooling != "avg":
        raise ValueError("small_resnet_v2 stands in for include_top=False, weights=None, "
                         "pooling='avg' only")

    def block(x, filters, stride, conv_shortcut, name):
        preact = layers.BatchNormalization(epsilon=1.001e-5, name=name + "_preact_bn")(x)
        preact = layers.Activation("relu", name=name + "_preact_relu")(preact)
        if conv_shortcut:
            shortcut = layers.Conv2D(4 * filters, 1, strides=stride, name=name + "_0_conv")(preact)
        elif stride > 1:
            shortcut = layers.MaxPooling2D(1, strides=stride)(x)
        else:
            shortcut = x
        x = layers.Conv2D(filters, 1, use_bias=False, name=name + "_1_conv")(preact)
        x = layers.BatchNormalization(epsilon=1.001e-5, name=name + "_1_bn")(x)
        x = layers.Activation("relu", name=name + "_1_relu")(x)
        x = layers.ZeroPadding2D(padding=((1, 1), (1, 1)), name=name + "_2_pad")(x)
        x = layers.Conv2D(filters, 3, strides=stride, use_bias=False, name=name + "_2_conv")(x)
        x = layers.BatchNormalization(epsilon=1.001e-5, name=name + "_2_bn")(x)
        x = layers.Activation("relu", name=name + "_2_relu")(x)
        x = layers.Conv2D(4 * filters, 1, name=name + "_3_conv")(x)
        return layers.Add(name=name + "_out")([shortcut, x])

    inputs = keras.Input(shape=input_shape)
    x = layers.ZeroPadding2D(padding=((3, 3), (3, 3)), name="conv1_pad")(inputs)
    x = layers.Conv2D(16, 7, strides=2, name="conv1_conv")(x)
    x = layers.ZeroPadding2D(padding=((1, 1), (1, 1)), name="pool1_pad")(x)
    x = layers.MaxPooling2D(3, strides=2, name="pool1_pool")(x)
    for number, (filters, blocks, last_stride) in enumerate(stacks, start=2):
        for index in range(1, blocks + 1):
            x = block(x, filters, last_stride if index == blocks else 1, index == 1,
                      f"conv{number}_block{index}")
    x = layers.BatchNormalization(epsilon=1.001e-5, name="post_bn")(x)
    x = layers.Activation("relu", name="post_relu")(x)
    x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
    return keras.Model(inputs, x, name="small_resnet_v2")
# pictures of keras.io's and TensorFlow's image examples (style transfer, Deep Dream, FGSM)

EXAMPLE_PICTURES = {"paris.jpg": ((150, 140, 120), (60, 90)),
                    "starry_night.jpg": ((40, 60, 140), (60, 76)),
                    "sky.jpg": ((120, 170, 230), (160, 220)),
                    "YellowLabradorLooking_new.jpg": ((220, 190, 120), (72, 96))}


def example_picture(folder, fname, seed=42):
    """What ``keras.utils.get_file(fname, ...)`` fetches for an image example
    (``paris.jpg`` and ``starry_night.jpg`` of keras.io's style transfer, ``sky.jpg`` of its
    Deep Dream, ``YellowLabradorLooking_new.jpg`` of TensorFlow's FGSM tutorial), a small
    JPEG file (the real ones are a few hundred pixels a side) written into
    ``folder/datasets/``, where ``get_file`` given ``cache_dir=folder`` finds it. Returns its
    path."""
    from PIL import Image   # only the image makers write image files
    tint, size = EXAMPLE_PICTURES[fname]
    path = os.path.join(folder, "datasets", fname)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    rng = np.random.default_rng(seed + sorted(EXAMPLE_PICTURES).index(fname))
    Image.fromarray(flower_image(rng, tint, *size)).save(path, quality=90)
    return path


def decode_predictions(preds, top=5):
    """Stands in for ``keras.applications.<model>.decode_predictions``, which reads
    ImageNet's class index, a download Keras checks by its MD5 hash (no stand-in passes):
    for each row of ``preds`` (n, 1000), its ``top`` classes as Keras gives them, a list of
    ``(class id, class name, score)`` tuples from the highest score down, the id and name
    made from the class's index (``"n00000208"``, ``"class_208"``)."""
    preds = np.asarray(preds)
    if preds.ndim != 2 or preds.shape[1] != 1000:
        raise ValueError("`decode_predictions` expects a batch of predictions (i.e. a 2D "
                         f"array of shape (samples, 1000)). Received array with shape: "
                         f"{preds.shape}")
    return [[(f"n{i:08d}", f"class_{i}", row[i]) for i in row.argsort()[-top:][::-1]]
            for row in preds]


def omniglot(split, n_characters=None, per_character=20, size=35, seed=43):
    """Stands in for ``tfds.load("omniglot", split=split, as_supervised=True)``'s elements:
    ``(images, labels)``, uint8 (n, size, size, 3) pictures (were 105 x 105) of dark strokes
    on white, the same in the three channels as Omniglot's, and int64 character labels,
    ``per_character`` pictures of each character (as Omniglot's 20); ``"train"`` holds 20
    characters (were 964) and ``"test"`` 10 others (were 659). Each character is a few
    strokes, and each of its pictures those strokes moved by a pixel or two."""
    n_characters = n_characters or {"train": 20, "test": 10}[split]
    rng = np.random.default_rng(seed + (split == "test"))
    first = 0 if split == "train" else 1000
    images, labels = [], []
    for character in range(n_characters):
        strokes = rng.integers(4, size - 4, (3, 4))    # three lines: y0, x0, y1, x1
        for _ in range(per_character):
            picture = np.full((size, size), 255, np.uint8)
            dy, dx = rng.integers(-2, 3, 2)
            for y0, x0, y1, x1 in strokes:
                t = np.linspace(0, 1, 2 * size)
                ys = np.clip(np.round(y0 + dy + t * (y1 - y0)).astype(int), 0, size - 1)
                xs = np.clip(np.round(x0 + dx + t * (x1 - x0)).astype(int), 0, size - 1)
                picture[ys, xs] = 0
            images.append(np.repeat(picture[..., None], 3, axis=-1))
            labels.append(first + character)
    return np.stack(images), np.array(labels, dtype=np.int64)


STL10_CLASSES = ("airplane", "bird", "car", "cat", "deer", "dog", "horse", "monkey", "ship",
                 "truck")


def stl10(split, size=32, seed=44):
    """Stands in for ``tfds.load("stl10", split=split, as_supervised=True)``'s elements:
    ``(images, labels)``, uint8 (n, size, size, 3) pictures (were 96x96) and int64 labels
    of the ten classes, each a tinted picture with a bright disc (``flower_image``);
    ``"train"`` holds 20 labelled pictures (were 5000), ``"test"`` 40 (were 8000) and
    ``"unlabelled"`` 100 (were 100000), whose labels are -1 as the dataset's are."""
    n = {"train": 20, "test": 40, "unlabelled": 100}[split]
    tints = np.random.default_rng(seed).uniform(0, 255, (len(STL10_CLASSES), 3))
    rng = np.random.default_rng(seed + 1 + ("train", "test", "unlabelled").index(split))
    labels = classes_of(n, len(STL10_CLASSES), rng).astype(np.int64)
    images = np.stack([flower_image(rng, tints[label], size, size) for label in labels])
    return images, (np.full(n, -1, np.int64) if split == "unlabelled" else labels)
