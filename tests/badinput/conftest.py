"""The bad-input corpus checks uploads against the same 400 districts as the upload tests."""

from userdata.conftest import districts  # noqa: F401  (re-exported fixture)
