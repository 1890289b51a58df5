//! Rust names for WSDL names: case conversion, keywords, and collisions resolved in a stable way.
//!
//! Names are a contract for the code using the bindings, so each comes from a rule:
//! - types and variants keep the WSDL's spelling in `UpperCamelCase` ([`type_name`],
//!   [`variant_name`]); fields, methods and modules are `snake_case` ([`value_name`]),
//!   constants `SHOUTY_SNAKE_CASE` ([`const_name`]), words split as heck splits them;
//! - a one-letter word joins the next (`EMail` → `email`, `iSCSIAlias` → `iscsi_alias`) or
//!   the number before it (`Point3D` → `point3d`), but the interface prefix `I` stays a word
//!   (`IVirtualBox_getResultCode` → `i_virtual_box_get_result_code`);
//! - the plural `s` of an abbreviation stays with it (`URLs` → `urls`);
//! - keywords become raw identifiers (`r#type`), or take `_` where Rust has no raw form
//!   (`self_`); type names the generated code uses itself take `Type` (`OptionType`);
//! - a name taken in its [`Scope`] gets the next free number (`folder_id2`).
//!
//! The planner adds the rules for names it composes: choices (`content.rs`: `card_or_iban`,
//! `folder_field`, `choice`), anonymous types (`nested_context` in `plan/mod.rs`:
//! `GetListResponseResult`), and the service's items (`service.rs`: `CentralSystemService`).

use std::collections::BTreeSet;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Words Rust reserves; a field or method named so becomes a raw identifier (or gets `_`).
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Type names the generated code itself uses unqualified; a schema type named so is renamed.
const RESERVED_TYPES: &[&str] = &[
    "Option",
    "Result",
    "String",
    "Vec",
    "Box",
    "Some",
    "None",
    "Ok",
    "Err",
    "Default",
    "Error",
    "Message",
    "Fault",
    "Field",
    "Name",
    "Ns",
    "Plain",
    "Array",
    "Dictionary",
    "DateTime",
    "Decimal",
    "Duration",
    "Guid",
    "QName",
    "AnyValue",
    "FlagSet",
    "SimpleList",
    "OrderedMap",
    "XmlStruct",
    "XmlValue",
    "SimpleValue",
    "XmlReader",
    "XmlWriter",
    "Element",
    "EncodeError",
    "DecodeError",
    "Operation",
    "Self",
    "Client",
    "Server",
    "SoapHandler",
    "SoapRequest",
    "SoapResponse",
    "Limits",
    "SoapVersion",
    "ServiceFailure",
    "Boxed",
    "Defaulted",
    "Codec",
    "Any",
    "Send",
    "Sync",
    "Sized",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "Future",
];

/// Splits a WSDL name into identifier characters: anything not alphanumeric separates words.
fn words(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c != '_' && unicode_ident::is_xid_continue(c) {
                c
            } else {
                ' '
            }
        })
        .collect()
}

/// True when `c` cannot start an identifier (a digit, a combining mark).
fn bad_start(c: char) -> bool {
    !unicode_ident::is_xid_start(c)
}

/// A clippy lint that a generated item may meet only because it keeps the contract's names,
/// which clippy spares in a library's public items but not in a binary's or a private module's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameLint {
    /// `upper_case_acronyms`: a name in capitals (`OTHER`, `USPS`: all ASCII capitals, longer
    /// than two), as enumeration values and type names often are.
    Capitals,
    /// `enum_variant_names`: variants sharing a first or last word (`WSDateValue`,
    /// `WSTimerValue`, ...; faults all named `...Fault`), or repeating the enum's name.
    SharedWords,
}

impl NameLint {
    /// The attribute allowing the lint, as the generated code spells it.
    pub fn attribute(self) -> &'static str {
        match self {
            NameLint::Capitals => "#[allow(clippy::upper_case_acronyms)]",
            NameLint::SharedWords => "#[allow(clippy::enum_variant_names)]",
        }
    }
}

