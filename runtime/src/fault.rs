//! SOAP faults, as read from and written to either envelope version.

use std::fmt;

use crate::codec::{Codec, Plain};
use crate::envelope::SoapVersion;
use crate::error::{DecodeError, EncodeError};
use crate::value::XmlValue;
use crate::xml::{Element, Limits, Name, XmlReader, XmlWriter, XSI_NS};

/// A SOAP fault: the error answer of a SOAP service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// The envelope version it came in (or goes out in).
    pub version: SoapVersion,
    /// The fault code's local name: `Client`/`Server` (1.1), `Sender`/`Receiver` (1.2), or another.
    pub code: String,
    /// SOAP 1.2 subcodes, outermost first (local names).
    pub subcodes: Box<[String]>,
    /// The human-readable reason (`faultstring` or the first `Reason/Text`).
    pub reason: String,
    /// `faultactor` (1.1) or `Role` (1.2), if given.
    pub actor: Option<String>,
    /// The raw XML inside `detail`/`Detail`, if given.
    pub detail: Option<String>,
}

impl Fault {
    /// A fault blaming the sender (`Client` in 1.1, `Sender` in 1.2).
    pub fn sender(version: SoapVersion, reason: impl Into<String>) -> Self {
        Fault {
            version,
            code: match version {
                SoapVersion::Soap11 => "Client",
                SoapVersion::Soap12 => "Sender",
            }
            .into(),
            subcodes: Box::default(),
            reason: reason.into(),
            actor: None,
            detail: None,
        }
    }

    /// A fault blaming the receiver (`Server` in 1.1, `Receiver` in 1.2).
    pub fn receiver(version: SoapVersion, reason: impl Into<String>) -> Self {
        Fault {
            code: match version {
                SoapVersion::Soap11 => "Server",
                SoapVersion::Soap12 => "Receiver",
            }
            .into(),
            ..Fault::sender(version, reason)
        }
    }

    /// The fault a server answers for an operation it does not implement.
    pub fn not_implemented(version: SoapVersion, operation: &str) -> Self {
        Fault::receiver(
            version,
            format!("the operation {operation} is not implemented by this server"),
        )
    }

    /// The same fault in another envelope version, with the code mapped between versions.
    pub fn in_version(mut self, version: SoapVersion) -> Self {
        self.code = match (self.code.as_str(), version) {
            ("Sender", SoapVersion::Soap11) => "Client".into(),
            ("Receiver", SoapVersion::Soap11) => "Server".into(),
            ("Client", SoapVersion::Soap12) => "Sender".into(),
            ("Server", SoapVersion::Soap12) => "Receiver".into(),
            _ => self.code,
        };
        self.version = version;
        self
    }
}

/// Typed fault details: writing one into a fault, and reading it back.
impl Fault {
    /// The same fault carrying `value` as its detail, written as element `name`. The element
    /// declares the namespaces of `namespaces` itself, so that the detail stands alone.
    pub fn with_detail<T: XmlValue>(
        self,
        namespaces: &'static [&'static str],
        name: Name,
        value: &T,
    ) -> Result<Self, EncodeError> {
        self.with_coded_detail(namespaces, name, value, &Plain)
    }

    /// [`Fault::with_detail`] for a value written by `codec`: a detail whose type is an array
    /// (a SOAP-encoded array, an `ArrayOfX`), which is not an [`XmlValue`] of its own.
    pub fn with_coded_detail<T, C: Codec<T>>(
        mut self,
        namespaces: &'static [&'static str],
        name: Name,
        value: &T,
        codec: &C,
    ) -> Result<Self, EncodeError> {
        let mut w = XmlWriter::with_capacity(namespaces, 256);
        let declaration = w.as_bytes().len();
        w.start(name);
        w.declare_namespaces();
        codec.write(&mut w, value)?;
        w.end(name);
        let bytes = w.into_bytes();
        self.detail = Some(String::from_utf8_lossy(&bytes[declaration..]).into_owned());
        Ok(self)
    }

    /// Reads the first element of the detail with `read`, which returns `None` for an element
    /// it does not know; `Ok(None)` when the fault has no detail element.
    pub fn read_detail<T>(
        &self,
        limits: Limits,
        read: impl FnOnce(&mut XmlReader<'_>, &Element<'_>) -> Result<Option<T>, DecodeError>,
    ) -> Result<Option<T>, DecodeError> {
        let Some(detail) = &self.detail else {
            return Ok(None);
        };
        // The captured detail may use the `xsi` prefix of the envelope it came in.
        let wrapped = format!("<detail xmlns:xsi=\"{XSI_NS}\">{detail}</detail>");
        let mut r = XmlReader::new(wrapped.as_bytes(), limits)?;
        r.root()?;
        match r.next_child()? {
            Some(element) => read(&mut r, &element),
            None => Ok(None),
        }
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SOAP fault {}", self.code)?;
        for sub in self.subcodes.iter() {
            write!(f, "/{sub}")?;
        }
        write!(f, ": {}", self.reason)
    }
}

impl std::error::Error for Fault {}
