"""The end-to-end settings: defaults, the course's overrides, the shorter credit-assignment run."""

from __future__ import annotations

import pytest

from autograder.assignments.mlp.config import BUDGET_ENV, THRESHOLD_ENV, TrainConfig, from_env
from autograder.assignments.mlp.contract import BY_NAME
from autograder.assignments.mlp.rubric import checks_for, end_to_end_timeout


def test_the_defaults_require_97_percent():
    config = TrainConfig()
    assert config.threshold == 0.97
    assert config.images == 60000 and config.hidden == 128


@pytest.mark.parametrize(("value", "expected"), [("97.5", 0.975), ("0.96", 0.96), ("98", 0.98)])
def test_the_threshold_is_a_fraction_or_a_percentage(monkeypatch, value, expected):
    monkeypatch.setenv(THRESHOLD_ENV, value)
    monkeypatch.setenv(BUDGET_ENV, "12.5")
    config = from_env()
    assert config.threshold == pytest.approx(expected)
    assert config.budget == 12.5


def test_no_environment_means_the_defaults(monkeypatch):
    monkeypatch.delenv(THRESHOLD_ENV, raising=False)
    monkeypatch.delenv(BUDGET_ENV, raising=False)
    assert from_env() == TrainConfig()


def test_the_probe_is_shorter_with_a_budget_in_proportion():
    config = TrainConfig(budget=60.0)
    probe = config.probe()
    assert probe.images * probe.epochs < config.images * config.epochs
    assert probe.final_epochs == 0 and probe.threshold == config.probe_threshold
    assert 5.0 <= probe.budget < config.budget


def test_the_check_name_and_time_limit_follow_the_configuration(monkeypatch):
    monkeypatch.setenv(THRESHOLD_ENV, "95")
    (e2e,) = [d for d in checks_for(BY_NAME["train_step"]) if "MNIST" in d.name]
    assert ">= 95 %" in e2e.name
    assert e2e.timeout == end_to_end_timeout(from_env()) > from_env().budget
