"""Quota page tests: a context without a task runner, and the quota demo (settings: ../conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def ctx(qtbot, db):  # type: ignore[no-untyped-def]
    """A context without a task runner: ``submit`` runs the work at once (deterministic)."""
    from desktop.context import AppContext, CurrentUser

    return AppContext(db, CurrentUser(None, "tester", "clerk"))


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    import random

    from models.quotas.demo import seed_demo
    from tests.template_db import load_prepared

    return load_prepared(db, "quotas-demo-11", lambda s: seed_demo(s, random.Random(11)))
