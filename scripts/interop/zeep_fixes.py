"""Corrections to zeep, applied before it loads a contract, where zeep misreads WSDL 1.1
itself (not a schema):
- zeep reads `soap:body/@part` (no such attribute) instead of `soap:body/@parts` (WSDL 1.1
  section 3.5), so it puts every part of a message in the body, also those the binding leaves
  out or sends as headers only. With this correction the body holds the parts `parts` names
  (all of them when it is absent), as WSDL 1.1 says;
- zeep gives an output message without parts no body at all, in rpc style too, where WSDL 1.1
  (section 3.5) and WS-I Basic Profile (R2729) want the answer's wrapper even when it holds
  nothing: it renders an empty Body. With this correction an rpc answer without parts is its
  empty wrapper.
Nothing here knows any particular WSDL."""

from collections import OrderedDict


def honour_body_parts():
    """Makes zeep's SOAP messages keep only the parts `soap:body/@parts` names in the body."""
    from zeep.wsdl.messages import soap

    if getattr(soap.SoapMessage, "_interop_body_parts", False):
        return
    parse_body = soap.SoapMessage._parse_body.__func__

    def _parse_body(cls, xmlelement):
        info = parse_body(cls, xmlelement)
        names = (xmlelement.get("parts") or "").split()
        info["parts"] = names or None
        return info

    soap.SoapMessage._parse_body = classmethod(_parse_body)
    for klass in (soap.SoapMessage, soap.DocumentMessage, soap.RpcMessage):
        if "_resolve_body" not in vars(klass):
            continue
        resolve_body = vars(klass)["_resolve_body"]

        def _resolve_body(self, info, definitions, parts, _resolve_body=resolve_body):
            if info and info.get("parts") is not None:
                parts = OrderedDict((name, part) for name, part in parts.items() if name in info["parts"])
            return _resolve_body(self, info, definitions, parts)

        klass._resolve_body = _resolve_body
    soap.SoapMessage._interop_body_parts = True


def record_wildcard_namespaces():
    """zeep forgets an `xs:any`'s namespace constraint (it reads only the occurrence and
    processContents). Keeps it on the wildcard as `interop_namespace`: the namespace an element
    filled into it may take, `""` for none (`##local`) and None where any other namespace will
    do (`##any`, `##other`), so filled-in values stay valid for the schema."""
    from zeep.xsd import visitor

    klass = visitor.SchemaVisitor
    if getattr(klass, "_interop_any_namespaces", False):
        return
    visit_any = klass.visitors[visitor.tags.any]

    def visit_any_recorded(self, node, parent):
        wildcard = visit_any(self, node, parent)
        tokens = (node.get("namespace") or "##any").split()
        target = self.document._target_namespace or ""
        if tokens[0] in ("##any", "##other"):
            wildcard.interop_namespace = None
        elif tokens[0] == "##targetNamespace":
            wildcard.interop_namespace = target
        elif tokens[0] == "##local":
            wildcard.interop_namespace = ""
        else:
            wildcard.interop_namespace = tokens[0]
        return wildcard

    klass.visitors = dict(klass.visitors)
    klass.visitors[visitor.tags.any] = visit_any_recorded
    klass._interop_any_namespaces = True


def wrap_rpc_answers_without_parts():
    """Makes zeep's rpc output messages without parts an empty wrapper rather than no body."""
    from zeep.wsdl.messages import soap

    klass = soap.RpcMessage
    if getattr(klass, "_interop_empty_rpc_answers", False):
        return
    resolve = klass.resolve

    def resolve_wrapped(self, definitions, abstract_message):
        if self.type == "input" or abstract_message is None or abstract_message.parts:
            return resolve(self, definitions, abstract_message)
        # What zeep does for a message with parts, with none.
        info = self._resolve_info
        del self._resolve_info
        self.abstract = abstract_message
        parts = OrderedDict()
        self.header = self._resolve_header(info["header"], definitions, parts)
        self.body = self._resolve_body(info["body"], definitions, parts)
        self.envelope = self._create_envelope_element()

    klass.resolve = resolve_wrapped
    klass._interop_empty_rpc_answers = True
