//! A field writer's error reaches the caller even from a hand-written `XmlStruct` whose
//! `write_fields` forgets to end with `finish_fields`: the envelope is refused, never sent
//! with the field left out.

use soap_runtime::codec::Plain;
use soap_runtime::envelope::write_envelope;
use soap_runtime::xml::{Element, XmlReader, XmlWriter};
use soap_runtime::Skipped as NoHeaders;
use soap_runtime::{
    xml_structs, DecodeError, EncodeError, Field, Name, Ns, SoapVersion, XmlStruct,
};

const NS: &[&str] = &["urn:notes"];

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
    let written = write_envelope(
        SoapVersion::Soap11,
        NS,
        &NoHeaders,
        Name::new(Ns(0), "Note"),
        &note,
    );
    match written {
        Err(EncodeError::InvalidChar { code, element }) => {
            assert_eq!((code, element.as_str()), (7, "Text"));
        }
        other => panic!("expected the Text field's InvalidChar, got {other:?}"),
    }

    let fine = Note {
        text: "fine".to_string(),
    };
    let bytes = write_envelope(
        SoapVersion::Soap11,
        NS,
        &NoHeaders,
        Name::new(Ns(0), "Note"),
        &fine,
    )
    .expect("a note without bad characters is written");
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(text.contains(">fine</"), "{text}");
}
