//! Parses the reference SuperOffice Services82 `EMail.wsdl` and checks concrete facts about it.

#[path = "../../tests/src/shared.rs"]
mod shared;

use wsdl_codegen::model::{
    ComplexType, Compositor, Definitions, Facets, Group, MaxOccurs, Operation, QName, SimpleType,
    SoapVersion, TypeDef, TypeRef, XSD_NS,
};
use wsdl_codegen::wsdl::parse_file;

/// The reference WSDL, under the shared folder beside the repository.
const REFERENCE: &str = "wsdl/services82/EMail.wsdl";
const TNS: &str = "http://www.superoffice.net/ws/crm/NetServer/Services82";
const ARRAYS: &str = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";
const SER: &str = "http://schemas.microsoft.com/2003/10/Serialization/";

/// The reference WSDL read into the model, or `None` (`test` skipped loudly) when the shared
/// folder is absent.
fn parse(test: &str) -> Option<Definitions> {
    let path = shared::shared_material(test, REFERENCE)?;
    match parse_file(&path) {
        Ok(defs) => Some(defs),
        Err(e) => panic!("{e}"),
    }
}

fn tns(local: &str) -> QName {
    QName::new(TNS, local)
}

fn xs(local: &str) -> QName {
    QName::new(XSD_NS, local)
}

fn complex<'a>(defs: &'a Definitions, name: &QName) -> &'a ComplexType {
    match defs.schema.types.get(name) {
        Some(TypeDef::Complex(ty)) => ty,
        other => panic!("{name} is not a complex type: {other:?}"),
    }
}

fn simple<'a>(defs: &'a Definitions, name: &QName) -> &'a SimpleType {
    match defs.schema.types.get(name) {
        Some(TypeDef::Simple(ty)) => ty,
        other => panic!("{name} is not a simple type: {other:?}"),
    }
}

fn operation<'a>(defs: &'a Definitions, name: &str) -> &'a Operation {
    let binding = &defs.bindings[&tns("BasicHttpBinding_EMail")];
    binding
        .operations
        .iter()
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("no operation {name}"))
}

#[test]
fn definitions_name_and_namespace() {
    let Some(defs) = parse("definitions_name_and_namespace") else {
        return;
    };
    assert_eq!(defs.name.as_deref(), Some("WcfEMailService"));
    assert_eq!(defs.target_namespace, TNS);
}

#[test]
fn one_service_with_one_soap11_port() {
    let Some(defs) = parse("one_service_with_one_soap11_port") else {
        return;
    };
    assert_eq!(defs.services.len(), 1);
    let service = &defs.services[0];
    assert_eq!(service.name, "WcfEMailService");
    assert_eq!(service.ports.len(), 1);
    let port = &service.ports[0];
    assert_eq!(port.name, "BasicHttpBinding_EMail");
    assert_eq!(port.binding, tns("BasicHttpBinding_EMail"));
    assert_eq!(port.soap_version, SoapVersion::Soap11);
    assert_eq!(
        port.address.as_deref(),
        Some("https://sod.superoffice.com/Cust12345/Remote/Services82/EMail.svc")
    );
}

#[test]
fn binding_has_41_operations_in_binding_order() {
    let Some(defs) = parse("binding_has_41_operations_in_binding_order") else {
        return;
    };
    assert_eq!(defs.bindings.len(), 1);
    let binding = &defs.bindings[&tns("BasicHttpBinding_EMail")];
    assert_eq!(binding.port_type, tns("EMail"));
    assert_eq!(binding.soap_version, SoapVersion::Soap11);
    assert_eq!(binding.operations.len(), 41);
    assert_eq!(binding.operations[0].name, "CreateDefaultEMailAddress");
    assert_eq!(binding.operations[40].name, "GetEMailSOInfo");
    for op in &binding.operations {
        assert!(op.output.is_some(), "{} is request-response", op.name);
        assert!(op.faults.is_empty());
    }
}

