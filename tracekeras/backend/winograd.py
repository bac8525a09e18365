"""Winograd's minimal filtering F(2x2, 3x3): a 3x3, stride-1 convolution with fewer multiplies.

What it owns: one speed device of ``conv.convolution``, for 2D convolutions with a 3x3
kernel, stride 1, no dilation and one group (``applies``). The output is cut into 2x2
tiles, each read from a 4x4 tile of the (padded) input; tiles overlap by two rows and
two columns. Lavin and Gray's transforms (``B``, ``G``, ``A``: entries 0, +-1, +-1/2)
turn each tile's convolution into 16 independent products, one a place ``xi`` of the
4x4 transformed tile:

- forward: ``V = B^T d B`` for every input tile ``d`` (``input_tiles``: adds and
  subtracts only), ``U = G k G^T`` for the kernel, then one matmul a place,
  ``V[xi] (tiles, in) @ U[xi] (in, out)``, and ``Y = A^T M A`` (``output_tiles``)
  gives each tile's 2x2 outputs;
- backward, with ``dM = A dY A^T`` (``gradient_tiles``, the adjoint of the output
  step): the kernel gradient ``G^T (V[xi]^T @ dM[xi]) G``, and the input gradient
  ``dM[xi] @ U[xi]^T`` taken back through the input step (``input_untiles``, its
  adjoint, which adds the overlapping tiles).

For the MNIST convnet's second convolution (32 -> 64 channels, 11x11 outputs, 6x6
tiles) the three matmuls do 36 x 16 multiply-adds an image and channel pair where
im2col does 121 x 9: 1.9x fewer (measured: 4.7 + 5.9 + 4.7 ms against 7.9 + 8.1 + 7.1
for im2col's). The transforms are NumPy passes of adds and subtracts over arrays
3-5x the output's size, and they take back most of that: forward and backward
together gained about 3.7 ms a step (14 % of that convolution's time, 7-9 % of the
step), not the matmuls' 8.

Layout: the work goes through the batch in chunks of ``CHUNK`` images, each chunk
copied once into ``(rows, cols, images, channels)``, so that every pass of a transform
runs along ``images x channels`` values or more at a time (NumPy runs a pass over
short strided runs, as channels-last tiles would give, 2.5-3x slower). Chunks are
shared out among ``parallel``'s threads; the kernel gradient is one matmul a place
over the whole batch, the places shared out. Every output element is the same sum in
the same order whatever the split.

The numbers are the convolution's up to rounding, not im2col's bit for bit: each
output is the same sum taken another way (the transforms' entries are exact in
binary). On the convnet's sizes the largest difference is about 1e-6 of the largest
value (``tests/backend/test_winograd.py``).

What it receives: the padded input ``xp`` ``(batch, rows, cols, in)`` and the kernel
``(3, 3, in, out)`` as arrays; what it hands on: arrays. No trace events (the op that
calls it records itself).
"""
import numpy as np

from . import parallel

B_T = np.array([[1, 0, -1, 0], [0, 1, 1, 0], [0, -1, 1, 0], [0, 1, 0, -1]])
G = np.array([[1, 0, 0], [0.5, 0.5, 0.5], [0.5, -0.5, 0.5], [0, 0, 1]])
A_T = np.array([[1, 1, 1, 0], [0, 1, -1, -1]])
CHUNK = 16                   # images a chunk
MIN_CHANNELS = 8             # below this the 16 matmuls are too thin to gain


def applies(xp, kernel, strides, dilations, groups):
    """Whether ``convolution`` takes the Winograd way: 2D, a 3x3 kernel, stride 1, no
    dilation, one group, at least ``MIN_CHANNELS`` input and output channels, float32
    or float64 (a float16 sum of the transformed terms would lose too much)."""
    xp_shape, kernel_shape = xp.shape, kernel.shape
    return (len(kernel_shape) == 4 and tuple(kernel_shape[:2]) == (3, 3)
            and xp.dtype == kernel.dtype and xp.dtype in (np.float32, np.float64)
            and tuple(strides) == (1, 1) and tuple(dilations) == (1, 1) and groups == 1
            and kernel_shape[2] >= MIN_CHANNELS and kernel_shape[3] >= MIN_CHANNELS
            and xp_shape[1] >= 3 and xp_shape[2] >= 3)


