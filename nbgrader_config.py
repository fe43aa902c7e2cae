"""nbgrader configuration of the course (read by every `nbgrader` command run from this folder).

Source notebooks (with solutions and hidden tests) live in solutions/; `nbgrader
generate_assignment` writes the student versions to exercises/. Regenerate them with
`python tools/generate_exercises.py`, which runs nbgrader in a temporary copy of the course so
no gradebook or log is left in the repository.
"""

from pathlib import Path

c = get_config()  # noqa: F821 - injected by nbgrader's config loader

# The course is the folder holding this file, wherever nbgrader is started from
# (tools/generate_exercises.py copies this file into a temporary course directory).
c.CourseDirectory.root = str(Path(__file__).resolve().parent)
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"

# Executing a notebook (validate, autograde) runs the graded cells' checks: give them time.
c.Execute.timeout = 300
c.ExecutePreprocessor.timeout = 300

# What replaces each `### BEGIN SOLUTION` ... `### END SOLUTION` region in the exercises.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