/// The lints item `name` with `variants` (none for a struct) meets through its names: a
/// superset of what clippy reports, since an allowed lint that does not fire costs nothing.
pub fn name_lints(name: &str, variants: &[&str]) -> Vec<NameLint> {
    let mut lints = Vec::new();
    let in_capitals = |n: &&str| {
        let n = n.trim_start_matches("r#");
        n.len() > 2 && n.chars().all(|c| c.is_ascii_uppercase())
    };
    if std::iter::once(&name).chain(variants).any(in_capitals) {
        lints.push(NameLint::Capitals);
    }
    let repeats_name = variants
        .iter()
        .any(|v| v.starts_with(name) || v.ends_with(name));
    let shared = |word: fn(&str) -> Option<&str>| {
        let first = variants.first().and_then(|v| word(v));
        variants.len() >= 3 && first.is_some() && variants.iter().all(|v| word(v) == first)
    };
    if repeats_name || shared(|v| camel_words(v).next()) || shared(|v| camel_words(v).last()) {
        lints.push(NameLint::SharedWords);
    }
    lints
}

/// The words of a `CamelCase` name: a capital starts one, and so does the last capital of a run
/// of them before a lowercase letter (`WSDateValue`: `WS`, `Date`, `Value`); `_` separates.
pub(crate) fn camel_words(name: &str) -> impl Iterator<Item = &str> + '_ {
    let chars: Vec<(usize, char)> = name.char_indices().collect();
    let mut starts = vec![0];
    for i in 1..chars.len() {
        let (at, c) = chars[i];
        let before = chars[i - 1].1;
        let after = chars.get(i + 1).map(|p| p.1);
        let starts_word = c.is_uppercase()
            && (before.is_lowercase()
                || before.is_ascii_digit()
                || (before.is_uppercase() && after.is_some_and(char::is_lowercase)));
        if starts_word || before == '_' {
            starts.push(at);
        }
    }
    let mut ends: Vec<usize> = starts.iter().skip(1).copied().collect();
    ends.push(name.len());
    starts
        .into_iter()
        .zip(ends)
        .map(move |(start, end)| name[start..end].trim_matches('_'))
        .filter(|word| !word.is_empty())
}

/// `UpperCamelCase` for types and enum variants; never empty, never starting with a digit.
pub fn type_name(name: &str) -> String {
    let camel = variant_name(name);
    if RESERVED_TYPES.contains(&camel.as_str()) {
        format!("{camel}Type")
    } else {
        camel
    }
}

/// `UpperCamelCase` for enum variants: like [`type_name`], but only `Self` is renamed.
pub fn variant_name(value: &str) -> String {
    let cleaned = words(value);
    let camel = if cleaned.contains(' ') || cleaned.starts_with(|c: char| c.is_lowercase()) {
        cleaned.to_upper_camel_case()
    } else {
        cleaned
    };
    match camel.chars().next() {
        None => "Empty".to_string(),
        Some(c) if bad_start(c) => format!("V{camel}"),
        Some(_) if camel == "Self" => "Self_".to_string(),
        Some(_) => camel,
    }
}

/// Makes the plural `s` of an abbreviation in capitals part of it (`URLs` → `URLS`, `getIDsFor`
/// → `getIDSFor`), so that case conversion keeps it with its abbreviation (`urls`, `get_ids_for`)
/// rather than splitting before its last capital (`ur_ls`). An `s` after two or more capitals
/// and before a capital, a non-letter or the end is taken for such a plural.
fn plural_abbreviations(words: &str) -> String {
    let chars: Vec<char> = words.chars().collect();
    let capital = |i: usize| chars.get(i).is_some_and(|c| c.is_uppercase());
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let after_capitals = i >= 2 && capital(i - 1) && capital(i - 2);
            let word_ends = chars
                .get(i + 1)
                .is_none_or(|next| next.is_uppercase() || !next.is_alphabetic());
            if c == 's' && after_capitals && word_ends {
                'S'
            } else {
                c
            }
        })
        .collect()
}

/// The spelling in `original` of each of `parts`, the words case conversion made of it (in
/// order, lowercased or uppercased), or `None` where they cannot be lined up.
fn original_spellings(original: &str, parts: &[&str]) -> Option<Vec<String>> {
    let mut rest = original.chars().peekable();
    let mut spellings = Vec::with_capacity(parts.len());
    for part in parts {
        while rest.peek().is_some_and(|c| !c.is_alphanumeric()) {
            rest.next();
        }
        let spelling: String = rest.by_ref().take(part.chars().count()).collect();
        if spelling.to_lowercase() != part.to_lowercase() {
            return None;
        }
        spellings.push(spelling);
    }
    Some(spellings)
}

