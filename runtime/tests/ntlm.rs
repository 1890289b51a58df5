//! NtlmTransport against an NTLM acceptor written by others (pyspnego).
