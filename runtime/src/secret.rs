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

/// Formats as `<redacted>` in `Debug`: stands for a secret value of any type (a required
/// field, a list, a struct), where [`Redacted`] keeps only whether an option is set.
#[derive(Clone, Copy)]
pub struct Hidden;

impl fmt::Debug for Hidden {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// The words that mark an element as holding a secret, as `wsdl-codegen` uses them by default:
/// an element whose local name contains one (case-insensitive) is treated as secret.
pub const SECRET_WORDS: &[&str] = &["password", "ticket", "token", "secret"];

/// True when an element named `local` holds a secret by its name ([`SECRET_WORDS`]).
///
/// Decode errors use it so that they never echo such an element's text, whatever its type:
/// the text of an invalid value, or an entity or character reference inside it, shows as
/// `<redacted>`.
pub fn is_secret_name(local: &str) -> bool {
    SECRET_WORDS.iter().any(|word| {
        local
            .as_bytes()
            .windows(word.len())
            .any(|w| w.eq_ignore_ascii_case(word.as_bytes()))
    })
}

/// What error messages show instead of a secret element's text.
pub const REDACTED: &str = "<redacted>";
