"""A Spyne service (Spyne: a Python SOAP server framework) that our generated client calls.

Usage: python orders.py [--wsdl]

Spyne defines the service in code and emits its own WSDL (served at `?wsdl`);
`tests/corpus/wsdl/spyne/orders.wsdl` is that WSDL, checked in, from which the corpus generates
our client and server: `--wsdl` prints it indented, for the address http://localhost/orders/
(`python orders.py --wsdl > tests/corpus/wsdl/spyne/orders.wsdl` after a change here). The test
compares it, as a tree, with what the running service serves, the address aside.

As a server (no argument): listens on 127.0.0.1 (a free port), prints {"port": N} as its first
line, then one JSON line per request it decoded ({"op": NAME, PARAMETER: VALUE...}: its objects
as JSON objects, a decimal, a date or a dateTime as its text, an absent or nil value as null,
an enumeration as its value), and answers from what it decoded by the rules each operation's
doc string gives. It ends when its standard input closes.
"""

import datetime
import decimal
import json
import logging
import sys
import threading
from wsgiref.simple_server import WSGIRequestHandler, make_server

from spyne import (
    Application,
    Array,
    Boolean,
    ComplexModel,
    Date,
    DateTime,
    Decimal,
    Double,
    Enum,
    Fault,
    Integer32,
    ServiceBase,
    Unicode,
    rpc,
)
from lxml import etree
from lxml.builder import ElementMaker
from spyne.interface.wsdl import Wsdl11
from spyne.protocol.soap import Soap11
from spyne.server.wsgi import WsgiApplication

NS = "urn:example:spyne:orders"

# Spyne's defaults make every field optional and nillable: the required ones say so.
REQUIRED = {"min_occurs": 1, "nillable": False}

# Spyne logs every fault a client caused (OrderRefused) with its traceback: the test reads it
# from the answer. Its other errors are still logged.
logging.getLogger("spyne.application.client").disabled = True

Priority = Enum("low", "normal", "urgent", type_name="Priority")


class Address(ComplexModel):
    __namespace__ = NS
    street = Unicode(**REQUIRED)
    city = Unicode(**REQUIRED)
    postcode = Unicode


class Line(ComplexModel):
    __namespace__ = NS
    sku = Unicode(**REQUIRED)
    quantity = Integer32(**REQUIRED)
    unit_price = Decimal(**REQUIRED)


class Order(ComplexModel):
    __namespace__ = NS
    id = Integer32(**REQUIRED)
    customer = Unicode(**REQUIRED)
    ship_to = Address
    lines = Array(Line)
    tags = Array(Unicode)
    express = Boolean(**REQUIRED)
    weight = Double
    placed = DateTime
    due = Date
    priority = Priority
    note = Unicode


class Receipt(ComplexModel):
    __namespace__ = NS
    order_id = Integer32(**REQUIRED)
    total = Decimal(**REQUIRED)
    line_count = Integer32(**REQUIRED)
    summary = Unicode(**REQUIRED)
    express = Boolean
    weight = Double
    placed = DateTime
    ships = Date
    priority = Priority
    note = Unicode
    tags = Array(Unicode)
    city = Unicode


class OrderRefused(Fault):
    """A declared fault: its detail is this type's element, reason and code."""

    __namespace__ = NS
    reason = Unicode
    code = Integer32

    def __init__(self, reason, code):
        # Spyne writes a Fault subclass's own fields as children of `soap:Fault`, outside
        # `detail` (and fails on fields left unset): they stay None, and the detail is the
        # declared element, built by `refusal`.
        super().__init__("Client.OrderRefused", reason, detail=refusal(reason, code))
        self.reason = None
        self.code = None


def to_json(value):
    """What Spyne decoded, as JSON."""
    if isinstance(value, ComplexModel):
        return {
            name: to_json(getattr(value, name, None))
            for name in type(value).get_flat_type_info(type(value))
        }
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    # A decimal, an enumeration's value: their text.
    return str(value)


def report(op, **params):
    print(json.dumps({"op": op, **{k: to_json(v) for k, v in params.items()}},
                     ensure_ascii=False), flush=True)


