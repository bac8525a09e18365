"""``keras.optimizers.adamw``: Adam with decoupled weight decay (in tf_keras 2.21's table).

What it owns: AdamW = the Adam update (see adam.py) plus the base optimizer's
decoupled weight decay ``variable -= variable * weight_decay * lr`` applied
before each update; ``weight_decay`` defaults to 0.004 and is required.
Slots "m", "v" (and "vhat" if amsgrad), as Adam.
Trace events: ``keras.optimizers.adamw.AdamW.build`` (stage optimizer),
``keras.optimizers.adamw.AdamW.update_step`` (level full).
"""
from tracekeras import tracing
from tracekeras.optimizers import adam, optimizer


class AdamW(adam.Adam):
    def __init__(self, learning_rate=0.001, weight_decay=0.004, beta_1=0.9, beta_2=0.999,
                 epsilon=1e-7, amsgrad=False, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, jit_compile=True, name="AdamW", **kwargs):
        if weight_decay is None:
            raise ValueError("Missing value of `weight_decay` which is required and must be a "
                             "float value.")
        super().__init__(learning_rate=learning_rate, beta_1=beta_1, beta_2=beta_2,
                         epsilon=epsilon, amsgrad=amsgrad,
                         **optimizer.base_arguments(locals()), **kwargs)

    @tracing.traced(optimizer.STAGE,
                    args=optimizer.optimizer_args)
    def build(self, var_list):
        adam.Adam.build.__wrapped__(self, var_list)

    @tracing.traced(optimizer.STAGE,
                    args=optimizer.update_args, level="full")
    def update_step(self, gradient, variable):
        adam.Adam.update_step.__wrapped__(self, gradient, variable)

    def get_config(self):
        config = super().get_config()
        config.pop("adaptive_epsilon", None)
        return config
