//! A rules bundle from an update address, fetched only when the user asks.
//!
//! The address is the user's own setting (an `https://` URL; plain `http://`
//! only to this computer, `127.0.0.1`, `[::1]` or `localhost`, for a local
//! mirror and the tests). The answer is read up to [`MAX_BUNDLE_BYTES`]
//! and no further; redirects stay on HTTPS. What comes back is only bytes:
//! the caller checks them with [`crate::Bundle::parse`] exactly as a file
//! (signature, digests, rules), so a server can at most offer a bundle that
//! is then refused.

use std::time::Duration;

use crate::MAX_BUNDLE_BYTES;

/// The longest update address accepted.
pub const MAX_URL_LEN: usize = 2000;
/// How long a whole fetch may take.
const TIMEOUT: Duration = Duration::from_secs(60);
/// How long connecting may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);

/// Why a fetch failed. Nothing was changed.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum FetchError {
    /// The address is not one the app fetches from.
    #[error("`{0}` is not an update address: write an https:// address (http:// only for this computer)")]
    BadAddress(String),
    /// No answer (no connection, a timeout, a TLS failure).
    #[error("no answer from {url}: {message}")]
    Network {
        /// The address.
        url: String,
        /// What went wrong.
        message: String,
    },
    /// The server answered with an error status.
    #[error("{url} answered HTTP {status}")]
    Status {
        /// The address.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    /// The answer is larger than a bundle can be.
    #[error("the answer from {0} is larger than a rules bundle can be ({MAX_BUNDLE_BYTES} bytes)")]
    TooLarge(String),
}

impl FetchError {
    /// A stable machine-readable name.
    pub fn kind(&self) -> &'static str {
        match self {
            FetchError::BadAddress(_) => "bad_address",
            FetchError::Network { .. } => "network",
            FetchError::Status { .. } => "http_status",
            FetchError::TooLarge(_) => "too_large",
        }
    }
}

/// Whether `url` is an address the app fetches from: `https://host…`, or
/// `http://` to this computer. Returns it trimmed, or why not.
pub fn check_address(url: &str) -> Result<String, FetchError> {
    let url = url.trim();
    let bad = || FetchError::BadAddress(url.chars().take(200).collect());
    if url.len() > MAX_URL_LEN || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad());
    }
    let lower = url.to_ascii_lowercase();
    let (https, rest) = if let Some(r) = lower.strip_prefix("https://") {
        (true, r)
    } else if let Some(r) = lower.strip_prefix("http://") {
        (false, r)
    } else {
        return Err(bad());
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() || authority.contains('@') {
        // No user name or password in an address that is shown and stored.
        return Err(bad());
    }
    let host = if authority.starts_with('[') {
        authority.split(']').next().map(|h| format!("{h}]"))
    } else {
        authority.split(':').next().map(str::to_owned)
    }
    .unwrap_or_default();
    if host.is_empty() {
        return Err(bad());
    }
    if !https && !["127.0.0.1", "localhost", "[::1]"].contains(&host.as_str()) {
        return Err(bad());
    }
    Ok(url.to_owned())
}

fn local(url: &str) -> bool {
    url.to_ascii_lowercase().starts_with("http://")
}

/// Fetches the bytes at `url` (checked with [`check_address`]), at most
/// `limit` bytes (at most [`MAX_BUNDLE_BYTES`]).
pub fn fetch_limited(url: &str, limit: u64) -> Result<Vec<u8>, FetchError> {
    let url = check_address(url)?;
    let limit = limit.min(MAX_BUNDLE_BYTES);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .timeout_connect(Some(CONNECT_TIMEOUT))
        .http_status_as_error(false)
        // An https address never continues over plain http.
        .https_only(!local(&url))
        .max_redirects(5)
        // A local address never goes through a proxy.
        .proxy(if local(&url) {
            None
        } else {
            ureq::Proxy::try_from_env()
        })
        .user_agent(concat!("permit-packet/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let network = |e: ureq::Error| FetchError::Network {
        url: url.clone(),
        message: e.to_string(),
    };
    let mut resp = agent.get(&url).call().map_err(network)?;
    let status = resp.status().as_u16();
    if !(200..300).contains(&status) {
        return Err(FetchError::Status {
            url: url.clone(),
            status,
        });
    }
    if resp
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .is_some_and(|n| n > limit)
    {
        return Err(FetchError::TooLarge(url.clone()));
    }
    match resp.body_mut().with_config().limit(limit).read_to_vec() {
        Ok(b) => Ok(b),
        Err(ureq::Error::BodyExceedsLimit(_)) => Err(FetchError::TooLarge(url.clone())),
        Err(e) => Err(network(e)),
    }
}

/// Fetches a bundle's bytes from `url` (see [`fetch_limited`]).
pub fn fetch(url: &str) -> Result<Vec<u8>, FetchError> {
    fetch_limited(url, MAX_BUNDLE_BYTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_this_computer() {
        for ok in [
            "https://rules.example.org/latest.ppbundle",
            "https://example.org:8443/x?y=1",
            "http://127.0.0.1:8080/b.ppbundle",
            "http://localhost/b",
            "http://[::1]:9/b",
            "  https://example.org/a  ",
        ] {
            assert!(check_address(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://example.org/b.ppbundle",
            "http://127.0.0.1.example.org/b",
            "ftp://example.org/b",
            "file:///etc/passwd",
            "https://",
            "https://user:pw@example.org/b",
            "https://exa mple.org/b",
            "example.org/b",
            "",
        ] {
            assert_eq!(
                check_address(bad).unwrap_err().kind(),
                "bad_address",
                "{bad}"
            );
        }
        assert!(check_address(&format!("https://e.org/{}", "a".repeat(MAX_URL_LEN))).is_err());
    }
}
