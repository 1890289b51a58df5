//! The NTLMv2 tokens a client sends: NEGOTIATE, then AUTHENTICATE in answer to the server's
//! CHALLENGE ([MS-NLMP] 2.2.1, 3.3.2). The messages and the response computation are the
//! `ntlmclient` crate's; this module picks the flags, checks the challenge and keeps every
//! field within what the messages can carry, so that a hostile challenge is an error, never a
//! panic.

use ntlmclient::{
    AuthenticateMessage, Flags, Message, NegotiateMessage, TargetInfoEntry, TargetInfoType,
};

use super::credentials::Credentials;

/// The largest target information block of a challenge accepted, in bytes: it is echoed in the
/// AUTHENTICATE message, whose fields have 16-bit lengths. Windows sends a few hundred bytes.
const MAX_TARGET_INFO: usize = 16 * 1024;

/// Why no AUTHENTICATE token can be made.
#[derive(Debug, thiserror::Error)]
pub(super) enum MessageError {
    /// The server's token does not decode as an NTLM message.
    #[error("the server's NTLM challenge is malformed: {0}")]
    Malformed(#[from] ntlmclient::ParsingError),
    /// The server's token is an NTLM message of another type.
    #[error("the server's NTLM token is not a CHALLENGE message (type {0})")]
    NotAChallenge(u32),
    /// The server did not agree to Unicode strings.
    #[error(
        "the server's NTLM challenge does not offer Unicode (OEM-only servers are not supported)"
    )]
    NoUnicode,
    /// The challenge's target information is larger than any server sends.
    #[error("the server's NTLM challenge carries {0} bytes of target information (at most {MAX_TARGET_INFO} accepted)")]
    TargetInfoTooLarge(usize),
    /// A message could not be encoded (a name the message cannot carry).
    #[error("cannot encode the NTLM message: {0}")]
    Encode(#[from] ntlmclient::StoringError),
}

/// The flags of the NEGOTIATE message: Unicode, NTLM with extended session security, the
/// server's target information requested. No signing, sealing or key exchange: HTTP
/// authentication uses none.
fn negotiate_flags() -> Flags {
    Flags::NEGOTIATE_UNICODE
        | Flags::REQUEST_TARGET
        | Flags::NEGOTIATE_NTLM
        | Flags::NEGOTIATE_ALWAYS_SIGN
        | Flags::NEGOTIATE_NTLM2_KEY
        | Flags::NEGOTIATE_128BIT
}

/// The NEGOTIATE message (without domain or workstation: those go in AUTHENTICATE).
pub(super) fn negotiate() -> Result<Vec<u8>, MessageError> {
    let message = Message::Negotiate(NegotiateMessage {
        flags: negotiate_flags(),
        supplied_domain: String::new(),
        supplied_workstation: String::new(),
        os_version: Default::default(),
    });
    Ok(message.to_bytes()?)
}

