//! Spyne (a Python SOAP server framework used in production services) as a service our
//! generated client calls, over HTTP on 127.0.0.1, each side a real process, values checked
//! on both sides: Spyne defines its service in code (`tests/oracles/spyne/orders.py`) and emits
//! its own WSDL, checked in as `wsdl/spyne/orders.wsdl`, from which the corpus generates
//! `spyne_orders`; the first test checks that the running service still serves that WSDL.
//!
//! The calls carry strings (to escape and beyond ASCII), ints, decimals, a double, booleans,
//! an `xs:dateTime` with an offset and fractional seconds, an `xs:date`, an enumeration,
//! optional and nillable elements left out, nested types, Spyne's arrays (of structs and of
//! strings, also empty) both ways; a declared fault (a Spyne `Fault` with its detail) reaches
//! our client as `Error::DeclaredFault` with the detail decoded; an answer without values. The
//! service prints what it decoded of each request as JSON, which the tests check beside what
//! our client decoded of its answers.
//!
//! The other way, Spyne's own client (`spyne.client.http`, made of the same definitions in
//! code, `tests/oracles/spyne/orders_client.py`) calls our generated server of that WSDL,
//! whose handler answers by the same rules; the same values are checked on both sides.
//!
//! Spyne writes a fault's detail as the WSDL it emits declares only when given the detail
//! element itself (see `orders.py`), and reads a negative time zone offset with minutes wrong
//! (see [`spyne_client_calls_our_server`]). Without Spyne these tests are skipped loudly, and
//! fail in CI (`end_to_end::python_peers`).

mod served_wsdl;

use std::path::Path;
use std::sync::{Arc, Mutex};

use end_to_end::child::PeerServer;
use end_to_end::python_peers::{http_get, Spyne};
use serde_json::{json, Value};
use soap_runtime::{DateTime, Decimal, Error, Fault, Message};
use wsdl_corpus::spyne_orders::*;

/// The checked-in WSDL Spyne emits for its service.
const CHECKED_IN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/wsdl/spyne/orders.wsdl");

