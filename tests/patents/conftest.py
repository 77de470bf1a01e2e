import pytest


@pytest.fixture(autouse=True)
def _own_index(settings, tmp_path):
    """Each test searches an index of its own (the register rolls back, a folder on disk would not)."""
    from zhichan.patents import index

    settings.PATENTS_INDEX_DIR = str(tmp_path / "patents-index")
    index.forget()
    yield
    index.forget()
