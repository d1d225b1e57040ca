import pytest

from nbval_balance import BENCH_TABLE, groups, measured_seconds


def test_reads_the_committed_table():
    seconds = measured_seconds(BENCH_TABLE.read_text(encoding="utf-8"))
    assert len(seconds) >= 9 and all(name.endswith(".ipynb") and s > 0 for name, s in seconds.items())


def test_slowest_notebook_gets_a_worker_of_its_own():
    seconds = {"a.ipynb": 77.0, "b.ipynb": 20.0, "c.ipynb": 15.0, "d.ipynb": 10.0}
    chosen = groups(list(seconds), seconds)
    assert chosen["a.ipynb"] != chosen["b.ipynb"] == chosen["c.ipynb"] == chosen["d.ipynb"]


def test_unlisted_notebooks_still_get_a_group():
    assert set(groups(["new.ipynb", "a.ipynb"], {"a.ipynb": 5.0}).values()) == {0, 1}


def test_bad_worker_count():
    with pytest.raises(ValueError, match="at least one worker, got 0"):
        groups(["a.ipynb"], {}, workers=0)