/// The Spyne service, running, and our client of it; `None` when Spyne is missing.
async fn start(test: &str) -> Option<(PeerServer, OrdersClient)> {
    let spyne = Spyne::locate(test)?;
    let server = tokio::task::spawn_blocking(move || spyne.server())
        .await
        .expect("the Spyne service");
    let client = OrdersClient::new(server.url("/"));
    Some((server, client))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spyne_serves_the_checked_in_wsdl() {
    let Some((server, _)) = start("spyne_serves_the_checked_in_wsdl").await else {
        return;
    };
    let port = server.port();
    let served = tokio::task::spawn_blocking(move || http_get(port, "/?wsdl"))
        .await
        .expect("the WSDL");
    // The service's address is where it runs; everything else is as checked in.
    assert!(
        served.contains(&format!("location=\"http://127.0.0.1:{port}/\"")),
        "{served}"
    );
    served_wsdl::assert_same(
        &served,
        Path::new(CHECKED_IN),
        "run `python tests/oracles/spyne/orders.py --wsdl > tests/corpus/wsdl/spyne/orders.wsdl`",
    );
}

/// The order of the first call: every field set.
fn full_order() -> Order {
    Order {
        id: 41,
        customer: "Ann <&> Ünïcode".into(),
        ship_to: Some(Address {
            street: "Main St. 1 & 2".into(),
            city: "Köln".into(),
            postcode: None,
        }),
        lines: Some(vec![
            Line {
                sku: "a<1>".into(),
                quantity: 2,
                unit_price: "19.99".parse().expect("a decimal"),
            },
            Line {
                sku: "b".into(),
                quantity: 3,
                unit_price: "0.05".parse().expect("a decimal"),
            },
        ]),
        tags: Some(vec!["gift".into(), "fragile & <heavy>".into()]),
        express: true,
        weight: Some(2.5),
        placed: Some("2024-02-29T23:59:59.5+05:30".parse().expect("a dateTime")),
        due: Some("2024-03-01".into()),
        priority: Some(Priority::Urgent),
        note: Some("leave at the door".into()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_a_spyne_service() {
    let Some((mut server, client)) = start("our_client_calls_a_spyne_service").await else {
        return;
    };

    // Every field set: what Spyne decoded, and its receipt made from it.
    let receipt = client
        .place_order(Some(full_order()))
        .await
        .expect("place_order answers")
        .expect("a receipt");
    let decoded = server.next_request("place_order");
    assert_eq!(
        decoded["order"],
        json!({
            "id": 41, "customer": "Ann <&> Ünïcode",
            "ship_to": {"street": "Main St. 1 & 2", "city": "Köln", "postcode": null},
            "lines": [{"sku": "a<1>", "quantity": 2, "unit_price": "19.99"},
                      {"sku": "b", "quantity": 3, "unit_price": "0.05"}],
            "tags": ["gift", "fragile & <heavy>"],
            "express": true, "weight": 2.5,
            "placed": "2024-02-29T23:59:59.500000+05:30", "due": "2024-03-01",
            "priority": "urgent", "note": "leave at the door",
        }),
        "{decoded}"
    );
    assert_eq!(
        receipt,
        Receipt {
            order_id: 41,
            total: "40.13".parse().expect("a decimal"),
            line_count: 2,
            summary: "Ann <&> Ünïcode #41: a<1>×2,b×3".into(),
            express: Some(false),
            weight: Some(5.0),
            placed: Some(
                "2024-02-29T23:59:59.500000+05:30"
                    .parse()
                    .expect("a dateTime")
            ),
            ships: Some("2024-03-02".into()),
            priority: Some(Priority::Urgent),
            note: Some("leave at the door".into()),
            tags: Some(vec!["fragile & <heavy>".into(), "gift".into()]),
            city: Some("Köln".into()),
        }
    );

    // The optional fields left out: Spyne decodes them as absent, and leaves them out of its
    // answer.
    let sparse = Order {
        id: 42,
        customer: "b".into(),
        lines: Some(vec![Line {
            sku: "c".into(),
            quantity: 1,
            unit_price: Decimal::from(7),
        }]),
        ..Default::default()
    };
    let receipt = client
        .place_order(Some(sparse))
        .await
        .expect("place_order answers")
        .expect("a receipt");
    let decoded = server.next_request("place_order");
    assert_eq!(
        decoded["order"],
        json!({
            "id": 42, "customer": "b", "ship_to": null,
            "lines": [{"sku": "c", "quantity": 1, "unit_price": "7"}],
            "tags": null, "express": false, "weight": null, "placed": null, "due": null,
            "priority": null, "note": null,
        }),
        "{decoded}"
    );
    assert_eq!(
        receipt,
        Receipt {
            order_id: 42,
            total: Decimal::from(7),
            line_count: 1,
            summary: "b #42: c×1".into(),
            express: Some(true),
            ..Default::default()
        }
    );

    // Empty arrays: Spyne refuses an order of no lines with its declared fault, whose detail
    // our client decodes.
    let empty = Order {
        id: 43,
        customer: "c".into(),
        lines: Some(Vec::new()),
        tags: Some(Vec::new()),
        ..Default::default()
    };
    match client.place_order(Some(empty)).await {
        Err(Error::DeclaredFault { fault, detail }) => {
            assert_eq!(
                *detail,
                OrdersFault::OrderRefused(OrderRefused {
                    reason: Some("no lines <&>".into()),
                    code: Some(422),
                })
            );
            assert_eq!(fault.reason, "no lines <&>");
            assert_eq!(fault.code, "Client.OrderRefused");
        }
        other => panic!("expected Spyne's OrderRefused, got {other:?}"),
    }
    let decoded = server.next_request("place_order");
    assert_eq!(decoded["order"]["lines"], json!([]), "{decoded}");
    assert_eq!(decoded["order"]["tags"], json!([]), "{decoded}");

    // An array of nested orders in the answer, and an empty one.
    let orders = client
        .find_orders(Some("Zoë <&>".into()), Some(3))
        .await
        .expect("find_orders answers")
        .expect("orders");
    assert_eq!(
        server.next_request("find_orders"),
        json!({"op": "find_orders", "customer": "Zoë <&>", "count": 3})
    );
    assert_eq!(orders, found_orders("Zoë <&>", 3));
    let none = client
        .find_orders(Some("nobody".into()), Some(0))
        .await
        .expect("find_orders answers");
    server.next_request("find_orders");
    assert_eq!(none, Some(Vec::new()));

    // An answer without values, for a request with values and for one without.
    client
        .cancel_order(Some(7), Some("changed my mind".into()))
        .await
        .expect("cancel_order answers");
    assert_eq!(
        server.next_request("cancel_order"),
        json!({"op": "cancel_order", "id": 7, "reason": "changed my mind"})
    );
    client
        .cancel_order(None, None)
        .await
        .expect("cancel_order answers");
    assert_eq!(
        server.next_request("cancel_order"),
        json!({"op": "cancel_order", "id": null, "reason": null})
    );
}

// ---- Spyne's client, our server -------------------------------------------------------------

/// The reason and code of the refusal of an order without lines, on both sides.
const NO_LINES: &str = "no lines <&>";

/// The orders `find_orders` answers, by the rule its documentation gives (on both sides).
fn found_orders(customer: &str, count: i32) -> Vec<Order> {
    (1..=count)
        .map(|i| {
            let dated = i > 1;
            Order {
                id: i,
                customer: customer.into(),
                ship_to: None,
                lines: Some(vec![Line {
                    sku: format!("sku-{i}"),
                    quantity: i,
                    unit_price: "1.25".parse().expect("a decimal"),
                }]),
                tags: Some(vec![format!("t-{i}")]),
                express: i % 2 == 0,
                weight: Some(f64::from(i) * 0.5),
                placed: dated.then(|| {
                    format!("2024-03-0{i}T12:00:00+00:00")
                        .parse::<DateTime>()
                        .expect("a dateTime")
                }),
                due: dated.then(|| format!("2024-04-0{i}")),
                priority: dated.then_some(Priority::Urgent),
                note: None,
            }
        })
        .collect()
}

/// An `xs:decimal` of at most two fractional digits, in hundredths.
fn hundredths(value: &Decimal) -> i64 {
    let (whole, fraction) = value
        .as_str()
        .split_once('.')
        .unwrap_or((value.as_str(), ""));
    assert!(fraction.len() <= 2, "{value:?} has more than two decimals");
    let whole: i64 = whole.parse().expect("whole units");
    let fraction: i64 = format!("{fraction:0<2}").parse().expect("hundredths");
    whole * 100 + whole.signum().max(1) * fraction
}

/// The `xs:date` after `date` (`YYYY-MM-DD`).
fn next_day(date: &str) -> String {
    let parts: Vec<u32> = date
        .split('-')
        .map(|part| part.parse().expect("a date's number"))
        .collect();
    let [year, month, day] = parts[..] else {
        panic!("not a date: {date}");
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    match (day < days, month < 12) {
        (true, _) => format!("{year:04}-{month:02}-{:02}", day + 1),
        (false, true) => format!("{year:04}-{:02}-01", month + 1),
        (false, false) => format!("{:04}-01-01", year + 1),
    }
}

/// Our generated server's handler of the Spyne contract: records what it decoded, answers by
/// the rules `orders.py` follows (its operations' documentation in the WSDL).
#[derive(Default)]
struct Shop {
    placed: Mutex<Vec<Option<Order>>>,
    finds: Mutex<Vec<FindOrders>>,
    cancelled: Mutex<Vec<CancelOrder>>,
}

impl OrdersService for Shop {
    async fn place_order(
        &self,
        request: Message<RequestHeaders, PlaceOrder>,
    ) -> Result<Message<ResponseHeaders, PlaceOrderResponse>, Fault> {
        let order = request.body.order;
        self.placed.lock().expect("lock").push(order.clone());
        let order = order.unwrap_or_default();
        let lines = order.lines.unwrap_or_default();
        if lines.is_empty() {
            let refusal = OrdersFault::OrderRefused(OrderRefused {
                reason: Some(NO_LINES.into()),
                code: Some(422),
            });
            return Err(refusal.to_fault(NO_LINES));
        }
        let total: i64 = lines
            .iter()
            .map(|line| hundredths(&line.unit_price) * i64::from(line.quantity))
            .sum();
        let summary = lines
            .iter()
            .map(|line| format!("{}×{}", line.sku, line.quantity))
            .collect::<Vec<_>>()
            .join(",");
        let receipt = Receipt {
            order_id: order.id,
            total: format!("{}.{:02}", total / 100, total % 100)
                .parse()
                .expect("a decimal"),
            line_count: i32::try_from(lines.len()).expect("few lines"),
            summary: format!("{} #{}: {summary}", order.customer, order.id),
            express: Some(!order.express),
            weight: order.weight.map(|weight| weight * 2.0),
            placed: order.placed,
            ships: order.due.as_deref().map(next_day),
            priority: order.priority,
            note: order.note,
            tags: order.tags.map(|tags| tags.into_iter().rev().collect()),
            city: order.ship_to.map(|address| address.city),
        };
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: PlaceOrderResponse {
                place_order_result: Some(receipt),
            },
        })
    }

    async fn find_orders(
        &self,
        request: Message<RequestHeaders, FindOrders>,
    ) -> Result<Message<ResponseHeaders, FindOrdersResponse>, Fault> {
        let body = request.body;
        let orders = found_orders(
            body.customer.as_deref().unwrap_or_default(),
            body.count.unwrap_or_default(),
        );
        self.finds.lock().expect("lock").push(body);
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: FindOrdersResponse {
                find_orders_result: Some(orders),
            },
        })
    }

    async fn cancel_order(
        &self,
        request: Message<RequestHeaders, CancelOrder>,
    ) -> Result<Message<ResponseHeaders, CancelOrderResponse>, Fault> {
        self.cancelled.lock().expect("lock").push(request.body);
        Ok(Message::default())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spyne_client_calls_our_server() {
    let Some(spyne) = Spyne::locate("spyne_client_calls_our_server") else {
        return;
    };
    let shop = Arc::new(Shop::default());
    let server = OrdersServer::shared(shop.clone())
        .bind("127.0.0.1:0")
        .await
        .expect("the generated server binds");
    let url = server.url();
    let results = tokio::task::spawn_blocking(move || spyne.client("orders_client.py", &url))
        .await
        .expect("Spyne's client");
    let results = results.as_array().expect("one result per call");
    assert_eq!(results.len(), 6, "{results:?}");

    // What our server decoded of Spyne's requests (the calls of `orders_client.py`).
    let placed = shop.placed.lock().expect("lock");
    let [full, sparse, empty] = placed.as_slice() else {
        panic!("three place_order: {placed:?}; Spyne's client decoded {results:?}");
    };
    assert_eq!(
        *full,
        Some(Order {
            id: 51,
            customer: "Spyne <&> Ünïcode".into(),
            ship_to: Some(Address {
                street: "Quay 3".into(),
                city: "Bergen".into(),
                postcode: Some("5003".into()),
            }),
            lines: Some(vec![
                Line {
                    sku: "x<1>".into(),
                    quantity: 4,
                    unit_price: "2.50".parse().expect("a decimal"),
                },
                Line {
                    sku: "y".into(),
                    quantity: 1,
                    unit_price: "0.99".parse().expect("a decimal"),
                },
            ]),
            tags: Some(vec!["one".into(), "two & <three>".into()]),
            express: false,
            weight: Some(1.25),
            placed: Some(
                "2024-02-29T23:59:59.250000-03:30"
                    .parse()
                    .expect("a dateTime")
            ),
            due: Some("2024-12-31".into()),
            priority: Some(Priority::Low),
            note: Some("ring twice".into()),
        })
    );
    assert_eq!(
        *sparse,
        Some(Order {
            id: 52,
            customer: "sparse".into(),
            lines: Some(vec![Line {
                sku: "z".into(),
                quantity: 2,
                unit_price: Decimal::from(3),
            }]),
            express: true,
            ..Default::default()
        })
    );
    // An empty array: Spyne writes its wrapper without items.
    let empty = empty.as_ref().expect("the order");
    assert_eq!((empty.id, empty.lines.as_deref()), (53, Some(&[][..])));
    assert_eq!(
        *shop.finds.lock().expect("lock"),
        [
            FindOrders {
                customer: Some("Zoë <&>".into()),
                count: Some(2),
            },
            FindOrders {
                customer: Some("nobody".into()),
                count: Some(0),
            },
        ]
    );
    assert_eq!(
        *shop.cancelled.lock().expect("lock"),
        [CancelOrder {
            id: Some(9),
            reason: Some("gone".into()),
        }]
    );

    // What Spyne decoded of our answers.
    assert_eq!(
        results[0],
        json!({"result": {
            "order_id": 51, "total": "10.99", "line_count": 2,
            "summary": "Spyne <&> Ünïcode #51: x<1>×4,y×1", "express": true, "weight": 2.5,
            // Sent as written, -03:30: Spyne reads a negative offset's minutes as east of its
            // hours (`tz_hr * 60 + tz_min`), so -03:30 is -02:30 to it (its bug).
            "placed": "2024-02-29T23:59:59.250000-02:30",
            "ships": "2025-01-01", "priority": "low", "note": "ring twice",
            "tags": ["two & <three>", "one"], "city": "Bergen",
        }}),
        "{results:?}"
    );
    assert_eq!(
        results[1],
        json!({"result": {
            "order_id": 52, "total": "6.00", "line_count": 1, "summary": "sparse #52: z×2",
            "express": false, "weight": null, "placed": null, "ships": null, "priority": null,
            "note": null, "tags": null, "city": null,
        }}),
        "{results:?}"
    );
    // Our declared fault, its detail read by the WSDL's element.
    assert_eq!(
        results[2],
        json!({"fault": {"code": "s:Server", "string": NO_LINES,
                         "detail": {"reason": NO_LINES, "code": 422}}}),
        "{results:?}"
    );
    let orders: Vec<Value> = found_orders("Zoë <&>", 2)
        .iter()
        .map(|order| {
            json!({
                "id": order.id, "customer": order.customer, "ship_to": null,
                "lines": order.lines.iter().flatten().map(|line| json!({
                    "sku": line.sku, "quantity": line.quantity,
                    "unit_price": line.unit_price.as_str(),
                })).collect::<Vec<_>>(),
                "tags": order.tags, "express": order.express, "weight": order.weight,
                "placed": order.placed.as_ref().map(ToString::to_string),
                "due": order.due,
                "priority": order.priority.as_ref().map(Priority::as_str),
                "note": null,
            })
        })
        .collect();
    assert_eq!(results[3], json!({ "result": orders }), "{results:?}");
    assert_eq!(results[4], json!({"result": []}), "{results:?}");
    // An answer without values: Spyne's empty response object.
    assert_eq!(results[5], json!({"result": {}}), "{results:?}");
}
