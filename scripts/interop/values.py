"""Values for an operation's message, derived from zeep's type tree: every field filled, or
only the required ones. Nothing here knows any particular WSDL."""

import datetime
import decimal

from lxml import etree
from zeep import xsd
from zeep.xsd.types import builtins as b

# Beyond this nesting depth optional content is left out (recursive types end).
MAX_DEPTH = 4
# Beyond this many values per message optional content is left out (wide types stay small).
MAX_VALUES = 400
ANY_NAMESPACE = "urn:interop:any"
SKIP = object()


def enumerations(documents):
    """{(namespace, name): first enumeration value} of every named simple type in `documents`
    (lxml roots of the WSDL and every schema it reads): zeep drops facets."""
    found = {}
    xs = "{http://www.w3.org/2001/XMLSchema}"
    for root in documents:
        for schema in root.iter(xs + "schema"):
            tns = schema.get("targetNamespace")
            for simple in schema.iter(xs + "simpleType"):
                name = simple.get("name")
                first = simple.find(f"{xs}restriction/{xs}enumeration")
                if name and first is not None:
                    found[(tns, name)] = first.get("value")
    return found


def fixed_values(documents):
    """{name: fixed value} of the attributes and elements declared with `fixed` in `documents`
    (zeep ignores `fixed`); a name declared with two different fixed values is left out."""
    found, clashing = {}, set()
    xs = "{http://www.w3.org/2001/XMLSchema}"
    for root in documents:
        for node in root.iter(xs + "attribute", xs + "element"):
            name, fixed = node.get("name"), node.get("fixed")
            if name is None or fixed is None:
                continue
            if found.get(name, fixed) != fixed:
                clashing.add(name)
            found[name] = fixed
    return {name: value for name, value in found.items() if name not in clashing}


class Facts:
    """What zeep's type tree lacks and values need: enumerations and fixed values."""

    def __init__(self, documents):
        self.enums = enumerations(documents)
        self.fixed = fixed_values(documents)


