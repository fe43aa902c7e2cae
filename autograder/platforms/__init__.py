"""Files that put the grader on a course platform: Gradescope's autograder zip
(`gradescope.build_zip`) and GitHub Classroom's workflow (`github_classroom.write_workflow`).

The documents the grader produces on those platforms are in `autograder.reporters`.
"""
