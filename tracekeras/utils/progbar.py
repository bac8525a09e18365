"""``keras.utils.Progbar``: the progress bar ``fit``, ``evaluate`` and ``predict`` print.

Owns: the bar's text, byte for byte as Keras 2 (tf_keras 2.21 ``generic_utils.Progbar``)
writes it. Receives ``update(current, values, finalize)`` calls from
``ProgbarLogger`` (``values`` are the running means the logs carry); hands on
nothing but text on ``sys.stdout``. Emits no trace events (it is display only).

verbose=1, one line rewritten in place::

    469/469 [==============================] - 2s 4ms/step - loss: 0.2600 - accuracy: 0.9250

verbose=2, one line per epoch, written at the end::

    469/469 - 2s - loss: 0.2600 - accuracy: 0.9250 - 2s/epoch - 4ms/step

Keras's rules kept here: a verbose=1 update is skipped when less than
``interval`` seconds passed since the last one (the final update never is);
with a dynamic display (a TTY, ipykernel, PyCharm, or any POSIX system - the
``"posix" in sys.modules`` test of Keras, true on Linux and macOS) each update
starts with backspaces and ``\\r`` over the previous line, otherwise with a
newline; values with ``abs(v) > 1e-3`` print as ``%.4f``, smaller ones as
``%.4e``; times print as ``s``, ``ms`` or ``us`` per unit; the first step is left
out of the per-step estimate once more steps are done.

``clock`` is the time source (``time.time``); tests replace it with a fake.
"""
import os
import sys
import time

import numpy as np

clock = time.time


def print_msg(message, line_break=True):
    """Keras's ``io_utils.print_msg``: write to the current ``sys.stdout`` and flush."""
    sys.stdout.write(message + "\n" if line_break else message)
    sys.stdout.flush()


def format_time(time_per_unit, unit_name):
    """`` 2s/epoch``, `` 4ms/step`` or `` 350us/step`` (Keras's ``Progbar._format_time``)."""
    if time_per_unit >= 1 or time_per_unit == 0:
        return f" {time_per_unit:.0f}s/{unit_name}"
    if time_per_unit >= 1e-3:
        return f" {time_per_unit * 1000.0:.0f}ms/{unit_name}"
    return f" {time_per_unit * 1000000.0:.0f}us/{unit_name}"


