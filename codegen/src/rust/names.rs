//! Rust names for WSDL names: case conversion, keywords, and collisions resolved in a stable way.

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

/// True when one of `names` (of a type or of its variants) is written in capitals, as
/// enumeration values and type names often are (`OTHER`, `USPS`): all ASCII capitals and longer
/// than two, which clippy's `upper_case_acronyms` takes for an acronym to rename. Generated
/// names keep the contract's spelling, so the item allows the lint (the lint spares only public
/// items of a library, not a binary's or a private module's).
pub fn any_in_capitals<'a>(names: impl IntoIterator<Item = &'a str>) -> bool {
    names.into_iter().any(|name| {
        let name = name.trim_start_matches("r#");
        name.len() > 2 && name.chars().all(|c| c.is_ascii_uppercase())
    })
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

/// Joins a one-letter word to the next (`e_mail` → `email`, `x_path` → `xpath`): a single
/// capital before a capitalized word is a prefix, not a word of its own.
fn join_single_letters(snake: &str, separator: char) -> String {
    let parts: Vec<&str> = snake.split(separator).collect();
    let mut out: Vec<String> = Vec::with_capacity(parts.len());
    let mut pending = String::new();
    for (i, part) in parts.iter().enumerate() {
        let single =
            part.len() == 1 && part.chars().all(|c| c.is_alphabetic()) && i + 1 < parts.len();
        if single {
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
    let snake = join_single_letters(&words(name).to_snake_case(), '_');
    let snake = match snake.chars().next() {
        None => "value".to_string(),
        Some(c) if bad_start(c) => format!("n{snake}"),
        Some(_) => snake,
    };
    escape_keyword(snake)
}

/// `SHOUTY_SNAKE_CASE` for constants.
pub fn const_name(name: &str) -> String {
    let shouty = join_single_letters(&words(name).to_shouty_snake_case(), '_');
    match shouty.chars().next() {
        None => "VALUE".to_string(),
        Some(c) if bad_start(c) => format!("N{shouty}"),
        Some(_) => shouty,
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
        assert_eq!(const_name("GetEMailEnvelopes"), "GET_EMAIL_ENVELOPES");
        assert_eq!(value_name("type"), "r#type");
        assert_eq!(value_name("self"), "self_");
        assert_eq!(value_name("Self"), "self_");
        assert_eq!(const_name("RefreshFolder"), "REFRESH_FOLDER");
        let mut scope = Scope::default();
        assert_eq!(scope.claim(value_name("FolderID")), "folder_id");
        assert_eq!(scope.claim(value_name("FolderId")), "folder_id2");
    }
}
