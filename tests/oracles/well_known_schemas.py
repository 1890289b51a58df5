"""Checks the generator's built-in schemas of well-known namespaces with xmlschema.

Usage: python well_known_schemas.py DIR

Each `DIR/*.xsd` must be a valid XML Schema 1.0 document to xmlschema (a peer nobody here
wrote), declare the components real contracts refer to, and accept instances written as the
specifications show them. Prints one line per schema; exits 1 on the first failure.
"""

import pathlib
import sys

import xmlschema

XS = "http://www.w3.org/2001/XMLSchema"
ENC = "http://schemas.xmlsoap.org/soap/encoding/"
ENV11 = "http://schemas.xmlsoap.org/soap/envelope/"
ENV12 = "http://www.w3.org/2003/05/soap-envelope"
XML = "http://www.w3.org/XML/1998/namespace"
XMIME = "http://www.w3.org/2005/05/xmlmime"
XOP = "http://www.w3.org/2004/08/xop/include"
WSA = "http://www.w3.org/2005/08/addressing"
WSA04 = "http://schemas.xmlsoap.org/ws/2004/08/addressing"
WSDL = "http://schemas.xmlsoap.org/wsdl/"
XLINK = "http://www.w3.org/1999/xlink"
SWAREF = "http://ws-i.org/profiles/basic/1.1/xsd"

# file: (types, elements, attributes, attribute groups, [(element or type to validate, instance)])
EXPECTED = {
    "xml.xsd": ([], [], ["lang", "space", "base", "id"], ["specialAttrs"], []),
    "xlink.xsd": (
        [], [],
        ["type", "href", "role", "arcrole", "title", "show", "actuate", "label", "from", "to"],
        ["simpleAttrs", "simpleLink", "extendedAttrs", "titleAttrs", "resourceAttrs",
         "locatorAttrs", "arcAttrs"],
        [],
    ),
    "wsdl.xsd": ([], [], ["arrayType"], [], []),
    "soap-encoding.xsd": (
        ["Array", "Struct", "base64", "string", "int", "boolean", "dateTime", "double",
         "arrayCoordinate", "hexBinary", "decimal", "long"],
        ["Array", "Struct"],
        ["arrayType", "offset", "position", "root"],
        ["commonAttributes", "arrayAttributes", "arrayMemberAttributes"],
        [
            ("Array", f'<e:Array xmlns:e="{ENC}" xmlns:xs="{XS}" e:arrayType="xs:string[2]" id="a1">'
                      "<item>one</item><item>two</item></e:Array>"),
            ("Struct", f'<e:Struct xmlns:e="{ENC}" href="#s1"/>'),
        ],
    ),
    "soap11-envelope.xsd": (
        ["Envelope", "Header", "Body", "Fault", "detail", "encodingStyle"],
        ["Envelope", "Header", "Body", "Fault"],
        ["mustUnderstand", "actor", "encodingStyle"],
        ["encodingStyle"],
        [
            ("Envelope", f'<s:Envelope xmlns:s="{ENV11}"><s:Body><m:Ping xmlns:m="urn:m"/></s:Body></s:Envelope>'),
            ("Fault", f'<s:Fault xmlns:s="{ENV11}"><faultcode>s:Client</faultcode>'
                      "<faultstring>bad</faultstring><detail><x/></detail></s:Fault>"),
        ],
    ),
    "soap12-envelope.xsd": (
        ["Envelope", "Header", "Body", "Fault", "faultcode", "faultreason", "reasontext",
         "subcode", "detail", "faultcodeEnum"],
        ["Envelope", "Header", "Body", "Fault"],
        ["mustUnderstand", "relay", "role", "encodingStyle"],
        [],
        [
            ("Fault", f'<env:Fault xmlns:env="{ENV12}"><env:Code><env:Value>env:Sender</env:Value>'
                      '</env:Code><env:Reason><env:Text xml:lang="en">bad</env:Text></env:Reason>'
                      "</env:Fault>"),
        ],
    ),
    "xmime.xsd": (
        ["base64Binary", "hexBinary"], [], ["contentType", "expectedContentTypes"], [],
        [],
    ),
    "wsi-swaref.xsd": (["swaRef"], [], [], [], []),
    "xop.xsd": (["Include"], ["Include"], [], [],
                [("Include", f'<xop:Include xmlns:xop="{XOP}" href="cid:part1@example.com"/>')]),
    "ws-addressing.xsd": (
        ["EndpointReferenceType", "AttributedURIType", "RelatesToType", "ReferenceParametersType",
         "MetadataType", "RelationshipTypeOpenEnum", "AttributedUnsignedLongType",
         "AttributedQNameType", "ProblemActionType"],
        ["EndpointReference", "MessageID", "RelatesTo", "ReplyTo", "From", "FaultTo", "To",
         "Action", "ReferenceParameters", "Metadata"],
        ["IsReferenceParameter"], [],
        [
            ("EndpointReference", f'<a:EndpointReference xmlns:a="{WSA}"><a:Address>'
                                  "http://example.com/s</a:Address><a:ReferenceParameters>"
                                  '<t:Id xmlns:t="urn:t">7</t:Id></a:ReferenceParameters>'
                                  "</a:EndpointReference>"),
            ("RelatesTo", f'<a:RelatesTo xmlns:a="{WSA}">urn:uuid:1</a:RelatesTo>'),
        ],
    ),
    "ws-addressing-2004-08.xsd": (
        ["EndpointReferenceType", "AttributedURI", "AttributedQName", "Relationship",
         "ServiceNameType", "ReferencePropertiesType", "ReferenceParametersType",
         "RelationshipTypeValues", "ReplyAfterType"],
        ["EndpointReference", "MessageID", "RelatesTo", "To", "Action", "From", "ReplyTo",
         "FaultTo", "ReplyAfter"],
        [], [],
        [
            ("ReplyTo", f'<a:ReplyTo xmlns:a="{WSA04}"><a:Address>'
                        "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous"
                        "</a:Address></a:ReplyTo>"),
        ],
    ),
}

