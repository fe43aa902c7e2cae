"""Turn a `GradeResult` into text for people (table, verdict) or machines (JSON)."""

from .json_report import to_json
from .table import render_table
from .verdict import render_verdict

__all__ = ["render_table", "render_verdict", "to_json"]
