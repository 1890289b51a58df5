//! `wsdl/multifile/service.wsdl`: a WSDL importing a WSDL, whose schema imports and includes
//! schemas by `schemaLocation` in other directories, round-trips over HTTP.

use soap_runtime::{Decimal, Fault, Message};
use wsdl_corpus::warehouse::*;

struct Warehouse;

impl WarehouseService for Warehouse {
    async fn stock(
        &self,
        request: Message<RequestHeaders, Stock>,
    ) -> Result<Message<ResponseHeaders, StockResponse>, Fault> {
        let lines = request.body.line;
        let total: i64 = lines
            .iter()
            .map(|l| {
                l.price
                    .amount
                    .to_string()
                    .parse::<i64>()
                    .unwrap_or_default()
            })
            .sum();
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: StockResponse {
                total: Money {
                    amount: total.to_string().parse().unwrap(),
                    currency: lines
                        .first()
                        .map(|l| l.price.currency.clone())
                        .unwrap_or_default(),
                },
                lines: lines.len() as i32,
            },
        })
    }
}

#[tokio::test]
async fn imported_and_included_types_round_trip() {
    let server = WarehouseServer::new(Warehouse)
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let client = WarehouseClient::new(server.url());
    let line = |sku: &str, amount: &str| Line {
        sku: sku.into(),
        price: Money {
            amount: amount.parse::<Decimal>().unwrap(),
            currency: "EUR".into(),
        },
    };
    let answer = client
        .stock(vec![line("a-1", "3"), line("b-2", "4")])
        .await
        .unwrap();
    assert_eq!(answer.lines, 2);
    assert_eq!(answer.total.amount.to_string(), "7");
    assert_eq!(answer.total.currency, "EUR");
    server.shutdown().await;
}
