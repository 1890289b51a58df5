"""zeep as a client of our generated servers, over real HTTP (used by the corpus tests).

Usage: python zeep_client.py WSDL SERVICE PORT URL OPERATION ARGS_JSON [--wsa]

Binds port PORT of service SERVICE of WSDL at URL, calls OPERATION with the keyword arguments
ARGS_JSON (a JSON object; {"$base64": TEXT} stands for bytes), with zeep's WsAddressingPlugin
when --wsa is given, and prints one JSON object: "result" (zeep's decoded answer, bytes as
{"$base64": TEXT}), "sent" (the request envelope zeep sent, as text), "received_content_type"
and, when the call raised, "error" (the exception's type and text) instead of "result".
zeep decodes MTOM (multipart/related) answers itself.
"""

import base64
import json
import sys

import requests
import zeep
from lxml import etree
from zeep.helpers import serialize_object
from zeep.plugins import HistoryPlugin
from zeep.transports import Transport
from zeep.wsa import WsAddressingPlugin


def from_json(value):
    if isinstance(value, dict) and list(value) == ["$base64"]:
        return base64.b64decode(value["$base64"])
    if isinstance(value, dict):
        return {k: from_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [from_json(v) for v in value]
    return value


def to_json(value):
    if isinstance(value, bytes):
        return {"$base64": base64.b64encode(value).decode()}
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, etree._Element):
        return etree.tostring(value, encoding="unicode")
    return value


class Recorder(Transport):
    """Remembers the content type of the last answer."""

    content_type = None

    def post_xml(self, address, envelope, headers):
        response = super().post_xml(address, envelope, headers)
        Recorder.content_type = response.headers.get("Content-Type")
        return response


def main():
    wsdl, service, port, url, operation, args = sys.argv[1:7]
    history = HistoryPlugin()
    plugins = [history]
    if "--wsa" in sys.argv[7:]:
        plugins.insert(0, WsAddressingPlugin())
    session = requests.Session()
    session.trust_env = False  # never a proxy for 127.0.0.1
    client = zeep.Client(wsdl, plugins=plugins, transport=Recorder(session=session))
    binding = client.wsdl.services[service].ports[port].binding
    proxy = client.create_service(binding.name, url)
    out = {}
    try:
        result = getattr(proxy, operation)(**from_json(json.loads(args)))
        out["result"] = to_json(serialize_object(result, dict))
    except Exception as error:  # reported to the Rust side, which decides
        out["error"] = f"{type(error).__name__}: {error}"
    if history.last_sent is not None:
        out["sent"] = etree.tostring(history.last_sent["envelope"], encoding="unicode")
    out["received_content_type"] = Recorder.content_type
    print(json.dumps(out))


if __name__ == "__main__":
    main()
