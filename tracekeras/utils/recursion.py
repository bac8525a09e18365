"""Deep recursion without Python's recursion limit (no Keras counterpart: Keras just recurses).

What it owns: ``run_recursion``, the trampoline behind a function written in Keras's
recursive shape as a generator: where Keras calls itself, the generator ``yield``s the
inner call (``yield helper(...)``). A 10,000-layer chain would otherwise need 10,000
Python frames, past the interpreter's default limit of 1,000.

What it receives: the generator of the outermost call.

What it hands on: nothing (the calls work on the structures they are given), or the
exception a call raised, after every call has run in the order plain recursion gives.

Trace events: none (the generators trace themselves, with ordinary ``with`` spans).
"""


def run_recursion(call):
    """Run the recursive generator ``call``, keeping its calls on a list instead of the stack.

    Each yielded generator runs to its end before its caller resumes; an exception it
    raises is raised again in its caller at the ``yield``, so ``with`` blocks and ``try``
    statements unwind as in the recursive version.
    """
    stack, error = [call], None
    try:
        while stack:
            try:
                inner = next(stack[-1], None) if error is None else stack[-1].throw(error)
            except BaseException as exc:  # noqa: B036 - raised again in the caller
                stack.pop()
                if not stack:
                    raise
                error = exc
                continue
            error = None
            if inner is None:   # the call returned
                stack.pop()
            else:
                stack.append(inner)
    finally:
        for pending in reversed(stack):   # interrupted between two steps: unwind innermost first
            pending.close()
