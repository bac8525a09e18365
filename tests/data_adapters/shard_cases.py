"""``Dataset.shard`` cases run the same way on real TensorFlow (make_shard_fixture.py) and on
tracekeras (test_shard.py): the elements and cardinality of each shard of known, infinite
and unknown inputs, batched shards (the simple-audio tutorial splits a validation set so),
and the errors for a bad count or index. Plain Python here, no TensorFlow import."""


def facts(tf):
    ds = tf.data.Dataset.range(7)
    out = {"shards": [], "errors": {}}
    for num_shards, index in [(3, 0), (3, 1), (3, 2), (1, 0), (10, 8), (2, 1)]:
        shard = ds.shard(num_shards, index)
        out["shards"].append([num_shards, index, [int(x) for x in shard.as_numpy_iterator()],
                              int(shard.cardinality())])
    batched = ds.batch(3).shard(num_shards=2, index=1)
    out["batched"] = [[int(x) for x in b] for b in batched.as_numpy_iterator()]
    out["infinite"] = int(ds.repeat().shard(2, 0).cardinality())
    out["unknown"] = int(ds.filter(lambda x: x > 1).shard(2, 0).cardinality())
    out["repr"] = repr(ds.shard(2, 0))
    for name, args in {"zero_shards": (0, 0), "index_too_big": (2, 2),
                       "negative_index": (2, -1)}.items():
        try:
            ds.shard(*args)
            out["errors"][name] = None
        except Exception as e:  # noqa: BLE001 - the error's type and text are the fact
            out["errors"][name] = [type(e).__name__, str(e)]
    return out
