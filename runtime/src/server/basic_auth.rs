//! HTTP Basic authentication (RFC 7617) against a fixed list of users: [`BasicAuth`], the
//! ready [`HttpAuthenticator`], decided at once from the request's head without an allocation.

use std::fmt;
use std::sync::Arc;

use base64::Engine as _;
use hyper::header::{HeaderValue, AUTHORIZATION};

use super::{HttpAuthError, HttpAuthenticator, HttpContext, Refusal, Unauthorized};

/// The longest `Authorization: Basic` token read, in base64 characters: longer ones are
/// refused without being decoded. Decoded on the stack, it costs no allocation.
const MAX_BASIC_TOKEN: usize = 1024;

/// HTTP Basic authentication (RFC 7617) against a fixed list of users: a request whose
/// `Authorization: Basic` credentials name one of them with its password is let through as
/// that user; any other is refused with `WWW-Authenticate: Basic realm="REALM",
/// charset="UTF-8"`.
///
/// Names and passwords are compared in constant time (their bytes, as UTF-8), against every
/// user whatever matched before, so the time taken tells nothing of which part was wrong.
/// Credentials sent in ISO-8859-1 are accepted too: RFC 7617 leaves the encoding to the client
/// unless the challenge names UTF-8, and Python's `requests`, Java's `HttpURLConnection` and
/// older clients encode them so whatever the challenge says (a name or password with a
/// character beyond U+00FF can only be sent as UTF-8).
/// Passwords never show in its `Debug` output, in errors or in logs. Basic credentials travel
/// in clear text: serve over https (behind a TLS-terminating proxy, say).
#[derive(Clone)]
pub struct BasicAuth {
    /// The challenge every refusal carries.
    challenge: Unauthorized,
    /// The realm, for `Debug`.
    realm: String,
    /// The users, each name shared with every request it authenticates.
    users: Vec<BasicUser>,
}

/// One user [`BasicAuth`] accepts.
#[derive(Clone)]
struct BasicUser {
    name: Arc<str>,
    password: Box<[u8]>,
    /// The name and password as ISO-8859-1 bytes, when they differ from the UTF-8 ones and
    /// every character has such a byte.
    latin1: Option<Latin1Credentials>,
}

/// A user's name and password as ISO-8859-1 bytes.
#[derive(Clone)]
struct Latin1Credentials {
    name: Box<[u8]>,
    password: Box<[u8]>,
}

/// `text` as ISO-8859-1 bytes, when that differs from its UTF-8 (it holds a character from
/// U+0080 to U+00FF) and every character is one byte there.
fn latin1(text: &str) -> Option<Box<[u8]>> {
    if text.is_ascii() {
        return None;
    }
    text.chars().map(|c| u8::try_from(c).ok()).collect()
}

impl fmt::Debug for BasicAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BasicAuth")
            .field("realm", &self.realm)
            .field(
                "users",
                &self
                    .users
                    .iter()
                    .map(|user| &*user.name)
                    .collect::<Vec<_>>(),
            )
            .field("passwords", &crate::secret::Hidden)
            .finish()
    }
}

impl BasicAuth {
    /// Basic authentication in `realm` (the name a browser shows; the service's name, say),
    /// accepting nobody until users are added with [`user`](Self::user).
    pub fn new(realm: &str) -> Result<Self, HttpAuthError> {
        if realm
            .chars()
            .any(|c| c == '"' || c == '\\' || c.is_control())
        {
            return Err(HttpAuthError::InvalidRealm {
                realm: realm.to_owned(),
            });
        }
        let challenge = format!("Basic realm=\"{realm}\", charset=\"UTF-8\"");
        // Any text but quotes, backslashes and control characters makes a header value
        // (non-ASCII as `obs-text`), so this cannot fail; the error stays typed all the same.
        let challenge = HeaderValue::from_bytes(challenge.as_bytes()).map_err(|_| {
            HttpAuthError::InvalidRealm {
                realm: realm.to_owned(),
            }
        })?;
        Ok(BasicAuth {
            challenge: Unauthorized::from_header(challenge),
            realm: realm.to_owned(),
            users: Vec::new(),
        })
    }

    /// The same authentication, accepting `name` with `password` too. Fails when the name is
    /// empty or holds a colon or a control character; the error names the user, never the
    /// password.
    pub fn user(mut self, name: &str, password: &str) -> Result<Self, HttpAuthError> {
        if name.is_empty() || name.chars().any(|c| c == ':' || c.is_control()) {
            return Err(HttpAuthError::InvalidUser {
                user: name.to_owned(),
            });
        }
        // ASCII is the same bytes in both; only a name or password beyond it has a Latin-1
        // form of its own, and both must have one.
        let as_latin1 =
            |text: &str| latin1(text).or_else(|| text.is_ascii().then(|| text.as_bytes().into()));
        let latin1 = match (latin1(name), latin1(password)) {
            (None, None) => None,
            _ => as_latin1(name)
                .zip(as_latin1(password))
                .map(|(name, password)| Latin1Credentials { name, password }),
        };
        self.users.push(BasicUser {
            name: name.into(),
            password: password.as_bytes().into(),
            latin1,
        });
        Ok(self)
    }

