"""Values for an operation's message, derived from zeep's type tree: every field filled, or
only the required ones. Nothing here knows any particular WSDL."""

import datetime
import decimal
import itertools

import regex_sample
from lxml import etree
from zeep import xsd
from zeep.xsd.types import builtins as b

# Beyond this nesting depth optional content is left out (recursive types end).
MAX_DEPTH = 4
# Beyond this many values per message optional content is left out (wide types stay small).
MAX_VALUES = 400
ANY_NAMESPACE = "urn:interop:any"
# The named complex types an xs:anyType value goes through in turn (the first ones found).
OPEN_TYPES = 16
# The most elements and attributes such a type has.
OPEN_TYPE_SIZE = 4
XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
XS = "{http://www.w3.org/2001/XMLSchema}"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
# Marks an array item's type until type_items writes it as xsi:type.
ITEM_TYPE = "interop-item-type"
SKIP = object()


def enumerations(documents):
    """{(namespace, name): enumeration values} of every named simple type in `documents`
    (lxml roots of the WSDL and every schema it reads): zeep drops facets."""
    found = {}
    for tns, name, simple in named_simple_types(documents):
        values_ = [e.get("value") for e in simple.findall(f"{XS}restriction/{XS}enumeration")]
        if values_:
            found[(tns, name)] = values_
    return found


def patterns(documents):
    """{(namespace, name): a string matching the pattern facet} of every named simple type in
    `documents` with one (zeep drops facets), when the pattern can be followed."""
    found = {}
    for tns, name, simple in named_simple_types(documents):
        pattern = simple.find(f"{XS}restriction/{XS}pattern")
        if pattern is not None and simple.find(f"{XS}restriction/{XS}enumeration") is None:
            sample = regex_sample.matching(pattern.get("value", ""))
            if sample is not None:
                found[(tns, name)] = sample
    return found


def named_simple_types(documents):
    """(targetNamespace, name, node) of every named simple type in `documents`."""
    for root in documents:
        for schema in root.iter(XS + "schema"):
            tns = schema.get("targetNamespace")
            for simple in schema.iter(XS + "simpleType"):
                if simple.get("name"):
                    yield tns, simple.get("name"), simple


def fixed_values(documents):
    """{name: fixed value} of the attributes and elements declared with `fixed` in `documents`
    (zeep ignores `fixed`); a name declared with two different fixed values is left out."""
    found, clashing = {}, set()
    for root in documents:
        for node in root.iter(XS + "attribute", XS + "element"):
            name, fixed = node.get("name"), node.get("fixed")
            if name is None or fixed is None:
                continue
            if found.get(name, fixed) != fixed:
                clashing.add(name)
            found[name] = fixed
    return {name: value for name, value in found.items() if name not in clashing}


def derivations(documents):
    """({(namespace, name): base (namespace, name)}, {abstract (namespace, name)}, [every named
    complex type in document order]) of the named complex types in `documents`, for values of
    derived types (`xsi:type`)."""
    bases, abstract, named = {}, set(), []
    for root in documents:
        for schema in root.iter(XS + "schema"):
            tns = schema.get("targetNamespace")
            for complex_ in schema.iter(XS + "complexType"):
                name = complex_.get("name")
                if not name:
                    continue
                key = (tns, name)
                named.append(key)
                if complex_.get("abstract") in ("true", "1"):
                    abstract.add(key)
                for derivation in complex_.iterfind(f"{XS}complexContent/*"):
                    base = derivation.get("base")
                    if base and etree.QName(derivation).localname in ("extension", "restriction"):
                        prefix, _, local = base.rpartition(":")
                        bases[key] = (derivation.nsmap.get(prefix or None), local)
    return bases, abstract, named


def type_items(envelope):
    """Writes the `xsi:type` of the array items typed_item made, once zeep has put them in
    `envelope` (with a prefix in scope there for the type's namespace)."""
    for node in list(envelope.iter()):
        if not isinstance(node.tag, str) or ITEM_TYPE not in node.attrib:
            continue
        qname = etree.QName(node.attrib.pop(ITEM_TYPE))
        prefix = next((p for p, u in node.nsmap.items() if u == qname.namespace and p), None)
        if prefix is not None:
            node.set(f"{{{XSI}}}type", f"{prefix}:{qname.localname}")


