"""Spyne's own client (spyne.client.http) calling our generated server of the WSDL Spyne emits.

Usage: python orders_client.py URL

Spyne's client is made of the service's definitions in code (`orders.py`, the same that emit
`tests/corpus/wsdl/spyne/orders.wsdl`), not of a WSDL. It makes the calls below to URL and
prints one JSON array, an item per call, in order: {"result": ...} (what Spyne decoded, as
`orders.to_json` gives it) or {"fault": {"code": ..., "string": ..., "detail": ...}} for a SOAP
fault (its detail's OrderRefused as {"reason": ..., "code": ...}, read from the detail element
Spyne's client hands over undecoded, or null).
"""

import datetime
import decimal
import json
import os
import sys
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import spyne.client.http  # noqa: E402
from spyne import Fault  # noqa: E402
from spyne.client.http import HttpClient  # noqa: E402

from orders import NS, Address, Line, Order, application, to_json  # noqa: E402


class SoapRequest(urllib.request.Request):
    """Spyne's HTTP client posts its SOAP 1.1 envelopes with no Content-Type, so urllib sends
    `application/x-www-form-urlencoded`, which a SOAP endpoint refuses (ours does): this request
    says `text/xml`, as SOAP 1.1 over HTTP asks."""

    def __init__(self, url, data):
        super().__init__(url, data, headers={"Content-Type": "text/xml; charset=utf-8"})


spyne.client.http.Request = SoapRequest


def fault_json(fault):
    detail = None
    if fault.detail is not None:
        refused = fault.detail.find("{%s}OrderRefused" % NS)
        if refused is not None:
            detail = {
                "reason": refused.findtext("{%s}reason" % NS),
                "code": int(refused.findtext("{%s}code" % NS)),
            }
    return {"fault": {"code": fault.faultcode, "string": fault.faultstring, "detail": detail}}


def main():
    client = HttpClient(sys.argv[1], application)
    calls = [
        lambda: client.service.place_order(Order(
            id=51,
            customer="Spyne <&> Ünïcode",
            ship_to=Address(street="Quay 3", city="Bergen", postcode="5003"),
            lines=[
                Line(sku="x<1>", quantity=4, unit_price=decimal.Decimal("2.50")),
                Line(sku="y", quantity=1, unit_price=decimal.Decimal("0.99")),
            ],
            tags=["one", "two & <three>"],
            express=False,
            weight=1.25,
            placed=datetime.datetime(
                2024, 2, 29, 23, 59, 59, 250000,
                tzinfo=datetime.timezone(datetime.timedelta(hours=-3, minutes=-30)),
            ),
            due=datetime.date(2024, 12, 31),
            priority="low",
            note="ring twice",
        )),
        lambda: client.service.place_order(Order(
            id=52, customer="sparse",
            lines=[Line(sku="z", quantity=2, unit_price=decimal.Decimal("3"))], express=True,
        )),
        lambda: client.service.place_order(Order(id=53, customer="none", lines=[], express=True)),
        lambda: client.service.find_orders("Zoë <&>", 2),
        lambda: client.service.find_orders("nobody", 0),
        lambda: client.service.cancel_order(9, "gone"),
    ]
    results = []
    for call in calls:
        try:
            results.append({"result": to_json(call())})
        except Fault as fault:
            results.append(fault_json(fault))
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
