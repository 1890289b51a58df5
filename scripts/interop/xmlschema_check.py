"""The round trip of an operation where zeep is wrong, with xmlschema (a peer nobody here wrote)
instead: xmlschema reads the contract's schemas; instances of the message elements are built
from its component tree (every field filled, one per alternative of the widest choice, members
of substitution groups in place of abstract heads; and one with the required fields only);
each must be valid to xmlschema. Then
  * request: our server decodes the instance, our client encodes the decoded value, and the
    two bodies must be equal as trees (prefixes aside);
  * response: our client decodes the instance, our server answers with that value; our answer
    must be valid, and xmlschema must decode it to what it decodes from the instance, and
    encode those values back to our answer.
Only document-style bodies of element parts and no header parts are checked so; anything else
is reported as a mismatch. Nothing here knows any particular WSDL."""

import os

import xmlschema
from lxml import etree
from xmlschema.validators import XsdElement, XsdGroup

import compare
import offline

XS = "{http://www.w3.org/2001/XMLSchema}"
ENVELOPES = {
    "1.1": "http://schemas.xmlsoap.org/soap/envelope/",
    "1.2": "http://www.w3.org/2003/05/soap-envelope",
}
# Beyond this nesting depth optional content is left out (recursive types end).
MAX_DEPTH = 4
# Requests (and responses) per operation at most, one per alternative of its widest choice.
MAX_VARIANTS = 64
ANY_NAMESPACE = "urn:interop:any"

# The value of each built-in simple type, by its local name (derived types: their nearest
# built-in ancestor).
SIMPLE_VALUES = {
    "boolean": "true", "decimal": "12.5", "float": "1.5", "double": "1.5", "integer": "7",
    "nonPositiveInteger": "-1", "negativeInteger": "-1", "long": "7", "int": "7", "short": "7",
    "byte": "7", "nonNegativeInteger": "7", "unsignedLong": "7", "unsignedInt": "7",
    "unsignedShort": "7", "unsignedByte": "7", "positiveInteger": "7",
    "dateTime": "2024-02-29T13:45:30", "date": "2024-02-29", "time": "13:45:30",
    "duration": "P1DT2H", "base64Binary": "AAFpbnRlcm9w/w==", "hexBinary": "0A1B",
    "anyURI": "http://example.com/interop", "QName": "xs:string", "gYear": "2024",
    "gYearMonth": "2024-02", "gMonthDay": "--02-29", "gDay": "---29", "gMonth": "--02",
    "language": "en",
}


def schema_sources(documents):
    """The text of every schema in `documents` (lxml roots of the WSDL and what it reads)."""
    sources = []
    for root in documents:
        if root.tag == XS + "schema":
            sources.append(etree.tostring(root).decode())
            continue
        for schema in root.iter(XS + "schema"):
            sources.append(etree.tostring(schema).decode())
    return sources