#[test]
fn refresh_folder_operation() {
    let Some(defs) = parse("refresh_folder_operation") else {
        return;
    };
    let op = operation(&defs, "RefreshFolder");
    let action = "http://www.superoffice.net/ws/crm/NetServer/Services82/EMail/RefreshFolder";
    assert_eq!(op.soap_action.as_deref(), Some(action));

    let input = op.input.as_ref().expect("input");
    assert_eq!(input.action.as_deref(), Some(action));
    assert_eq!(input.body, Some(tns("RefreshFolder")));
    let parts: Vec<&str> = input.headers.iter().map(|h| h.part.as_str()).collect();
    assert_eq!(parts, ["ApplicationToken", "Credentials", "TimeZone"]);
    let elements: Vec<&QName> = input.headers.iter().map(|h| &h.element).collect();
    assert_eq!(
        elements,
        [
            &tns("ApplicationToken"),
            &tns("Credentials"),
            &tns("TimeZone")
        ]
    );

    let output = op.output.as_ref().expect("output");
    assert_eq!(
        output.action.as_deref(),
        Some("http://www.superoffice.net/ws/crm/NetServer/Services82/EMail/RefreshFolderResponse")
    );
    assert_eq!(output.body, Some(tns("RefreshFolderResponse")));
    let parts: Vec<&str> = output.headers.iter().map(|h| h.part.as_str()).collect();
    assert_eq!(
        parts,
        ["ExceptionInfo", "ExtraInfo", "Succeeded", "TimeZone"]
    );
    assert_eq!(output.headers[2].element, tns("Succeeded"));
}

#[test]
fn schema_sizes() {
    let Some(defs) = parse("schema_sizes") else {
        return;
    };
    assert_eq!(defs.schema.types.len(), 59);
    assert_eq!(defs.schema.elements.len(), 165);
}

#[test]
fn email_connection_info_extends_carrier() {
    let Some(defs) = parse("email_connection_info_extends_carrier") else {
        return;
    };
    let ty = complex(&defs, &tns("EMailConnectionInfo"));
    assert_eq!(ty.base, Some(tns("Carrier")));
    assert!(!ty.is_dictionary);
    let names: Vec<&QName> = ty.element_fields().into_iter().map(|f| &f.name).collect();
    assert_eq!(
        names,
        [
            &tns("ServerName"),
            &tns("UserName"),
            &tns("Password"),
            &tns("Folder"),
            &tns("UseSSL")
        ]
    );
    let use_ssl = &ty.element_fields()[4];
    assert_eq!(use_ssl.ty, TypeRef::Named(xs("boolean")));
    assert_eq!(use_ssl.min_occurs, 0);
    assert_eq!(use_ssl.max_occurs, MaxOccurs::Bounded(1));
    assert!(!use_ssl.nillable);
    assert!(ty.element_fields()[0].nillable);
}

#[test]
fn field_property_dictionary_is_a_dictionary_of_anonymous_pairs() {
    let Some(defs) = parse("field_property_dictionary_is_a_dictionary_of_anonymous_pairs") else {
        return;
    };
    let ty = complex(&defs, &tns("FieldPropertyDictionary"));
    assert!(ty.is_dictionary);
    assert_eq!(ty.element_fields().len(), 1);
    let pair = &ty.element_fields()[0];
    assert_eq!(pair.name, tns("FieldPropertyDictionaryKeyValuePair"));
    assert_eq!(pair.max_occurs, MaxOccurs::Unbounded);
    let TypeRef::AnonymousComplex(pair_ty) = &pair.ty else {
        panic!("pair type is {:?}", pair.ty);
    };
    assert_eq!(pair_ty.element_fields().len(), 2);
    assert_eq!(pair_ty.element_fields()[0].name, tns("Key"));
    assert_eq!(pair_ty.element_fields()[0].min_occurs, 1);
    assert_eq!(
        pair_ty.element_fields()[1].ty,
        TypeRef::Named(tns("FieldProperty"))
    );
}

#[test]
fn email_flags_is_a_list_of_a_six_value_enumeration() {
    let Some(defs) = parse("email_flags_is_a_list_of_a_six_value_enumeration") else {
        return;
    };
    let SimpleType::List { item, .. } = simple(&defs, &tns("EMailFlags")) else {
        panic!("EMailFlags is not a list");
    };
    let TypeRef::AnonymousSimple(item) = item.as_ref() else {
        panic!("item is {item:?}");
    };
    let SimpleType::Restriction {
        base, enumeration, ..
    } = item.as_ref()
    else {
        panic!("item is not a restriction");
    };
    assert_eq!(base, &xs("string"));
    let values: Vec<&str> = enumeration.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(
        values,
        ["Seen", "Deleted", "Recent", "Flagged", "Draft", "Answered"]
    );
}

