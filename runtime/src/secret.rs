//! Keeping secrets out of `Debug` output and logs.

use std::fmt;

/// Formats as `"<redacted>"` when set, `None` otherwise: for `Debug` of fields holding
/// passwords, tickets and tokens.
pub struct Redacted<'a, T>(pub &'a Option<T>);

impl<T> fmt::Debug for Redacted<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(_) => f.write_str("Some(<redacted>)"),
            None => f.write_str("None"),
        }
    }
}
