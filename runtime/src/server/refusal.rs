//! How an HTTP authenticator refuses a request: [`Refusal`], answered `401 Unauthorized` with
//! the challenges of an [`Unauthorized`] (the client may try again with credentials),
//! `403 Forbidden` (the credentials are known, but do not open this endpoint), or `503 Service
//! Unavailable` (they could not be checked).
//!
//! None carries anything of the request: a refusal is made of the server's own challenges and
//! a `&'static str` reason for the log, so that no token or password sent can reach its `Debug`
//! output, the log or the answer.

use std::fmt;
use std::sync::Arc;

use hyper::header::HeaderValue;
use hyper::StatusCode;

use super::HttpAuthError;

/// A refusal with `WWW-Authenticate` challenges: the request is answered `401 Unauthorized`,
/// one `WWW-Authenticate` header per challenge, and its body is never read.
///
/// Cheap to clone (a shared header value): an authenticator makes it once and hands out clones.
#[derive(Debug, Clone)]
pub struct Unauthorized {
    challenges: Challenges,
}

/// The challenges of a refusal: one (nearly all) kept as it is, several shared.
#[derive(Debug, Clone)]
enum Challenges {
    One(HeaderValue),
    Several(Arc<[HeaderValue]>),
}

impl Unauthorized {
    /// A refusal with `challenge` as the `WWW-Authenticate` header (for example
    /// `Bearer realm="EMail"`). Fails when the challenge is not a valid header value (visible
    /// ASCII and spaces).
    pub fn new(challenge: &str) -> Result<Self, HttpAuthError> {
        checked_challenge(challenge).map(Unauthorized::from_header)
    }

    /// The same refusal offering `challenge` too, after the ones it has, in a
    /// `WWW-Authenticate` header of its own: a client takes the first scheme it supports, so
    /// list the strongest first (`Negotiate`, then `Basic realm="EMail"`). Fails as
    /// [`new`](Self::new) does.
    pub fn with_challenge(self, challenge: &str) -> Result<Self, HttpAuthError> {
        let added = checked_challenge(challenge)?;
        let challenges = self
            .challenges()
            .iter()
            .cloned()
            .chain(std::iter::once(added))
            .collect();
        Ok(Unauthorized {
            challenges: Challenges::Several(challenges),
        })
    }

    /// A refusal with `challenge`, a header value already checked.
    pub(super) fn from_header(challenge: HeaderValue) -> Self {
        Unauthorized {
            challenges: Challenges::One(challenge),
        }
    }

    /// The first `WWW-Authenticate` header the refusal is answered with.
    pub fn challenge(&self) -> &HeaderValue {
        // `Several` is made by `with_challenge`, from at least the one challenge `new` made.
        self.challenges()
            .first()
            .unwrap_or_else(|| unreachable!("an `Unauthorized` has at least one challenge"))
    }

    /// Every `WWW-Authenticate` header the refusal is answered with, in order.
    pub fn challenges(&self) -> &[HeaderValue] {
        match &self.challenges {
            Challenges::One(challenge) => std::slice::from_ref(challenge),
            Challenges::Several(challenges) => challenges,
        }
    }
}

/// `challenge` as a header value, or the typed error naming it.
fn checked_challenge(challenge: &str) -> Result<HeaderValue, HttpAuthError> {
    HeaderValue::from_str(challenge).map_err(|_| HttpAuthError::InvalidChallenge {
        challenge: challenge.to_owned(),
    })
}

/// Why an HTTP authenticator does not let a request through, and how it is answered: `401
/// Unauthorized` with challenges ([`Refusal::unauthorized`], or any [`Unauthorized`] through
/// `From`), `403 Forbidden` ([`Refusal::forbidden`]) or `503 Service Unavailable`
/// ([`Refusal::unavailable`]). Whichever, the request's body is never read, and the answer is a
/// short plain-text body, not a SOAP fault: nothing of the request was read to know its SOAP
/// version, and SOAP clients (zeep, the generated client) report it as the HTTP error it is.
///
/// Its `Debug` output shows the status, the challenges and the reason, nothing of the request.
#[derive(Clone)]
pub struct Refusal {
    answer: Answer,
    /// Why, for the server's log (at `debug`); never sent.
    reason: Option<&'static str>,
}

