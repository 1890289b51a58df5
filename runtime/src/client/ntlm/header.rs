//! The authentication headers of the handshake: the schemes and tokens a server offers in its
//! `WWW-Authenticate` headers, and the `Authorization` value answering them.

use base64::Engine as _;

/// The scheme NTLM tokens travel under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scheme {
    /// `NTLM`.
    Ntlm,
    /// `Negotiate` (SPNEGO), which IIS also accepts with raw NTLM tokens.
    Negotiate,
}

impl Scheme {
    /// The scheme's name in the headers.
    pub(super) fn name(self) -> &'static str {
        match self {
            Scheme::Ntlm => "NTLM",
            Scheme::Negotiate => "Negotiate",
        }
    }
}

/// What a server offers in its `WWW-Authenticate` headers.
#[derive(Debug, Default)]
pub(super) struct Offers {
    /// `NTLM`, with the token that came with it (the challenge), if any.
    ntlm: Option<Option<String>>,
    /// `Negotiate`, with the token that came with it, if any.
    negotiate: Option<Option<String>>,
    /// The names of the other schemes offered, for errors.
    others: Vec<String>,
}

impl Offers {
    /// The offers of the header values `values` (each may list several challenges, separated
    /// by commas; the parameters of other schemes, such as Basic's `realm="..."`, are skipped).
    pub(super) fn parse<'a>(values: impl IntoIterator<Item = &'a str>) -> Self {
        let mut offers = Offers::default();
        for value in values {
            for challenge in value.split(',') {
                let challenge = challenge.trim();
                let (scheme, rest) = challenge
                    .split_once(char::is_whitespace)
                    .map_or((challenge, ""), |(s, r)| (s, r.trim()));
                if scheme.is_empty() || scheme.contains('=') || scheme.contains('"') {
                    // A parameter of the previous challenge.
                    continue;
                }
                // A token68 carries no '='-separated name: `realm="x"` is a parameter.
                let token =
                    (!rest.is_empty() && !rest.contains(['"', ' '])).then(|| rest.to_owned());
                if scheme.eq_ignore_ascii_case("NTLM") {
                    offers.ntlm = Some(token.or(offers.ntlm.flatten()));
                } else if scheme.eq_ignore_ascii_case("Negotiate") {
                    offers.negotiate = Some(token.or(offers.negotiate.flatten()));
                } else if !offers.others.iter().any(|o| o.eq_ignore_ascii_case(scheme)) {
                    offers.others.push(scheme.to_owned());
                }
            }
        }
        offers
    }

    /// Whether `scheme` is offered (with a token or without).
    pub(super) fn offers(&self, scheme: Scheme) -> bool {
        self.entry(scheme).is_some()
    }

    /// The token offered under `scheme`, if one came.
    pub(super) fn token(&self, scheme: Scheme) -> Option<&str> {
        self.entry(scheme).and_then(Option::as_deref)
    }

    fn entry(&self, scheme: Scheme) -> Option<&Option<String>> {
        match scheme {
            Scheme::Ntlm => self.ntlm.as_ref(),
            Scheme::Negotiate => self.negotiate.as_ref(),
        }
    }

    /// The schemes offered, for an error: `Basic, Digest`, or `none`.
    pub(super) fn describe(&self) -> String {
        let mut names: Vec<&str> = Vec::new();
        if self.ntlm.is_some() {
            names.push("NTLM");
        }
        if self.negotiate.is_some() {
            names.push("Negotiate");
        }
        names.extend(self.others.iter().map(String::as_str));
        if names.is_empty() {
            "none".to_owned()
        } else {
            names.join(", ")
        }
    }
}

/// The `Authorization` header's value sending `token` under `scheme`.
pub(super) fn authorization(scheme: Scheme, token: &[u8]) -> String {
    format!(
        "{} {}",
        scheme.name(),
        base64::engine::general_purpose::STANDARD.encode(token)
    )
}

/// The bytes of a base64 token from a `WWW-Authenticate` header.
pub(super) fn decode(token: &str) -> Result<Vec<u8>, base64::DecodeError> {
    base64::engine::general_purpose::STANDARD.decode(token)
}

#[cfg(test)]
mod tests {
    use super::{Offers, Scheme};

    #[test]
    fn schemes_and_tokens_are_read_from_one_header_or_several() {
        let offers = Offers::parse(["Negotiate, NTLM", "Basic realm=\"corp, north\""]);
        assert!(offers.offers(Scheme::Ntlm) && offers.offers(Scheme::Negotiate));
        assert_eq!(offers.token(Scheme::Ntlm), None);
        assert_eq!(offers.describe(), "NTLM, Negotiate, Basic");

        let offers = Offers::parse(["NTLM TlRMTVNTUAACAAAA=="]);
        assert_eq!(offers.token(Scheme::Ntlm), Some("TlRMTVNTUAACAAAA=="));
        assert!(!offers.offers(Scheme::Negotiate));

        let offers = Offers::parse(["negotiate abc="]);
        assert_eq!(offers.token(Scheme::Negotiate), Some("abc="));

        let offers = Offers::parse(["Bearer realm=\"x\", error=\"invalid_token\""]);
        assert_eq!(offers.describe(), "Bearer");
        assert_eq!(Offers::parse([""]).describe(), "none");
    }
}