/// The AUTHENTICATE message answering the CHALLENGE message `challenge` with `credentials`'
/// NTLMv2 response, bound to the TLS channel with `channel_binding` when given.
pub(super) fn authenticate(
    credentials: &Credentials,
    challenge: &[u8],
    channel_binding: Option<&[u8; 16]>,
) -> Result<Vec<u8>, MessageError> {
    let challenge = match Message::try_from(challenge)? {
        Message::Challenge(challenge) => challenge,
        other => return Err(MessageError::NotAChallenge(other.message_number())),
    };
    if !challenge.flags.contains(Flags::NEGOTIATE_UNICODE) {
        return Err(MessageError::NoUnicode);
    }
    let target_info: Vec<u8> = match channel_binding {
        None => challenge
            .target_information
            .iter()
            .flat_map(TargetInfoEntry::to_bytes)
            .collect(),
        // The server's pairs, then the binding, then the end of the list.
        Some(binding) => challenge
            .target_information
            .iter()
            .filter(|entry| {
                !matches!(
                    entry.entry_type,
                    TargetInfoType::Terminator | TargetInfoType::ChannelBindings
                )
            })
            .cloned()
            .chain([
                TargetInfoEntry {
                    entry_type: TargetInfoType::ChannelBindings,
                    data: binding.to_vec(),
                },
                TargetInfoEntry {
                    entry_type: TargetInfoType::Terminator,
                    data: Vec::new(),
                },
            ])
            .flat_map(|entry| entry.to_bytes())
            .collect(),
    };
    if target_info.len() > MAX_TARGET_INFO {
        return Err(MessageError::TargetInfoTooLarge(target_info.len()));
    }
    // [MS-NLMP] 3.1.5.1.2: with the server's time in the challenge, the client uses it (and
    // sends no LMv2 response); without it, its own clock.
    let server_time = server_timestamp(&challenge.target_information);
    let time = server_time.unwrap_or_else(ntlmclient::get_ntlm_time);
    // The crate's credentials hold a copy of the password for this computation only.
    let response = {
        let crate_credentials = ntlmclient::Credentials {
            username: credentials.user.clone(),
            password: credentials.password.clone(),
            domain: credentials.domain.clone(),
        };
        ntlmclient::respond_challenge_ntlm_v2(
            challenge.challenge,
            &target_info,
            time,
            &crate_credentials,
        )
    };
    let lm_response = match server_time {
        Some(_) => vec![0; 24],
        None => response.lm_response,
    };
    let flags = challenge.flags & (negotiate_flags() | Flags::NEGOTIATE_TARGET_INFO);
    let message = Message::Authenticate(AuthenticateMessage {
        lm_response,
        ntlm_response: response.ntlm_response,
        domain_name: credentials.domain.clone(),
        user_name: credentials.user.clone(),
        workstation_name: credentials.workstation.clone(),
        // No key exchange: the session key is not sent (the crate's response would put the
        // session base key here in the clear).
        session_key: Vec::new(),
        flags,
        os_version: Default::default(),
    });
    Ok(message.to_bytes()?)
}

/// The server's time (`MsvAvTimestamp`) in the challenge's target information, if there.
fn server_timestamp(entries: &[TargetInfoEntry]) -> Option<i64> {
    entries
        .iter()
        .find(|entry| entry.entry_type == TargetInfoType::Timestamp)
        .and_then(|entry| <[u8; 8]>::try_from(entry.data.as_slice()).ok())
        .map(i64::from_le_bytes)
}

#[cfg(test)]
mod tests {
    use super::{authenticate, negotiate, MessageError};
    use crate::client::ntlm::credentials::Credentials;

    #[test]
    fn ntowfv2_matches_ms_nlmp_4_2_4_1_1() {
        // [MS-NLMP] 4.2.4: user "User", domain "Domain", password "Password".
        let credentials = ntlmclient::Credentials {
            username: "User".into(),
            password: "Password".into(),
            domain: "Domain".into(),
        };
        let key = ntlmclient::ntlm_v2_password_func(&credentials);
        let expected = [
            0x0c, 0x86, 0x8a, 0x40, 0x3b, 0xfd, 0x7a, 0x93, 0xa3, 0x00, 0x1e, 0xf2, 0x2e, 0xf0,
            0x2e, 0x3f,
        ];
        assert_eq!(key, expected);
    }

