//! Generated bindings (placeholder until the generator lands).
