"""A student's view: assignment 1 open in JupyterLab in a real (headless) browser.

For a filled-in notebook and for the untouched exercise: open it, run the cells above the
`check(Linear)` self-check (Run > Run All Above Selected Cell), run the self-check cell itself
(Shift+Enter) and read the verdict the page shows under it. A screenshot of the verdict is
saved next to the test's temporary files (its path is printed).
"""

from __future__ import annotations

import shutil

import pytest

from tests.nbgrader._course import ROOT, fill_in, solution_sources

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

EXERCISE = ROOT / "exercises" / "01_layers" / "01_layers.ipynb"
SOURCE = ROOT / "solutions" / "01_layers" / "01_layers.ipynb"
#: milliseconds: the first run starts a kernel and imports numpy and the kit
RUN_TIMEOUT = 120_000


@pytest.fixture(scope="module")
def notebooks(lab):
    """filled/01_layers.ipynb (the exercise with every solution written in) and
    untouched/01_layers.ipynb (the exercise as released), in the served folder."""
    paths = {}
    for name in ("filled", "untouched"):
        folder = lab.root / name
        folder.mkdir()
        shutil.copy(EXERCISE, folder / EXERCISE.name)
        paths[name] = f"{name}/{EXERCISE.name}"
    fill_in(lab.root / paths["filled"], solution_sources(SOURCE))
    return paths


def run_self_check(browser, lab, path: str, screenshot) -> str:
    """Open `path`, run the self-check of Linear the way a student does, return its verdict."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(
            lab.url(path, workspace=path.split("/")[0]),
            wait_until="domcontentloaded",
            timeout=RUN_TIMEOUT,
        )
        check_cell = (
            page.locator(".jp-Notebook .jp-CodeCell")
            .filter(has_text="check(Linear)")
            .filter(has_not_text="graded(")
        )
        check_cell.first.wait_for(timeout=RUN_TIMEOUT)
        assert check_cell.count() == 1
        # the kernel is up when the toolbar says so (the notebook opens with a fresh kernel)
        page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(
            timeout=RUN_TIMEOUT
        )
        # select the self-check cell (command mode), run everything above it, then the cell
        check_cell.locator(".jp-InputPrompt").click()
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Above Selected Cell").click()
        page.keyboard.press("Shift+Enter")
        verdict = check_cell.locator(".jp-OutputArea-output").filter(has_text="Linear:")
        verdict.wait_for(timeout=RUN_TIMEOUT)
        check_cell.scroll_into_view_if_needed()
        check_cell.screenshot(path=str(screenshot))
        print(f"screenshot of the verdict: {screenshot}")
        return verdict.inner_text()
    finally:
        page.close()


def test_a_filled_in_notebook_gets_all_good(playwright_chromium, lab, notebooks, tmp_path):
    text = run_self_check(
        playwright_chromium, lab, notebooks["filled"], tmp_path / "filled-verdict.png"
    )
    assert "Linear: 15/15 points, 10/10 checks passed (seed 0) -- all good." in text


def test_the_untouched_exercise_says_what_is_missing(playwright_chromium, lab, notebooks, tmp_path):
    text = run_self_check(
        playwright_chromium, lab, notebooks["untouched"], tmp_path / "untouched-verdict.png"
    )
    assert "Linear: 0/15 points, 1/10 checks passed (seed 0)" in text
    assert "Linear.bp_input is not implemented yet (it raises NotImplementedError)" in text
    assert "all good" not in text
