//! The credentials an [`NtlmTransport`](super::NtlmTransport) authenticates with.
//!
//! The password never appears in `Debug` output, errors or logs: `Debug` shows the user, the
//! domain and the workstation only.

use std::fmt;

/// The longest user, domain or workstation name accepted, in characters: far above Windows'
/// own limits (a user principal name has at most 256), and small enough that every field of an
/// NTLM message stays within its 16-bit length.
pub(super) const MAX_NAME_CHARS: usize = 1024;

/// A user's NTLM credentials.
#[derive(Clone)]
pub(super) struct Credentials {
    /// The user name, without the domain.
    pub(super) user: String,
    /// The domain (empty for a local account, or when the server's own is meant).
    pub(super) domain: String,
    /// The workstation name sent to the server (may be empty).
    pub(super) workstation: String,
    /// The password.
    pub(super) password: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .field("domain", &self.domain)
            .field("workstation", &self.workstation)
            .field("password", &crate::secret::Hidden)
            .finish()
    }
}

impl Credentials {
    /// The credentials of `user`, which may be given as `DOMAIN\user` (the domain is taken from
    /// it). A user principal name (`user@domain`) stays whole: NTLM sends it as the user name
    /// with an empty domain, as Windows does.
    pub(super) fn new(user: &str, password: &str) -> Self {
        let (domain, user) = match user.split_once('\\') {
            Some((domain, user)) => (domain, user),
            None => ("", user),
        };
        Credentials {
            user: user.to_owned(),
            domain: domain.to_owned(),
            workstation: String::new(),
            password: password.to_owned(),
        }
    }

    /// `DOMAIN\user`, or the user alone without a domain: for errors and logs.
    pub(super) fn account(&self) -> String {
        if self.domain.is_empty() {
            self.user.clone()
        } else {
            format!("{}\\{}", self.domain, self.user)
        }
    }

    /// The name of a field longer than [`MAX_NAME_CHARS`], if any.
    pub(super) fn too_long(&self) -> Option<&'static str> {
        [
            ("user", &self.user),
            ("domain", &self.domain),
            ("workstation", &self.workstation),
        ]
        .into_iter()
        .find(|(_, value)| value.chars().count() > MAX_NAME_CHARS)
        .map(|(name, _)| name)
    }
}

#[cfg(test)]
mod tests {
    use super::Credentials;

    #[test]
    fn a_domain_is_taken_from_a_down_level_logon_name() {
        let c = Credentials::new("CORP\\anna", "pw");
        assert_eq!((c.domain.as_str(), c.user.as_str()), ("CORP", "anna"));
        assert_eq!(c.account(), "CORP\\anna");
        let c = Credentials::new("anna@corp.example", "pw");
        assert_eq!(
            (c.domain.as_str(), c.user.as_str()),
            ("", "anna@corp.example")
        );
        assert_eq!(c.account(), "anna@corp.example");
    }

    #[test]
    fn debug_leaves_out_the_password() {
        let shown = format!("{:?}", Credentials::new("CORP\\anna", "S3cr3t"));
        assert!(!shown.contains("S3cr3t"), "{shown}");
        assert!(shown.contains("anna"), "{shown}");
    }
}