/// True when `spelling` is a capitalized word: a capital, then a lowercase letter.
fn capitalized(spelling: &str) -> bool {
    let mut chars = spelling.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_some_and(char::is_lowercase)
}

/// Joins a one-letter word to the next (`e_mail` → `email`, `x_path` → `xpath`, `i_scsi` →
/// `iscsi`): a single letter before a word is a prefix, not a word of its own. After a number
/// it is the number's unit, and joins the word before (`echo2_d_string` → `echo2d_string`,
/// `point3_d` → `point3d`).
///
/// A capital `I` before a capitalized word is the exception (`original` tells): the interface
/// prefix of COM, .NET and WCF names (`IVirtualBox`, `IGreeter`), a word of its own as heck
/// and JAXB make it (`i_virtual_box`, not `ivirtual_box`).
fn join_single_letters(snake: &str, separator: char, original: &str) -> String {
    let parts: Vec<&str> = snake.split(separator).collect();
    let spellings = original_spellings(original, &parts);
    let interface_prefix = |i: usize| {
        spellings.as_ref().is_some_and(|spellings| {
            spellings[i] == "I" && spellings.get(i + 1).is_some_and(|next| capitalized(next))
        })
    };
    let mut out: Vec<String> = Vec::with_capacity(parts.len());
    let mut pending = String::new();
    for (i, part) in parts.iter().enumerate() {
        let letter = part.len() == 1 && part.chars().all(|c| c.is_alphabetic());
        let after_number = pending.is_empty()
            && out
                .last()
                .is_some_and(|word| word.ends_with(|c: char| c.is_ascii_digit()));
        if letter && after_number {
            if let Some(word) = out.last_mut() {
                word.push_str(part);
            }
        } else if letter && i + 1 < parts.len() && !interface_prefix(i) {
            pending.push_str(part);
        } else {
            out.push(format!("{pending}{part}"));
            pending.clear();
        }
    }
    if !pending.is_empty() {
        out.push(pending);
    }
    out.join(&separator.to_string())
}

/// `snake_case` for fields and methods, keywords made raw or suffixed.
pub fn value_name(name: &str) -> String {
    let words = plural_abbreviations(&words(name));
    let snake = join_single_letters(&words.to_snake_case(), '_', &words);
    let snake = match snake.chars().next() {
        None => "value".to_string(),
        Some(c) if bad_start(c) => format!("n{snake}"),
        Some(_) => snake,
    };
    escape_keyword(snake)
}

/// `SHOUTY_SNAKE_CASE` for constants.
pub fn const_name(name: &str) -> String {
    let words = plural_abbreviations(&words(name));
    let shouty = join_single_letters(&words.to_shouty_snake_case(), '_', &words);
    match shouty.chars().next() {
        None => "VALUE".to_string(),
        Some(c) if bad_start(c) => format!("N{shouty}"),
        Some(_) => shouty,
    }
}

/// The word a namespace's constant is named after (`{WORD}_NS`): the last segment of its path
/// that reads as a word (`…/Serialization/Arrays` → `Arrays`, `…/CampaignManagement/v13` →
/// `CampaignManagement`); failing that, the last dotted segment of the path
/// (`…/2004/07/System.Collections.Generic`); failing that, the first label of the host or of
/// a URN's name that is not a generic one like `www` or `soap` (`urn:partner.soap.sforce.com` →
/// `partner`, `https://adapi.microsoft.com` → `adapi`). The URI's scheme (`http`, `urn`) and versions or dates (`2004`, `07`, `v13`,
/// `2.0`) name nothing.
pub fn namespace_word(uri: &str) -> &str {
    let rest = strip_scheme(uri);
    let (host, path) = match rest.strip_prefix("//") {
        Some(authority) => authority.split_once('/').unwrap_or((authority, "")),
        None => ("", rest),
    };
    let mut segments = path.split(['/', ':', '#']).filter(|s| !s.is_empty());
    let (host, segments): (&str, Vec<&str>) = if host.is_empty() {
        // A URN or another URI without authority: its first segment plays the host's part.
        match segments.next() {
            Some(first) if first.contains('.') => (first, segments.collect()),
            Some(first) => ("", std::iter::once(first).chain(segments).collect()),
            None => ("", Vec::new()),
        }
    } else {
        (host, segments.collect())
    };
    let words = || segments.iter().rev().filter(|s| !is_version(s));
    words()
        .find(|s| !s.contains('.'))
        .or_else(|| words().find(|s| s.contains('.')))
        .copied()
        .or_else(|| {
            host.split('.')
                .find(|label| !label.is_empty() && !GENERIC_HOST_LABELS.contains(label))
        })
        .unwrap_or("NS")
}

