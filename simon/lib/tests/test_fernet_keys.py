"""Where the Fernet keys come from, and what is refused in production (issue 9)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from simon.lib.config import ConfigError
from simon.lib.fernet_keys import fernet_keys

NEW, OLD = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def test_the_embedded_set_up_generates_one_key_in_the_data_folder_once(tmp_path):
    first = fernet_keys({}, tmp_path, production=False)
    again = fernet_keys({}, tmp_path, production=False)

    assert first == again == [(tmp_path / "fernet.key").read_text().strip()]


def test_keys_from_the_environment_newest_first(tmp_path):
    keys = fernet_keys({"SIMON_FERNET_KEY": f"{NEW}, {OLD}"}, tmp_path, production=True)

    assert keys == [NEW, OLD]
    assert not (tmp_path / "fernet.key").exists()


def test_keys_from_a_file_outside_the_data_folder(tmp_path):
    data, secrets = tmp_path / "data", tmp_path / "secrets"
    data.mkdir()
    secrets.mkdir()
    (secrets / "fernet.keys").write_text(f"# newest first\n{NEW}\n\n{OLD}\n")

    keys = fernet_keys(
        {"SIMON_FERNET_KEY_FILE": str(secrets / "fernet.keys")}, data, production=True
    )

    assert keys == [NEW, OLD]


def test_production_refuses_the_generated_key(tmp_path):
    with pytest.raises(ConfigError, match="SIMON_FERNET_KEY or SIMON_FERNET_KEY_FILE"):
        fernet_keys({}, tmp_path, production=True)
    assert not (tmp_path / "fernet.key").exists()


def test_production_refuses_a_key_file_inside_the_data_folder(tmp_path):
    (tmp_path / "fernet.key").write_text(NEW)

    with pytest.raises(ConfigError, match="must not be inside SIMON_DATA_DIR"):
        fernet_keys({"SIMON_FERNET_KEY_FILE": str(tmp_path / "fernet.key")}, tmp_path, True)


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"SIMON_FERNET_KEY": "geen-sleutel"}, "SIMON_FERNET_KEY: key 1 is not a Fernet key"),
        ({"SIMON_FERNET_KEY": f"{NEW},kapot"}, "SIMON_FERNET_KEY: key 2 is not a Fernet key"),
        ({"SIMON_FERNET_KEY_FILE": "/nergens/fernet.keys"}, "SIMON_FERNET_KEY_FILE cannot be"),
    ],
)
def test_a_bad_key_stops_the_start_naming_the_variable_not_the_key(tmp_path, environ, message):
    with pytest.raises(ConfigError, match=message) as raised:
        fernet_keys(environ, tmp_path, production=False)
    assert "kapot" not in str(raised.value) and "geen-sleutel" not in str(raised.value)


def test_an_empty_key_file_is_refused(tmp_path: Path):
    (tmp_path / "keys").write_text("# nothing yet\n")

    with pytest.raises(ConfigError, match="holds no key"):
        fernet_keys({"SIMON_FERNET_KEY_FILE": str(tmp_path / "keys")}, tmp_path / "x", False)