    /// The user whose name and password `token` (the base64 of `Authorization: Basic`)
    /// carries, if it is one of the users.
    fn check(&self, token: &[u8]) -> Option<Arc<str>> {
        if token.len() > MAX_BASIC_TOKEN {
            return None;
        }
        let mut decoded = [0u8; MAX_BASIC_TOKEN / 4 * 3];
        let found =
            match base64::engine::general_purpose::STANDARD.decode_slice(token, &mut decoded) {
                Ok(len) => decoded[..len]
                    .iter()
                    .position(|&b| b == b':')
                    .and_then(|colon| {
                        let (name, password) = (&decoded[..colon], &decoded[colon + 1..len]);
                        self.matching_user(name, password)
                    }),
                Err(_) => None,
            };
        // The password does not stay on the stack after the check.
        decoded.fill(0);
        std::hint::black_box(&decoded);
        found
    }

    /// The user with `name` and `password` in UTF-8 or in ISO-8859-1, every user's name and
    /// password compared in constant time in each encoding it has.
    fn matching_user(&self, name: &[u8], password: &[u8]) -> Option<Arc<str>> {
        let mut found = None;
        for user in &self.users {
            let name_matches = constant_time_eq(name, user.name.as_bytes());
            let password_matches = constant_time_eq(password, &user.password);
            // `&`, not `&&`: the password is compared whether the name matched or not.
            let mut matches = name_matches & password_matches;
            if let Some(latin1) = &user.latin1 {
                matches |= constant_time_eq(name, &latin1.name)
                    & constant_time_eq(password, &latin1.password);
            }
            if matches {
                found = Some(user.name.clone());
            }
        }
        found
    }
}

impl HttpAuthenticator for BasicAuth {
    fn authenticate(&self, request: &HttpContext) -> Result<Option<Arc<str>>, Refusal> {
        let Some(token) = request
            .headers()
            .get(AUTHORIZATION)
            .and_then(|value| basic_token(value.as_bytes()))
        else {
            return Err(
                Refusal::unauthorized(self.challenge.clone()).because("no HTTP Basic credentials")
            );
        };
        match self.check(token) {
            Some(user) => Ok(Some(user)),
            None => Err(Refusal::unauthorized(self.challenge.clone())
                .because("HTTP Basic credentials of no known user")),
        }
    }
}

/// The token of an `Authorization` header's value under the `Basic` scheme (any case), without
/// the spaces around it.
fn basic_token(value: &[u8]) -> Option<&[u8]> {
    const SCHEME: &[u8] = b"basic";
    let scheme = value.get(..SCHEME.len())?;
    let rest = value.get(SCHEME.len()..)?;
    if !scheme.eq_ignore_ascii_case(SCHEME) || !rest.starts_with(b" ") {
        return None;
    }
    Some(rest.trim_ascii())
}

/// True when `given` and `expected` are the same bytes. Its time depends on the length of
/// `given` only (which the client chose), not on where the two differ, nor on how long
/// `expected` is when `given` is not empty.
fn constant_time_eq(given: &[u8], expected: &[u8]) -> bool {
    let mut differ = given.len() ^ expected.len();
    // `expected` repeated to the length of `given`: every byte of `given` is compared.
    for (g, e) in given.iter().zip(expected.iter().cycle()) {
        differ |= usize::from(g ^ e);
    }
    std::hint::black_box(differ) == 0
}

#[cfg(test)]
mod tests {
    use hyper::Request;

    use super::*;

    fn context(authorization: Option<&str>) -> HttpContext {
        let mut request = Request::post("/EMail.svc");
        if let Some(value) = authorization {
            request = request.header(AUTHORIZATION, value);
        }
        let (head, ()) = request.body(()).expect("a request").into_parts();
        HttpContext::new(head, None)
    }

    fn basic(user: &str, password: &str) -> String {
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        format!("Basic {token}")
    }

    fn token_bytes(credentials: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(credentials)
    }

    fn auth() -> BasicAuth {
        BasicAuth::new("EMail")
            .and_then(|auth| auth.user("agent", "s3cret:with colon"))
            .and_then(|auth| auth.user("ops", "ünïcode"))
            .expect("valid users")
    }

