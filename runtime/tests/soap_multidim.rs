//! Multi-dimensional SOAP-encoded arrays (`MultiDimArray`, SOAP 1.1 section 5.4.2): written as
//! one `soapenc:Array` with every size in `soapenc:arrayType` and the members in row-major
//! order, read back into nested `Vec`s; ragged values, dimension and size mismatches, hostile
//! sizes, partially transmitted and sparse arrays each give a typed error. Written documents are
//! checked with roxmltree, an XML parser nobody here wrote; the messages read are written here
//! by hand from the specification's examples.

use soap_runtime::encoding::{inline_multi_references, SOAP_ENCODING_NS};
use soap_runtime::error::{DecodeErrorKind, SoapArrayProblem};
use soap_runtime::xml::{XmlReader, XmlWriter};
use soap_runtime::{
    Codec, DecodeError, EncodeError, Limits, MultiDimArray, Name, Ns, Plain, Row, Rows, SoapArray,
};

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const XSD: &str = "http://www.w3.org/2001/XMLSchema";
/// The namespace table: XML Schema.
const NS: &[&str] = &[XSD];
const XSD_NS: Ns = Ns(0);

const GRID: MultiDimArray<Rows<Row<Plain>>> =
    MultiDimArray::new(XSD_NS, "string", Rows(Row(Plain)));
const INT_GRID: MultiDimArray<Rows<Row<Plain>>> =
    MultiDimArray::new(XSD_NS, "int", Rows(Row(Plain)));
const CUBE: MultiDimArray<Rows<Rows<Row<Plain>>>> =
    MultiDimArray::new(XSD_NS, "int", Rows(Rows(Row(Plain))));
const STRINGS: SoapArray<Plain> = SoapArray::new(XSD_NS, "string", Plain);

/// The values of the codecs above.
type Grid = Vec<Vec<String>>;
type IntGrid = Vec<Vec<i32>>;
type Cube = Vec<Vec<Vec<i32>>>;

/// The namespace declarations of the documents read.
const DECLARATIONS: &str = r#"xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#;

/// Writes `value` as element `V` of a root declaring the namespace table.
fn write<T>(codec: &impl Codec<T>, value: &T) -> Result<String, EncodeError> {
    let mut w = XmlWriter::new(NS);
    let root = Name::new(Ns::NONE, "Root");
    w.start(root);
    w.declare_namespaces();
    w.one(Name::new(Ns::NONE, "V"), value, codec)?;
    w.end(root);
    Ok(String::from_utf8(w.into_bytes()).expect("utf-8"))
}

/// Reads the first child of the root of `xml` with `codec`.
fn read<T>(xml: &str, limits: Limits, codec: &impl Codec<T>) -> Result<T, DecodeError> {
    let mut r = XmlReader::new(xml.as_bytes(), limits)?;
    r.root()?;
    let v = r.next_child()?.expect("a child");
    codec.read(&mut r, &v)
}

/// `array` (an element with its content) in a root declaring the usual prefixes.
fn document(array: &str) -> String {
    format!("<Root {DECLARATIONS}>{array}</Root>")
}

/// The problem of a [`DecodeErrorKind::BadSoapArray`], or a panic naming what came instead.
fn problem<T: std::fmt::Debug>(result: Result<T, DecodeError>) -> SoapArrayProblem {
    match result {
        Err(DecodeError {
            kind: DecodeErrorKind::BadSoapArray { problem, .. },
            location,
        }) => {
            assert!(location.line >= 1);
            problem
        }
        other => panic!("expected a SOAP array error, got {other:?}"),
    }
}

fn strings(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|row| row.iter().map(|s| s.to_string()).collect())
        .collect()
}

/// The (namespace, local) a QName-valued attribute of `node` resolves to.
fn resolve<'a>(node: roxmltree::Node<'a, '_>, qname: &'a str) -> (Option<&'a str>, &'a str) {
    match qname.split_once(':') {
        Some((prefix, local)) => (node.lookup_namespace_uri(Some(prefix)), local),
        None => (None, qname),
    }
}

