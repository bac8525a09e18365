"""Hand-written NumPy references of the tf_keras 2.21 update rules (float64, plain formulas).

Each ``step(state, g, var, t, hp)`` returns the new variable and updates the
``state`` dict in place; ``t`` is the 1-based step. They are written from the
formulas in the optimizers' docs, independently of tracekeras's in-place code.
"""
import numpy as np


def sgd(s, g, w, t, learning_rate=0.01, momentum=0.0, nesterov=False):
    m = s.get("m", np.zeros_like(w))
    m = momentum * m - learning_rate * g
    s["m"] = m
    return w + (momentum * m - learning_rate * g if nesterov else m)


def rmsprop(s, g, w, t, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False):
    v = rho * s.get("velocity", np.zeros_like(w)) + (1 - rho) * g ** 2
    s["velocity"] = v
    denom = v + epsilon
    if centered:
        a = rho * s.get("average_gradient", np.zeros_like(w)) + (1 - rho) * g
        s["average_gradient"] = a
        denom = v - a ** 2 + epsilon
    inc = learning_rate * g / np.sqrt(denom)
    if momentum > 0:
        mom = momentum * s.get("momentum", np.zeros_like(w)) + inc
        s["momentum"] = mom
        return w - mom
    return w - inc


def adam(s, g, w, t, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False):
    m = beta_1 * s.get("m", np.zeros_like(w)) + (1 - beta_1) * g
    v = beta_2 * s.get("v", np.zeros_like(w)) + (1 - beta_2) * g ** 2
    s["m"], s["v"] = m, v
    if amsgrad:
        v = np.maximum(s.get("vhat", np.zeros_like(w)), v)
        s["vhat"] = v
    alpha = learning_rate * np.sqrt(1 - beta_2 ** t) / (1 - beta_1 ** t)
    return w - alpha * m / (np.sqrt(v) + epsilon)


def adagrad(s, g, w, t, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7):
    acc = s.get("accumulator", np.full_like(w, initial_accumulator_value)) + g ** 2
    s["accumulator"] = acc
    return w - learning_rate * g / np.sqrt(acc + epsilon)


def adadelta(s, g, w, t, learning_rate=0.001, rho=0.95, epsilon=1e-7):
    ag = rho * s.get("accumulated_grad", np.zeros_like(w)) + (1 - rho) * g ** 2
    adv = s.get("accumulated_delta_var", np.zeros_like(w))
    delta = -np.sqrt(adv + epsilon) / np.sqrt(ag + epsilon) * g
    s["accumulated_grad"] = ag
    s["accumulated_delta_var"] = rho * adv + (1 - rho) * delta ** 2
    return w + learning_rate * delta


def adamax(s, g, w, t, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    m = beta_1 * s.get("m", np.zeros_like(w)) + (1 - beta_1) * g
    u = np.maximum(beta_2 * s.get("u", np.zeros_like(w)), np.abs(g))
    s["m"], s["u"] = m, u
    return w - learning_rate / (1 - beta_1 ** t) * m / (u + epsilon)


def nadam(s, g, w, t, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    def mu(k):
        return beta_1 * (1 - 0.5 * 0.96 ** k)
    product = np.prod([mu(k) for k in range(1, t + 1)])
    m = beta_1 * s.get("m", np.zeros_like(w)) + (1 - beta_1) * g
    v = beta_2 * s.get("v", np.zeros_like(w)) + (1 - beta_2) * g ** 2
    s["m"], s["v"] = m, v
    m_hat = mu(t + 1) * m / (1 - product * mu(t + 1)) + (1 - mu(t)) * g / (1 - product)
    v_hat = v / (1 - beta_2 ** t)
    return w - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)


def ftrl(s, g, w, t, learning_rate=0.001, learning_rate_power=-0.5, initial_accumulator_value=0.1,
         l1_regularization_strength=0.0, l2_regularization_strength=0.0,
         l2_shrinkage_regularization_strength=0.0, beta=0.0):
    p = -learning_rate_power
    acc = s.get("accumulator", np.full_like(w, initial_accumulator_value))
    lin = s.get("linear", np.zeros_like(w))
    new_acc = acc + g ** 2
    lin = (
        lin
        + g
        + 2 * l2_shrinkage_regularization_strength * w
        - (new_acc**p - acc**p) / learning_rate * w
    )
    quad = new_acc**p / learning_rate + 2 * (
        l2_regularization_strength + beta / (2 * learning_rate)
    )
    l1 = l1_regularization_strength
    s["accumulator"], s["linear"] = new_acc, lin
    return (np.clip(lin, -l1, l1) - lin) / quad


RULES = {
    "SGD": sgd,
    "RMSprop": rmsprop,
    "Adam": adam,
    "Adagrad": adagrad,
    "Adadelta": adadelta,
    "Adamax": adamax,
    "Nadam": nadam,
    "Ftrl": ftrl,
}
