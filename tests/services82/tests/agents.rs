//! The EMail, Person and Associate agents generated together: each agent's generated server
//! trait is implemented here and bound on 127.0.0.1, and one `SoCredentials` value (the shared
//! module's, the same type for all three) authenticates a call to each agent over HTTP.

#[path = "../../src/shared.rs"]
#[allow(dead_code)]
mod shared_material;

#[cfg(services82)]
mod agents {
    use std::any::TypeId;

    use soap_runtime::{Fault, Message, SoapVersion};
    use wsdl_services82_agents::agents::{associate, email, person, shared};

    /// The ticket every fake agent expects in the `Credentials` header.
    const TICKET: &str = "7T:one-ticket-for-all-agents";

    fn check(credentials: Option<&shared::SoCredentials>) -> Result<(), Fault> {
        match credentials.and_then(|c| c.ticket.as_deref()) {
            Some(TICKET) => Ok(()),
            _ => Err(Fault::sender(SoapVersion::Soap11, "no valid ticket")),
        }
    }

    struct EMail;

    impl email::EMailService for EMail {
        async fn refresh_folder(
            &self,
            request: Message<email::RequestHeaders, email::RefreshFolder>,
        ) -> Result<Message<email::ResponseHeaders, email::RefreshFolderResponse>, Fault> {
            check(request.headers.credentials.as_ref())?;
            let folders = request.body.folders.unwrap_or_default();
            Ok(Message {
                headers: Default::default(),
                body: email::RefreshFolderResponse {
                    response: Some(folders.len() as i32),
                },
            })
        }
    }

    struct Person;

    impl person::PersonService for Person {
        async fn get_person(
            &self,
            request: Message<person::RequestHeaders, person::GetPerson>,
        ) -> Result<Message<person::ResponseHeaders, person::GetPersonResponse>, Fault> {
            check(request.headers.credentials.as_ref())?;
            Ok(Message {
                headers: Default::default(),
                body: person::GetPersonResponse {
                    response: Some(person::Person {
                        person_id: request.body.person_id,
                        firstname: Some("Anna".into()),
                        ..Default::default()
                    }),
                },
            })
        }
    }

    struct Associate;

    impl associate::AssociateService for Associate {
        async fn get_associate(
            &self,
            request: Message<associate::RequestHeaders, associate::GetAssociate>,
        ) -> Result<Message<associate::ResponseHeaders, associate::GetAssociateResponse>, Fault>
        {
            check(request.headers.credentials.as_ref())?;
            Ok(Message {
                headers: Default::default(),
                body: associate::GetAssociateResponse {
                    response: Some(associate::Associate {
                        associate_id: request.body.associate_id,
                        name: Some("ANNA".into()),
                        ..Default::default()
                    }),
                },
            })
        }
    }

    #[test]
    fn the_agents_share_one_type_per_shared_definition() {
        assert_eq!(
            TypeId::of::<email::SoCredentials>(),
            TypeId::of::<person::SoCredentials>()
        );
        assert_eq!(
            TypeId::of::<person::SoCredentials>(),
            TypeId::of::<associate::SoCredentials>()
        );
        assert_eq!(
            TypeId::of::<email::SoExceptionInfo>(),
            TypeId::of::<associate::SoExceptionInfo>()
        );
        assert_eq!(email::NAMESPACES, person::NAMESPACES);
        assert_eq!(person::NAMESPACES, associate::NAMESPACES);
    }

    #[tokio::test]
    async fn one_credentials_value_calls_each_agent() {
        let email_server = email::EMailServer::new(EMail)
            .bind("127.0.0.1:0")
            .await
            .unwrap();
        let person_server = person::PersonServer::new(Person)
            .bind("127.0.0.1:0")
            .await
            .unwrap();
        let associate_server = associate::AssociateServer::new(Associate)
            .bind("127.0.0.1:0")
            .await
            .unwrap();

        let credentials = shared::SoCredentials {
            ticket: Some(TICKET.into()),
        };
        let email_client =
            email::EMailClient::new(email_server.url()).with_credentials(credentials.clone());
        let person_client =
            person::PersonClient::new(person_server.url()).with_credentials(credentials.clone());
        let associate_client =
            associate::AssociateClient::new(associate_server.url()).with_credentials(credentials);

        let refreshed = email_client
            .refresh_folder(None, Some(vec!["INBOX".into(), "Sent".into()]))
            .await
            .unwrap();
        assert_eq!(refreshed, 2);
        let found = person_client.get_person(Some(7)).await.unwrap().unwrap();
        assert_eq!(found.person_id, Some(7));
        assert_eq!(found.firstname.as_deref(), Some("Anna"));
        let found = associate_client
            .get_associate(Some(11))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(found.associate_id, Some(11));
        assert_eq!(found.name.as_deref(), Some("ANNA"));

        // The agents check the ticket: a client without it is refused.
        let anonymous = person::PersonClient::new(person_server.url());
        assert!(anonymous.get_person(Some(7)).await.is_err());

        email_server.shutdown().await;
        person_server.shutdown().await;
        associate_server.shutdown().await;
    }
}

/// Without `../shared` the agents are not generated: say so loudly (fails in CI).
#[cfg(not(services82))]
#[test]
fn skipped_without_the_shared_agents() {
    for relative in [
        "wsdl/services82/EMail.wsdl",
        "wsdl/services82/Person.wsdl",
        "wsdl/services82/Associate.wsdl",
    ] {
        if shared_material::shared_material("wsdl-services82-agents", relative).is_some() {
            panic!("{relative} is there but the agents were not generated: rebuild the crate");
        }
    }
}
