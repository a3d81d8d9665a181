import pytest

from tests.http_receiver import receiver  # noqa: F401  (fixtures)
from tests.smtp_sink import smtp_server  # noqa: F401


@pytest.fixture
def app_config(app_config):
    """These tests count the reminder mails; the mail about unconfirmed services is tested in tests/directory."""
    return {**app_config, "DIRECTORY_ASSURE_DAYS": 0}


@pytest.fixture
def cli_env(cli_env):
    return {**cli_env, "DIRECTORY_ASSURE_DAYS": "0"}