class Instances:
    """Builds instances of global elements from xmlschema's component tree."""

    def __init__(self, schema, full, variant=0):
        self.schema = schema
        self.full = full
        self.variant = variant
        self.widest = 1

    def simple_text(self, t, hint, second=False):
        """The text of a value of simple type `t`; `second`: another one, for a list's
        second item (the same only where the type allows no other)."""
        enumeration = getattr(t, "enumeration", None)
        if enumeration:
            return str(enumeration[1 % len(enumeration) if second else 0])
        if getattr(t, "member_types", None):
            return self.simple_text(t.member_types[0], hint, second)
        item, node, length = None, t, None
        while node is not None and item is None:
            # A list, or a restriction of one (its length facet says how many items).
            facet = getattr(node, "facets", {}).get(XS + "length")
            length = length if length is not None or facet is None else facet.value
            item = getattr(node, "item_type", None)
            node = getattr(node, "base_type", None)
        if item is not None:
            first, other = self.simple_text(item, hint), self.simple_text(item, hint, True)
            items = [first] if other == first else [first, other]
            if length is not None:
                items = (items * length)[:length]
            return " ".join(items)
        node = t
        while node is not None:
            name = getattr(node, "name", None) or ""
            if name.startswith(XS[:-1] + "}") and node.local_name in SIMPLE_VALUES:
                value = SIMPLE_VALUES[node.local_name]
                return str(int(value) + 1) if second and value.isdigit() else value
            node = getattr(node, "base_type", None)
        return f"text-{hint}-2" if second else f"text-{hint}"

    def element(self, declaration, depth, parent):
        """Appends one occurrence of `declaration` (a member for an abstract head) to `parent`."""
        if declaration.abstract:
            members = sorted(self.schema.maps.substitution_groups.get(declaration.name, ()), key=lambda e: e.name)
            concrete = [m for m in members if not m.abstract]
            if not concrete:
                raise ValueError(f"abstract {declaration.name} has no concrete member")
            self.widest = max(self.widest, len(concrete))
            ending = self.ending(concrete, depth)
            declaration = concrete[self.variant % len(concrete)] if ending is None else ending
        node = etree.SubElement(parent, declaration.name)
        self.content(declaration.type, depth + 1, node, declaration)
        return node

    def content(self, t, depth, node, declaration=None):
        hint = etree.QName(node).localname
        if t.is_simple():
            fixed = getattr(declaration, "fixed", None)
            node.text = fixed if fixed is not None else self.simple_text(t, hint)
            return
        for name, attribute in t.attributes.items():
            if name is None or not hasattr(attribute, "use"):
                continue
            if attribute.use == "required" or self.full:
                fixed = attribute.fixed
                node.set(name, fixed if fixed is not None else self.simple_text(attribute.type, etree.QName(name).localname))
        if t.has_simple_content():
            node.text = self.simple_text(t.content, hint)
            return
        if not isinstance(t.content, XsdGroup):
            return
        if t.mixed:
            node.text = "mixed text"
        self.group(t.content, depth, node)

    @staticmethod
    def ending(candidates, depth):
        """Deep down, the first of `candidates` (elements, groups) that is an element of simple
        type: recursive content (an expression of expressions) ends there."""
        if depth <= MAX_DEPTH:
            return None
        simple = (c for c in candidates if isinstance(c, XsdElement) and c.type.is_simple())
        return next(simple, None)

    def occurrences(self, particle, depth):
        if particle.min_occurs == 0 and (not self.full or depth > MAX_DEPTH):
            return 0
        if depth > MAX_DEPTH:
            return particle.min_occurs
        wanted = 2 if self.full and (particle.max_occurs is None or particle.max_occurs > 1) else 1
        return max(particle.min_occurs, wanted)

    def particle(self, particle, depth, node):
        """Appends the occurrences of `particle` (a repeated group's items take the next
        alternatives of its choices in turn)."""
        for index in range(self.occurrences(particle, depth)):
            if isinstance(particle, XsdGroup):
                self.variant += index
                try:
                    self.group_once(particle, depth, node)
                finally:
                    self.variant -= index
            else:
                self.particle_once(particle, depth, node)

    def group(self, group, depth, node):
        self.particle(group, depth, node)

    def group_once(self, group, depth, node):
        if group.model == "choice":
            alternatives = list(group)
            if not alternatives:
                return
            self.widest = max(self.widest, len(alternatives))
            # (Not `ending(…) or …`: an xmlschema element is a sequence, false when empty.)
            chosen = self.ending(alternatives, depth)
            if chosen is None:
                chosen = alternatives[self.variant % len(alternatives)]
            # A chosen particle is present even when it is optional itself.
            for _ in range(max(1, self.occurrences(chosen, depth))):
                if isinstance(chosen, XsdGroup):
                    self.group_once(chosen, depth, node)
                else:
                    self.particle_once(chosen, depth, node)
            return
        for child in group:
            self.particle(child, depth, node)

    def particle_once(self, particle, depth, node):
        """One occurrence of an element or of a wildcard (an element of a namespace of ours)."""
        if isinstance(particle, XsdElement):
            self.element(particle, depth, node)
            return
        extra = etree.SubElement(node, f"{{{ANY_NAMESPACE}}}extra", nsmap={"x": ANY_NAMESPACE})
        etree.SubElement(extra, f"{{{ANY_NAMESPACE}}}inner").text = f"open content {depth}"

    def build(self, name):
        """An instance of global element `name` ("{ns}local")."""
        # QName values name the XML Schema namespace by the prefix `xs` (SIMPLE_VALUES).
        holder = etree.Element("holder", nsmap={"xs": XS[1:-1]})
        built = self.element(self.schema.maps.elements[name], 0, holder)
        # A document of its own, `xs` declared on it: xmlschema resolves the prefixes of QName
        # values only through declarations on the element it is given and below, not through
        # those an lxml element inherits from its parent.
        return etree.fromstring(etree.tostring(built))


