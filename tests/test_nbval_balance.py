from nbval_balance import BENCH_TABLE, measured_seconds, running_order


def test_reads_the_committed_table():
    seconds = measured_seconds(BENCH_TABLE.read_text(encoding="utf-8"))
    assert len(seconds) >= 9 and all(
        name.endswith(".ipynb") and s > 0 for name, s in seconds.items()
    )


def test_slowest_then_quickest_then_the_rest():
    seconds = {"a.ipynb": 77.0, "b.ipynb": 20.0, "c.ipynb": 15.0, "d.ipynb": 6.0}
    assert running_order(["c.ipynb", "d.ipynb", "a.ipynb", "b.ipynb", "a.ipynb"], seconds) == [
        "a.ipynb",
        "d.ipynb",
        "b.ipynb",
        "c.ipynb",
    ]


def test_unlisted_notebooks_count_as_ten_seconds():
    assert running_order(
        ["new.ipynb", "a.ipynb", "b.ipynb"], {"a.ipynb": 5.0, "b.ipynb": 50.0}
    ) == [
        "b.ipynb",
        "a.ipynb",
        "new.ipynb",
    ]