class Facts:
    """What zeep's type tree lacks and values need: enumerations and fixed values."""

    def __init__(self, documents, schema=None):
        self.enums = enumerations(documents)
        self.patterns = patterns(documents)
        self.fixed = fixed_values(documents)
        # zeep's types by name (`schema.get_type`), for values of derived types.
        self.schema = schema
        bases, self.abstract, self.named = derivations(documents)
        # How often each polymorphic type (and xs:anyType) took a value: the next takes the next.
        self.turns = {}
        self.derived = {}
        for key in self.named:
            base = bases.get(key)
            while base is not None:
                self.derived.setdefault(base, []).append(key)
                base = bases.get(base)
        self._types = {}

    def zeep_type(self, key):
        """zeep's type named `key` ((namespace, name)), or None."""
        if self.schema is None:
            return None
        if key not in self._types:
            try:
                self._types[key] = self.schema.get_type(etree.QName(key[0], key[1]).text)
            except Exception:  # zeep's lookup errors: no such type for it
                self._types[key] = None
        return self._types[key]

    def candidates(self, t):
        """The types a value of element type `t` may take: `t` itself unless abstract, then the
        types derived from it (transitively, in document order), not abstract ones."""
        qname = getattr(t, "qname", None)
        if qname is None or not isinstance(t, xsd.ComplexType):
            return [t]
        key = (qname.namespace, qname.localname)
        found = [] if key in self.abstract else [t]
        for derived in self.derived.get(key, []):
            if derived not in self.abstract:
                zeep_type = self.zeep_type(derived)
                if zeep_type is not None:
                    found.append(zeep_type)
        return found or [t]

    def open_types(self):
        """Named complex types (zeep's, not abstract) that an `xs:anyType` value may take: small
        ones (a few elements or attributes), so that the value leaves room for the rest of the
        message within MAX_VALUES."""
        for key in self.named:
            if key not in self.abstract:
                zeep_type = self.zeep_type(key)
                if not isinstance(zeep_type, xsd.ComplexType) or getattr(zeep_type, "_array_type", None) is not None:
                    continue
                try:
                    size = len(zeep_type.elements) + len(zeep_type.attributes)
                except Exception:  # a type zeep cannot resolve: not one to send
                    continue
                if 0 < size <= OPEN_TYPE_SIZE:
                    yield zeep_type