#[test]
fn two_dimensional_arrays_give_both_sizes_and_their_members_row_by_row() {
    let grid = strings(&[&["r1c1", "r1c2", "r1c3"], &["r2c1", "r2c2", "r2c3"]]);
    let xml = write(&GRID, &grid).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect(&xml);
    let v = doc.root_element().first_element_child().unwrap();
    assert_eq!(
        resolve(v, v.attribute((XSI, "type")).unwrap()),
        (Some(SOAP_ENCODING_NS), "Array")
    );
    assert_eq!(
        resolve(v, v.attribute((SOAP_ENCODING_NS, "arrayType")).unwrap()),
        (Some(XSD), "string[2,3]")
    );
    let members: Vec<_> = v.children().filter(|n| n.is_element()).collect();
    let texts: Vec<_> = members.iter().map(|m| m.text().unwrap()).collect();
    assert_eq!(texts, ["r1c1", "r1c2", "r1c3", "r2c1", "r2c2", "r2c3"]);
    for member in &members {
        assert_eq!(member.tag_name().name(), "item");
        assert_eq!(member.tag_name().namespace(), None);
        assert_eq!(
            resolve(*member, member.attribute((XSI, "type")).unwrap()),
            (Some(XSD), "string")
        );
    }
    assert_eq!(read::<Grid>(&xml, Limits::default(), &GRID).unwrap(), grid);
}

#[test]
fn three_dimensional_arrays_vary_the_last_index_fastest() {
    let cube: Vec<Vec<Vec<i32>>> = (0..2)
        .map(|i| {
            (0..3)
                .map(|j| (0..2).map(|k| i * 100 + j * 10 + k).collect())
                .collect()
        })
        .collect();
    let xml = write(&CUBE, &cube).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect(&xml);
    let v = doc.root_element().first_element_child().unwrap();
    assert_eq!(
        resolve(v, v.attribute((SOAP_ENCODING_NS, "arrayType")).unwrap()),
        (Some(XSD), "int[2,3,2]")
    );
    let texts: Vec<_> = v
        .children()
        .filter(|n| n.is_element())
        .map(|m| m.text().unwrap().to_string())
        .collect();
    assert_eq!(
        texts,
        ["0", "1", "10", "11", "20", "21", "100", "101", "110", "111", "120", "121"]
    );
    assert_eq!(read::<Cube>(&xml, Limits::default(), &CUBE).unwrap(), cube);
}

#[test]
fn empty_dimensions_keep_their_sizes() {
    for grid in [vec![], vec![Vec::<i32>::new(); 3]] {
        let xml = write(&INT_GRID, &grid).unwrap();
        let expected = format!("int[{},0]", grid.len());
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let v = doc.root_element().first_element_child().unwrap();
        assert_eq!(
            resolve(v, v.attribute((SOAP_ENCODING_NS, "arrayType")).unwrap()),
            (Some(XSD), expected.as_str())
        );
        assert_eq!(
            read::<IntGrid>(&xml, Limits::default(), &INT_GRID).unwrap(),
            grid
        );
    }
    // An empty outer dimension says nothing of the inner ones: zero.
    let xml = write(&CUBE, &Cube::new()).unwrap();
    assert!(xml.contains(":int[0,0,0]\""), "{xml}");
}

#[test]
fn ragged_values_are_refused_naming_the_row() {
    let ragged = strings(&[&["a", "b"], &["c", "d"], &["e"]]);
    match write(&GRID, &ragged) {
        Err(EncodeError::RaggedArray {
            element,
            index,
            expected,
            found,
        }) => {
            assert_eq!(element, "V");
            assert_eq!((index.as_str(), expected, found), ("[2]", 2, 1));
        }
        other => panic!("expected a ragged-array error, got {other:?}"),
    }
    // Deeper: the second plane's first row is short.
    let cube = vec![vec![vec![1, 2], vec![3, 4]], vec![vec![5], vec![6, 7]]];
    assert!(matches!(
        write(&CUBE, &cube),
        Err(EncodeError::RaggedArray { index, expected: 2, found: 1, .. }) if index == "[1][0]"
    ));
    // A plane with another number of rows.
    let cube = vec![vec![vec![1], vec![2]], vec![vec![3]]];
    assert!(matches!(
        write(&CUBE, &cube),
        Err(EncodeError::RaggedArray { index, expected: 2, found: 1, .. }) if index == "[1]"
    ));
    let message = write(&GRID, &strings(&[&["a"], &[]]))
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("rectangular") && message.contains("[1]"),
        "{message}"
    );
}

