from tests.matcher.conftest import make_router, ruleset, vocabulary  # noqa: F401  (fixtures)
from tests.smtp_sink import smtp_server  # noqa: F401  (fixtures)
