"""Winograd's minimal filtering F(4x4, 3x3) and F(2x2, 3x3): a 3x3, stride-1 convolution
with fewer multiplies.

What it owns: one speed device of ``conv.convolution``, for 2D convolutions with a 3x3
kernel, stride 1, no dilation and one group (``applies``). The output is cut into
``m x m`` tiles (``m`` = 4 or 2), each read from an ``n x n`` tile of the (padded) input,
``n = m + 2``; tiles overlap by two rows and two columns. Three small matrices ``B``,
``G``, ``A`` (``Tiles``) turn each tile's convolution into ``n * n`` independent
products, one a place ``xi`` of the transformed tile:

- forward: ``V = B^T d B`` for every input tile ``d`` (``input_tiles``), ``U = G k G^T``
  for the kernel (``kernel_tiles``), then one matmul a place,
  ``V[xi] (tiles, in) @ U[xi] (in, out)``, and ``Y = A^T M A`` (``output_tiles``) gives
  each tile's ``m x m`` outputs;
- backward, with ``dM = A dY A^T`` (``gradient_tiles``, the adjoint of the output
  step): the kernel gradient ``G^T (sum of V[xi]^T @ dM[xi]) G`` (``kernel_untiles``),
  and the input gradient ``dM[xi] @ U[xi]^T`` taken back through the input step
  (``input_untiles``, its adjoint, which adds the overlapping tiles).

The forward runs by F(4x4, 3x3) (``F4``), which does 36 products for 16 outputs where
F(2x2, 3x3) (``F2``) does 16 for 4: on the MNIST convnet's second convolution (32 -> 64
channels, 11x11 outputs: 3x3 tiles of 4x4 against 6x6 tiles of 2x2) 1.8x fewer
multiplies, 3.5x fewer than im2col's (``choose`` takes ``F2`` where it does fewer
products: outputs of one or two rows or columns). Both gradients run by F(2x2, 3x3):
F(4x4, 3x3)'s float32 rounding there is worse than the tests allow (below).

Each transform is two matrix products along one axis of the tiles, ``(n, n) @ (n, rest)``
and the same for the other axis (``transform``), run by BLAS: a transform of F(4x4,
3x3) has entries such as 5 and 1/2 and several terms a row, which as NumPy passes of
adds and multiplies would cost a pass a term, where a product with a 6x6 matrix costs
about one read and one write of the tiles.

Numbers: the points of F(4x4, 3x3) are 0, 1, -1, 1/2, -2 and infinity (the entries of
``B`` and ``A`` are exact in binary; ``G``'s 1/6 and 1/15 are not, so the kernel
transforms run in float64 and are rounded once). Of the fifteen point sets made of 0
and four of +-1, +-2, +-1/2, this one gives the forward's smallest float32 error:
against a float64 direct convolution, about 2e-6 of the largest output on the convnet's
second convolution with random data (Lavin and Gray's 0, +-1, +-2: 6e-6; F(2x2, 3x3):
3e-7). Through F(4x4, 3x3) tiles the gradients come to 1.5-5e-6 (input) and 3-8e-6
(kernel) of their largest values, by point set and data, where ``tests/backend`` allows
3e-6 against im2col and no point set met that on all its cases: so they stay F(2x2,
3x3) (about 3e-7 and 7e-7).

Layout: the work goes through the batch in chunks of ``CHUNK`` images, each chunk
copied once into a zero-padded ``(rows, cols, images, channels)`` buffer (``embed``)
whose tiles are gathered to ``(n, n, tile rows, tile cols, images, channels)`` by four
copies of non-overlapping tile parts (``Plan.tile_parts``) and added back the same way:
with the images inside, every gather and add runs along ``images x channels`` values
at a time (channels-last, 32 at a time, the backward was about 1 ms slower). Chunks
are shared out among ``parallel``'s threads. The backward does all its work on a chunk
while the chunk's tiles are in the cache, the kernel gradient included: each chunk's
part ``V[xi]^T @ dM[xi]`` (float32, 288 tile rows a place for 8 images of the MNIST
convnet), the parts then added in float64 in the order of the chunks (before, one
float32 matmul a place over the whole batch, 4608 tile rows: the chunks took its
second convolution's backward from 20.2 to 15.1 ms a step on one thread, its
kernel-gradient matmuls from 6.9 to 3.1 ms (benchmarks/README.md), and its kernel
gradient's error against float64 from 6-8e-7 to 5-7e-7 of the largest value).
Every output element is the same sum in the same order whatever the split.

What it receives: the padded input ``xp`` ``(batch, rows, cols, in)`` and the kernel
``(3, 3, in, out)`` as arrays; what it hands on: arrays. No trace events (the op that
calls it records itself).
"""
import numpy as np