#[test]
fn the_specification_example_reads_as_rows() {
    // SOAP 1.1 section 5.4.2's two-dimensional array, as the specification writes it: an
    // element named `SOAP-ENC:Array`, members without `xsi:type`.
    let xml = document(
        r#"<SOAP-ENC:Array SOAP-ENC:arrayType="xsd:string[2,3]">
             <item>r1c1</item>
             <item>r1c2</item>
             <item>r1c3</item>
             <item>r2c1</item>
             <item>r2c2</item>
             <item>r2c3</item>
           </SOAP-ENC:Array>"#,
    );
    assert_eq!(
        read::<Grid>(&xml, Limits::default(), &GRID).unwrap(),
        strings(&[&["r1c1", "r1c2", "r1c3"], &["r2c1", "r2c2", "r2c3"]])
    );
    // Members of any name, a nil member as the default, the type named `xsd:ur-type`.
    let xml = document(
        r#"<V SOAP-ENC:arrayType="xsd:ur-type[2,2]"><int>1</int><int xsi:nil="true"/><x>3</x><item>4</item></V>"#,
    );
    assert_eq!(
        read::<IntGrid>(&xml, Limits::default(), &INT_GRID).unwrap(),
        vec![vec![1, 0], vec![3, 4]]
    );
}

#[test]
fn the_member_count_must_match_the_sizes() {
    let four = "<item>a</item><item>b</item><item>c</item><item>d</item>";
    let array = |array_type: &str| {
        document(&format!(
            r#"<V SOAP-ENC:arrayType="{array_type}">{four}</V>"#
        ))
    };
    assert_eq!(
        problem(read::<Grid>(
            &array("xsd:string[2,3]"),
            Limits::default(),
            &GRID
        )),
        SoapArrayProblem::TooFewMembers {
            declared: 6,
            found: 4
        }
    );
    assert_eq!(
        problem(read::<Grid>(
            &array("xsd:string[3,1]"),
            Limits::default(),
            &GRID
        )),
        SoapArrayProblem::TooManyMembers { declared: 3 }
    );
    assert_eq!(
        problem(read::<Grid>(
            &array("xsd:string[4]"),
            Limits::default(),
            &GRID
        )),
        SoapArrayProblem::RankMismatch {
            value: "xsd:string[4]".into(),
            declared: 2,
            found: 1
        }
    );
    assert_eq!(
        problem(read::<Grid>(
            &array("xsd:string[1,2,2]"),
            Limits::default(),
            &GRID
        )),
        SoapArrayProblem::RankMismatch {
            value: "xsd:string[1,2,2]".into(),
            declared: 2,
            found: 3
        }
    );
    // A rank before the sizes (an array of arrays) is not two dimensions.
    assert!(matches!(
        problem(read::<Grid>(
            &array("xsd:string[][4]"),
            Limits::default(),
            &GRID
        )),
        SoapArrayProblem::RankMismatch { found: 1, .. }
    ));
    for invalid in [
        "xsd:string",
        "xsd:string[2,x]",
        "xsd:string[2,3",
        "xsd:string[,]",
        "xsd:string[-1,2]",
    ] {
        assert_eq!(
            problem(read::<Grid>(&array(invalid), Limits::default(), &GRID)),
            SoapArrayProblem::InvalidArrayType {
                value: invalid.into()
            },
            "{invalid}"
        );
    }
    let missing = document(&format!("<V>{four}</V>"));
    assert_eq!(
        problem(read::<Grid>(&missing, Limits::default(), &GRID)),
        SoapArrayProblem::MissingArrayType { rank: 2 }
    );
}

#[test]
fn hostile_sizes_are_refused_without_allocating_by_them() {
    let two = "<item>a</item><item>b</item>";
    let array = |array_type: &str, members: &str| {
        document(&format!(
            r#"<V SOAP-ENC:arrayType="{array_type}">{members}</V>"#
        ))
    };
    // Huge sizes: the members present decide, nothing is reserved for the rest.
    assert_eq!(
        problem(read::<Grid>(
            &array("xsd:string[999999999,999999999]", two),
            Limits::default(),
            &GRID
        )),
        SoapArrayProblem::TooFewMembers {
            declared: 999_999_999 * 999_999_999,
            found: 2
        }
    );
    // Sizes whose product overflows, and a size beyond any integer.
    let overflow = format!("xsd:string[{},3]", usize::MAX);
    assert_eq!(
        problem(read::<Grid>(
            &array(&overflow, two),
            Limits::default(),
            &GRID
        )),
        SoapArrayProblem::SizeOverflow { value: overflow }
    );
    let beyond = "xsd:string[99999999999999999999999,1]";
    assert!(matches!(
        problem(read::<Grid>(&array(beyond, two), Limits::default(), &GRID)),
        SoapArrayProblem::InvalidArrayType { .. }
    ));
    // No members but a billion empty rows: refused by `max_items` before any row is built.
    let empty_rows = array("xsd:string[1000000000,0]", "");
    match read::<Grid>(&empty_rows, Limits::default(), &GRID) {
        Err(DecodeError {
            kind: DecodeErrorKind::LimitExceeded { limit, .. },
            ..
        }) => assert_eq!(limit, "max_items"),
        other => panic!("expected the item limit, got {other:?}"),
    }
    // `[0,huge]` holds nothing and builds nothing.
    assert_eq!(
        read::<Grid>(
            &array("xsd:string[0,1000000000]", ""),
            Limits::default(),
            &GRID
        )
        .unwrap(),
        Vec::<Vec<String>>::new()
    );
    // Zero rows in the middle dimension of a cube whose outer size overflows with the inner.
    let value = format!("xsd:int[{},{},0]", usize::MAX / 2, 4);
    assert!(matches!(
        problem(read::<Cube>(&array(&value, ""), Limits::default(), &CUBE)),
        SoapArrayProblem::SizeOverflow { .. }
    ));
    // Members count against `max_items` as they come.
    let limits = Limits {
        max_items: 3,
        ..Limits::default()
    };
    let four = "<item>a</item><item>b</item><item>c</item><item>d</item>";
    assert!(matches!(
        read::<Grid>(&array("xsd:string[2,2]", four), limits, &GRID),
        Err(DecodeError {
            kind: DecodeErrorKind::LimitExceeded {
                limit: "max_items",
                ..
            },
            ..
        })
    ));
}