class Plan:
    """Sizes of one convolution: output ``(ho, wo)``, tiles ``(th, tw)``, the tiled input
    ``(hq, wq) = (2 th + 2, 2 tw + 2)`` (one zero row or column past an odd output), and
    the chunks of the batch the work goes through (``CHUNK`` images each)."""

    def __init__(self, xp_shape, kernel_shape):
        self.batch, self.hp, self.wp, self.channels = xp_shape
        self.filters = kernel_shape[-1]
        self.ho, self.wo = self.hp - 2, self.wp - 2
        self.th, self.tw = (self.ho + 1) // 2, (self.wo + 1) // 2
        self.hq, self.wq = 2 * self.th + 2, 2 * self.tw + 2
        self.tiles = self.th * self.tw
        self.chunks = [slice(lo, min(lo + CHUNK, self.batch))
                       for lo in range(0, self.batch, CHUNK)]

    def split(self, run, nbytes):
        """``run(rows)`` for every chunk, the chunks shared out among ``parallel``'s threads
        in pieces of whole chunks (one piece when the split is off)."""
        parallel.each(run, self.chunks, nbytes)

    def places(self, array, rows):
        """The part of ``array`` ``(16, tiles * batch, k)`` that holds the images ``rows``,
        seen as ``(4, 4, th, tw, images, k)`` (a view)."""
        return array[:, self.tiles * rows.start:self.tiles * rows.stop].reshape(
            (4, 4, self.th, self.tw, rows.stop - rows.start, array.shape[-1]), copy=False)


def kernel_tiles(kernel):
    """``U = G k G^T`` for every channel pair: ``(16, in, out)``, in the kernel's dtype."""
    rows = np.tensordot(G, kernel, axes=(1, 0))                     # (4, 3, in, out)
    u = np.tensordot(G, rows, axes=(1, 1)).transpose(1, 0, 2, 3)    # (4, 4, in, out)
    return np.ascontiguousarray(u, dtype=kernel.dtype).reshape(16, *kernel.shape[2:])


def kernel_untiles(du, kernel_shape, dtype):
    """The kernel gradient ``G^T dU G``: ``du`` ``(16, in, out)`` -> ``kernel_shape``."""
    du = du.reshape(4, 4, kernel_shape[2], kernel_shape[3])
    rows = np.tensordot(G, du, axes=(0, 0))                         # (3, 4, in, out)
    dk = np.tensordot(G, rows, axes=(0, 1)).transpose(1, 0, 2, 3)   # (3, 3, in, out)
    return np.ascontiguousarray(dk, dtype=dtype)


def combine(coefs, views, out):
    """``out = sum(c * v)`` over the nonzero coefficients ``c`` (each +1 or -1)."""
    terms = [(c, v) for c, v in zip(coefs, views) if c]
    (c0, v0), rest = terms[0], terms[1:]
    if not rest:
        if c0 > 0:
            np.copyto(out, v0)
        else:
            np.negative(v0, out=out)
        return
    (c1, v1), rest = rest[0], rest[1:]
    if c0 > 0:
        (np.add if c1 > 0 else np.subtract)(v0, v1, out=out)
    elif c1 > 0:
        np.subtract(v1, v0, out=out)
    else:
        np.add(v0, v1, out=out)
        np.negative(out, out=out)
    for c, v in rest:
        (np.add if c > 0 else np.subtract)(out, v, out=out)


