//! The well-known namespaces the generator knows without a network: our own small schemas
//! (in `well_known/*.xsd`) holding the definitions real WSDLs refer to, for the XML namespace,
//! SOAP 1.1 encoding, the WSDL 1.1 namespace, the SOAP 1.1 and 1.2 envelopes, xmime, xop,
//! WS-Addressing (1.0 and August 2004), XLink and the WS-I Attachments Profile's `swaRef`.
//!
//! The loader reads one of them as a virtual document when a schema imports its namespace
//! without a location (or with a location that cannot be found), imports it by its well-known
//! URL, or refers to the namespace by prefix without importing it. The XML Schema namespace
//! itself needs no document: its types are the built-ins.

/// One well-known namespace and our schema for it.
#[derive(Debug)]
pub(crate) struct WellKnown {
    /// The target namespace.
    pub(crate) namespace: &'static str,
    /// The name diagnostics show for the virtual document.
    pub(crate) file: &'static str,
    /// URLs the schema is published at and imported from (besides the namespace itself).
    pub(crate) locations: &'static [&'static str],
    /// The schema text.
    pub(crate) text: &'static str,
}

/// Every well-known namespace.
pub(crate) const WELL_KNOWN: &[WellKnown] = &[
    WellKnown {
        namespace: "http://www.w3.org/XML/1998/namespace",
        file: "<well-known>/xml.xsd",
        locations: &[
            "http://www.w3.org/2001/xml.xsd",
            "http://www.w3.org/2001/03/xml.xsd",
            "http://www.w3.org/2009/01/xml.xsd",
        ],
        text: include_str!("well_known/xml.xsd"),
    },
    WellKnown {
        namespace: "http://schemas.xmlsoap.org/soap/encoding/",
        file: "<well-known>/soap-encoding.xsd",
        locations: &[],
        text: include_str!("well_known/soap-encoding.xsd"),
    },
    WellKnown {
        namespace: "http://schemas.xmlsoap.org/wsdl/",
        file: "<well-known>/wsdl.xsd",
        locations: &["http://schemas.xmlsoap.org/wsdl/2003-02-11.xsd"],
        text: include_str!("well_known/wsdl.xsd"),
    },
    WellKnown {
        namespace: "http://schemas.xmlsoap.org/soap/envelope/",
        file: "<well-known>/soap11-envelope.xsd",
        locations: &[],
        text: include_str!("well_known/soap11-envelope.xsd"),
    },
    WellKnown {
        namespace: "http://www.w3.org/2003/05/soap-envelope",
        file: "<well-known>/soap12-envelope.xsd",
        locations: &["http://www.w3.org/2003/05/soap-envelope/soap-envelope.xsd"],
        text: include_str!("well_known/soap12-envelope.xsd"),
    },
    WellKnown {
        namespace: "http://www.w3.org/2005/05/xmlmime",
        file: "<well-known>/xmime.xsd",
        locations: &["http://www.w3.org/2005/05/xmlmime.xsd"],
        text: include_str!("well_known/xmime.xsd"),
    },
    WellKnown {
        namespace: "http://www.w3.org/2004/08/xop/include",
        file: "<well-known>/xop.xsd",
        locations: &["http://www.w3.org/2004/08/xop/include.xsd"],
        text: include_str!("well_known/xop.xsd"),
    },
    WellKnown {
        namespace: "http://www.w3.org/2005/08/addressing",
        file: "<well-known>/ws-addressing.xsd",
        locations: &[
            "http://www.w3.org/2006/03/addressing/ws-addr.xsd",
            "http://www.w3.org/2005/08/addressing/ws-addr.xsd",
        ],
        text: include_str!("well_known/ws-addressing.xsd"),
    },
    WellKnown {
        namespace: "http://schemas.xmlsoap.org/ws/2004/08/addressing",
        file: "<well-known>/ws-addressing-2004-08.xsd",
        locations: &["http://schemas.xmlsoap.org/ws/2004/08/addressing/addressing.xsd"],
        text: include_str!("well_known/ws-addressing-2004-08.xsd"),
    },
    WellKnown {
        namespace: "http://www.w3.org/1999/xlink",
        file: "<well-known>/xlink.xsd",
        locations: &[
            "http://www.w3.org/1999/xlink.xsd",
            "http://www.w3.org/XML/2008/06/xlink.xsd",
            "http://schemas.opengis.net/xlink/1.0.0/xlinks.xsd",
        ],
        text: include_str!("well_known/xlink.xsd"),
    },
    WellKnown {
        namespace: "http://ws-i.org/profiles/basic/1.1/xsd",
        file: "<well-known>/wsi-swaref.xsd",
        locations: &["http://ws-i.org/profiles/basic/1.1/swaref.xsd"],
        text: include_str!("well_known/wsi-swaref.xsd"),
    },
];

/// The well-known schema of `namespace`, if there is one.
pub(crate) fn by_namespace(namespace: &str) -> Option<&'static WellKnown> {
    WELL_KNOWN.iter().find(|w| w.namespace == namespace)
}

/// The well-known schema published at the URL `location` (its namespace URI or one of its
/// schema URLs; `https` and a missing trailing `/` match too), if there is one.
pub(crate) fn by_location(location: &str) -> Option<&'static WellKnown> {
    let wanted = normal_url(location);
    WELL_KNOWN.iter().find(|w| {
        std::iter::once(w.namespace)
            .chain(w.locations.iter().copied())
            .any(|known| normal_url(known) == wanted)
    })
}

/// `url` without its scheme and trailing `/`, for comparing.
fn normal_url(url: &str) -> &str {
    let url = url.trim();
    let url = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .unwrap_or(url);
    url.trim_end_matches('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_parses_and_declares_its_namespace() {
        for known in WELL_KNOWN {
            let doc = roxmltree::Document::parse(known.text)
                .unwrap_or_else(|e| panic!("{}: {e}", known.file));
            assert_eq!(
                doc.root_element().attribute("targetNamespace"),
                Some(known.namespace),
                "{}",
                known.file
            );
        }
    }

    #[test]
    fn locations_match_with_either_scheme_and_slash() {
        let soapenc = "http://schemas.xmlsoap.org/soap/encoding/";
        assert_eq!(by_location(soapenc).map(|w| w.namespace), Some(soapenc));
        assert_eq!(
            by_location("https://schemas.xmlsoap.org/soap/encoding").map(|w| w.namespace),
            Some(soapenc)
        );
        assert_eq!(
            by_location("http://www.w3.org/2001/xml.xsd").map(|w| w.namespace),
            Some("http://www.w3.org/XML/1998/namespace")
        );
        assert!(by_location("http://example.com/other.xsd").is_none());
        assert!(by_namespace(crate::model::XSD_NS).is_none());
    }
}
