"""Folding repeated steps while the trace is read: most steps never become nodes.

What it owns: the light reading of loop steps inside :func:`visualize.reading.grow`.
:func:`visualize.spans.fold_steps` hides every step of a parent that has the common
call structure, is neither the first nor the last of its kind there, and is not
notable (an error, a cut-off span, a stop). Built as nodes and folded afterwards,
a long run's million records become half a million nodes only to be dropped. So,
when folding, a step span (stage "step" with a ``kind``) is read *light*: its own
node is made as usual, but the records below it are only

- kept aside (the step's ``records``, a few dozen),
- written down as its call structure, flat, as ``spans.structure_id`` writes it
  ((depth below the step, name, kind, raised) of each span and instant in order),
  numbered in the table the folding pass uses.

When the step ends, it is one of three:

- the first step of its structure under its parent and kind (the one a fold would
  show as its sample), or a step that ends while another of its kind waits: its
  kept records are *grafted* (made into nodes under it) at once;
- otherwise it *waits* (``Group.waiting``): when the next step of its kind begins
  under the same parent it becomes a *shell* (its node without children, its number
  in ``shapes``), and if none begins (the last step) it is grafted at the end.

Anything the light reading does not model — a record that is not a plain span or
instant, an error or a cut-off mark, a stop, a nested step, a fold, an id met twice,
a record that starts before the one read before it in the step, a span too deep, a
step ending with spans still open inside it — *gives the step back*: its kept
records and the record at hand go back to the reader's queue and are read again as
nodes (:meth:`StepReader.give_back`), exactly as if they had never been read light.

What it hands on: the shells and their numbers (``shapes``, ``structures``) to
``spans.fold_steps``, which must hide every shell; ``spans.build`` checks that and
otherwise reads the trace again without light steps, so the tree is always the one
the plain reading would fold to.
"""
import collections

from tracekeras.tracing import validate

from . import spans as spans_mod


class LightStep:
    """A step read light: its node, its group, its kept records, its structure so far.

    The reader's map points at it (with a depth) from the id of every span open
    inside it; nothing in it points back, so a step read is freed without the cyclic
    collector, which is off while a tree grows.
    """

    __slots__ = ("node", "group", "records", "entries", "open", "last", "room")

    def __init__(self, node, group):
        self.node, self.group = node, group
        self.records = []
        self.entries = []                 # (depth, name, kind, raised) in call order
        self.open = 0                     # spans begun inside it and not yet ended
        self.last = node.start            # the start of the last record read in it
        self.room = validate.MAX_SPAN_DEPTH - node.depth   # depths below it allowed


class Group:
    """The steps of one kind under one parent: what the light reading needs to know."""

    __slots__ = ("samples", "waiting")

    def __init__(self):
        self.samples = set()    # structure numbers already grafted once
        self.waiting = None     # (node, records) of the latest step, until the next begins


