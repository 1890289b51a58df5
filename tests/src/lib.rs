//! End-to-end tests across the workspace live in `tests/tests/`.
