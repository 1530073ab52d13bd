//! `dossier serve` as a process on a free loopback port, spoken to over plain
//! HTTP/1.1: pages, the JSON API, body limits and traversal attempts.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::util::{dossier, stderr};

pub(crate) struct Server {
    child: Child,
    pub(crate) addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn start(db: &Path, extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(db)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn dossier serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("read the serving line");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    Server { child, addr }
}

/// One request; returns (status, headers, body).
pub(crate) fn request(
    addr: SocketAddr,
    method: &str,
    target: &str,
    body: &[u8],
) -> (u16, String, String) {
    request_as(addr, method, target, "text/plain", body)
}

/// [`request`] with a body of the given content type.
pub(crate) fn request_as(
    addr: SocketAddr,
    method: &str,
    target: &str,
    content_type: &str,
    body: &[u8],
) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    let head = format!(
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).expect("write head");
    // The server may answer (413) and close before the whole body is sent.
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status in {head:?}"));
    (status, head.to_ascii_lowercase(), body.to_string())
}

fn scratch(tag: &str) -> std::path::PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("web-{tag}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

#[test]
fn the_server_serves_pages_and_api_safely() {
    let dir = scratch("serve");
    let db = dir.join("d.db");
    let o = dossier(&[
        "ingest",
        "--db",
        &db.display().to_string(),
        "examples/corpus",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let srv = start(&db, &["--max-body", "65536"]);
    assert!(srv.addr.ip().is_loopback());

    let (st, head, page) = request(srv.addr, "GET", "/", b"");
    assert_eq!(st, 200);
    assert!(
        head.contains("content-security-policy: default-src 'none'"),
        "{head}"
    );
    assert!(page.contains("href=\"/story/s1\""), "{page}");

    let (st, _, js) = request(srv.addr, "GET", "/api/stories", b"");
    assert_eq!(st, 200);
    let rows: serde_json::Value = serde_json::from_str(&js).expect("JSON");
    assert!(rows.as_array().expect("list").len() >= 2);
    let (st, _, doc) = request(srv.addr, "GET", "/api/stories/s1", b"");
    assert_eq!(st, 200);
    let doc: serde_json::Value = serde_json::from_str(&doc).expect("JSON");
    assert!(crate::util::assert_cites_valid(&doc) > 0);

    // Upload through the API, then find it.
    let article = "Lighthouse keeper rescues two kayakers off Skerrow Point\n\n\
The keeper of the Skerrow Point lighthouse pulled two kayakers from the sea on Saturday evening, the coastguard said. \
Both were taken to hospital in Skerrow with mild hypothermia.";
    let (st, _, js) = request(
        srv.addr,
        "POST",
        "/api/articles?name=kayak.txt",
        article.as_bytes(),
    );
    assert_eq!(st, 201, "{js}");
    let v: serde_json::Value = serde_json::from_str(&js).expect("JSON");
    let id = v["added"][0]["id"].as_str().expect("id").to_string();
    let (st, _, hits) = request(srv.addr, "GET", "/api/search?q=kayakers", b"");
    assert_eq!(st, 200);
    let hits: serde_json::Value = serde_json::from_str(&hits).expect("JSON");
    assert_eq!(hits[0]["article"], id.as_str());

    // Limits and traversal.
    let big = vec![b'x'; 70_000];
    let (st, _, _) = request(srv.addr, "POST", "/api/articles", &big);
    assert_eq!(st, 413);
    for target in [
        "/../../etc/passwd",
        "/static/../../Cargo.toml",
        "/static/%2e%2e/%2e%2e/Cargo.toml",
        "/article/..%2F..%2Fetc%2Fpasswd",
        "/story/%2e%2e",
        "/d.db",
    ] {
        let (st, _, body) = request(srv.addr, "GET", target, b"");
        assert!(st == 404 || st == 400, "{target}: {st}");
        assert!(!body.contains("root:"), "{target}");
    }
}
