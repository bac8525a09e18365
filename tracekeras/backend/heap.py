"""Where freed NumPy buffers go during training (a speed setting, never a result).

Owns one setting of the C allocator. A training step makes and drops arrays of
several megabytes (a convolution's im2col matrix, its output, their gradients).
glibc's ``malloc`` serves buffers above a threshold (128 KiB to 32 MiB, moved at
run time) with fresh ``mmap`` pages and gives the top of its heap back to the
system once more than twice that threshold is free; the next step then faults
every page of its new buffers in again (about 10,000 page faults a step for the
MNIST convnet, a third of its CPU time spent in the kernel). TensorFlow avoids
this with its own allocator, which keeps freed memory for reuse.

``keep_freed_buffers()`` asks glibc, once per process, to serve buffers up to
``MMAP_THRESHOLD`` from its heap and to keep up to ``TRIM_THRESHOLD`` of free
heap before trimming, so the buffers of one step are reused by the next. The
process may then hold up to ``TRIM_THRESHOLD`` of freed memory it does not use.
On other C libraries it does nothing. It receives nothing, hands on whether the
setting applies, and emits no trace events; the training loops call it through
``threads.blas_threads_for``.
"""
import ctypes
import platform

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3   # mallopt's parameter numbers (malloc.h)
MMAP_THRESHOLD = 32 << 20     # glibc's largest allowed value on 64-bit systems
TRIM_THRESHOLD = 128 << 20
STATE = {"applied": None}     # None: not tried yet; then True or False for the process


def keep_freed_buffers():
    """Keep freed buffers in the heap for reuse (glibc only; once per process).

    Returns True when the setting applies.
    """
    if STATE["applied"] is None:
        STATE["applied"] = apply_glibc_thresholds()
    return STATE["applied"]


def apply_glibc_thresholds():
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return False
    # setting either threshold also stops glibc moving them at run time
    return bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
                and libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