class Checker:
    """xmlschema's view of one contract."""

    def __init__(self, documents, well_known_dir):
        # The well-known namespaces' schemas from the local files (xmlschema has the XML
        # namespace's own).
        locations = [
            (namespace, path)
            for namespace, path in offline.well_known_files(well_known_dir)
            if namespace != "http://www.w3.org/XML/1998/namespace"
        ]
        self.schema = xmlschema.XMLSchema(schema_sources(documents), validation="lax", locations=locations or None)

    def instances(self, name):
        """(label, element) of the full instances of `name`, one per alternative, and the minimal one."""
        k, widest = 0, 1
        while k < min(widest, MAX_VARIANTS):
            builder = Instances(self.schema, full=True, variant=k)
            element = builder.build(name)
            widest = max(widest, builder.widest)
            yield (f"full {k + 1}/{widest}" if widest > 1 else "full"), element
            k += 1
        yield "minimal", Instances(self.schema, full=False).build(name)

    def errors(self, element):
        """The validation errors of `element` (the first few, as text)."""
        return [str(e).splitlines()[0] for e in self.schema.iter_errors(element)][:3]

    def decode(self, element):
        """xmlschema's values of `element`, in order (JsonML), names as {namespace}local."""
        data, _ = self.schema.decode(
            element, validation="lax", converter=xmlschema.JsonMLConverter, use_defaults=False,
            xmlns_processing="none", namespaces={},
        )
        return data

    def same_values(self, ours, instance):
        """None when our `ours` element is valid, decodes as `instance` does, and is what
        xmlschema encodes from those values; else the first difference."""
        errors = self.errors(ours)
        if errors and not self.errors(instance):
            return f"our answer is not valid: {errors}"
        decoded = self.decode(ours)
        expected = self.decode(instance)
        difference = compare.value_difference(expanded(decoded, ours), expanded(expected, instance))
        if difference:
            return f"xmlschema decodes our answer differently at {difference}"
        encoded, _ = self.schema.maps.elements[ours.tag].encode(
            decoded, validation="lax", converter=xmlschema.JsonMLConverter, namespaces={}
        )
        again_element = etree.fromstring(xmlschema.etree_tostring(encoded))
        again = self.decode(again_element)
        # QName values keep the prefixes of our answer, where they are bound (xmlschema's
        # encoder declares none of them).
        difference = compare.value_difference(expanded(again, ours), expanded(decoded, ours))
        if difference:
            return f"xmlschema encodes our answer's values differently at {difference}"
        return None


def expanded(data, element):
    """`data` (decoded from `element`) with every `prefix:local` word whose prefix `element`'s
    document binds to one namespace written `{namespace}local`: xmlschema gives QName values
    as written, and two peers may choose other prefixes for the same names."""
    bindings = {}
    for node in element.iter():
        for prefix, uri in (node.nsmap or {}).items():
            bindings.setdefault(prefix, set()).add(uri)
    unique = {prefix: next(iter(uris)) for prefix, uris in bindings.items() if prefix and len(uris) == 1}

    def word(text):
        prefix, colon, local = text.partition(":")
        return f"{{{unique[prefix]}}}{local}" if colon and prefix in unique and local else text

    def walk(value):
        if isinstance(value, str):
            return " ".join(word(w) for w in value.split(" "))
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        return value

    return walk(data)


def envelope(version, body):
    """A SOAP envelope of `version` ("1.1" or "1.2") around `body`."""
    namespace = ENVELOPES[version]
    # `xs` stays declared for QName values in text (lxml keeps only the prefixes of names).
    root = etree.Element(f"{{{namespace}}}Envelope", nsmap={"soap": namespace, "xs": XS[1:-1]})
    etree.SubElement(root, f"{{{namespace}}}Body").append(body)
    return root