class Filler:
    """Builds zeep keyword values for a message body or header.

    `variant` k picks, in every choice, the alternative k (modulo the choice's width; the next
    one that can be filled when it cannot), and a repeated choice holds the alternatives k and
    k + 1 in turn: rendering the variants 0 to `widest - 1` exercises every alternative.
    The second item of a repeated value differs from the first (another text, number or
    enumeration value), so that items are neither merged nor reordered unseen."""

    def __init__(self, facts, full, variant=0):
        self.facts = facts
        self.enums = facts.enums
        self.patterns = facts.patterns
        self.fixed = facts.fixed
        # Which item of a repeated value is being built (0 or 1).
        self.item = 0
        self.full = full
        self.variant = variant
        self.budget = MAX_VALUES
        # The complex types being filled, outermost first: deep down, a choice prefers the
        # alternatives that do not nest one of them again.
        self.open_types = []
        # The most alternatives of any choice met while filling.
        self.widest = 1
        # (choice, alternative) pairs filled.
        self.chosen = set()
        # How many choice alternatives are being filled: their values keep their declared
        # types (zeep models substitution groups as choices, and renders nothing for a member
        # given a value of a type derived from the member's own).
        self.in_choice = 0

    # --- simple values -------------------------------------------------------------------
    def second(self, build):
        """`build()` for the second item of a repeated value."""
        self.item += 1
        try:
            return build()
        finally:
            self.item -= 1

    def simple(self, t, hint="v"):
        qname = getattr(t, "qname", None)
        key = (qname.namespace, qname.localname) if qname is not None else None
        if key in self.enums:
            options = self.enums[key]
            return options[self.item % len(options)]
        if key in self.patterns:
            return self.patterns[key]
        if isinstance(t, xsd.ListType):
            first = self.simple(t.item_type, hint)
            second = self.second(lambda: self.simple(t.item_type, hint))
            return [first, second] if second != first else [first]
        if isinstance(t, xsd.UnionType):
            members = getattr(t, "item_types", None) or []
            return self.simple(members[0], hint) if members else "1"
        if isinstance(t, b.Boolean):
            # Always true: zeep leaves out a chosen alternative whose value is false.
            return True
        if isinstance(t, (b.NegativeInteger, b.NonPositiveInteger)):
            return -1 - self.item
        if isinstance(t, b.Integer) or isinstance(t, b.Decimal) and type(t).__name__ in (
            "Long", "Int", "Short", "Byte", "UnsignedLong", "UnsignedInt", "UnsignedShort",
            "UnsignedByte", "PositiveInteger", "NonNegativeInteger",
        ):
            return 7 + self.item
        if isinstance(t, b.Decimal):
            return decimal.Decimal("12.5") + self.item
        if isinstance(t, (b.Float, b.Double)):
            return 1.5 + self.item
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
        return f"text-{hint}-{self.item + 1}" if self.item else f"text-{hint}"

    # --- particles -----------------------------------------------------------------------
    def any_element(self, depth, wildcard=None):
        """An element for `wildcard`, in a namespace its constraint allows (see
        zeep_fixes.record_wildcard_namespaces)."""
        namespace = getattr(wildcard, "interop_namespace", None)
        namespace = ANY_NAMESPACE if namespace is None else namespace
        tag = f"{{{namespace}}}extra" if namespace else "extra"
        node = etree.Element(tag, nsmap={"x": namespace} if namespace else None)
        node.set("kind", "any")
        child = etree.SubElement(node, f"{{{namespace}}}inner" if namespace else "inner")
        child.text = f"open content {depth}"
        return node

    @staticmethod
    def is_simple(particle):
        return isinstance(particle, xsd.Element) and isinstance(particle.type, xsd.AnySimpleType)

    def reopens(self, particle):
        """True when `particle` is an element of a complex type being filled already."""
        t = getattr(particle, "type", None)
        return any(t is open_type for open_type in self.open_types)

    def element(self, el, depth, chosen=False):
        """The value of one element particle (a list when it repeats), or SKIP; `chosen`: the
        alternative a choice took, present whatever its own occurrence."""
        optional = el.min_occurs == 0 and not chosen
        if optional and (not self.full or depth > MAX_DEPTH or self.budget <= 0):
            return SKIP
        if depth > MAX_DEPTH and getattr(el, "nillable", False) and not el.accepts_multiple and self.reopens(el):
            # Deep down, a required nillable element of a type being filled already (a linked
            # list's next step) ends the recursion as nil.
            return xsd.Nil
        self.budget -= 1
        if depth > 4 * MAX_DEPTH:
            raise RecursionError("required content nests without end")
        if isinstance(el, xsd.Any):
            value = self.any_element(depth, el)
        else:
            value = self.typed(el.type, depth + 1, el.name or "v")
            if value is SKIP:
                return SKIP
            if isinstance(el.type, xsd.AnySimpleType) and el.name in self.fixed:
                value = self.fixed[el.name]
        if el.accepts_multiple:
            if not self.full:
                return [value] * max(1, el.min_occurs)
            if isinstance(el, xsd.Any):
                return [value, self.any_element(depth, el)]
            second = self.second(lambda: self.typed(el.type, depth + 1, el.name or "v"))
            return [value, value if second is SKIP else second]
        return value

    @staticmethod
    def typed_item(t, value):
        """One item of a SOAP-encoded array: an `item` element whose content zeep renders,
        marked with its type for `xsi:type` (SOAP 1.1 section 5.4.2; see type_items). zeep
        itself writes an array's items without their elements (flattened into the array's),
        so the driver makes the item elements."""
        qname = getattr(t, "qname", None)
        node = etree.Element("item", nsmap={"t": qname.namespace} if qname is not None else None)
        if qname is not None:
            node.set(ITEM_TYPE, qname.text)
        if isinstance(t, xsd.ComplexType):
            t.render(node, t(**value) if isinstance(value, dict) else value)
        else:
            node.text = t.xmlvalue(value)
        return node

    def typed(self, t, depth, hint):
        if isinstance(t, xsd.AnySimpleType):
            return self.simple(t, hint)
        if isinstance(t, xsd.ComplexType):
            return self.polymorphic(t, depth)
        return self.open_value(depth, hint)

    def polymorphic(self, t, depth):
        """A value of complex type `t` or of a type derived from it: full values near the top
        (outside choice alternatives) take a derived type (zeep writes its `xsi:type`), the one
        after the last taken for the same type, so that a contract's operations go through its
        derived types in turn, and the second item of a repeated value another; elsewhere, or
        when the derived type's required content does not end, `t` itself."""
        candidates = self.facts.candidates(t)
        if not (self.full and depth <= MAX_DEPTH and not self.in_choice) or candidates == [t]:
            return self.complex(t, depth)
        key = id(t)
        turn = self.facts.turns.get(key, 0)
        self.facts.turns[key] = turn + 1
        chosen = candidates[(turn + (1 if candidates[0] is t else 0)) % len(candidates)]
        if chosen is t:
            return self.complex(t, depth)
        try:
            values_ = self.complex(chosen, depth)
        except RecursionError:
            return self.complex(t, depth)
        return values_ if isinstance(values_, list) else chosen(**values_)

    def open_value(self, depth, hint):
        """A value of an element of type `xs:anyType`: plain text in minimal values; in full
        ones, in turn, a string, an integer and values of the contract's named complex types
        (each with its `xsi:type`)."""
        if not self.full or depth > MAX_DEPTH:
            return "text-" + hint
        turn = self.facts.turns.get("anyType", 0)
        self.facts.turns["anyType"] = turn + 1
        if turn % 3 == 0:
            return xsd.AnyObject(b.String(), f"text-{hint}-{turn}")
        if turn % 3 == 1:
            return xsd.AnyObject(b.Int(), 7 + turn)
        types_ = list(itertools.islice(self.facts.open_types(), OPEN_TYPES))
        if not types_:
            return xsd.AnyObject(b.String(), f"text-{hint}-{turn}")
        chosen = types_[(turn // 3) % len(types_)]
        values_ = self.complex(chosen, depth)
        return xsd.AnyObject(chosen, chosen(**values_) if isinstance(values_, dict) else values_)

    def complex(self, t, depth):
        array = getattr(t, "_array_type", None)
        if array is not None and getattr(array, "array_type", None) is not None:
            # A SOAP-encoded array: zeep takes its items as a list of typed values.
            item_type = array.array_type
            items = [self.typed(item_type, depth + 1, "item")]
            if self.full:
                items.append(self.second(lambda: self.typed(item_type, depth + 1, "item")))
            return [self.typed_item(item_type, item) for item in items if item is not SKIP]
        values = {}
        self.open_types.append(t)
        try:
            for name, particle in t.elements_nested:
                self.particle_into(values, name, particle, depth)
        finally:
            self.open_types.pop()
        for name, attribute in t.attributes:
            if isinstance(attribute, xsd.AnyAttribute) or name is None:
                continue
            qname = getattr(attribute, "qname", None)
            if qname is not None and qname.namespace == XML_NAMESPACE and not attribute.required:
                # zeep cannot write attributes of the XML namespace (xml:lang): lxml refuses
                # the prefix it gives them.
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
        # An indicator: sequence, choice, group, all. zeep requires the required elements of
        # an optional sequence that occurs once all the same: it is filled as if required.
        once = isinstance(particle, xsd.Sequence) and not particle.accepts_multiple and depth <= 2 * MAX_DEPTH
        if particle.min_occurs == 0 and not once and (not self.full or depth > MAX_DEPTH or self.budget <= 0):
            if particle.accepts_multiple:
                values[name] = []  # zeep cannot render a repeated group given no value
            return
        inner = self.indicator(particle, depth)
        if inner is SKIP:
            if particle.accepts_multiple:
                values[name] = []
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
            order = list(range(start, len(alternatives))) + list(range(start))
            if depth > MAX_DEPTH:
                # Deep down, simple alternatives first, then those whose type is not being
                # filled already: recursive content ends there.
                order.sort(key=lambda i: (not self.is_simple(alternatives[i]), self.reopens(alternatives[i])))
            for index in order:
                alternative = alternatives[index]
                inner = {}
                if isinstance(alternative, (xsd.Element, xsd.Any)):
                    # A chosen element is present even when it is optional itself (zeep
                    # marks every alternative optional).
                    was, self.full = self.full, self.full or depth <= MAX_DEPTH
                    self.in_choice += 1
                    try:
                        value = self.element(alternative, depth, chosen=True)
                    except RecursionError:
                        continue
                    finally:
                        self.full = was
                        self.in_choice -= 1
                    if value is SKIP:
                        continue
                    inner[alternative.name or "_value_1"] = value
                else:
                    for n, p in getattr(alternative, "elements_nested", []):
                        self.particle_into(inner, n, p, depth)
                self.chosen.add((id(particle), index))
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