/// Labels of a host that say what it serves, not whose it is: `soap.rpc.example.com` is named
/// after `example`, not `soap` (which would read as the SOAP envelope's namespace).
const GENERIC_HOST_LABELS: &[&str] = &[
    "www",
    "schemas",
    "soap",
    "rpc",
    "ws",
    "api",
    "services",
    "webservices",
];

/// True for a segment that only numbers a version or a date: `2004`, `07`, `v13`, `2.0`.
fn is_version(segment: &str) -> bool {
    let digits = segment.strip_prefix(['v', 'V']).unwrap_or(segment);
    digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '_'))
}

/// `uri` without its scheme and colon (`http:`, `urn:`), when it starts with one.
fn strip_scheme(uri: &str) -> &str {
    match uri.split_once(':') {
        Some((scheme, rest))
            if scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) =>
        {
            rest
        }
        _ => uri,
    }
}

fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// Hands out names unique within one scope: a name already taken gets `2`, `3`, ... appended.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope in which `reserved` are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope {
            taken: reserved.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// True when `name` is taken in this scope.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name.trim_start_matches("r#"))
    }

    /// `candidate`, or `candidate2`, `candidate3`, ... whichever is free; marks it taken.
    pub fn claim(&mut self, candidate: String) -> String {
        let key = |s: &str| s.trim_start_matches("r#").to_string();
        if self.taken.insert(key(&candidate)) {
            return candidate;
        }
        let base = candidate
            .trim_start_matches("r#")
            .trim_end_matches('_')
            .to_string();
        (2..)
            .map(|n| format!("{base}{n}"))
            .find(|name| self.taken.insert(name.clone()))
            .unwrap_or(base)
    }

    /// Like [`Scope::claim`], but the name `also(name)` must be free too, and is taken as
    /// well (a method and its `_message` twin).
    pub fn claim_with(&mut self, candidate: String, also: impl Fn(&str) -> String) -> String {
        let key = |s: &str| s.trim_start_matches("r#").to_string();
        let base = candidate
            .trim_start_matches("r#")
            .trim_end_matches('_')
            .to_string();
        let candidates = std::iter::once(candidate).chain((2..).map(|n| format!("{base}{n}")));
        for name in candidates {
            let twin = also(&name);
            if !self.taken.contains(&key(&name)) && !self.taken.contains(&key(&twin)) {
                self.taken.insert(key(&name));
                self.taken.insert(key(&twin));
                return name;
            }
        }
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespace_words_skip_schemes_and_numbers() {
        let cases = [
            ("http://example.com/library/v2", "library"),
            (
                "https://bingads.example.com/CampaignManagement/v13",
                "CampaignManagement",
            ),
            ("http://example.com/v1/", "example"),
            ("http://example.com/api/1.0", "api"),
            (
                "http://schemas.microsoft.com/2003/10/Serialization/Arrays",
                "Arrays",
            ),
            ("http://www.services82.example/Services82/", "Services82"),
            (
                "http://schemas.xmlsoap.org/ws/2004/08/addressing",
                "addressing",
            ),
            ("urn:oasis:names:tc:SAML:2.0:assertion", "assertion"),
            ("urn:partner.soap.sforce.com", "partner"),
            ("urn:fault.partner.soap.sforce.com", "fault"),
            ("https://adapi.microsoft.com", "adapi"),
            ("http://beans.soap.rpc.example.com", "beans"),
            ("http://soap.rpc.example.com", "example"),
            ("http://tempuri.org/", "tempuri"),
            ("http://www.example.com", "example"),
            (
                "http://schemas.datacontract.org/2004/07/System.Collections.Generic",
                "System.Collections.Generic",
            ),
            ("http://example.com/2020/", "example"),
            ("urn:", "NS"),
            ("", "NS"),
            ("plain", "plain"),
        ];
        for (uri, word) in cases {
            assert_eq!(namespace_word(uri), word, "{uri}");
        }
        assert_eq!(
            const_name(namespace_word("urn:sobject.partner.soap.sforce.com")),
            "SOBJECT"
        );
        assert_eq!(
            const_name(namespace_word(
                "http://schemas.datacontract.org/2004/07/System.Collections.Generic"
            )),
            "SYSTEM_COLLECTIONS_GENERIC"
        );
    }

    #[test]
    fn names_in_capitals_and_shared_words_allow_their_lints() {
        use NameLint::{Capitals, SharedWords};
        // Enumeration values in capitals; the variant for unknown values breaks any prefix.
        assert_eq!(
            name_lints("Payor", &["SHIPPER", "RECIPIENT", "Unrecognized"]),
            [Capitals]
        );
        // Two capitals pass as an abbreviation; `FEDEX_GROUND` is not one word in capitals.
        assert!(name_lints("Kind", &["AB", "FEDEX_GROUND", "Unrecognized"]).is_empty());
        assert_eq!(name_lints("USPS", &[]), [Capitals]);
        // Types derived from one another sharing a first word (`WS`), faults a last one.
        let types = ["WSResourceValue", "WSDateValue", "WSTimerValue"];
        assert_eq!(name_lints("AnyWSResourceValue", &types), [SharedWords]);
        let faults = ["InvalidTickerFault", "SimpleFault", "ComplexFault"];
        assert_eq!(name_lints("PortFault", &faults), [SharedWords]);
        // Fewer than three variants share nothing; a variant repeating the enum's name does.
        assert!(name_lints("Choice", &["FooA", "FooB"]).is_empty());
        assert_eq!(name_lints("Status", &["StatusOk", "Failed"]), [SharedWords]);
        assert!(name_lints("Status", &["Ok", "Failed", "Unrecognized"]).is_empty());
    }

    #[test]
    fn camel_words_split_at_capitals_and_acronyms() {
        let words = |name| camel_words(name).collect::<Vec<_>>();
        assert_eq!(words("WSDateValue"), ["WS", "Date", "Value"]);
        assert_eq!(
            words("getHTTPResponse2Code"),
            ["get", "HTTP", "Response2", "Code"]
        );
        assert_eq!(words("FEDEX_GROUND"), ["FEDEX", "GROUND"]);
        assert_eq!(words("Été"), ["Été"]);
    }

    #[test]
    fn every_name_is_an_identifier() {
        let span = proc_macro2::Span::call_site();
        for raw in [
            "",
            "_",
            "__",
            "-",
            "9",
            "٣٤",
            "x²",
            "\u{301}a",
            "self",
            "Self",
            "crate",
            "super",
            "type",
            "r#x",
            "a b",
            "ÆØÅ",
            "名前",
            "😀",
            "a\u{200d}b",
        ] {
            for name in [type_name(raw), variant_name(raw), const_name(raw)] {
                let _ = proc_macro2::Ident::new(&name, span);
            }
            let value = value_name(raw);
            match value.strip_prefix("r#") {
                Some(keyword) => {
                    let _ = proc_macro2::Ident::new_raw(keyword, span);
                }
                None => {
                    let _ = proc_macro2::Ident::new(&value, span);
                }
            }
        }
    }

    #[test]
    fn names() {
        assert_eq!(type_name("EMailFlags"), "EMailFlags");
        assert_eq!(type_name("ArrayOfstring"), "ArrayOfstring");
        assert_eq!(type_name("inDiary"), "InDiary");
        assert_eq!(type_name("my-type.v2"), "MyTypeV2");
        assert_eq!(type_name("1st"), "V1st");
        assert_eq!(type_name("été"), "Été");
        assert_eq!(type_name("x²"), "X");
        assert_eq!(type_name("٣٤"), "V٣٤");
        assert_eq!(value_name("\u{301}a"), "a");
        assert_eq!(value_name("Beløp"), "beløp");
        assert_eq!(const_name("9lives"), "N9LIVES");
        assert_eq!(type_name("Option"), "OptionType");
        assert_eq!(type_name(""), "Empty");
        assert_eq!(value_name("UseSSL"), "use_ssl");
        assert_eq!(value_name("HTMLBody"), "html_body");
        assert_eq!(value_name("EMailSOInfo"), "email_so_info");
        assert_eq!(value_name("GetEMailEnvelopes"), "get_email_envelopes");
        // A letter after a number is its unit.
        assert_eq!(value_name("echo2DStringArray"), "echo2d_string_array");
        assert_eq!(value_name("Point3D"), "point3d");
        assert_eq!(const_name("Get3DModel"), "GET3D_MODEL");
        assert_eq!(const_name("GetEMailEnvelopes"), "GET_EMAIL_ENVELOPES");
        assert_eq!(value_name("type"), "r#type");
        assert_eq!(value_name("self"), "self_");
        assert_eq!(value_name("Self"), "self_");
        assert_eq!(const_name("RefreshFolder"), "REFRESH_FOLDER");
    }

    #[test]
    fn abbreviations_and_one_letter_words_read_as_words() {
        // (WSDL name, field or method, constant)
        let table = [
            (
                "IVirtualBox_getResultCode",
                "i_virtual_box_get_result_code",
                "I_VIRTUAL_BOX_GET_RESULT_CODE",
            ),
            (
                "IHost_getDVDDrives",
                "i_host_get_dvd_drives",
                "I_HOST_GET_DVD_DRIVES",
            ),
            (
                "BasicHttpBinding_IGreeter",
                "basic_http_binding_i_greeter",
                "BASIC_HTTP_BINDING_I_GREETER",
            ),
            ("IPAddress", "ip_address", "IP_ADDRESS"),
            ("XMLHttp", "xml_http", "XML_HTTP"),
            ("XMLHttpRequest", "xml_http_request", "XML_HTTP_REQUEST"),
            ("ID", "id", "ID"),
            ("FolderID", "folder_id", "FOLDER_ID"),
            ("IDs", "ids", "IDS"),
            ("URLs", "urls", "URLS"),
            ("getURLsFor", "get_urls_for", "GET_URLS_FOR"),
            ("ArrayOfURLs", "array_of_urls", "ARRAY_OF_URLS"),
            ("CDs2", "cds2", "CDS2"),
            ("EMail", "email", "EMAIL"),
            (
                "GetEMailEnvelopes",
                "get_email_envelopes",
                "GET_EMAIL_ENVELOPES",
            ),
            ("XPath", "xpath", "XPATH"),
            // A lowercase prefix is no interface's.
            ("iSCSIAlias", "iscsi_alias", "ISCSI_ALIAS"),
            ("iPad", "ipad", "IPAD"),
            ("numCPUs", "num_cpus", "NUM_CPUS"),
            ("numHBAs", "num_hbas", "NUM_HBAS"),
            ("UseSSL", "use_ssl", "USE_SSL"),
            ("HTMLBody", "html_body", "HTML_BODY"),
            ("Status", "status", "STATUS"),
            ("hasOptions", "has_options", "HAS_OPTIONS"),
        ];
        for (wsdl, value, constant) in table {
            assert_eq!(value_name(wsdl), value, "{wsdl}");
            assert_eq!(const_name(wsdl), constant, "{wsdl}");
        }
        // Types keep the WSDL's spelling.
        assert_eq!(
            type_name("IVirtualBox_getResultCode"),
            "IVirtualBoxGetResultCode"
        );
        assert_eq!(type_name("URLs"), "URLs");
        assert_eq!(type_name("IPAddress"), "IPAddress");
        let mut scope = Scope::default();
        assert_eq!(scope.claim(value_name("FolderID")), "folder_id");
        assert_eq!(scope.claim(value_name("FolderId")), "folder_id2");
    }
}
