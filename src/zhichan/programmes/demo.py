"""Demo content (`zhichan demo`): filled in below."""


def load(*, admin, organisations):
    return None
