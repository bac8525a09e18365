"""SIGTERM: a traced run that is asked to stop closes its trace as Ctrl-C does.

``kill PID`` (SIGTERM, what a job scheduler or ``timeout`` sends first) ends a
Python process without unwinding it, so a trace streaming into its ``.partial``
file would stay unfinished. While a trace with a path records in the main
thread, and SIGTERM still has its default action, :func:`close_on_sigterm`
makes SIGTERM raise ``SystemExit(143)`` (128 + 15, the status a shell reports
for a process ended by SIGTERM): the open spans end with that error, the trace
is written, and the process exits with status 143. :func:`restore` puts the
previous handler back when the trace ends. A handler the program installed
itself (or SIG_IGN) is left alone, and so are traces opened in other threads
(Python runs signal handlers in the main thread only).
"""
import signal
import threading

TERMINATED = 128 + signal.SIGTERM


def terminate(signum, frame):
    raise SystemExit(TERMINATED)


def close_on_sigterm():
    """Install :func:`terminate` for SIGTERM if nothing else handles it; returns what to
    hand to :func:`restore` (None when nothing was installed)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    try:
        if signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
            return None
        signal.signal(signal.SIGTERM, terminate)
    except (ValueError, OSError):   # not the main interpreter, or no such signal here
        return None
    return signal.SIG_DFL


def restore(previous):
    """Put back the SIGTERM handler :func:`close_on_sigterm` replaced."""
    if previous is None:
        return
    try:
        if signal.getsignal(signal.SIGTERM) is terminate:
            signal.signal(signal.SIGTERM, previous)
    except (ValueError, OSError):
        pass