    #[test]
    fn the_right_credentials_let_the_request_through_as_their_user() {
        let auth = auth();
        let user = auth.authenticate(&context(Some(&basic("agent", "s3cret:with colon"))));
        assert_eq!(user.expect("let through").as_deref(), Some("agent"));
        let user = auth.authenticate(&context(Some(&basic("ops", "ünïcode"))));
        assert_eq!(user.expect("let through").as_deref(), Some("ops"));
        // As ISO-8859-1 bytes, as Python's `requests` sends text credentials.
        let latin1 = b"ops:\xfcn\xefcode";
        let token = base64::engine::general_purpose::STANDARD.encode(latin1);
        let user = auth.authenticate(&context(Some(&format!("Basic {token}"))));
        assert_eq!(user.expect("let through").as_deref(), Some("ops"));
        // The scheme in any case, spaces around the token.
        let lower = basic("ops", "ünïcode").replacen("Basic ", "bAsIc   ", 1) + " ";
        assert!(auth.authenticate(&context(Some(&lower))).is_ok());
    }

    #[test]
    fn anything_else_is_refused_with_the_basic_challenge() {
        let auth = auth();
        let token = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        let refused = [
            None,
            Some(basic("agent", "wrong")),
            Some(basic("agent", "s3cret")),
            Some(basic("agent", "s3cret:with colon ")),
            Some(basic("ops", "s3cret:with colon")),
            Some(basic("nobody", "ünïcode")),
            Some(basic("", "")),
            Some(format!("Basic {}", token("agent"))),
            Some("Basic not base64!".to_owned()),
            Some(format!("Bearer {}", token("agent:s3cret:with colon"))),
            Some(format!("Basic{}", token("agent:s3cret:with colon"))),
            Some(format!("Basic {}", "QUFB".repeat(MAX_BASIC_TOKEN))),
            // ISO-8859-1 bytes of another password, and of the right one under a wrong name.
            Some(format!("Basic {}", token_bytes(b"ops:\xfcn\xefcod"))),
            Some(format!("Basic {}", token_bytes(b"agent:\xfcn\xefcode"))),
        ];
        for authorization in refused {
            let refusal = auth
                .authenticate(&context(authorization.as_deref()))
                .expect_err("refused");
            assert_eq!(refusal.status(), 401, "{authorization:?}");
            assert_eq!(
                refusal.challenges(),
                ["Basic realm=\"EMail\", charset=\"UTF-8\""],
                "{authorization:?}"
            );
        }
    }

    #[test]
    fn realms_and_users_that_a_header_cannot_carry_are_refused() {
        assert!(matches!(
            BasicAuth::new("a \"quoted\" realm"),
            Err(HttpAuthError::InvalidRealm { .. })
        ));
        assert!(matches!(
            BasicAuth::new("line\nbreak"),
            Err(HttpAuthError::InvalidRealm { .. })
        ));
        let auth = BasicAuth::new("Café").expect("a non-ASCII realm");
        for user in ["", "a:b", "tab\t"] {
            let error = auth.clone().user(user, "hunter2").expect_err("refused");
            assert!(!error.to_string().contains("hunter2"), "{error}");
        }
    }

    #[test]
    fn passwords_never_show_in_debug_output() {
        let shown = format!("{:?}", auth());
        assert!(
            shown.contains("agent") && shown.contains("EMail"),
            "{shown}"
        );
        assert!(
            !shown.contains("s3cret") && !shown.contains("ünïcode"),
            "{shown}"
        );
        let context = context(Some(&basic("agent", "s3cret:with colon")));
        let shown = format!("{context:?}");
        assert!(shown.contains("authorization"), "{shown}");
        assert!(!shown.contains("Basic"), "{shown}");
    }

    #[test]
    fn only_names_and_passwords_within_latin1_have_a_latin1_form() {
        assert_eq!(latin1("agent"), None);
        assert_eq!(latin1("ünï").as_deref(), Some(&b"\xfcn\xef"[..]));
        assert_eq!(latin1("日本"), None);
        let auth = BasicAuth::new("EMail")
            .and_then(|auth| auth.user("kanji", "日本"))
            .and_then(|auth| auth.user("jürgen", "plain"))
            .expect("valid users");
        assert!(auth.users[0].latin1.is_none());
        let latin1 = auth.users[1].latin1.as_ref().expect("a Latin-1 form");
        assert_eq!(
            (&*latin1.name, &*latin1.password),
            (&b"j\xfcrgen"[..], &b"plain"[..])
        );
        let token = token_bytes(b"j\xfcrgen:plain");
        let user = auth.authenticate(&context(Some(&format!("Basic {token}"))));
        assert_eq!(user.expect("let through").as_deref(), Some("jürgen"));
    }

    #[test]
    fn constant_time_comparison_compares_whole_values() {
        assert!(constant_time_eq(b"", b""));
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcabc"));
        assert!(!constant_time_eq(b"abcabc", b"abc"));
        assert!(!constant_time_eq(b"", b"abc"));
        assert!(!constant_time_eq(b"abc", b""));
    }
}