def input_tiles(xt, plan, v, work):
    """``V = B^T d B`` of every 4x4 tile of ``xt`` ``(hq, wq, m, in)`` into ``v`` ``(4, 4, th, tw,
    m, in)``; ``work`` ``(4, hq, tw, m, in)``. Columns first, then rows, all four column
    places in one pass; the images are the inner axis, so every pass runs along ``m * in``
    values or more at a time."""
    th, tw = plan.th, plan.tw
    cols = [xt[:, b:b + 2 * tw:2] for b in range(4)]
    for j in range(4):
        combine(B_T[j], cols, work[j])
    rows = [work[:, a:a + 2 * th:2] for a in range(4)]
    for i in range(4):
        combine(B_T[i], rows, v[i])


def output_tiles(m, plan, yt, work):
    """``Y = A^T M A`` of every tile: ``m`` ``(4, 4, th, tw, b, out)`` into ``yt`` ``(2 th, 2 tw,
    b, out)``; ``work`` ``(2, 4, th, tw, b, out)``. Each pass covers four places of a row
    of ``M``, or both output rows of the tiles."""
    for p in range(2):
        combine(A_T[p], [m[i] for i in range(4)], work[p])
    y6 = yt.reshape(plan.th, 2, plan.tw, 2, yt.shape[2], yt.shape[3])
    for q in range(2):
        combine(A_T[q], [work[:, j] for j in range(4)], np.moveaxis(y6[:, :, :, q], 1, 0))


def gradient_tiles(gt, plan, dm):
    """``dM = A dY A^T`` (the adjoint of ``output_tiles``): ``gt`` ``(2 th, 2 tw, b, out)`` into
    ``dm`` ``(4, 4, th, tw, b, out)``. Rows 0 and 3 of ``dM`` come from the two rows of
    ``dY``'s tiles (row 3 negated); rows 1 and 2 are their difference and sum."""
    d6 = gt.reshape(plan.th, 2, plan.tw, 2, gt.shape[2], gt.shape[3])
    d0, d1 = (np.moveaxis(d6[:, :, :, q], 1, 0) for q in range(2))
    ends = dm[0::3]                                 # rows 0 and 3, before row 3's sign
    for j in range(4):
        combine(A_T[:, j], [d0, d1], ends[:, j])
    np.negative(dm[3], out=dm[3])
    np.subtract(dm[0], dm[3], out=dm[1])
    np.add(dm[0], dm[3], out=dm[2])


def overlap_add(parts, even, odd, axis):
    """Add four tiles' pieces back where tiles overlap along ``axis``: ``parts`` is ``(p0, p1,
    p2, minus_p3)``, ``p[a]`` what tile ``t`` gives to place ``2 t + a``; ``even`` and
    ``odd`` are the places ``2 s`` and ``2 s + 1`` (``t + 1`` of each)."""
    def at(index):
        return (slice(None),) * axis + (index,)
    p0, p1, p2, minus_p3 = parts
    even[at(-1)] = 0
    np.copyto(even[at(slice(None, -1))], p0)
    even[at(slice(1, None))] += p2
    odd[at(-1)] = 0
    np.copyto(odd[at(slice(None, -1))], p1)
    odd[at(slice(1, None))] -= minus_p3


def input_untiles(dv, plan, dxt, work, pair):
    """The adjoint of ``input_tiles``: ``dv`` ``(4, 4, th, tw, b, in)`` added back onto the
    overlapping 4x4 tiles of ``dxt`` ``(hq, wq, b, in)`` (overwritten); ``work`` ``(4, hq,
    tw, b, in)``, ``pair`` ``(2, 4, hq, tw, b, in)``. Rows first, then columns; tile places
    1 and 2 of ``B`` mix several inputs (``pair``), places 0 and 3 copy one."""
    th, tw, b, c = plan.th, plan.tw, dxt.shape[2], dxt.shape[3]
    half = pair[:, :, :th]
    combine(B_T[:, 1], [dv[i] for i in range(4)], half[0])
    combine(B_T[:, 2], [dv[i] for i in range(4)], half[1])
    r6 = work.reshape(4, th + 1, 2, tw, b, c)
    overlap_add((dv[0], half[0], half[1], dv[3]), r6[:, :, 0], r6[:, :, 1], 1)
    cpair = pair[:, 0]
    combine(B_T[:, 1], [work[j] for j in range(4)], cpair[0])
    combine(B_T[:, 2], [work[j] for j in range(4)], cpair[1])
    c6 = dxt.reshape(plan.hq, tw + 1, 2, b, c)
    overlap_add((work[0], cpair[0], cpair[1], work[3]), c6[:, :, 0], c6[:, :, 1], 1)