from . import parallel

CHUNK = 8                    # images a chunk
MIN_CHANNELS = 8             # below this the matmuls are too thin to gain


class Tiles:
    """One Winograd algorithm F(m x m, 3x3): ``B^T`` ``(n, n)``, ``G`` ``(n, 3)``, ``A^T``
    ``(m, n)`` in float64, and ``B^T``, ``B``, ``A^T``, ``A`` in the dtype asked (``data``)."""

    def __init__(self, b_t, g, a_t):
        self.b_t, self.g, self.a_t = (np.array(a, np.float64) for a in (b_t, g, a_t))
        self.size, self.n = self.a_t.shape
        self.cast = {}

    def data(self, dtype):
        """``(B^T, B, A^T, A)`` as C-contiguous arrays of ``dtype`` (made once a dtype)."""
        if dtype not in self.cast:
            self.cast[dtype] = tuple(np.ascontiguousarray(a, dtype) for a in (
                self.b_t, self.b_t.T, self.a_t, self.a_t.T))
        return self.cast[dtype]


# F(4x4, 3x3) at the points 0, 1, -1, 1/2, -2 (and infinity): the forward convolution
F4 = Tiles(b_t=[[2, -3, -4, 3, 2, 0], [0, -2, 1, 5, 2, 0], [0, 2, -5, 1, 2, 0],
                [0, -2, -1, 2, 1, 0], [0, 1, -2, -1, 2, 0], [0, 2, -3, -4, 3, 2]],
           g=np.array([[15, 0, 0], [5, 5, 5], [-5, 5, -5], [-32, -16, -8], [1, -2, 4],
                       [0, 0, 15]]) / 30,
           a_t=[[1, 1, 1, 1, 1, 0], [0, 1, -1, 1 / 2, -2, 0], [0, 1, 1, 1 / 4, 4, 0],
                [0, 1, -1, 1 / 8, -8, 1]])
# F(2x2, 3x3) (Lavin and Gray's): both gradients, and outputs of one or two rows or columns
F2 = Tiles(b_t=[[1, 0, -1, 0], [0, 1, 1, 0], [0, -1, 1, 0], [0, 1, 0, -1]],
           g=[[1, 0, 0], [1 / 2, 1 / 2, 1 / 2], [1 / 2, -1 / 2, 1 / 2], [0, 0, 1]],
           a_t=[[1, 1, 1, 0], [0, 1, -1, -1]])


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


