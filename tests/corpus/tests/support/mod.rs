//! What the particles tests share: a server of `wsdl/particles.wsdl` that echoes every request.

use soap_runtime::server::Server;
use soap_runtime::{Fault, Message};
use wsdl_corpus::particles::*;

/// The echoing server on a free port of 127.0.0.1, and a client of it. Keep the server: it
/// serves until dropped.
pub async fn echo_over_http() -> (Server, ParticlesClient) {
    let server = ParticlesServer::new(Echo)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let client = ParticlesClient::new(server.url());
    (server, client)
}

/// Echoes every request.
pub struct Echo;

impl ParticlesService for Echo {
    async fn echo_contact(
        &self,
        request: Message<RequestHeaders, EchoContact>,
    ) -> Result<Message<ResponseHeaders, EchoContactResponse>, Fault> {
        let EchoContact {
            contact,
            comment,
            extension,
            code,
            numbers,
            street,
            trailer,
        } = request.body;
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: EchoContactResponse {
                contact,
                comment,
                extension,
                code,
                numbers,
                street,
                trailer,
            },
        })
    }

    async fn echo_order(
        &self,
        request: Message<RequestHeaders, EchoOrder>,
    ) -> Result<Message<ResponseHeaders, EchoOrderResponse>, Fault> {
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: EchoOrderResponse {
                order: request.body.order,
                lists: request.body.lists,
                bounds: request.body.bounds,
            },
        })
    }
}