def forward(xp, kernel):
    """The convolution of the padded input ``xp`` with a 3x3 ``kernel``: ``(out, state)``,
    ``out`` ``(batch, ho, wo, filters)``, ``state`` what ``backward`` needs (the input
    tiles ``V``, the kernel tiles ``U``). Chunk by chunk of the batch, each chunk's
    images moved to the inner axis (one transposed copy in, one out)."""
    plan = Plan(xp.shape, kernel.shape)
    u = kernel_tiles(kernel)
    c, f, th, tw = plan.channels, plan.filters, plan.th, plan.tw
    v = np.empty((16, plan.batch * plan.tiles, c), xp.dtype)
    out = np.empty((plan.batch, plan.ho, plan.wo, f), xp.dtype)

    def run(rows):
        m = rows.stop - rows.start
        xt = np.zeros((plan.hq, plan.wq, m, c), xp.dtype)
        xt[:plan.hp, :plan.wp] = xp[rows].transpose(1, 2, 0, 3)
        input_tiles(xt, plan, plan.places(v, rows), np.empty((4, plan.hq, tw, m, c), xp.dtype))
        products = np.matmul(v[:, plan.tiles * rows.start:plan.tiles * rows.stop], u)
        yt = np.empty((2 * th, 2 * tw, m, f), xp.dtype)
        output_tiles(products.reshape(4, 4, th, tw, m, f), plan, yt,
                     np.empty((2, 4, th, tw, m, f), xp.dtype))
        out[rows] = yt[:plan.ho, :plan.wo].transpose(2, 0, 1, 3)
    plan.split(run, v.nbytes + out.nbytes)
    return out, (plan, v, u)


def backward(state, g, needs_input, needs_kernel):
    """``(dxp, dk)``: the gradients with respect to the padded input and the kernel of the
    output gradient ``g`` ``(batch, ho, wo, filters)`` (``None`` for one not needed)."""
    plan, v, u = state
    c, f, th, tw = plan.channels, plan.filters, plan.th, plan.tw
    dm = np.empty((16, plan.batch * plan.tiles, f), g.dtype)
    dxp = (np.empty((plan.batch, plan.hp, plan.wp, c), g.dtype) if needs_input else None)
    ut = u.transpose(0, 2, 1)

    def run(rows):
        m = rows.stop - rows.start
        gt = np.zeros((2 * th, 2 * tw, m, f), g.dtype)
        gt[:plan.ho, :plan.wo] = g[rows].transpose(1, 2, 0, 3)
        gradient_tiles(gt, plan, plan.places(dm, rows))
        if not needs_input:
            return
        dv = np.matmul(dm[:, plan.tiles * rows.start:plan.tiles * rows.stop], ut)
        dxt = np.empty((plan.hq, plan.wq, m, c), g.dtype)
        input_untiles(dv.reshape(4, 4, th, tw, m, c), plan, dxt,
                      np.empty((4, plan.hq, tw, m, c), g.dtype),
                      np.empty((2, 4, plan.hq, tw, m, c), g.dtype))
        dxp[rows] = dxt[:plan.hp, :plan.wp].transpose(2, 0, 1, 3)
    plan.split(run, dm.nbytes + (v.nbytes if needs_input else 0))
    dk = None
    if needs_kernel:
        du = np.empty((16, c, f), g.dtype)

        def place(part):
            np.matmul(v[part].transpose(0, 2, 1), dm[part], out=du[part])
        parallel.split(place, parallel.parts(16, v.nbytes + dm.nbytes,
                                             most=parallel.STATE["workers"]))
        dk = kernel_untiles(du, (3, 3, c, f), g.dtype)
    return dxp, dk
