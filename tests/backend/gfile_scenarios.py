"""The steps of ``tf.io.gfile`` and ``tf.io.write_file`` tracekeras must share with TensorFlow.

``STEPS`` run in order in one fresh empty folder (the working folder while they run):
``(name, call, check)``, ``call(tf)`` a result or an error (``check``: how its message is
compared, ``tf_cases.assert_same``). Lists of names are sorted (TensorFlow's order is
the file system's). Written by ``make_tf_case_fixtures.py gfile`` into
``data/tf_gfile.json``, run on tracekeras by ``test_gfile.py``. Plain Python only.
"""


def written(tf, path, text, mode="w"):
    with tf.io.gfile.GFile(path, mode) as f:
        f.write(text)
    return tf.io.gfile.GFile(path, "rb").read()


def walked(tf, top):
    return [(folder, sorted(subfolders), sorted(files))
            for folder, subfolders, files in sorted(tf.io.gfile.walk(top))]


def seek_and_tell(tf):
    f = tf.io.gfile.GFile("a/f.txt")
    first = f.read(2)
    where = f.tell()
    f.seek(0)
    return first, where, f.read(1)


STEPS = [
    ("exists_missing", lambda tf: tf.io.gfile.exists("nope"), "exact"),
    ("makedirs", lambda tf: tf.io.gfile.makedirs("a/b/c"), "exact"),
    ("makedirs_again", lambda tf: tf.io.gfile.makedirs("a/b/c"), "exact"),
    ("mkdir_existing", lambda tf: tf.io.gfile.mkdir("a"), "exact"),
    ("mkdir_without_parent", lambda tf: tf.io.gfile.mkdir("x/y"), "exact"),
    ("isdir", lambda tf: [tf.io.gfile.isdir("a/b"), tf.io.gfile.isdir("nope")], "exact"),
    ("write_text", lambda tf: written(tf, "a/f.txt", "hello\nworld\n"), "exact"),
    ("write_bytes", lambda tf: written(tf, "a/g.bin", b"\x00\x01ab", "wb"), "exact"),
    ("write_bytes_in_text_mode", lambda tf: written(tf, "a/t.txt", b"caf\xc3\xa9"), "exact"),
    ("write_text_in_bytes_mode", lambda tf: written(tf, "a/t.txt", "café", "wb"), "exact"),
    ("read_text", lambda tf: tf.io.gfile.GFile("a/f.txt").read(), "exact"),
    ("read_bytes", lambda tf: tf.io.gfile.GFile("a/f.txt", "rb").read(), "exact"),
    ("read_some", lambda tf: tf.io.gfile.GFile("a/f.txt").read(3), "exact"),
    ("readline", lambda tf: tf.io.gfile.GFile("a/f.txt").readline(), "exact"),
    ("readlines", lambda tf: tf.io.gfile.GFile("a/f.txt").readlines(), "exact"),
    ("iterate", lambda tf: list(tf.io.gfile.GFile("a/f.txt")), "exact"),
    ("size", lambda tf: tf.io.gfile.GFile("a/f.txt").size(), "exact"),
    ("seek_tell", seek_and_tell, "exact"),
    ("name_mode", lambda tf: [tf.io.gfile.GFile("a/f.txt").name,
                              tf.io.gfile.GFile("a/f.txt", "rb").mode], "exact"),
    ("append", lambda tf: written(tf, "a/f.txt", "more", "a"), "exact"),
    ("listdir", lambda tf: sorted(tf.io.gfile.listdir("a")), "exact"),
    ("listdir_missing", lambda tf: tf.io.gfile.listdir("zzz"), "exact"),
    ("listdir_file", lambda tf: tf.io.gfile.listdir("a/f.txt"), "exact"),
    ("glob", lambda tf: sorted(tf.io.gfile.glob("a/*.txt")), "exact"),
    ("glob_all", lambda tf: sorted(tf.io.gfile.glob("a/*")), "exact"),
    ("glob_nothing", lambda tf: tf.io.gfile.glob("q/*.txt"), "exact"),
    ("read_missing", lambda tf: tf.io.gfile.GFile("nope.txt").read(), "exact"),
    ("write_in_missing_folder", lambda tf: written(tf, "m/n.txt", "x"), "exact"),
    ("bad_mode", lambda tf: tf.io.gfile.GFile("a/f.txt", "z").read(), "exact"),
    ("remove_missing", lambda tf: tf.io.gfile.remove("nope.txt"), "exact"),
    ("remove_text", lambda tf: tf.io.gfile.remove("a/t.txt"), "exact"),
    ("remove_folder", lambda tf: tf.io.gfile.remove("a/b"), "exact"),
    ("remove", lambda tf: [tf.io.gfile.remove("a/g.bin"), tf.io.gfile.exists("a/g.bin")],
     "exact"),
    ("copy", lambda tf: [tf.io.gfile.copy("a/f.txt", "a/h.txt"),
                         tf.io.gfile.GFile("a/h.txt").read()], "exact"),
    ("copy_onto_existing", lambda tf: tf.io.gfile.copy("a/f.txt", "a/h.txt"), "exact"),
    ("copy_overwrite", lambda tf: tf.io.gfile.copy("a/f.txt", "a/h.txt", overwrite=True),
     "exact"),
    ("rename", lambda tf: [tf.io.gfile.rename("a/h.txt", "a/i.txt"),
                           sorted(tf.io.gfile.listdir("a"))], "exact"),
    ("rename_onto_existing", lambda tf: tf.io.gfile.rename("a/i.txt", "a/f.txt"), "exact"),
    ("walk", lambda tf: walked(tf, "a"), "exact"),
    ("stat", lambda tf: [tf.io.gfile.stat("a/f.txt").length,
                         tf.io.gfile.stat("a/b").is_directory], "exact"),
    ("rmtree", lambda tf: [tf.io.gfile.rmtree("a/b"), tf.io.gfile.exists("a/b")], "exact"),
    ("rmtree_missing", lambda tf: tf.io.gfile.rmtree("a/b"), "exact"),
    ("join", lambda tf: tf.io.gfile.join("a", "b", "c.txt"), "exact"),
    ("write_file", lambda tf: [tf.io.write_file("a/w.bin", tf.constant("bytes!")),
                               tf.io.gfile.GFile("a/w.bin", "rb").read()], "exact"),
    ("write_file_makes_folders", lambda tf: [tf.io.write_file("a/new/dir/w.bin", "x"),
                                             tf.io.gfile.exists("a/new/dir/w.bin")], "exact"),
    ("write_file_not_scalar", lambda tf: tf.io.write_file("a/w2.bin", ["x", "y"]), "kernel"),
]