class StepReader:
    """The light reading of the steps of one trace (see the module docstring).

    ``frames`` maps the id of every span open inside a light step (and of the step
    itself) to (its :class:`LightStep`, its depth below the step); ``queue`` is where
    given-back records go, read again before the next record of the trace.
    """

    def __init__(self, open_spans, seen):
        self.open_spans, self.seen = open_spans, seen
        self.frames = {}
        self.queue = collections.deque()
        self.groups = {}
        self.stepped = {}       # id(span) -> is it a step or inside one (inside_a_step)
        self.structures, self.shapes, self.shells = seen.structures, seen.shapes, seen.shells

    def feed(self, records):
        """The records, each followed by what was given back while it was read."""
        queue = self.queue
        for record in records:
            yield record
            while queue:
                yield queue.popleft()
        self.read_the_rest()
        while queue:
            yield queue.popleft()

    def begin(self, node, parent):
        """A step span begins (its node made and hung): read it light, or not for the first
        of its kind under ``parent`` (always kept), a step with a mark on its begin and a
        step inside a step (the outer step's structure is taken before inner folds)."""
        args = node.args
        if self.inside_a_step(parent):
            return
        key = (id(parent), args["kind"])
        group = self.groups.get(key)
        if group is None:
            self.groups[key] = Group()
            return
        if group.waiting is not None:       # the waiting step was not the last: a shell
            self.shells.append(group.waiting[0])
            group.waiting = None
        if node.unfinished or "stop_training" in args or "folded" in args:
            return
        self.frames[node.id] = (LightStep(node, group), 0)

    def inside_a_step(self, node):
        """Is ``node`` a step or inside one? (Each span asked about is walked up once:
        ``stepped`` remembers the answer for it and for the spans above it.)"""
        path, stepped = [], self.stepped
        while node is not None and id(node) not in stepped:
            path.append(node)
            node = node.parent
        answer = stepped[id(node)] if node is not None else False
        for above in reversed(path):
            answer = answer or spans_mod.is_step(above)
            stepped[id(above)] = answer
        return answer

    def take(self, r, ph):
        """Read ``r`` light if it belongs to a light step: True (taken), None (not one of
        a light step's: read it as a node), or the :class:`LightStep` whose own end ``r``
        is (read it as a node, then call :meth:`end`)."""
        frames = self.frames
        if ph == "E":
            plain = type(r) is tuple        # a plain end, (id, ts): nothing on it
            sid = r[0] if plain else r["id"]
            frame = frames.get(sid)
            if frame is None:
                return None
            step, depth = frame
            args = None if plain else r.get("args")
            if ((depth == 0 and step.open) or not plain and (
                    r.get("error") or r.get("unfinished")
                    or (args and ("stop_training" in args or "folded" in args
                                  or "kind" in args)))):
                return self.give_back(step, r)
            del frames[sid]
            if depth == 0:               # the step's own end
                return step
            step.open -= 1
            step.records.append(r)
            return True
        get = r.get
        frame = frames.get(get("parent"))
        sid = get("id")
        if frame is None:
            if ph == "B" and sid in frames:     # an id met twice: read that step as nodes
                return self.give_back(frames[sid][0], r)
            return None
        step, depth = frame
        ts, args = get("ts") or 0, get("args")
        if (ts < step.last or depth >= step.room or get("unfinished")
                or (args and ("stop_training" in args or "folded" in args
                              or ("kind" in args and get("stage") == "step")))):
            return self.give_back(step, r)
        step.last = ts
        if ph == "B":
            if sid in frames or sid in self.open_spans:
                return self.give_back(step, r)
            frames[sid] = (step, depth + 1)
            step.open += 1
            step.entries.append((depth + 1, r["name"], "span", False))
        elif ph == "i":
            step.entries.append((depth + 1, r["name"], "instant", False))
        else:
            return self.give_back(step, r)
        step.records.append(r)
        return True

    def take_begin(self, r):
        """:meth:`take` for a plain begin tuple (``jsonl.begin_match``: no mark, no fold, its
        args as text): True (taken) or False (not one of a light step's: make it a node).
        A key the light reading asks about is looked for in the args text (a string value
        saying it too only sends the step to the plain reading)."""
        sid, parent, name, _, stage, ts, args, _, _ = r
        frames = self.frames
        frame = frames.get(parent)
        if frame is None:
            if sid in frames:     # an id met twice: read that step as nodes
                return self.give_back(frames[sid][0], r)
            return False
        step, depth = frame
        if (ts < step.last or depth >= step.room or '"stop_training"' in args
                or ('"kind"' in args and stage == "step")
                or sid in frames or sid in self.open_spans):
            return self.give_back(step, r)
        step.last = ts
        frames[sid] = (step, depth + 1)
        step.open += 1
        step.entries.append((depth + 1, name, "span", False))
        step.records.append(r)
        return True

    def end(self, step):
        """A light step has ended (its end record read as usual): graft it, or let it wait."""
        node, group = step.node, step.group
        number = self.structures.setdefault(tuple(step.entries), len(self.structures))
        self.shapes[id(node)] = number
        if number not in group.samples or group.waiting is not None:
            group.samples.add(number)
            graft(node, step.records, self.seen)
        else:
            group.waiting = (node, step.records)

    def give_back(self, step, r):
        """Stop reading ``step`` light: its kept records and ``r`` are read again as nodes
        (before any given back earlier and not yet read again: they came later)."""
        self.forget(step)
        self.queue.appendleft(r)
        self.queue.extendleft(reversed(step.records))
        return True

    def forget(self, step):
        frames = self.frames
        begun = [x[0] if type(x) is tuple else x["id"] for x in step.records
                 if type(x) is not tuple and x["ph"] == "B" or type(x) is tuple and len(x) > 2]
        for sid in [step.node.id] + begun:
            frame = frames.get(sid)
            if frame is not None and frame[0] is step:
                del frames[sid]

    def read_the_rest(self):
        """The trace has ended: each step still waiting was the last of its kind, and a
        step still open is read as nodes (the reader closes it, marked unfinished)."""
        for group in self.groups.values():
            if group.waiting is not None:
                graft(*group.waiting, self.seen)
                group.waiting = None
        open_steps = {id(step): step for step, depth in self.frames.values() if depth == 0}
        for step in open_steps.values():
            self.forget(step)
            self.queue.extend(step.records)


def graft(node, records, seen):
    """Make the kept records of a light step into nodes under its ``node``.

    The records are plain (the light reading gave back any other): spans and instants
    in time order, each span ended inside the step, none raised or cut off. They are
    read by ``reading.grow`` (the reader's own loop; a step is grafted once per kind, so
    this is off the reader's hot path) and the tree it grows is hung under ``node``.
    """
    from . import reading  # it imports this module
    tree, _, grown = reading.grow(records)
    for child in tree.children or ():
        node.add(child)
        for below in child.walk():
            if below is not child:
                below.depth += node.depth
    for parent in grown.step_parents.values():
        parent = node if parent is tree else parent
        seen.step_parents[id(parent)] = parent
