"""What the tests share: the shipped fixtures, the skip-or-fail rule, and the helpers in this folder
(going through the questions, building content, reading PDFs, running servers, driving the browser)."""
import os
from pathlib import Path

import pytest

FIXTURES = sorted(str(p) for p in (Path(__file__).resolve().parents[2] / "fixtures").glob("*.json"))


def skip_or_fail(message):
    """Skip a test whose tool or package is missing, saying how to get it; with
    IMMUNOGUIDE_NO_SKIP=1 (as in CI), where everything must be there, fail instead."""
    if os.environ.get("IMMUNOGUIDE_NO_SKIP") == "1":
        pytest.fail(message + " (IMMUNOGUIDE_NO_SKIP=1 forbids skipping)")
    pytest.skip(message)
