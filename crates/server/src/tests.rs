//! The router in process (tower `oneshot`), over a temporary database.

use super::*;
use crate::upload::upload_name;
use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use tower::ServiceExt;

const HOSTILE: &str = "Mayor <script>alert('t')</script> quits in Ostrel\n\n\
Published: 2031-05-02\n\n\
The mayor of Ostrel resigned on Friday <img src=x onerror=alert(1)> after the council vote. \
Council members said the vote in Ostrel was 9 to 2 \"><script>alert(2)</script>. \
The mayor said she would leave office next week & take a job in Varn.";

const QUIET: &str = "Ostrel council picks a new mayor\n\n\
Published: 2031-05-09\n\n\
The council of Ostrel picked a new mayor on Friday, a week after the mayor resigned. \
Council members voted 8 to 3 for the deputy mayor of Ostrel, Anselm Drey.";

struct TempDb(PathBuf);

impl TempDb {
    fn new(tag: &str) -> TempDb {
        let dir = std::env::temp_dir().join(format!(
            "dossier-server-{}-{tag}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDb(dir)
    }
    fn db(&self) -> PathBuf {
        self.0.join("t.db")
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn send(router: &Router, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    let res = router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

async fn get(router: &Router, uri: &str) -> (StatusCode, String) {
    let (s, h, b) = send(router, Request::get(uri).body(Body::empty()).unwrap()).await;
    assert_eq!(
        h.get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok()),
        Some(CSP),
        "{uri} lacks the CSP"
    );
    (s, b)
}

async fn post_raw(router: &Router, uri: &str, body: &str) -> (StatusCode, String) {
    let (s, _, b) = send(
        router,
        Request::post(uri)
            .header(header::CONTENT_TYPE, "text/plain")
            .body(Body::from(body.to_string()))
            .unwrap(),
    )
    .await;
    (s, b)
}

fn app(tmp: &TempDb, max_body: usize) -> Router {
    App::open(&tmp.db(), max_body).unwrap().router()
}

#[tokio::test]
async fn a_hostile_article_is_shown_as_text_everywhere() {
    let tmp = TempDb::new("hostile");
    let r = app(&tmp, DEFAULT_MAX_BODY);
    let (st, body) = post_raw(&r, "/api/articles?name=%22%3E%3Cscript%3E.txt", HOSTILE).await;
    assert_eq!(st, StatusCode::CREATED, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["added"][0]["id"], "a1");
    assert_eq!(v["added"][0]["stories"][0], "s1");
    assert_eq!(v["queued"], serde_json::json!([]), "SQLite ingests at once");
    let (st, _) = get(&r, "/api/queue/q1").await;
    assert_eq!(st, StatusCode::NOT_FOUND, "and has no queue");
    for uri in [
        "/",
        "/story/s1",
        "/article/a1",
        "/article/a1?start=0&end=12",
        "/?q=mayor",
        "/?entity=%3Cscript%3E",
    ] {
        let (st, page) = get(&r, uri).await;
        assert_eq!(st, StatusCode::OK, "{uri}");
        let lower = page.to_lowercase();
        assert!(
            !lower.contains("<script"),
            "{uri} lets a script through:\n{page}"
        );
        assert!(!lower.contains("<img"), "{uri} lets an image through");
    }
    // The full HTML report: escaped too, under its own hash-based policy.
    let (st, h, report) = send(
        &r,
        Request::get("/story/s1/report")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::OK);
    let policy = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(
        policy.starts_with("default-src 'none'") && policy.contains("'sha256-"),
        "{policy}"
    );
    assert!(!policy.contains("unsafe-"), "{policy}");
    assert!(
        !report.to_lowercase().contains("<img"),
        "report lets an image through"
    );
    assert!(
        report.contains("&lt;script&gt;alert("),
        "report shows the text"
    );
    let (_, article) = get(&r, "/article/a1").await;
    assert!(article.contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;"));
    assert!(article.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(article.contains("&quot;&gt;&lt;script&gt;"));
    // The upload's name is a label, never markup or a path.
    let (_, js) = get(&r, "/api/articles/a1").await;
    let v: serde_json::Value = serde_json::from_str(&js).unwrap();
    assert_eq!(v["source"], "upload:\"><script>.txt");
    assert_eq!(v["stories"][0], "s1");
}

#[tokio::test]
async fn citations_open_the_article_with_the_span_marked() {
    let tmp = TempDb::new("cite");
    let r = app(&tmp, DEFAULT_MAX_BODY);
    post_raw(&r, "/api/articles?name=a.txt", HOSTILE).await;
    post_raw(&r, "/api/articles?name=b.txt", QUIET).await;
    let (_, js) = get(&r, "/api/stories").await;
    let rows: serde_json::Value = serde_json::from_str(&js).unwrap();
    let sid = rows[0]["id"].as_str().unwrap().to_string();
    let (st, page) = get(&r, &format!("/story/{sid}")).await;
    assert_eq!(st, StatusCode::OK);
    // The first summary citation, as the page links it.
    let href_at = page.find("class=\"cite\" href=\"").unwrap() + "class=\"cite\" href=\"".len();
    let href = &page[href_at..href_at + page[href_at..].find('"').unwrap()];
    let href = href.replace("&amp;", "&");
    assert!(href.ends_with("#hl"), "{href}");
    let (st, art) = get(&r, href.trim_end_matches("#hl")).await;
    assert_eq!(st, StatusCode::OK);
    // The marked text is exactly the cited span of the stored text.
    let (_, doc) = get(&r, &format!("/api/stories/{sid}")).await;
    let doc: serde_json::Value = serde_json::from_str(&doc).unwrap();
    assert_eq!(doc["schema"], "dossier/1");
    let cite = &doc["stories"][0]["summary"][0]["cites"][0];
    let text = doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == cite["article"])
        .unwrap()["text"]
        .as_str()
        .unwrap();
    let (s, e) = (
        cite["start"].as_u64().unwrap() as usize,
        cite["end"].as_u64().unwrap() as usize,
    );
    let marked = format!("<mark id=\"hl\">{}</mark>", html::esc(&text[s..e]));
    assert!(art.contains(&marked), "{art}");
    // A span that is out of range or splits nothing valid is ignored, not an error.
    let (st, art) = get(&r, "/article/a1?start=5&end=999999").await;
    assert_eq!(st, StatusCode::OK);
    assert!(!art.contains("<mark"));
}

#[tokio::test]
async fn oversized_uploads_get_413() {
    let tmp = TempDb::new("limit");
    let r = app(&tmp, 2048);
    let big = "word ".repeat(1000);
    let (st, _) = post_raw(&r, "/api/articles", &big).await;
    assert_eq!(st, StatusCode::PAYLOAD_TOO_LARGE);
    let boundary = "XyZ";
    let form = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.txt\"\r\n\
Content-Type: text/plain\r\n\r\n{big}\r\n--{boundary}--\r\n"
    );
    let (st, _, _) = send(
        &r,
        Request::post("/upload")
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(form))
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::PAYLOAD_TOO_LARGE);
    // Nothing was stored.
    let (_, js) = get(&r, "/api/stories").await;
    assert_eq!(js, "[]");
}

#[tokio::test]
async fn the_upload_form_stores_articles() {
    let tmp = TempDb::new("form");
    let r = app(&tmp, DEFAULT_MAX_BODY);
    let boundary = "b0undary";
    let form = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../etc/q.txt\"\r\n\
Content-Type: text/plain\r\n\r\n{QUIET}\r\n--{boundary}\r\n\
Content-Disposition: form-data; name=\"text\"\r\n\r\n\r\n--{boundary}--\r\n"
    );
    let (st, _, page) = send(
        &r,
        Request::post("/upload")
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(form))
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{page}");
    assert!(page.contains("1 new article stored"), "{page}");
    assert!(page.contains("Ostrel council picks a new mayor"));
    let (_, js) = get(&r, "/api/articles/a1").await;
    let v: serde_json::Value = serde_json::from_str(&js).unwrap();
    assert_eq!(
        v["source"], "upload:q.txt",
        "folders are dropped from names"
    );
    let (_, hits) = get(&r, "/api/search?q=Drey").await;
    let hits: serde_json::Value = serde_json::from_str(&hits).unwrap();
    assert_eq!(hits[0]["article"], "a1");
}

#[tokio::test]
async fn traversal_and_unknown_ids_are_404() {
    let tmp = TempDb::new("trav");
    let r = app(&tmp, DEFAULT_MAX_BODY);
    post_raw(&r, "/api/articles?name=a.txt", QUIET).await;
    for uri in [
        "/static/../Cargo.toml",
        "/static/..%2F..%2FCargo.toml",
        "/article/..%2F..%2Fetc%2Fpasswd",
        "/article/a1%2F..%2F..",
        "/story/..",
        "/story/s99",
        "/article/a0",
        "/api/articles/..%2Ft.db",
        "/api/stories/s1;DROP%20TABLE%20stories",
        "/t.db",
        "/etc/passwd",
    ] {
        let (st, _) = get(&r, uri).await;
        assert_eq!(st, StatusCode::NOT_FOUND, "{uri}");
    }
    let (st, _) = get(&r, "/api/stories/s1").await;
    assert_eq!(st, StatusCode::OK, "the database survived");
}

#[test]
fn upload_names_are_labels_without_folders() {
    assert_eq!(upload_name(Some("../../x.html")), "upload:x.html");
    assert_eq!(upload_name(Some("C:\\a\\b.txt")), "upload:b.txt");
    assert_eq!(upload_name(Some("..")), "upload:pasted.txt");
    assert_eq!(upload_name(None), "upload:pasted.txt");
}

#[tokio::test]
async fn with_a_token_every_route_answers_only_requests_that_carry_it() {
    let tmp = TempDb::new("token");
    let token = "0123456789abcdef0123";
    let r = App::open(&tmp.db(), DEFAULT_MAX_BODY)
        .unwrap()
        .router_with_token(token);
    for uri in ["/", "/api/stories", "/static/app.css", "/no/such/route"] {
        let (st, h, _) = send(&r, Request::get(uri).body(Body::empty()).unwrap()).await;
        assert_eq!(st, StatusCode::UNAUTHORIZED, "{uri}");
        assert!(h.contains_key(header::WWW_AUTHENTICATE), "{uri}");
    }
    let (st, _, _) = send(
        &r,
        Request::get("/api/stories")
            .header(header::AUTHORIZATION, "Bearer wrong-token-wrong-token")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    let (st, _, body) = send(
        &r,
        Request::get("/api/stories")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{body}");
}

#[test]
fn serving_beyond_loopback_without_a_token_is_refused() {
    let tmp = TempDb::new("exposed");
    let cfg = crate::Config {
        db: tmp.db(),
        addr: "0.0.0.0:0".parse().unwrap(),
        max_body: DEFAULT_MAX_BODY,
        token: None,
    };
    let err = crate::serve_blocking(&cfg, |_| panic!("must not start")).unwrap_err();
    assert!(err.to_string().contains("access token"), "{err}");
}