#[test]
fn offsets_and_positions_read_only_where_they_leave_nothing_out() {
    let array = |attributes: &str, members: &str| {
        document(&format!(
            r#"<V SOAP-ENC:arrayType="xsd:string[2,2]" {attributes}>{members}</V>"#
        ))
    };
    let dense = r#"<item SOAP-ENC:position="[0,0]">a</item><item>b</item><item SOAP-ENC:position="[1,0]">c</item><item SOAP-ENC:position=" [ 1 , 1 ] ">d</item>"#;
    assert_eq!(
        read::<Grid>(
            &array(r#"SOAP-ENC:offset="[0,0]""#, dense),
            Limits::default(),
            &GRID
        )
        .unwrap(),
        strings(&[&["a", "b"], &["c", "d"]])
    );
    let four = "<item>a</item><item>b</item><item>c</item><item>d</item>";
    assert_eq!(
        problem(read::<Grid>(
            &array(r#"SOAP-ENC:offset="[0,1]""#, four),
            Limits::default(),
            &GRID
        )),
        SoapArrayProblem::Unsupported {
            attribute: "offset",
            value: "[0,1]".into()
        }
    );
    // The specification's sparse example: members at [2,2] and [7,2] of a [10,10] array.
    let sparse = document(
        r#"<V SOAP-ENC:arrayType="xsd:string[10,10]"><item SOAP-ENC:position="[2,2]">Third row, third col</item><item SOAP-ENC:position="[7,2]">Eighth row, third col</item></V>"#,
    );
    assert_eq!(
        problem(read::<Grid>(&sparse, Limits::default(), &GRID)),
        SoapArrayProblem::Unsupported {
            attribute: "position",
            value: "[2,2]".into()
        }
    );
    // Out of bounds, of another rank, or not a coordinate at all.
    for (position, expected) in [
        ("[0,2]", None),
        ("[0]", None),
        ("[0,0,0]", None),
        ("(0,0)", Some("(0,0)")),
        ("[a,0]", Some("[a,0]")),
    ] {
        let members = format!(r#"<item SOAP-ENC:position="{position}">a</item>"#);
        let found = problem(read::<Grid>(&array("", &members), Limits::default(), &GRID));
        match expected {
            None => assert_eq!(
                found,
                SoapArrayProblem::Unsupported {
                    attribute: "position",
                    value: position.into()
                }
            ),
            Some(value) => assert_eq!(
                found,
                SoapArrayProblem::InvalidCoordinate {
                    attribute: "position",
                    value: value.into()
                }
            ),
        }
    }
}

#[test]
fn one_dimensional_arrays_refuse_offsets_and_positions_that_leave_items_out() {
    let array = |attributes: &str, members: &str| {
        document(&format!(
            r#"<V SOAP-ENC:arrayType="xsd:string[5]" {attributes}>{members}</V>"#
        ))
    };
    // The specification's partially transmitted array: the third to fifth of five.
    let partial = array(
        r#"SOAP-ENC:offset="[2]""#,
        "<item>The third element</item><item>The fourth element</item><item>The fifth element</item>",
    );
    assert_eq!(
        problem(read::<Vec<String>>(&partial, Limits::default(), &STRINGS)),
        SoapArrayProblem::Unsupported {
            attribute: "offset",
            value: "[2]".into()
        }
    );
    let sparse = array("", r#"<item SOAP-ENC:position="[1]">b</item>"#);
    assert_eq!(
        problem(read::<Vec<String>>(&sparse, Limits::default(), &STRINGS)),
        SoapArrayProblem::Unsupported {
            attribute: "position",
            value: "[1]".into()
        }
    );
    // Nothing left out: read as before; the size is still not checked in one dimension.
    let dense = array(
        r#"SOAP-ENC:offset="[0]""#,
        r#"<item SOAP-ENC:position="[0]">a</item><item>b</item>"#,
    );
    assert_eq!(
        read::<Vec<String>>(&dense, Limits::default(), &STRINGS).unwrap(),
        ["a", "b"].map(String::from)
    );
}

#[test]
fn arrays_of_multi_dimensional_arrays_and_back() {
    // `xsd:string[,][]`: a one-dimensional array of two-dimensional arrays of any sizes.
    const SHEETS: SoapArray<MultiDimArray<Rows<Row<Plain>>>> =
        SoapArray::new(XSD_NS, "string[,]", GRID);
    let sheets = vec![
        strings(&[&["a", "b"], &["c", "d"]]),
        strings(&[&["e"]]),
        vec![],
    ];
    let xml = write(&SHEETS, &sheets).unwrap();
    // roxmltree refuses duplicate attributes: the inner arrays' type replaces the item type.
    let doc = roxmltree::Document::parse(&xml).expect(&xml);
    let v = doc.root_element().first_element_child().unwrap();
    assert_eq!(
        resolve(v, v.attribute((SOAP_ENCODING_NS, "arrayType")).unwrap()),
        (Some(XSD), "string[,][3]")
    );
    let inner: Vec<_> = v
        .children()
        .filter(|n| n.is_element())
        .map(|n| resolve(n, n.attribute((SOAP_ENCODING_NS, "arrayType")).unwrap()).1)
        .collect();
    assert_eq!(inner, ["string[2,2]", "string[1,1]", "string[0,0]"]);
    assert_eq!(
        read::<Vec<Grid>>(&xml, Limits::default(), &SHEETS).unwrap(),
        sheets
    );

    // `xsd:int[][,]`: a two-dimensional array of int arrays of any lengths.
    const INTS: SoapArray<Plain> = SoapArray::new(XSD_NS, "int", Plain);
    const GRID_OF_ARRAYS: MultiDimArray<Rows<Row<SoapArray<Plain>>>> =
        MultiDimArray::new(XSD_NS, "int[]", Rows(Row(INTS)));
    let grid = vec![vec![vec![1, 2, 3], vec![]], vec![vec![4], vec![5, 6]]];
    let xml = write(&GRID_OF_ARRAYS, &grid).unwrap();
    roxmltree::Document::parse(&xml).expect(&xml);
    assert!(xml.contains(":int[][2,2]\""), "{xml}");
    assert_eq!(
        read::<Cube>(&xml, Limits::default(), &GRID_OF_ARRAYS).unwrap(),
        grid
    );
}

#[test]
fn the_specification_array_of_arrays_reads_through_its_references() {
    // SOAP 1.1 section 5.4.2: `xsd:string[][2]` whose two members refer to string arrays of
    // other lengths, given after it.
    let xml = format!(
        r##"<Root {DECLARATIONS}><V SOAP-ENC:arrayType="xsd:string[][2]"><item href="#array-1"/><item href="#array-2"/></V><SOAP-ENC:Array id="array-1" SOAP-ENC:arrayType="xsd:string[3]"><item>r1c1</item><item>r1c2</item><item>r1c3</item></SOAP-ENC:Array><SOAP-ENC:Array id="array-2" SOAP-ENC:arrayType="xsd:string[2]"><item>r2c1</item><item>r2c2</item></SOAP-ENC:Array></Root>"##
    );
    let inlined = inline_multi_references(xml.as_bytes(), Limits::default()).unwrap();
    let inlined = std::str::from_utf8(&inlined).unwrap();
    const JAGGED: SoapArray<SoapArray<Plain>> = SoapArray::new(XSD_NS, "string[]", STRINGS);
    assert_eq!(
        read::<Grid>(inlined, Limits::default(), &JAGGED).unwrap(),
        strings(&[&["r1c1", "r1c2", "r1c3"], &["r2c1", "r2c2"]])
    );
    // The same members given as a two-dimensional array are refused: its rows differ.
    assert!(matches!(
        problem(read::<Grid>(inlined, Limits::default(), &GRID)),
        SoapArrayProblem::RankMismatch {
            declared: 2,
            found: 1,
            ..
        }
    ));
}
