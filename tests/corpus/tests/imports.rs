//! Imports: `wsdl/portless.wsdl` (a binding without a service, a well-known namespace referred
//! to without an import) and `wsdl/cyclic/` (WSDLs importing each other, an include diamond and
//! a schema import cycle) round-trip over HTTP.

use soap_runtime::{Fault, Message};

mod portless {
    use super::*;
    use wsdl_corpus::portless::*;

    struct Archive;

    impl ArchiveService for Archive {
        async fn store(
            &self,
            request: Message<RequestHeaders, Store>,
        ) -> Result<Message<ResponseHeaders, StoreResponse>, Fault> {
            let content = request.body.content;
            Ok(Message {
                headers: ResponseHeaders::default(),
                body: StoreResponse {
                    size: i32::try_from(content.value.len()).unwrap_or(i32::MAX),
                    content_type: content.content_type,
                },
            })
        }
    }

    #[tokio::test]
    async fn a_binding_without_a_service_is_called_at_the_url_given() {
        let server = ArchiveServer::new(Archive)
            .bind("127.0.0.1:0")
            .await
            .unwrap();
        let url = server.url();
        assert!(
            url.ends_with('/'),
            "no address: the server answers at `/`: {url}"
        );
        let client = ArchiveClient::new(url);
        let answer = client
            .store(
                "notes.txt".into(),
                Base64Binary {
                    content_type: Some("text/plain".into()),
                    value: b"hello, archive".to_vec(),
                },
            )
            .await
            .unwrap();
        assert_eq!(answer.size, 14);
        assert_eq!(answer.content_type.as_deref(), Some("text/plain"));
        server.shutdown().await;
    }
}

mod cyclic {
    use super::*;
    use wsdl_corpus::relay::*;

    struct Relay;

    impl RelayService for Relay {
        async fn forward(
            &self,
            request: Message<RequestHeaders, Forward>,
        ) -> Result<Message<ResponseHeaders, ForwardResponse>, Fault> {
            let Forward { parcel, route } = request.body;
            Ok(Message {
                headers: ResponseHeaders::default(),
                body: ForwardResponse {
                    receipt: Receipt {
                        code: format!("{}@{}", parcel.code, parcel.grams),
                        stamp: route.stamp,
                        hops: Hops {
                            count: i32::try_from(route.stop.len()).unwrap_or(i32::MAX),
                        },
                    },
                },
            })
        }
    }

    #[tokio::test]
    async fn types_across_the_import_cycle_round_trip() {
        let server = RelayServer::new(Relay).bind("127.0.0.1:0").await.unwrap();
        assert!(server.url().ends_with("/cyclic/relay"), "{}", server.url());
        let client = RelayClient::new(server.url());
        let receipt = client
            .forward(
                Parcel {
                    code: "P-7".into(),
                    grams: 1200,
                },
                Route {
                    stop: vec!["Oslo".into(), "Bergen".into(), "Tromsø".into()],
                    stamp: Stamp { by: "anna".into() },
                },
            )
            .await
            .unwrap();
        assert_eq!(receipt.code, "P-7@1200");
        assert_eq!(receipt.stamp.by, "anna");
        assert_eq!(receipt.hops.count, 3);
        assert_eq!(
            RelayClient::DEFAULT_ENDPOINT,
            "http://localhost/cyclic/relay"
        );
        server.shutdown().await;
    }
}
