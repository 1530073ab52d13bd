//! The access token of a shared deployment: served beyond loopback, the app
//! answers only requests that carry it, and refuses to start without one.
//!
//! A request carries the token as `Authorization: Bearer TOKEN`, or as the
//! password of HTTP Basic authentication (any user name), which browsers
//! ask for by themselves: the web app needs no login page.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Shortest token accepted: a guessable one protects nothing.
pub const MIN_TOKEN_LEN: usize = 16;

/// Why the server will not start as asked.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error(
        "{addr} is reachable from other machines: give an access token (--token or \
         DOSSIER_TOKEN, at least {MIN_TOKEN_LEN} characters) or listen on loopback"
    )]
    TokenRequired { addr: SocketAddr },
    #[error("the access token is too short: at least {MIN_TOKEN_LEN} characters")]
    TokenTooShort,
}

/// Refuse an exposed address without a token, and any token too short.
pub fn check(addr: SocketAddr, token: Option<&str>) -> Result<(), AuthError> {
    match token {
        Some(t) if t.len() < MIN_TOKEN_LEN => Err(AuthError::TokenTooShort),
        None if !addr.ip().is_loopback() => Err(AuthError::TokenRequired { addr }),
        _ => Ok(()),
    }
}

/// Equal bytes, in a time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Standard base64, padding optional; `None` on any other character.
fn base64(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.trim_end_matches('=').bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

/// Does this `Authorization` header value carry the token?
fn carries(value: &str, token: &str) -> bool {
    if let Some(t) = value.strip_prefix("Bearer ") {
        return same(t.trim().as_bytes(), token.as_bytes());
    }
    let Some(b) = value.strip_prefix("Basic ").and_then(|b| base64(b.trim())) else {
        return false;
    };
    match b.iter().position(|&c| c == b':') {
        Some(i) => same(&b[i + 1..], token.as_bytes()),
        None => false,
    }
}

/// The middleware: 401 (with a Basic challenge) unless the token is there.
pub async fn require(State(token): State<Arc<str>>, req: Request, next: Next) -> Response {
    let ok = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| carries(v, &token));
    if ok {
        return next.run(req).await;
    }
    let mut res = (StatusCode::UNAUTHORIZED, "an access token is required\n").into_response();
    res.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Basic realm=\"dossier\", charset=\"UTF-8\""),
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exposed_address_needs_a_long_enough_token() {
        let lan: SocketAddr = "0.0.0.0:8080".parse().unwrap();
        let lo: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        assert!(matches!(
            check(lan, None),
            Err(AuthError::TokenRequired { .. })
        ));
        assert!(matches!(
            check(lan, Some("short")),
            Err(AuthError::TokenTooShort)
        ));
        assert!(check(lan, Some("0123456789abcdef")).is_ok());
        assert!(check(lo, None).is_ok());
    }

    #[test]
    fn the_token_comes_as_bearer_or_as_a_basic_password() {
        let t = "0123456789abcdef";
        assert!(carries("Bearer 0123456789abcdef", t));
        assert!(!carries("Bearer 0123456789abcdeg", t));
        assert!(!carries("Bearer ", t));
        // "me:0123456789abcdef"
        assert!(carries("Basic bWU6MDEyMzQ1Njc4OWFiY2RlZg==", t));
        // "me:wrong"
        assert!(!carries("Basic bWU6d3Jvbmc=", t));
        assert!(!carries("Basic !!!", t));
        assert!(!carries("0123456789abcdef", t));
    }
}
