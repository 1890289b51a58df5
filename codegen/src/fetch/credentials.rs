//! What `fetch` sends to authenticate: extra headers (`--header 'Name: value'`) and HTTP Basic
//! credentials (`--user NAME`, the password from an environment variable or a prompt without
//! echo). Header values and passwords never appear in `Debug`, errors or output.

use std::fmt;

use reqwest::header::{HeaderName, HeaderValue};

use super::error::FetchError;

/// An extra HTTP header sent with every request to the fetched URL's origin.
#[derive(Clone)]
pub struct Header {
    name: HeaderName,
    value: HeaderValue,
}

impl Header {
    /// Parses `Name: value` (spaces around the value are removed). The value is treated as a
    /// secret: it is marked sensitive for the HTTP client and never shown.
    pub fn parse(text: &str) -> Result<Header, FetchError> {
        let Some((name, value)) = text.split_once(':') else {
            return Err(FetchError::Header {
                // Only the start that can be a header name: the rest may be the secret.
                name: text
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
                    .take(40)
                    .collect(),
                reason: "no colon between the name and the value".into(),
            });
        };
        let name = name.trim();
        let header_name =
            HeaderName::from_bytes(name.as_bytes()).map_err(|_| FetchError::Header {
                name: name.chars().take(40).collect(),
                reason: "not a valid header name".into(),
            })?;
        let mut header_value =
            HeaderValue::from_str(value.trim()).map_err(|_| FetchError::Header {
                name: name.to_string(),
                reason: "the value holds characters a header cannot carry (a line break?)".into(),
            })?;
        header_value.set_sensitive(true);
        Ok(Header {
            name: header_name,
            value: header_value,
        })
    }

    /// The header's name.
    pub fn name(&self) -> &str {
        self.name.as_str()
    }

    pub(crate) fn parts(&self) -> (&HeaderName, &HeaderValue) {
        (&self.name, &self.value)
    }
}

impl fmt::Debug for Header {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Header({}: <redacted>)", self.name)
    }
}

/// HTTP Basic credentials.
#[derive(Clone)]
pub struct BasicAuth {
    user: String,
    password: String,
}

impl BasicAuth {
    /// Credentials with a password given by the caller.
    pub fn new(user: impl Into<String>, password: impl Into<String>) -> BasicAuth {
        BasicAuth {
            user: user.into(),
            password: password.into(),
        }
    }

    /// Credentials with the password read from the environment variable `variable`.
    pub fn from_env(user: impl Into<String>, variable: &str) -> Result<BasicAuth, FetchError> {
        let user = user.into();
        match std::env::var(variable) {
            Ok(password) => Ok(BasicAuth { user, password }),
            Err(std::env::VarError::NotPresent) => Err(FetchError::Password {
                user,
                reason: format!("the environment variable {variable} is not set"),
            }),
            Err(std::env::VarError::NotUnicode(_)) => Err(FetchError::Password {
                user,
                reason: format!("the environment variable {variable} is not valid UTF-8"),
            }),
        }
    }

    /// Credentials with the password asked for on the terminal, without echo.
    pub fn prompt(user: impl Into<String>) -> Result<BasicAuth, FetchError> {
        let user = user.into();
        match rpassword::prompt_password(format!("Password for {user}: ")) {
            Ok(password) => Ok(BasicAuth { user, password }),
            Err(error) => Err(FetchError::Password {
                reason: format!(
                    "cannot ask on the terminal ({error}); set --password-env VARIABLE instead"
                ),
                user,
            }),
        }
    }

    /// The user name.
    pub fn user(&self) -> &str {
        &self.user
    }

    pub(crate) fn password(&self) -> &str {
        &self.password
    }
}

impl fmt::Debug for BasicAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BasicAuth")
            .field("user", &self.user)
            .field("password", &"<redacted>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_parse_and_hide_their_value() {
        let header = Header::parse("X-Api-Key:  s3cret-value ").expect("valid header");
        assert_eq!(header.name(), "x-api-key");
        assert_eq!(header.parts().1.as_bytes(), b"s3cret-value");
        assert!(!format!("{header:?}").contains("s3cret"));

        let error = Header::parse("Authorization Bearer s3cret").expect_err("no colon");
        assert!(!error.to_string().contains("s3cret"), "{error}");
        let error = Header::parse("Token=s3cret").expect_err("no colon");
        assert!(!error.to_string().contains("s3cret"), "{error}");
        let error = Header::parse("Bad Name: x").expect_err("space in name");
        assert!(matches!(error, FetchError::Header { .. }), "{error:?}");
        let error = Header::parse("X-Token: a\nb").expect_err("line break");
        assert!(!error.to_string().contains("a\nb"), "{error}");
    }

    #[test]
    fn passwords_stay_out_of_debug() {
        let auth = BasicAuth::new("anna", "hunter2");
        assert!(!format!("{auth:?}").contains("hunter2"));
        let error = BasicAuth::from_env("anna", "WSDL_CODEGEN_TEST_UNSET_VARIABLE")
            .expect_err("unset variable");
        assert!(error
            .to_string()
            .contains("WSDL_CODEGEN_TEST_UNSET_VARIABLE"));
    }
}
