//! The `services82-email` binary: `serve` and `call` against each other over HTTP.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use soap_runtime::serde_json::{self, Value};

const BIN: &str = env!("CARGO_BIN_EXE_services82-email");

/// A running `services82-email serve`, killed on drop.
struct Served {
    child: Child,
    url: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(answers: Option<&std::path::Path>) -> Served {
    let mut command = Command::new(BIN);
    command
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some(path) = answers {
        command.arg("--answers").arg(path);
    }
    let mut child = command.spawn().expect("start the server");
    let stdout = child.stdout.take().expect("stdout");
    let mut url = String::new();
    BufReader::new(stdout)
        .read_line(&mut url)
        .expect("read the URL");
    Served {
        child,
        url: url.trim().to_string(),
    }
}

fn call(url: &str, operation: &str, request: &str) -> (i32, Value, String) {
    let output = Command::new(BIN)
        .args([
            "call",
            operation,
            request,
            "--url",
            url,
            "--ticket",
            "T-123",
            "--app-token",
            "A-456",
        ])
        .output()
        .expect("run call");
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    let json = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (
        output.status.code().unwrap_or(-1),
        json,
        String::from_utf8_lossy(&output.stderr).to_string(),
    )
}

#[test]
fn call_against_serve_with_canned_answers() {
    let dir = std::env::temp_dir().join(format!("services82-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let answers = dir.join("answers.json");
    std::fs::write(
        &answers,
        r#"{
            "RefreshFolder": {"Headers": {"Succeeded": true}, "Body": {"Response": 4711}},
            "GetFolderList": {"Fault": {"Reason": "Mailbox is locked"}},
            "GetFolderEMailCount": {"Headers": {"Succeeded": false, "ExceptionInfo": {"Message": "No such folder"}}},
            "GetEMailEnvelopes": {"Body": {"Response": [{"Subject": "Grüße", "Sent": "2024-02-29T23:59:59.1234567+05:30", "Flags": ["Seen", "Flagged"], "Priority": "High"}]}}
        }"#,
    )
    .unwrap();
    let server = serve(Some(&answers));

    let (code, json, stderr) = call(
        &server.url,
        "RefreshFolder",
        r#"{"ConnectionInfo": {"ServerName": "imap", "UseSSL": true}, "Folders": ["INBOX", ""]}"#,
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(json["Body"]["Response"], 4711);
    assert_eq!(json["Headers"]["Succeeded"], true);

    let (code, json, stderr) = call(&server.url, "GetEMailEnvelopes", "{}");
    assert_eq!(code, 0, "{stderr}");
    let envelope = &json["Body"]["Response"][0];
    assert_eq!(envelope["Subject"], "Grüße");
    assert_eq!(envelope["Sent"], "2024-02-29T23:59:59.1234567+05:30");
    assert_eq!(envelope["Flags"], serde_json::json!(["Seen", "Flagged"]));

    let (code, _, stderr) = call(&server.url, "GetFolderList", "{}");
    assert_eq!(code, 1);
    assert!(
        stderr.contains("SOAP fault Server: Mailbox is locked"),
        "{stderr}"
    );

    let (code, _, stderr) = call(&server.url, "GetFolderEMailCount", "{}");
    assert_eq!(code, 1);
    assert!(
        stderr.contains("the service reported a failure: No such folder"),
        "{stderr}"
    );

    // Not in the answers file: default values.
    let (code, json, stderr) = call(&server.url, "AuthenticateIncoming", "{}");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(json["Body"]["Response"], Value::Null);

    let (code, _, stderr) = call(&server.url, "NoSuchOperation", "{}");
    assert_eq!(code, 2);
    assert!(
        stderr.contains("unknown operation `NoSuchOperation`"),
        "{stderr}"
    );

    let (code, _, stderr) = call(&server.url, "RefreshFolder", "{not json");
    assert_eq!(code, 2);
    assert!(stderr.contains("not valid JSON"), "{stderr}");

    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn http_errors_and_unreachable_servers_exit_non_zero() {
    let server = serve(None);
    let wrong_path = server
        .url
        .replace("/Remote/Services82/EMail.svc", "/nothing-here");
    let (code, _, stderr) = call(&wrong_path, "RefreshFolder", "{}");
    assert_eq!(code, 1);
    assert!(stderr.contains("HTTP status 404"), "{stderr}");

    drop(server);
    let (code, _, stderr) = call(
        "http://127.0.0.1:1/Remote/Services82/EMail.svc",
        "RefreshFolder",
        "{}",
    );
    assert_eq!(code, 1);
    assert!(stderr.contains("cannot connect"), "{stderr}");
}
