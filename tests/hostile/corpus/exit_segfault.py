"""Crash: Tanh.bp_input dereferences a null pointer (SIGSEGV)."""

# ruff: noqa
# target: Tanh
import ctypes


class Tanh(Tanh):
    def bp_input(self, grad):
        ctypes.string_at(0)


# --- honest twin
class Tanh(Tanh):
    def bp_input(self, grad):
        raise RuntimeError("no answer")
