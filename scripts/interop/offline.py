"""A zeep Transport that serves the schemas of the well-known namespaces (XML, SOAP encoding,
SOAP envelopes, WSDL, xmime, xop, WS-Addressing, WS-I swaRef) from the generator's own local copies, so
that zeep loads contracts importing them by URL without a network. Every other URL goes to
zeep's usual transport. Nothing here knows any particular WSDL."""

import os

from lxml import etree
from zeep.transports import Transport

# Where the well-known namespaces' schemas are published besides their namespace URL (the
# locations contracts and zeep itself write in xs:import/@schemaLocation).
PUBLISHED_LOCATIONS = {
    "http://www.w3.org/XML/1998/namespace": [
        "http://www.w3.org/2001/xml.xsd",
        "http://www.w3.org/2001/03/xml.xsd",
        "http://www.w3.org/2009/01/xml.xsd",
    ],
    "http://schemas.xmlsoap.org/wsdl/": ["http://schemas.xmlsoap.org/wsdl/2003-02-11.xsd"],
    "http://www.w3.org/2003/05/soap-envelope": ["http://www.w3.org/2003/05/soap-envelope/soap-envelope.xsd"],
    "http://www.w3.org/2005/05/xmlmime": ["http://www.w3.org/2005/05/xmlmime.xsd"],
    "http://www.w3.org/2004/08/xop/include": ["http://www.w3.org/2004/08/xop/include.xsd"],
    "http://www.w3.org/2005/08/addressing": [
        "http://www.w3.org/2006/03/addressing/ws-addr.xsd",
        "http://www.w3.org/2005/08/addressing/ws-addr.xsd",
    ],
    "http://schemas.xmlsoap.org/ws/2004/08/addressing": [
        "http://schemas.xmlsoap.org/ws/2004/08/addressing/addressing.xsd"
    ],
    "http://ws-i.org/profiles/basic/1.1/xsd": ["http://ws-i.org/profiles/basic/1.1/swaref.xsd"],
}


def normal_url(url):
    """`url` without its scheme and trailing `/`, for comparing."""
    url = url.strip()
    for scheme in ("http://", "https://"):
        if url.startswith(scheme):
            url = url[len(scheme):]
    return url.rstrip("/")


def well_known_files(directory):
    """(targetNamespace, path) of every `*.xsd` in `directory` (none when it is not given)."""
    if not directory or not os.path.isdir(directory):
        return []
    found = []
    for name in sorted(os.listdir(directory)):
        if name.endswith(".xsd"):
            path = os.path.join(directory, name)
            namespace = etree.parse(path).getroot().get("targetNamespace")
            if namespace:
                found.append((namespace, path))
    return found


def well_known_schemas(directory):
    """{normal URL: schema bytes} of every `*.xsd` in `directory`, under its targetNamespace
    and the namespace's published locations."""
    served = {}
    for namespace, path in well_known_files(directory):
        with open(path, "rb") as f:
            content = f.read()
        for url in [namespace] + PUBLISHED_LOCATIONS.get(namespace, []):
            served[normal_url(url)] = content
    return served


def auto_import(directory):
    """Lets zeep import a well-known namespace that a contract refers to without importing it
    (the generator knows them so): zeep's own list of such namespaces (the SOAP encoding's) is
    extended with the namespaces of the schemas in `directory`, which the transport serves."""
    from zeep.xsd import const

    for namespace, _ in well_known_files(directory):
        if namespace not in const.AUTO_IMPORT_NAMESPACES:
            const.AUTO_IMPORT_NAMESPACES.append(namespace)


class WellKnownTransport(Transport):
    """zeep's Transport, with the well-known namespaces' schemas read from local files."""

    def __init__(self, schemas, **kwargs):
        super().__init__(**kwargs)
        self.schemas = schemas
        self.served = set()

    def load(self, url):
        local = self.schemas.get(normal_url(url)) if "://" in url else None
        if local is not None:
            self.served.add(url)
            return local
        return super().load(url)
