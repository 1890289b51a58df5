"""suds (suds-community, the long-lived Python SOAP client) as a client of our generated servers.

Usage: python client.py WSDL ENDPOINT < calls.json

Loads WSDL (a file), sends the calls it reads on standard input to ENDPOINT, and prints what it
decoded from each answer as one JSON array, an item per call, in order.

Input: {"port": NAME (optional: the WSDL's port to use, else suds's default, the first),
        "headers": {PART: VALUE, ...} (optional: the request's SOAP header parts, by name, as
        suds's `soapheaders` option takes them; every call carries them),
        "calls": [{"op": NAME, "args": [...] or {...}}, ...]}: a call's arguments positional (a
list) or by name (an object: the parts, or a document/literal wrapper's children, as suds
unwraps them); an object is sent as a struct, a list as a repeated element or an array.
Output: {"result": ...} for an answer: what suds returned (its objects as JSON objects, several
output parts as an object by part name, a date or time as its ISO text, a decimal as its text),
with "headers": {NAME: TEXT} the answer's SOAP header elements, which suds does not decode, as
the text of their leaves (an element with children as an object, by local name); or
{"fault": {"code": ..., "string": ..., "detail": ...}} for a SOAP fault (suds's WebFault), its
detail as suds decoded it (null when absent). Anything else ends the script with an error.
With env SUDS_CLIENT_TRACE set, each request and answer suds handled goes to standard error.
"""

import datetime
import decimal
import json
import logging
import os
import sys

import suds.bindings.binding
import suds.wsdl
from suds import WebFault
from suds.client import Client
from suds.plugin import MessagePlugin
from suds.sudsobject import Object

# suds logs a fault answer as an error before raising it: the test reads it from the JSON.
logging.disable(logging.CRITICAL)


def add_bound_methods(self, service):
    """suds's `Definitions.add_methods`, for the operations each binding binds.

    suds looks every operation of a port's port type up in its binding and refuses the WSDL
    (MethodNotFound) when a binding leaves one out, as the corpus's `rpc.wsdl` does (one
    binding per style; WS-I Basic Profile R2718 asks for all, WSDL 1.1 does not). It also
    cannot call a document/encoded operation (it has no marshaller for it): those are left out
    too, so that the others can be called.
    """
    marshallers = {
        "document/literal": suds.wsdl.Document(self),
        "rpc/literal": suds.wsdl.RPC(self),
        "rpc/encoded": suds.wsdl.Encoded(self),
    }
    for port in service.ports:
        for name, operation in list(port.binding.operations.items()):
            soap = operation.soap
            marshal_in = marshallers.get("%s/%s" % (soap.style, soap.input.body.use))
            marshal_out = marshallers.get("%s/%s" % (soap.style, soap.output.body.use))
            if marshal_in is None or marshal_out is None:
                del port.binding.operations[name]
                continue
            method = suds.wsdl.Facade("Method")
            method.name = name
            method.location = port.location
            method.soap = soap
            method.binding = suds.wsdl.Facade("binding")
            method.binding.input = marshal_in
            method.binding.output = marshal_out
            port.methods[name] = method


suds.wsdl.Definitions.add_methods = add_bound_methods

suds_get_reply = suds.bindings.binding.Binding.get_reply


def get_reply_of_empty_body(self, method, replyroot):
    """suds's `Binding.get_reply`, with an empty Body read as no answer.

    suds looks the Body up with `if not body`, which is true of an element without children,
    and then crashes (AttributeError on None) on the answer to an operation whose output
    message has no parts, whose Body is empty as it should be.
    """
    envelope = replyroot.getChild("Envelope")
    body = envelope.getChild("Body") if envelope is not None else None
    if body is not None and not body.getChildren():
        return None
    return suds_get_reply(self, method, replyroot)


suds.bindings.binding.Binding.get_reply = get_reply_of_empty_body


def to_json(value):
    """What suds decoded, as JSON: its objects as objects (fields in order), lists as lists."""
    if isinstance(value, Object):
        return {key: to_json(item) for key, item in value}
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.decode()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    # suds's Text (a str subclass) and anything else it may hand back: its text.
    return str(value)


def element_json(element):
    """A suds.sax element as JSON: the text of a leaf, an object of its children by name."""
    children = element.getChildren()
    if not children:
        return element.getText()
    return {child.name: element_json(child) for child in children}


def answer_headers(client):
    """The answer's SOAP header elements by local name (suds decodes none of them)."""
    received = client.last_received()
    if received is None:
        return {}
    envelope = received.root()
    header = envelope.getChild("Header") if envelope is not None else None
    if header is None:
        return {}
    return {child.name: element_json(child) for child in header.getChildren()}


class Trace(MessagePlugin):
    """Each request sent and answer received, to standard error."""

    def sending(self, context):
        sys.stderr.write("suds sent: %s\n" % context.envelope.decode())

    def received(self, context):
        sys.stderr.write("suds received: %s\n" % context.reply.decode())


def main():
    wsdl, endpoint = sys.argv[1:3]
    request = json.load(sys.stdin)
    plugins = [Trace()] if os.environ.get("SUDS_CLIENT_TRACE") else []
    client = Client("file://" + wsdl, cache=None, location=endpoint, plugins=plugins)
    if "port" in request:
        client.set_options(port=request["port"])
    if "headers" in request:
        client.set_options(soapheaders=request["headers"])
    results = []
    for call in request["calls"]:
        method = getattr(client.service, call["op"])
        args = call.get("args", [])
        try:
            if isinstance(args, dict):
                answer = method(**args)
            else:
                answer = method(*args)
        except WebFault as error:
            fault = error.fault
            detail = getattr(fault, "detail", None)
            results.append({"fault": {
                "code": to_json(getattr(fault, "faultcode", None)),
                "string": to_json(getattr(fault, "faultstring", None)),
                "detail": to_json(detail),
            }})
            continue
        results.append({"result": to_json(answer), "headers": answer_headers(client)})
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