    /// The CHALLENGE message of [MS-NLMP] 4.2.4.3, with its target information.
    fn spec_challenge() -> Vec<u8> {
        let mut m = b"NTLMSSP\0".to_vec();
        m.extend_from_slice(&2u32.to_le_bytes());
        // TargetName: "Server" in UTF-16 at offset 56.
        let name: Vec<u8> = "Server".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let info: Vec<u8> = [
            &[0x02, 0x00, 0x0c, 0x00][..],
            &"Domain"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<_>>(),
            &[0x01, 0x00, 0x0c, 0x00],
            &"Server"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<_>>(),
            &[0x00, 0x00, 0x00, 0x00],
        ]
        .concat();
        let name_offset = 56u32;
        let info_offset = name_offset + name.len() as u32;
        m.extend_from_slice(&(name.len() as u16).to_le_bytes());
        m.extend_from_slice(&(name.len() as u16).to_le_bytes());
        m.extend_from_slice(&name_offset.to_le_bytes());
        m.extend_from_slice(&0xe28a_8233u32.to_le_bytes());
        m.extend_from_slice(&[0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef]);
        m.extend_from_slice(&[0; 8]);
        m.extend_from_slice(&(info.len() as u16).to_le_bytes());
        m.extend_from_slice(&(info.len() as u16).to_le_bytes());
        m.extend_from_slice(&info_offset.to_le_bytes());
        m.extend_from_slice(&[0x06, 0x00, 0x70, 0x17, 0x00, 0x00, 0x00, 0x0f]);
        m.extend_from_slice(&name);
        m.extend_from_slice(&info);
        m
    }

    #[test]
    fn the_spec_challenge_is_answered_with_an_ntlmv2_response() {
        let credentials = Credentials::new("Domain\\User", "Password");
        let token = authenticate(&credentials, &spec_challenge(), None).unwrap();
        let ntlmclient::Message::Authenticate(message) =
            ntlmclient::Message::try_from(token.as_slice()).unwrap()
        else {
            panic!("not an AUTHENTICATE message");
        };
        assert_eq!(message.user_name, "User");
        assert_eq!(message.domain_name, "Domain");
        assert!(message.session_key.is_empty());
        // NTProofStr (16) + the NTLMv2 client challenge blob, which echoes the target info.
        assert!(
            message.ntlm_response.len() > 16 + 28,
            "{}",
            message.ntlm_response.len()
        );
        assert_eq!(&message.ntlm_response[16..18], &[1, 1]);
    }

    #[test]
    fn a_channel_binding_goes_into_the_target_information_before_its_end() {
        let credentials = Credentials::new("Domain\\User", "Password");
        let token = authenticate(&credentials, &spec_challenge(), Some(&[0xab; 16])).unwrap();
        let ntlmclient::Message::Authenticate(message) =
            ntlmclient::Message::try_from(token.as_slice()).unwrap()
        else {
            panic!("not an AUTHENTICATE message");
        };
        // NTProofStr (16), the blob's fixed part (28), then the pairs and 4 zero bytes.
        let pairs = &message.ntlm_response[16 + 28..message.ntlm_response.len() - 4];
        let binding = [&[0x0a, 0x00, 0x10, 0x00][..], &[0xab; 16], &[0, 0, 0, 0]].concat();
        assert!(pairs.ends_with(&binding), "{pairs:02x?}");
    }

    #[test]
    fn a_negotiate_message_is_well_formed() {
        let token = negotiate().unwrap();
        assert!(token.starts_with(b"NTLMSSP\0\x01\0\0\0"));
    }

    #[test]
    fn malformed_challenges_are_errors_not_panics() {
        let credentials = Credentials::new("u", "p");
        let good = spec_challenge();
        for end in 0..good.len() {
            let _ = authenticate(&credentials, &good[..end], None);
        }
        // Every byte flipped, one at a time, and lengths and offsets set to extremes.
        for at in 0..good.len() {
            for value in [0x00, 0x7f, 0xff] {
                let mut bad = good.clone();
                bad[at] = value;
                let _ = authenticate(&credentials, &bad, Some(&[7; 16]));
            }
        }
        assert!(matches!(
            authenticate(&credentials, b"NTLMSSP\0\x09\0\0\0rest", None),
            Err(MessageError::NotAChallenge(9))
        ));
        assert!(matches!(
            authenticate(&credentials, b"garbage", None),
            Err(MessageError::Malformed(_))
        ));
    }
}
