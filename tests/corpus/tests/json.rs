//! With the `json` feature (`cargo test -p wsdl-corpus --features json`, which
//! `scripts/test.sh` runs): the serde derives of choices, polymorphic values and attributes
//! round-trip through JSON, with attributes as `@name`.
#![cfg(feature = "json")]

use soap_runtime::serde_json::{self, json};
use wsdl_corpus::shapes::*;

#[test]
fn choices_derived_values_and_attributes_round_trip_through_json() {
    let drawing = Drawing {
        main: Circle {
            base: Shape { id: 1, label: None },
            radius: 2.0,
        }
        .into(),
        items: Some(vec![AnyShape::Square(Square {
            rotated: true,
            ..Default::default()
        })]),
        outline: None,
        grid: Some(vec![vec![1]]),
    };
    let value = serde_json::to_value(&drawing).unwrap();
    assert_eq!(value["Main"]["Circle"]["Radius"], json!(2.0));
    assert_eq!(value["Items"][0]["Square"]["@rotated"], json!(true));
    assert_eq!(serde_json::from_value::<Drawing>(value).unwrap(), drawing);

    let payment = Payment {
        amount: "1.5".parse().unwrap(),
        card_or_iban_or_cash: PaymentCardOrIbanOrCash::Iban("DE00".into()),
        steps: None,
    };
    let value = serde_json::to_value(&payment).unwrap();
    assert_eq!(value["CardOrIbanOrCash"], json!({"Iban": "DE00"}));
    assert_eq!(serde_json::from_value::<Payment>(value).unwrap(), payment);
}