class OrderService(ServiceBase):
    @rpc(Order, _returns=Receipt, _throws=OrderRefused)
    def place_order(ctx, order):
        """Answers a receipt of the order: the total of its lines, their count, a summary
        `CUSTOMER #ID: SKU×QUANTITY,...`, the order's express flag negated, its weight doubled,
        its placing time, its due date a day later as the shipping date, its priority, note and
        tags (reversed) as sent, the city shipped to. Refused (code 422) without lines."""
        report("place_order", order=order)
        lines = order.lines or []
        if not lines:
            raise OrderRefused("no lines <&>", 422)
        return Receipt(
            order_id=order.id,
            total=sum((line.unit_price * line.quantity for line in lines), decimal.Decimal(0)),
            line_count=len(lines),
            summary="%s #%d: %s" % (
                order.customer,
                order.id,
                ",".join("%s×%d" % (line.sku, line.quantity) for line in lines),
            ),
            express=not order.express,
            weight=None if order.weight is None else order.weight * 2,
            placed=order.placed,
            ships=None if order.due is None else order.due + datetime.timedelta(days=1),
            priority=order.priority,
            note=order.note,
            tags=None if order.tags is None else list(reversed(order.tags)),
            city=None if order.ship_to is None else order.ship_to.city,
        )

    @rpc(Unicode, Integer32, _returns=Array(Order))
    def find_orders(ctx, customer, count):
        """Answers `count` orders of `customer` (none for 0): order I has id I, a line of
        I pieces of `sku-I` at 1.25, the tag `t-I`, is express when I is even, and weighs
        I × 0.5; the first has neither date nor priority, the others are urgent, placed
        2024-03-0I at 12:00 UTC and due 2024-04-0I."""
        report("find_orders", customer=customer, count=count)
        orders = []
        for i in range(1, (count or 0) + 1):
            dated = i > 1
            orders.append(Order(
                id=i,
                customer=customer,
                lines=[Line(sku="sku-%d" % i, quantity=i, unit_price=decimal.Decimal("1.25"))],
                tags=["t-%d" % i],
                express=i % 2 == 0,
                weight=i * 0.5,
                placed=datetime.datetime(2024, 3, i, 12, 0, tzinfo=datetime.timezone.utc)
                if dated else None,
                due=datetime.date(2024, 4, i) if dated else None,
                priority="urgent" if dated else None,
            ))
        return orders

    @rpc(Integer32, Unicode)
    def cancel_order(ctx, id, reason):
        """An answer without values."""
        report("cancel_order", id=id, reason=reason)


def refusal(reason, code):
    """The detail of an OrderRefused fault, as the WSDL Spyne emits declares it: the element
    `OrderRefused` in the service's namespace with `reason` and `code`. (Spyne would write a
    dict detail as unqualified children of `detail`, which match no declared element, and a
    Fault subclass's own fields as children of `soap:Fault` itself, outside `detail`: the
    element is built here.)"""
    e = ElementMaker(namespace=NS, nsmap={"tns": NS})
    return e.OrderRefused(e.reason(reason), e.code(str(code)))


application = Application(
    [OrderService],
    tns=NS,
    name="Orders",
    in_protocol=Soap11(validator="lxml"),
    out_protocol=Soap11(),
)


class QuietHandler(WSGIRequestHandler):
    """wsgiref's handler without its request log (standard error is the test's output)."""

    def log_message(self, *args):
        pass


def main():
    # Sets the application's transport (HTTP), which the WSDL names.
    wsgi = WsgiApplication(application)
    if sys.argv[1:] == ["--wsdl"]:
        wsdl = Wsdl11(application.interface)
        wsdl.build_interface_document("http://localhost/orders/")
        document = etree.fromstring(wsdl.get_interface_document())
        sys.stdout.write('<?xml version="1.0" encoding="utf-8"?>\n')
        sys.stdout.write(etree.tostring(document, pretty_print=True, encoding="unicode"))
        return
    server = make_server("127.0.0.1", 0, wsgi, handler_class=QuietHandler)
    port = server.server_address[1]
    print(json.dumps({"port": port}), flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()  # until the test closes it
    server.shutdown()


if __name__ == "__main__":
    main()
