"""nbgrader configuration of the course (read by every `nbgrader` command run from this folder).

Source notebooks (with solutions and hidden tests) live in solutions/; `nbgrader
generate_assignment` writes the student versions to exercises/. Regenerate them with
`python tools/generate_exercises.py`, which runs nbgrader in a temporary copy of the course so
no gradebook or log is left in the repository.
"""

from pathlib import Path

from autograder.nbgrader_support import KERNEL_ARGUMENT

c = get_config()  # noqa: F821 - injected by nbgrader's config loader

# The course is the folder holding this file, wherever nbgrader is started from
# (tools/generate_exercises.py copies this file into a temporary course directory).
c.CourseDirectory.root = str(Path(__file__).resolve().parent)
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"

# Executing a notebook (validate, autograde) runs the graded cells' checks: give them time.
c.Execute.timeout = 300
c.ExecutePreprocessor.timeout = 300

# nbgrader zeroes a test cell with any stderr output; a warning is not a failure. Kernels that
# nbgrader starts print Python warnings on stdout instead (autograder/nbgrader_support.py says
# what this does and does not cover). Exceptions still zero the cell.
c.Execute.extra_arguments = [KERNEL_ARGUMENT]

# What replaces each `### BEGIN SOLUTION` ... `### END SOLUTION` region in the exercises.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
