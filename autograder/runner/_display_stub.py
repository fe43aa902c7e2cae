"""What display-only libraries are inside a bubblewrap sandbox: matplotlib, tqdm, IPython.

Notebooks import them to plot losses and show progress; grading never runs those cells (only
definitions are loaded), but the import lines are definitions too. The sandbox holds no such
library, so each is this inert module: any attribute is a stand-in that does nothing, and
calling one returns its first argument (``tqdm(range(3))`` is ``range(3)``) or itself, so an
import line neither fails nor leaves a diagnostic, and a helper that plots does nothing.
"""


class _Inert:
    def __call__(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN204 - any signature
        return args[0] if args else self

    def __getattr__(self, name: str) -> "_Inert":
        if name.startswith("__"):
            raise AttributeError(name)
        return self

    def __iter__(self):  # noqa: ANN204
        return iter(())

    def __enter__(self) -> "_Inert":
        return self

    def __exit__(self, *exc: object) -> None:
        return None


_INERT = _Inert()


def __getattr__(name: str) -> _Inert:
    if name.startswith("__"):
        raise AttributeError(name)
    return _INERT