#[test]
fn sale_status_saint_all_has_numeric_value() {
    let Some(defs) = parse("sale_status_saint_all_has_numeric_value") else {
        return;
    };
    let SimpleType::Restriction {
        base, enumeration, ..
    } = simple(&defs, &tns("SaleStatus"))
    else {
        panic!("SaleStatus is not a restriction");
    };
    assert_eq!(base, &xs("string"));
    assert_eq!(enumeration.len(), 6);
    let saint_all = enumeration
        .iter()
        .find(|v| v.value == "SaintAll")
        .expect("SaintAll");
    assert_eq!(saint_all.numeric, Some(1000));
    assert_eq!(enumeration[0].numeric, None);
}

#[test]
fn array_of_string_item_is_nillable_and_unbounded() {
    let Some(defs) = parse("array_of_string_item_is_nillable_and_unbounded") else {
        return;
    };
    let ty = complex(&defs, &QName::new(ARRAYS, "ArrayOfstring"));
    assert_eq!(ty.element_fields().len(), 1);
    let item = &ty.element_fields()[0];
    assert_eq!(item.name, QName::new(ARRAYS, "string"));
    assert_eq!(item.ty, TypeRef::Named(xs("string")));
    assert_eq!(item.min_occurs, 0);
    assert_eq!(item.max_occurs, MaxOccurs::Unbounded);
    assert!(item.nillable);
}

#[test]
fn so_exception_info_is_recursive() {
    let Some(defs) = parse("so_exception_info_is_recursive") else {
        return;
    };
    let ty = complex(&defs, &tns("SoExceptionInfo"));
    let inner = ty
        .element_fields()
        .into_iter()
        .find(|f| f.name.local == "InnerException")
        .expect("InnerException");
    assert_eq!(inner.ty, TypeRef::Named(tns("SoExceptionInfo")));
}

#[test]
fn prefix_declared_on_the_element_itself() {
    let Some(defs) = parse("prefix_declared_on_the_element_itself") else {
        return;
    };
    let ty = complex(&defs, &tns("EMailCustomHeader"));
    assert_eq!(ty.base, Some(tns("Carrier")));
    assert_eq!(
        ty.element_fields()[1].ty,
        TypeRef::Named(QName::new(ARRAYS, "ArrayOfstring"))
    );
}

#[test]
fn wrapper_elements_and_serialization_types() {
    let Some(defs) = parse("wrapper_elements_and_serialization_types") else {
        return;
    };
    let wrapper = &defs.schema.elements[&tns("CreateDefaultEMailAddress")];
    let empty_sequence = ComplexType {
        content: Some(Group {
            kind: Compositor::Sequence,
            min_occurs: 1,
            max_occurs: MaxOccurs::Bounded(1),
            particles: Vec::new(),
        }),
        ..ComplexType::default()
    };
    assert_eq!(
        wrapper.ty,
        TypeRef::AnonymousComplex(Box::new(empty_sequence)),
        "an empty xs:sequence"
    );
    let token = &defs.schema.elements[&tns("ApplicationToken")];
    assert_eq!(token.ty, TypeRef::Named(xs("string")));
    assert!(token.nillable);
    assert!(!defs.schema.elements[&tns("Succeeded")].nillable);
    assert_eq!(
        simple(&defs, &QName::new(SER, "guid")),
        &SimpleType::Restriction {
            base: xs("string"),
            enumeration: Vec::new(),
            facets: Box::new(Facets {
                patterns: vec![vec![
                    r"[\da-fA-F]{8}-[\da-fA-F]{4}-[\da-fA-F]{4}-[\da-fA-F]{4}-[\da-fA-F]{12}"
                        .to_string()
                ]],
                ..Facets::default()
            }),
            documentation: None,
        }
    );
    assert_eq!(
        defs.schema.elements[&QName::new(SER, "char")].ty,
        TypeRef::Named(QName::new(SER, "char"))
    );
}