class Filler:
    """Builds zeep keyword values for a message body or header.

    `variant` k picks, in every choice, the alternative k (modulo the choice's width; the next
    one that can be filled when it cannot), and a repeated choice holds the alternatives k and
    k + 1 in turn: rendering the variants 0 to `widest - 1` exercises every alternative."""

    def __init__(self, facts, full, variant=0):
        self.enums = facts.enums
        self.fixed = facts.fixed
        self.full = full
        self.variant = variant
        self.budget = MAX_VALUES
        # The most alternatives of any choice met while filling.
        self.widest = 1

    # --- simple values -------------------------------------------------------------------
    def simple(self, t, hint="v"):
        qname = getattr(t, "qname", None)
        if qname is not None and (qname.namespace, qname.localname) in self.enums:
            return self.enums[(qname.namespace, qname.localname)]
        if isinstance(t, xsd.ListType):
            item = self.simple(t.item_type, hint)
            return [item, item]
        if isinstance(t, xsd.UnionType):
            members = getattr(t, "item_types", None) or []
            return self.simple(members[0], hint) if members else "1"
        if isinstance(t, b.Boolean):
            return True
        if isinstance(t, (b.NegativeInteger, b.NonPositiveInteger)):
            return -1
        if isinstance(t, b.Integer) or isinstance(t, b.Decimal) and type(t).__name__ in (
            "Long", "Int", "Short", "Byte", "UnsignedLong", "UnsignedInt", "UnsignedShort",
            "UnsignedByte", "PositiveInteger", "NonNegativeInteger",
        ):
            return 7
        if isinstance(t, b.Decimal):
            return decimal.Decimal("12.5")
        if isinstance(t, (b.Float, b.Double)):
            return 1.5
        if isinstance(t, b.DateTime):
            return datetime.datetime(2024, 2, 29, 13, 45, 30)
        if isinstance(t, b.Date):
            return datetime.date(2024, 2, 29)
        if isinstance(t, b.Time):
            return datetime.time(13, 45, 30)
        if isinstance(t, b.Base64Binary):
            return b"\x00\x01interop\xff"
        if isinstance(t, b.HexBinary):
            return b"0A1B"
        if isinstance(t, b.AnyURI):
            return "http://example.com/interop"
        if isinstance(t, b.Duration):
            import isodate
            return isodate.parse_duration("P1DT2H")
        if isinstance(t, b.QName):
            return etree.QName("http://www.w3.org/2001/XMLSchema", "string")
        if isinstance(t, (b.gYear,)):
            return "2024"
        if isinstance(t, b.gYearMonth):
            return "2024-02"
        if isinstance(t, b.gMonthDay):
            return "--02-29"
        if isinstance(t, b.gDay):
            return "---29"
        if isinstance(t, b.gMonth):
            return "--02"
        return "text-" + hint

    # --- particles -----------------------------------------------------------------------
    def any_element(self, depth):
        node = etree.Element(f"{{{ANY_NAMESPACE}}}extra", nsmap={"x": ANY_NAMESPACE})
        node.set("kind", "any")
        child = etree.SubElement(node, f"{{{ANY_NAMESPACE}}}inner")
        child.text = f"open content {depth}"
        return node

    def element(self, el, depth):
        """The value of one element particle (a list when it repeats), or SKIP."""
        optional = el.min_occurs == 0 or getattr(el, "nillable", False) and False
        if optional and (not self.full or depth > MAX_DEPTH or self.budget <= 0):
            return SKIP
        self.budget -= 1
        if depth > 4 * MAX_DEPTH:
            raise RecursionError("required content nests without end")
        if isinstance(el, xsd.Any):
            value = self.any_element(depth)
        else:
            value = self.typed(el.type, depth + 1, el.name or "v")
            if value is SKIP:
                return SKIP
            if isinstance(el.type, xsd.AnySimpleType) and el.name in self.fixed:
                value = self.fixed[el.name]
        if el.accepts_multiple:
            count = 2 if self.full else max(1, el.min_occurs)
            return [value] * count
        return value

    def typed(self, t, depth, hint):
        if isinstance(t, xsd.AnySimpleType):
            return self.simple(t, hint)
        if isinstance(t, xsd.ComplexType):
            return self.complex(t, depth)
        # xs:anyType: text content.
        return "text-" + hint

    def complex(self, t, depth):
        values = {}
        for name, particle in t.elements_nested:
            self.particle_into(values, name, particle, depth)
        for name, attribute in t.attributes:
            if isinstance(attribute, xsd.AnyAttribute) or name is None:
                continue
            if attribute.required or self.full:
                values[name] = self.fixed.get(name) or self.simple(attribute.type, name)
        # simpleContent: zeep exposes the text as `_value_1`.
        if getattr(t, "_element", None) is None and t.elements_nested == [] and hasattr(t, "_attributes"):
            base = getattr(t, "extension", None) or getattr(t, "restriction", None)
            if base is not None and not isinstance(base, xsd.ComplexType):
                values["_value_1"] = self.simple(base, "content")
        return values

    def particle_into(self, values, name, particle, depth):
        if isinstance(particle, (xsd.Element, xsd.Any)):
            value = self.element(particle, depth)
            if value is not SKIP:
                values[name] = value
            return
        # An indicator: sequence, choice, group, all.
        if particle.min_occurs == 0 and (not self.full or depth > MAX_DEPTH or self.budget <= 0):
            return
        inner = self.indicator(particle, depth)
        if inner is SKIP:
            return
        if particle.accepts_multiple:
            items = [inner]
            if self.full and isinstance(particle, xsd.Choice) and len(list(particle)) > 1:
                # The next item holds the next alternative.
                self.variant += 1
                try:
                    second = self.indicator(particle, depth)
                finally:
                    self.variant -= 1
                if second is not SKIP:
                    items.append(second)
            values[name] = items
        else:
            values.update(inner)

    def indicator(self, particle, depth):
        if isinstance(particle, xsd.Group):
            return self.indicator(particle.child, depth)
        if isinstance(particle, xsd.Choice):
            alternatives = list(particle)
            self.widest = max(self.widest, len(alternatives))
            start = self.variant % len(alternatives) if alternatives else 0
            for alternative in alternatives[start:] + alternatives[:start]:
                inner = {}
                if isinstance(alternative, (xsd.Element, xsd.Any)):
                    # A chosen element is present even when it is optional itself.
                    was, self.full = self.full, self.full or depth <= MAX_DEPTH
                    try:
                        value = self.element(alternative, depth)
                    finally:
                        self.full = was
                    if value is SKIP:
                        continue
                    inner[alternative.name or "_value_1"] = value
                else:
                    for n, p in getattr(alternative, "elements_nested", []):
                        self.particle_into(inner, n, p, depth)
                return inner
            return SKIP
        inner = {}
        for n, p in particle.elements_nested:
            self.particle_into(inner, n, p, depth)
        return inner

    def message(self, body):
        """Keyword values for a message part tree (`operation.input.body`)."""
        self.budget = MAX_VALUES
        if body is None:
            return {}
        t = body.type
        if isinstance(t, xsd.ComplexType):
            return self.complex(t, 0)
        return {"_value_1": self.simple(t)}
