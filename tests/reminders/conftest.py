from tests.http_receiver import receiver  # noqa: F401  (fixtures)
from tests.smtp_sink import smtp_server  # noqa: F401
