//! The description of one operation of a binding, shared by generated clients and servers.

use crate::xml::Name;

/// Describes one operation of a binding, shared by the generated client and server.
///
/// The client uses it to frame a request and to know which element answers it; the server
/// uses a table of them to pick the operation a request is for (by action or body element).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Operation {
    /// The operation's name in the WSDL, for logs and error messages.
    pub name: &'static str,
    /// The SOAP action (`soapAction` of the binding operation), sent as the `SOAPAction` header
    /// in SOAP 1.1 and as the `action` parameter of the content type in SOAP 1.2.
    pub action: &'static str,
    /// The request's body element (the input message's wrapper element).
    pub request: Name,
    /// The response's body element (the output message's wrapper element).
    pub response: Name,
    /// True for `use="encoded"` (SOAP 1.1 section 5, rpc/encoded): both sides inline
    /// multi-reference values ([`inline_multi_references`](crate::inline_multi_references))
    /// before decoding, and the body's wrapper element is written with
    /// `s:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"`.
    pub encoded: bool,
}
