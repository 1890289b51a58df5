//! `wsdl/every_binding.wsdl` generated binding by binding: the `Device` contract in SOAP 1.2
//! and SOAP 1.1 and the port-less `Media` contract, each a module with its client and server,
//! talking over HTTP on 127.0.0.1; the `Profile` both contracts use is one Rust type, so what
//! one service answers goes to the other as it is.

use std::any::TypeId;

use soap_runtime::{Fault, Message};
use wsdl_corpus::every_binding::{device_binding, device_binding_soap11, media_binding, shared};

fn profile(token: &str, width: i32) -> shared::Profile {
    shared::Profile {
        token: token.into(),
        width,
        height: width * 9 / 16,
    }
}

/// An answer without headers.
fn reply<H: Default, B>(body: B) -> Message<H, B> {
    Message {
        headers: H::default(),
        body,
    }
}

/// The device: its model and default profile, in whichever SOAP version it is asked.
struct Device(&'static str);

impl device_binding::DeviceService for Device {
    async fn get_device_information(
        &self,
        _request: Message<device_binding::RequestHeaders, device_binding::GetDeviceInformation>,
    ) -> Result<
        Message<device_binding::ResponseHeaders, device_binding::GetDeviceInformationResponse>,
        Fault,
    > {
        Ok(reply(device_binding::GetDeviceInformationResponse {
            model: self.0.into(),
            default_profile: profile("main", 1920),
        }))
    }
}

impl device_binding_soap11::DeviceService for Device {
    async fn get_device_information(
        &self,
        _request: Message<
            device_binding_soap11::RequestHeaders,
            device_binding_soap11::GetDeviceInformation,
        >,
    ) -> Result<
        Message<
            device_binding_soap11::ResponseHeaders,
            device_binding_soap11::GetDeviceInformationResponse,
        >,
        Fault,
    > {
        Ok(reply(device_binding_soap11::GetDeviceInformationResponse {
            model: self.0.into(),
            default_profile: profile("main", 1280),
        }))
    }
}

/// The media service: the profiles at least as wide as asked.
struct Media;

impl media_binding::MediaService for Media {
    async fn get_profiles(
        &self,
        request: Message<media_binding::RequestHeaders, media_binding::GetProfiles>,
    ) -> Result<Message<media_binding::ResponseHeaders, media_binding::GetProfilesResponse>, Fault>
    {
        let min_width = request.body.min_width.unwrap_or(0);
        Ok(reply(media_binding::GetProfilesResponse {
            profiles: [profile("main", 1920), profile("sub", 640)]
                .into_iter()
                .filter(|p| p.width >= min_width)
                .collect(),
        }))
    }
}

#[test]
fn each_binding_is_a_module_and_what_they_share_is_one_type() {
    assert_eq!(
        TypeId::of::<device_binding::Profile>(),
        TypeId::of::<media_binding::Profile>()
    );
    assert_eq!(
        TypeId::of::<device_binding::GetDeviceInformationResponse>(),
        TypeId::of::<device_binding_soap11::GetDeviceInformationResponse>()
    );
    // A binding a port offers takes the port's address; the port-less one has none.
    assert_eq!(
        device_binding::DeviceClient::DEFAULT_ENDPOINT,
        "http://camera.example/onvif/device_service"
    );
    assert_eq!(
        device_binding_soap11::DeviceClient::DEFAULT_ENDPOINT,
        "http://camera.example/onvif/device_service11"
    );
    assert_eq!(device_binding::NAMESPACES, media_binding::NAMESPACES);
}

#[tokio::test]
async fn every_binding_serves_and_calls_over_http() {
    let device = device_binding::DeviceServer::new(Device("C-1"))
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let device11 = device_binding_soap11::DeviceServer::new(Device("C-1 (1.1)"))
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let media = media_binding::MediaServer::new(Media)
        .bind("127.0.0.1:0")
        .await
        .unwrap();

    let information = device_binding::DeviceClient::new(device.url())
        .get_device_information()
        .await
        .unwrap();
    assert_eq!(information.model, "C-1");
    let information11 = device_binding_soap11::DeviceClient::new(device11.url())
        .get_device_information()
        .await
        .unwrap();
    assert_eq!(information11.model, "C-1 (1.1)");
    assert_eq!(information11.default_profile, profile("main", 1280));

    // The profile the device answered with is the media service's `Profile`.
    let media_client = media_binding::MediaClient::new(media.url());
    let wide = media_client
        .get_profiles(Some(information.default_profile.width))
        .await
        .unwrap();
    assert_eq!(wide, vec![information.default_profile]);
    assert_eq!(media_client.get_profiles(None).await.unwrap().len(), 2);

    device.shutdown().await;
    device11.shutdown().await;
    media.shutdown().await;
}
