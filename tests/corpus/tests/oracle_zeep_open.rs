//! zeep against the generated `open.wsdl` server, over real HTTP on 127.0.0.1: the
//! `xs:anyType` values zeep sends (`xsd.AnyObject`: a `Reference`, an `xs:int`, a `Nic`)
//! decode on our side into the generated types their `xsi:type` names (`AnyValue::decode`),
//! and the same values, echoed back, are read by zeep as those types again.
//!
//! zeep runs from `ORACLE_PYTHON` (set by `scripts/test.sh`); without it the test is skipped
//! loudly, and fails when `CI` is set.

use std::io::Write;
use std::process::Command;
use std::sync::Mutex;

use serde_json::Value;
use soap_runtime::{Fault, Message, SoapVersion};
use wsdl_corpus::open::*;

const WSDL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/wsdl/open.wsdl");

/// A zeep client of the Inventory service at `argv[2]`: sends one property whose value and
/// history are typed open values, and prints what it reads back as JSON.
const ZEEP_CLIENT: &str = r#"
import json, sys
import zeep
from zeep import xsd

wsdl, url = sys.argv[1], sys.argv[2]
client = zeep.Client(wsdl)
service = client.create_service("{urn:corpus:open}InventorySoap", url)
Reference = client.get_type("{urn:corpus:open}Reference")
Nic = client.get_type("{urn:corpus:open}Nic")
Property = client.get_type("{urn:corpus:open}Property")
sent = Property(
    name="parent",
    val=xsd.AnyObject(Reference, Reference("group-d1", type="Folder")),
    history=[
        xsd.AnyObject(xsd.Int(), 7),
        xsd.AnyObject(Nic, Nic(label="eth0", key=3, power="poweredOn")),
    ],
)
answer = service.Update(property=[sent])
got = answer.returnval[0]
print(json.dumps({
    "val": [type(got.val).__name__, got.val._value_1, got.val.type],
    "int": got.history[0],
    "nic": [type(got.history[1]).__name__, got.history[1].label, got.history[1].key,
            got.history[1].power],
}))
"#;

/// The Python with zeep, or `None` (after a loud message) when the oracles are not set up.
fn python(test: &str) -> Option<String> {
    match std::env::var("ORACLE_PYTHON")
        .ok()
        .filter(|p| !p.is_empty())
    {
        Some(python) => Some(python),
        None => {
            assert!(
                std::env::var_os("CI").is_none_or(|v| v.is_empty()),
                "{test}: ORACLE_PYTHON is not set, and CI must run the zeep oracle"
            );
            let _ = writeln!(
                std::io::stderr(),
                "\n!!! SKIPPED: python oracles unavailable: {test} needs ORACLE_PYTHON (scripts/test.sh sets it up) !!!\n"
            );
            None
        }
    }
}

/// What the server decoded from each request's first property, then echoes the request.
#[derive(Default)]
struct Decoding {
    decoded: Mutex<Vec<(Reference, i32, AnyDevice)>>,
}

impl InventoryService for Decoding {
    async fn update(
        &self,
        request: Message<RequestHeaders, Update>,
    ) -> Result<Message<ResponseHeaders, UpdateResponse>, Fault> {
        let property = &request.body.property[0];
        let decode =
            |e: soap_runtime::DecodeError| Fault::sender(SoapVersion::Soap11, e.to_string());
        let reference = property.val.decode::<Reference>().map_err(decode)?;
        let (count, device) = match &property.history[..] {
            [count, device] => (
                count.decode::<i32>().map_err(decode)?,
                device.decode::<AnyDevice>().map_err(decode)?,
            ),
            other => {
                return Err(Fault::sender(
                    SoapVersion::Soap11,
                    format!("two history values, not {other:?}"),
                ))
            }
        };
        self.decoded
            .lock()
            .expect("not poisoned")
            .push((reference, count, device));
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: UpdateResponse {
                returnval: request.body.property,
                device: request.body.device,
            },
        })
    }
}

#[tokio::test]
async fn zeeps_typed_open_values_decode_into_our_types_and_back() {
    let Some(python) = python("zeeps_typed_open_values_decode_into_our_types_and_back") else {
        return;
    };
    let handler = std::sync::Arc::new(Decoding::default());
    let server = InventoryServer::shared(handler.clone())
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = server.url();
    let output = tokio::task::spawn_blocking(move || {
        Command::new(python)
            .args(["-c", ZEEP_CLIENT, WSDL, &url])
            .output()
            .expect("run zeep")
    })
    .await
    .expect("the zeep task");
    server.shutdown().await;
    assert!(
        output.status.success(),
        "zeep failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let decoded = handler.decoded.lock().expect("not poisoned").clone();
    let nic = Nic {
        base: Device {
            base: Data {
                label: Some("eth0".into()),
            },
            key: 3,
        },
        power: Power::PoweredOn,
    };
    assert_eq!(
        decoded,
        [(
            Reference {
                r#type: "Folder".into(),
                value: "group-d1".into(),
            },
            7,
            AnyDevice::Nic(nic),
        )]
    );
    let read: Value = serde_json::from_slice(&output.stdout).expect("zeep prints JSON");
    assert_eq!(
        read,
        serde_json::json!({
            "val": ["Reference", "group-d1", "Folder"],
            "int": 7,
            "nic": ["Nic", "eth0", 3, "poweredOn"],
        })
    );
}