/// How a refusal is answered.
#[derive(Debug, Clone)]
enum Answer {
    /// `401 Unauthorized` with these challenges.
    Unauthorized(Unauthorized),
    /// `403 Forbidden`.
    Forbidden,
    /// `503 Service Unavailable`.
    Unavailable,
}

impl Refusal {
    /// `401 Unauthorized` with the challenges of `challenge`: no credentials, or credentials
    /// that are not valid (an unknown user, a wrong password, an expired token). The client
    /// may try again with others.
    pub fn unauthorized(challenge: Unauthorized) -> Self {
        Refusal {
            answer: Answer::Unauthorized(challenge),
            reason: None,
        }
    }

    /// `403 Forbidden`, without a challenge: the credentials are valid but do not open this
    /// endpoint (a user outside the group that may call it, a token without the scope), or
    /// the request comes from where the endpoint does not serve; trying again with them is
    /// pointless.
    pub fn forbidden() -> Self {
        Refusal {
            answer: Answer::Forbidden,
            reason: None,
        }
    }

    /// `503 Service Unavailable`, without a challenge: the credentials could not be checked
    /// (the token store or directory is down or did not answer), so nothing is said about
    /// them; a client may try again later with the same ones. Answering `401` instead would
    /// tell it that they are wrong.
    pub fn unavailable() -> Self {
        Refusal {
            answer: Answer::Unavailable,
            reason: None,
        }
    }

    /// The same refusal, with `reason` written to the server's log (at `debug`, with the
    /// peer's address) when the request is refused; the client is never told. A `&'static
    /// str`, so that nothing the request carried (a token, a password) can end up in it.
    pub fn because(mut self, reason: &'static str) -> Self {
        self.reason = Some(reason);
        self
    }

    /// The status the request is answered with: `401`, `403` or `503`.
    pub fn status(&self) -> StatusCode {
        match self.answer {
            Answer::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Answer::Forbidden => StatusCode::FORBIDDEN,
            Answer::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The `WWW-Authenticate` headers the request is answered with (none but for `401`).
    pub fn challenges(&self) -> &[HeaderValue] {
        match &self.answer {
            Answer::Unauthorized(unauthorized) => unauthorized.challenges(),
            Answer::Forbidden | Answer::Unavailable => &[],
        }
    }

    /// Why the request was refused, as [`because`](Self::because) gave it.
    pub fn reason(&self) -> Option<&'static str> {
        self.reason
    }
}

impl From<Unauthorized> for Refusal {
    fn from(challenge: Unauthorized) -> Self {
        Refusal::unauthorized(challenge)
    }
}

impl fmt::Debug for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Refusal")
            .field("status", &self.status().as_u16())
            .field("challenges", &self.challenges())
            .field("reason", &self.reason)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_is_answered_401_with_its_challenges_in_order_or_403_without() {
        let one = Unauthorized::new("Bearer realm=\"EMail\"").expect("a valid challenge");
        assert_eq!(one.challenge(), "Bearer realm=\"EMail\"");
        let several = Unauthorized::new("Negotiate")
            .and_then(|u| u.with_challenge("Basic realm=\"EMail\""))
            .and_then(|u| u.with_challenge("Bearer"))
            .expect("valid challenges");
        assert_eq!(
            several.challenges(),
            ["Negotiate", "Basic realm=\"EMail\"", "Bearer"]
        );
        assert_eq!(several.challenge(), "Negotiate");
        let refusal = Refusal::from(several).because("no ticket");
        assert_eq!(refusal.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(refusal.challenges().len(), 3);
        assert_eq!(refusal.reason(), Some("no ticket"));

        let forbidden = Refusal::forbidden();
        assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
        assert!(forbidden.challenges().is_empty());
        assert_eq!(forbidden.reason(), None);
        assert_eq!(
            format!("{:?}", forbidden.because("not in the group")),
            "Refusal { status: 403, challenges: [], reason: Some(\"not in the group\") }"
        );

        let unavailable = Refusal::unavailable().because("the token store is down");
        assert_eq!(unavailable.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(unavailable.challenges().is_empty());
    }

    #[test]
    fn a_challenge_a_header_cannot_carry_is_a_typed_error() {
        for challenge in ["line\nbreak", "nul\0"] {
            let error = Unauthorized::new(challenge).expect_err("refused");
            assert!(matches!(error, HttpAuthError::InvalidChallenge { .. }));
            let one = Unauthorized::new("Negotiate").expect("a valid challenge");
            assert!(one.with_challenge(challenge).is_err());
        }
    }
}
