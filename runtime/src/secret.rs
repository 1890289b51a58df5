//! Keeping secrets out of `Debug` output and logs.

use std::fmt;

/// Formats a secret field for `Debug`: `Some(<redacted>)`/`None` for options, `<redacted>`
/// otherwise. Generated types use it for passwords, tickets and tokens.
pub struct Redacted<'a, T>(pub &'a T);

impl<T> fmt::Debug for Redacted<'_, Option<T>> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(_) => f.write_str("Some(<redacted>)"),
            None => f.write_str("None"),
        }
    }
}

impl fmt::Debug for Redacted<'_, String> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}