# Instances of the xmime types, the XML attributes and XLink's, through a small schema of ours
# that uses them as contracts do.
USER = f"""<xs:schema xmlns:xs="{XS}" xmlns:xmime="{XMIME}" xmlns:xlink="{XLINK}" xmlns:t="urn:t"
    xmlns:ref="{SWAREF}" targetNamespace="urn:t">
  <xs:import namespace="{SWAREF}" schemaLocation="{{swaref}}"/>
  <xs:import namespace="{XMIME}" schemaLocation="{{xmime}}"/>
  <xs:import namespace="{XML}" schemaLocation="{{xml}}"/>
  <xs:import namespace="{XLINK}" schemaLocation="{{xlink}}"/>
  <xs:element name="Layer">
    <xs:complexType><xs:attributeGroup ref="xlink:simpleLink"/></xs:complexType>
  </xs:element>
  <xs:element name="Picture" type="xmime:base64Binary"/>
  <xs:element name="Scan" type="ref:swaRef"/>
  <xs:element name="Note">
    <xs:complexType>
      <xs:simpleContent>
        <xs:extension base="xs:string"><xs:attributeGroup ref="xml:specialAttrs"/></xs:extension>
      </xs:simpleContent>
    </xs:complexType>
  </xs:element>
</xs:schema>"""


def main() -> int:
    directory = pathlib.Path(sys.argv[1]).resolve()
    files = sorted(p.name for p in directory.glob("*.xsd"))
    if sorted(EXPECTED) != files:
        print(f"expected schemas {sorted(EXPECTED)}, found {files}")
        return 1
    for name, (types, elements, attributes, groups, instances) in EXPECTED.items():
        schema = xmlschema.XMLSchema10(str(directory / name))
        namespace = schema.target_namespace
        for kind, wanted, found in (
            ("type", types, schema.types),
            ("element", elements, schema.elements),
            ("attribute", attributes, schema.attributes),
            ("attribute group", groups, schema.attribute_groups),
        ):
            for local in wanted:
                if local not in found and f"{{{namespace}}}{local}" not in found:
                    print(f"{name}: no {kind} {local}")
                    return 1
        for _, instance in instances:
            schema.validate(instance)
        print(f"{name}: valid; {len(instances)} instance(s) accepted")
    user = xmlschema.XMLSchema10(
        USER.format(xmime=(directory / "xmime.xsd").as_uri(), xml=(directory / "xml.xsd").as_uri(),
                    xlink=(directory / "xlink.xsd").as_uri(),
                    swaref=(directory / "wsi-swaref.xsd").as_uri())
    )
    user.validate(f'<t:Picture xmlns:t="urn:t" xmlns:xmime="{XMIME}" xmime:contentType="image/png">iVBORw0KGgo=</t:Picture>')
    user.validate('<t:Scan xmlns:t="urn:t">cid:scan=1.a@example.com</t:Scan>')
    user.validate('<t:Note xmlns:t="urn:t" xml:lang="" xml:space="preserve">x</t:Note>')
    user.validate('<t:Note xmlns:t="urn:t" xml:lang="en-GB">x</t:Note>')
    user.validate(f'<t:Layer xmlns:t="urn:t" xmlns:xlink="{XLINK}" xlink:type="simple" '
                  'xlink:href="http://example.com/wms?layer=roads" xlink:show="embed" '
                  'xlink:actuate="onLoad"/>')
    for bad in ('<t:Note xmlns:t="urn:t" xml:space="keep">x</t:Note>',
                f'<t:Layer xmlns:t="urn:t" xmlns:xlink="{XLINK}" xlink:show="popup"/>',
                f'<t:Picture xmlns:t="urn:t" xmlns:xmime="{XMIME}" xmime:contentType="a">AA==</t:Picture>'):
        if user.is_valid(bad):
            print(f"accepted an invalid instance: {bad}")
            return 1
    print("xmime, xml and xlink attributes and swaRef in use: valid and invalid instances told apart")
    return 0


if __name__ == "__main__":
    sys.exit(main())