def choose(ho, wo):
    """``F4`` or ``F2``, whichever does fewer products for an ``ho x wo`` output (``F2`` on a
    tie: its rounding is smaller)."""
    def products(alg):
        return -(-ho // alg.size) * -(-wo // alg.size) * alg.n * alg.n
    return F4 if products(F4) < products(F2) else F2


class Plan:
    """Sizes of one convolution by the tiles ``alg``: output ``(ho, wo)``, tiles ``(th, tw)``,
    the padded buffers ``(m (th + 1), m (tw + 1))`` that hold every tile place
    (``tile_parts``), and the chunks of the batch (``CHUNK`` images)."""

    def __init__(self, xp_shape, kernel_shape, alg):
        self.batch, self.hp, self.wp, self.channels = xp_shape
        self.filters = kernel_shape[-1]
        self.ho, self.wo = self.hp - 2, self.wp - 2
        self.alg = alg
        m = self.size = self.alg.size
        self.th, self.tw = -(-self.ho // m), -(-self.wo // m)
        self.tiles = self.th * self.tw
        self.chunks = [slice(lo, min(lo + CHUNK, self.batch))
                       for lo in range(0, self.batch, CHUNK)]

    def split(self, run, nbytes):
        """``run(rows)`` for every chunk, the chunks shared out among ``parallel``'s threads
        in pieces of whole chunks (one piece when the split is off)."""
        parallel.each(run, self.chunks, nbytes)

    def rows(self, array, rows):
        """The part of ``array`` ``(places, tiles * batch, k)`` that holds the images ``rows``."""
        return array[:, self.tiles * rows.start:self.tiles * rows.stop]

    def buffer_shape(self, images, k):
        """The shape of a padded buffer, ``(m (th + 1), m (tw + 1), images, k)``."""
        return (self.size * (self.th + 1), self.size * (self.tw + 1), images, k)

    def tile_parts(self, buffer):
        """Four ``(place rows, place cols, view)``: ``view`` ``(rows, cols, th, tw, images, k)``
        shows the tiles' places ``[place rows, place cols]`` in ``buffer``. Place ``a < m``
        of tile ``i`` is row ``m i + a``, place ``m + a`` is row ``m (i + 1) + a``: within a
        part no two places share a row, so each part is one reshaped view."""
        m, th, tw = self.size, self.th, self.tw
        grid = buffer.reshape(th + 1, m, tw + 1, m, *buffer.shape[2:])
        def sides(tiles):
            return ((slice(0, m), slice(0, tiles), slice(None)),
                    (slice(m, m + 2), slice(1, tiles + 1), slice(0, 2)))
        for place_rows, tile_rows, row_places in sides(th):
            for place_cols, tile_cols, col_places in sides(tw):
                view = grid[tile_rows, row_places, tile_cols, col_places]
                yield place_rows, place_cols, view.transpose(1, 3, 0, 2, 4, 5)


def embed(x, shape):
    """``x`` ``(images, rows, cols, k)`` as ``(rows, cols, images, k)`` at the start of a new
    array of ``shape``, zeros in the margin past its rows and columns (only the margin is
    zeroed, not the whole)."""
    out = np.empty(shape, x.dtype)
    rows, cols = x.shape[1:3]
    out[:rows, :cols] = x.transpose(1, 2, 0, 3)
    out[rows:] = 0
    out[:rows, cols:] = 0
    return out


def transform(left, tiles, out=None):
    """``left @ t @ left^T`` for every ``(p, p, ...)`` tile ``t`` of ``tiles``, as two matmuls:
    along the first place axis, then along the second: ``(q, q, ...)``."""
    p, q = tiles.shape[0], left.shape[0]
    rest = tiles.shape[2:]
    half = np.matmul(left, tiles.reshape(p, -1)).reshape(q, p, -1)
    if out is None:
        return np.matmul(left, half).reshape((q, q) + rest)
    np.matmul(left, half, out=out.reshape(q, q, -1, copy=False))
    return out


def kernel_tiles(kernel, alg):
    """``U = G k G^T`` for every channel pair: ``(n n, in, out)``, taken in float64 and
    rounded once to the kernel's dtype."""
    rows = np.tensordot(alg.g, kernel.astype(np.float64), axes=(1, 0))   # (n, 3, in, out)
    u = np.tensordot(alg.g, rows, axes=(1, 1)).transpose(1, 0, 2, 3)     # (n, n, in, out)
    return np.ascontiguousarray(u, dtype=kernel.dtype).reshape(-1, *kernel.shape[2:])


def kernel_untiles(du, alg, kernel_shape, dtype):
    """The kernel gradient ``G^T dU G``, taken in float64: ``du`` ``(n n, in, out)`` ->
    ``kernel_shape``."""
    du = du.astype(np.float64).reshape(alg.n, alg.n, kernel_shape[2], kernel_shape[3])
    rows = np.tensordot(alg.g, du, axes=(0, 0))                         # (3, n, in, out)
    dk = np.tensordot(alg.g, rows, axes=(0, 1)).transpose(1, 0, 2, 3)   # (3, 3, in, out)
    return np.ascontiguousarray(dk, dtype=dtype)


def input_tiles(xt, plan, v):
    """``V = B^T d B`` of every ``n x n`` tile of ``xt`` (a padded buffer of a chunk's images)
    into ``v`` ``(n n, th tw images, in)``: the tiles gathered part by part, then
    transformed."""
    n = plan.alg.n
    d = np.empty((n, n, plan.th, plan.tw) + xt.shape[2:], xt.dtype)
    for place_rows, place_cols, view in plan.tile_parts(xt):
        np.copyto(d[place_rows, place_cols], view)
    transform(plan.alg.data(xt.dtype)[0], d, out=v)


def output_tiles(products, plan, out):
    """``Y = A^T M A`` of every tile's products ``(n n, th tw images, out)``, written into
    ``out`` ``(images, ho, wo, out)``."""
    m, th, tw = plan.size, plan.th, plan.tw
    images, f = out.shape[0], out.shape[-1]
    y = transform(plan.alg.data(out.dtype)[2], products.reshape(plan.alg.n, plan.alg.n, -1))
    whole = np.empty((th, m, tw, m, images, f), out.dtype)
    np.copyto(whole, y.reshape(m, m, th, tw, images, f).transpose(2, 0, 3, 1, 4, 5))
    out[...] = whole.reshape(m * th, m * tw, images, f)[:plan.ho, :plan.wo].transpose(2, 0, 1, 3)


def gradient_tiles(g, plan, dm):
    """``dM = A dY A^T`` (the adjoint of ``output_tiles``) of the output gradient ``g``
    ``(images, ho, wo, out)`` into ``dm`` ``(n n, th tw images, out)``."""
    m, th, tw = plan.size, plan.th, plan.tw
    images, f = g.shape[0], g.shape[-1]
    whole = embed(g, (m * th, m * tw, images, f)).reshape(th, m, tw, m, images, f)
    dy = np.ascontiguousarray(whole.transpose(1, 3, 0, 2, 4, 5))
    transform(plan.alg.data(g.dtype)[3], dy, out=dm)


def input_untiles(dv, plan, dxt):
    """The adjoint of ``input_tiles``: ``dD = B dV B^T`` of ``dv`` ``(n n, th tw images, in)``
    added back onto the overlapping tiles of the padded buffer ``dxt`` (overwritten)."""
    n, m = plan.alg.n, plan.size
    dd = transform(plan.alg.data(dv.dtype)[1], dv.reshape((n, n, plan.th, plan.tw)
                                                           + dxt.shape[2:]))
    parts = plan.tile_parts(dxt)
    place_rows, place_cols, view = next(parts)          # covers all but the last m rows/cols
    np.copyto(view, dd[place_rows, place_cols])
    dxt[m * plan.th:] = 0
    dxt[:m * plan.th, m * plan.tw:] = 0
    for place_rows, place_cols, view in parts:
        np.add(view, dd[place_rows, place_cols], out=view)


def forward(xp, kernel):
    """The convolution of the padded input ``xp`` with a 3x3 ``kernel`` by ``F4`` (``choose``):
    ``(out, state)``, ``out`` ``(batch, ho, wo, filters)``, ``state`` what ``backward``
    needs (the input and the kernel). Chunk by chunk of the batch."""
    plan = Plan(xp.shape, kernel.shape, choose(xp.shape[1] - 2, xp.shape[2] - 2))
    u = kernel_tiles(kernel, plan.alg)
    out = np.empty((plan.batch, plan.ho, plan.wo, plan.filters), xp.dtype)

    def run(rows):
        images = rows.stop - rows.start
        xt = embed(xp[rows], plan.buffer_shape(images, plan.channels))
        v = np.empty((plan.alg.n ** 2, images * plan.tiles, plan.channels), xp.dtype)
        input_tiles(xt, plan, v)
        output_tiles(np.matmul(v, u), plan, out[rows])
    plan.split(run, xp.nbytes + out.nbytes)
    return out, (xp, kernel)


def backward(state, g, needs_input, needs_kernel):
    """``(dxp, dk)``: the gradients with respect to the padded input and the kernel of the
    output gradient ``g`` ``(batch, ho, wo, filters)`` (``None`` for one not needed), by
    ``F2``'s tiles (F(4x4, 3x3)'s rounding there comes to 2-5e-6 of the largest value,
    F(2x2, 3x3)'s to under 1e-6, as TensorFlow's). Chunk by chunk of the batch, while the
    chunk's tiles are in the cache: ``dM`` of ``g``; the input gradient
    ``dM[xi] @ U[xi]^T`` taken back through the input tiles; the input tiles ``V`` and
    the chunk's part of the kernel gradient, ``V[xi]^T @ dM[xi]`` in float32. The parts
    are added in float64 in the order of the chunks, whichever thread made them, and
    ``G^T dU G`` untiles the sum (``kernel_untiles``)."""
    xp, kernel = state
    plan = Plan(xp.shape, kernel.shape, F2)
    places = F2.n ** 2
    dxp = np.empty(xp.shape, g.dtype) if needs_input else None
    ut = kernel_tiles(kernel, F2).transpose(0, 2, 1)
    parts = (np.empty((len(plan.chunks), places, plan.channels, plan.filters), g.dtype)
             if needs_kernel else None)

    def run(rows):
        images = rows.stop - rows.start
        dm = np.empty((places, images * plan.tiles, plan.filters), g.dtype)
        gradient_tiles(g[rows], plan, dm)
        if needs_input:
            dxt = np.empty(plan.buffer_shape(images, plan.channels), g.dtype)
            input_untiles(np.matmul(dm, ut), plan, dxt)
            dxp[rows] = dxt[:plan.hp, :plan.wp].transpose(2, 0, 1, 3)
        if needs_kernel:
            v = np.empty((places, images * plan.tiles, plan.channels), xp.dtype)
            input_tiles(embed(xp[rows], plan.buffer_shape(images, plan.channels)), plan, v)
            kernel_gradient_part(v, dm, parts[rows.start // CHUNK])
    plan.split(run, g.nbytes + xp.nbytes)
    if not needs_kernel:
        return dxp, None
    return dxp, kernel_untiles(parts.sum(axis=0, dtype=np.float64), F2, kernel.shape, g.dtype)


def kernel_gradient_part(v, dm, out):
    """One chunk's part of the kernel gradient before untiling: ``V[xi]^T @ dM[xi]`` for
    every place ``xi``, ``(places, in, out)``, in float32 into ``out``."""
    np.matmul(v.transpose(0, 2, 1), dm, out=out)
