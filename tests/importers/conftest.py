from tests.trust_fixtures import governed, keyring, use_key  # noqa: F401  (shared fixtures)
