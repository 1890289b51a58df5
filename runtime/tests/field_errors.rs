//! A field writer's error reaches the caller even from a hand-written `XmlStruct` whose
//! `write_fields` forgets to end with `finish_fields`: the envelope is refused, never sent
//! with the field left out; and a base value's error reaches the caller through the struct
//! that holds it.

use soap_runtime::codec::Plain;
use soap_runtime::envelope::write_envelope;
use soap_runtime::xml::{Element, XmlReader, XmlWriter};
use soap_runtime::Skipped as NoHeaders;
use soap_runtime::{
    xml_structs, DecodeError, EncodeError, Field, Name, Ns, SoapVersion, XmlStruct, XmlValue,
};

const NS: &[&str] = &["urn:notes"];

/// A SOAP 1.1 envelope without headers whose body is `value`, as element `body` of `urn:notes`.
fn envelope<T: XmlValue>(body: &'static str, value: &T) -> Result<Vec<u8>, EncodeError> {
    write_envelope(
        SoapVersion::Soap11,
        NS,
        &NoHeaders,
        Name::new(Ns(0), body),
        value,
    )
}

/// A struct written by hand whose `write_fields` drops the field writers' kept error.
#[derive(Debug, Default, Clone, PartialEq)]
struct Note {
    text: String,
}

impl XmlStruct for Note {
    const TYPE_NAME: &'static str = "Note";
    const FIELDS: &'static [Field] = &[Field::required(Ns(0), "Text")];
    fn read_field(
        &mut self,
        _index: usize,
        r: &mut XmlReader<'_>,
        e: &Element<'_>,
    ) -> Result<(), DecodeError> {
        r.req_into(e, &mut self.text, &Plain)
    }
    fn write_fields(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.req(&Self::FIELDS[0], &self.text, &Plain);
        Ok(())
    }
}

xml_structs!(Note);

#[test]
fn an_error_a_write_fields_did_not_return_still_fails_the_envelope() {
    let note = Note {
        text: "bell \u{7}".to_string(),
    };
    let written = envelope("Note", &note);
    match written {
        Err(EncodeError::InvalidChar { code, element }) => {
            assert_eq!((code, element.as_str()), (7, "Text"));
        }
        other => panic!("expected the Text field's InvalidChar, got {other:?}"),
    }

    let fine = Note {
        text: "fine".to_string(),
    };
    let bytes = envelope("Note", &fine).expect("a note without bad characters is written");
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(text.contains(">fine</"), "{text}");
}

/// A struct that holds a `Note` as its base, as generated code writes one.
#[derive(Debug, Default, Clone, PartialEq)]
struct SignedNote {
    base: Note,
    signer: String,
}

impl XmlStruct for SignedNote {
    const TYPE_NAME: &'static str = "SignedNote";
    const FIELDS: &'static [Field] = &{
        let fields: [Field; 2] =
            Field::after_base(Note::FIELDS, &[Field::required(Ns(0), "Signer")]);
        fields
    };
    fn read_field(
        &mut self,
        index: usize,
        r: &mut XmlReader<'_>,
        e: &Element<'_>,
    ) -> Result<(), DecodeError> {
        match index {
            0 => self.base.read_field(index, r, e),
            _ => r.req_into(e, &mut self.signer, &Plain),
        }
    }
    fn write_fields(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.base(&self.base);
        w.req(&Self::FIELDS[1], &self.signer, &Plain);
        w.finish_fields()
    }
}

xml_structs!(SignedNote);

#[test]
fn a_base_table_comes_first_in_the_derived_table() {
    assert_eq!(SignedNote::FIELDS.len(), 2);
    assert_eq!(SignedNote::FIELDS[0], Note::FIELDS[0]);
    assert_eq!(SignedNote::FIELDS[1], Field::required(Ns(0), "Signer"));
}

#[test]
#[should_panic(expected = "the table's length")]
fn a_derived_table_of_the_wrong_length_is_refused() {
    let _: [Field; 3] = Field::after_base(Note::FIELDS, &[Field::required(Ns(0), "Signer")]);
}

#[test]
fn an_error_writing_the_base_is_kept_and_returned_by_the_derived_struct() {
    let signed = SignedNote {
        base: Note {
            text: "bell \u{7}".to_string(),
        },
        signer: "anna".to_string(),
    };
    let written = envelope("SignedNote", &signed);
    match written {
        Err(EncodeError::InvalidChar { code, element }) => {
            assert_eq!((code, element.as_str()), (7, "Text"));
        }
        other => panic!("expected the base's InvalidChar, got {other:?}"),
    }
    let fine = SignedNote {
        base: Note {
            text: "fine".to_string(),
        },
        signer: "anna".to_string(),
    };
    let bytes = envelope("SignedNote", &fine).expect("written");
    let text = String::from_utf8(bytes).expect("UTF-8");
    let (text_at, signer_at) = (text.find(">fine<"), text.find(">anna<"));
    assert!(text_at.is_some() && text_at < signer_at, "{text}");
}
