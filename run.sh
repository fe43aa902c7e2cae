#!/usr/bin/env bash
# One entry point for the README's two commands.
#   ./run.sh demo   set up, then grade the shipped solutions and the untouched exercises
#   ./run.sh test   set up, then run the whole test suite (what CI runs)
set -euo pipefail
cd "$(dirname "$0")"

# MNIST (assignment 2): an offline copy of the official files beside the repository (as on
# machines without internet) is used when present; otherwise the kit downloads and verifies
# them into datasets/ on first use.
if [ -z "${BACKPROP_KIT_MNIST:-}" ] && [ -d ../shared/datasets/mnist ]; then
    export BACKPROP_KIT_MNIST="$(cd ../shared/datasets/mnist && pwd)"
fi

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}

setup() {
    if [ ! -x "$VENV/bin/python" ]; then
        "$PYTHON" -m venv "$VENV"
    fi
    # Re-install only when the dependency list changed since the last set-up.
    local stamp="$VENV/.setup-stamp" want
    want=$(cat pyproject.toml constraints/*.txt | sha256sum | cut -d' ' -f1)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        return
    fi
    local constraint=()
    # A local CPU build of torch (a wheel in pip's find-links) is pinned so pip does not
    # fetch the CUDA build from the registry; elsewhere pip picks torch as usual.
    if "$VENV/bin/python" -m pip download --no-deps --no-index -d "$(mktemp -d)" \
        -c constraints/local-cpu-torch.txt torch >/dev/null 2>&1; then
        constraint=(-c constraints/local-cpu-torch.txt)
    fi
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${constraint[@]}" -e ".[test]"
    echo "$want" > "$stamp"
}

case "${1:-}" in
    demo)
        setup
        "$VENV/bin/python" -m autograder demo
        ;;
    test)
        setup
        shift
        exec "$VENV/bin/python" -m pytest "$@"
        ;;
    *)
        echo "usage: ./run.sh demo | ./run.sh test [pytest args]" >&2
        exit 2
        ;;
esac