def format_eta(eta):
    if eta > 3600:
        return "%d:%02d:%02d" % (eta // 3600, (eta % 3600) // 60, eta % 60)
    if eta > 60:
        return "%d:%02d" % (eta // 60, eta % 60)
    return "%ds" % eta


def dynamic_display():
    """Keras's test for a terminal that can rewrite a line in place."""
    return ((hasattr(sys.stdout, "isatty") and sys.stdout.isatty())
            or "ipykernel" in sys.modules or "posix" in sys.modules
            or "PYCHARM_HOSTED" in os.environ)


class Progbar:
    """Displays a progress bar (``keras.utils.Progbar``).

    Args: target (total steps, None if unknown), width (30), verbose (0 silent,
    1 bar, 2 one line per epoch), interval (0.05 s between redraws),
    stateful_metrics (names shown as given, not averaged), unit_name ("step").
    """

    def __init__(self, target, width=30, verbose=1, interval=0.05, stateful_metrics=None,
                 unit_name="step"):
        self.target = target
        self.width = width
        self.verbose = verbose
        self.interval = interval
        self.unit_name = unit_name
        self.stateful_metrics = set(stateful_metrics) if stateful_metrics else set()
        self._dynamic_display = dynamic_display()
        self._total_width = 0
        self._seen_so_far = 0
        self._values = {}
        self._values_order = []
        self._start = clock()
        self._last_update = 0
        self._time_at_epoch_start = self._start
        self._time_at_epoch_end = None
        self._time_after_first_step = None

    def update(self, current, values=None, finalize=None):
        """Record ``values`` (``[(name, value_for_last_step)]``) at step ``current`` and redraw."""
        if finalize is None:
            finalize = False if self.target is None else current >= self.target
        self._accumulate(current, values or [])
        now = clock()
        info = f" - {now - self._start:.0f}s"
        if current == self.target:
            self._time_at_epoch_end = now
        if self.verbose == 1:
            if now - self._last_update < self.interval and not finalize:
                return
            print_msg(self._bar_line(current, now, info, finalize), line_break=False)
        elif self.verbose == 2 and finalize:
            print_msg(self._epoch_line(current, now, info), line_break=False)
        self._last_update = now

    def add(self, n, values=None):
        self.update(self._seen_so_far + n, values)

    def _accumulate(self, current, values):
        for k, v in values:
            if k not in self._values_order:
                self._values_order.append(k)
            if k not in self.stateful_metrics:
                # Keras weights each value by the steps it covers (at least 1).
                value_base = max(current - self._seen_so_far, 1)
                if k not in self._values:
                    self._values[k] = [v * value_base, value_base]
                else:
                    self._values[k][0] += v * value_base
                    self._values[k][1] += value_base
            else:
                self._values[k] = [v, 1]
        self._seen_so_far = current

    def _values_text(self, small=lambda avg: abs(avg) > 1e-3):
        info = ""
        for k in self._values_order:
            info += f" - {k}:"
            avg = np.mean(self._values[k][0] / max(1, self._values[k][1]))
            info += f" {avg:.4f}" if small(avg) else f" {avg:.4e}"
        return info

    def _bar_line(self, current, now, info, finalize):
        prev_total_width = self._total_width
        message = "\b" * prev_total_width + "\r" if self._dynamic_display else "\n"
        if self.target is not None:
            numdigits = int(np.log10(self.target)) + 1
            bar = ("%" + str(numdigits) + "d/%d [") % (current, self.target)
            prog_width = int(self.width * float(current) / self.target)
            if prog_width > 0:
                bar += "=" * (prog_width - 1) + (">" if current < self.target else "=")
            bar += "." * (self.width - prog_width) + "]"
        else:
            bar = "%7d/Unknown" % current
        self._total_width = len(bar)
        message += bar
        time_per_unit = self._estimate_step_duration(current, now)
        if self.target is None or finalize:
            info += format_time(time_per_unit, self.unit_name)
        else:
            info = f" - ETA: {format_eta(time_per_unit * (self.target - current))}"
        info += self._values_text()
        self._total_width += len(info)
        if prev_total_width > self._total_width:
            info += " " * (prev_total_width - self._total_width)
        if finalize:
            info += "\n"
        return message + info

    def _epoch_line(self, current, now, info):
        target = self.target if self.target is not None else current
        numdigits = int(np.log10(target)) + 1 if target else 1
        info = ("%" + str(numdigits) + "d/%d") % (current, target) + info
        info += self._values_text(small=lambda avg: avg > 1e-3)   # Keras: no abs() here
        if self._time_at_epoch_end:
            time_per_epoch = self._time_at_epoch_end - self._time_at_epoch_start
            avg_time_per_step = time_per_epoch / target if target else 0
            self._time_at_epoch_start = now
            self._time_at_epoch_end = None
            info += " -" + format_time(time_per_epoch, "epoch")
            info += " -" + format_time(avg_time_per_step, self.unit_name)
            info += "\n"
        return info

    def _estimate_step_duration(self, current, now):
        """Seconds per step; the first step is left out once later steps exist."""
        if not current:
            return 0
        if self._time_after_first_step is not None and current > 1:
            time_per_unit = (now - self._time_after_first_step) / (current - 1)
        else:
            time_per_unit = (now - self._start) / current
        if current == 1:
            self._time_after_first_step = now
        return time_per_unit

    def _update_stateful_metrics(self, stateful_metrics):
        self.stateful_metrics = self.stateful_metrics.union(stateful_metrics)


__all__ = ["Progbar", "format_time", "print_msg"]
