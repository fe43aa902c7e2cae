"""Autodiff: Tanh.bp_input removes the import guard, then imports torch by name and by file,
and would use it to compute the gradient."""

# ruff: noqa
# target: Tanh
import importlib
import importlib.util
import os
import site
import sys


def _torch():
    sys.meta_path[:] = [f for f in sys.meta_path if "Block" not in type(f).__name__]
    for name in [n for n in sys.modules if n.split(".")[0] == "torch"]:
        del sys.modules[name]
    try:
        return importlib.import_module("torch")
    except ImportError as exc:
        error = exc
    for folder in sys.path + site.getsitepackages():
        init = os.path.join(str(folder), "torch", "__init__.py")
        if os.path.exists(init):
            spec = importlib.util.spec_from_file_location(
                "torch", init, submodule_search_locations=[os.path.dirname(init)]
            )
            module = importlib.util.module_from_spec(spec)
            sys.modules["torch"] = module
            try:
                spec.loader.exec_module(module)
                return module
            except ImportError as exc:
                error = exc
    raise error


class Tanh(Tanh):
    def bp_input(self, grad):
        torch = _torch()
        y = torch.tensor(self.Y)
        return (torch.tensor(grad) * (1 - y**2)).numpy()


# --- honest twin
class Tanh(Tanh):
    def bp_input(self, grad):
        raise ImportError("no autodiff")
