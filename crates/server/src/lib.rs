//! The local web app over a dossier database (`dossier serve`): the story
//! list (filtered by date, entity or words), story pages whose citations open
//! the source article with the cited span highlighted, an upload form, and a
//! JSON API.
//!
//! Security: the default address is loopback; every request body is capped
//! (413 beyond [`Config::max_body`]); the routes are fixed and no route reads
//! a file named by a request (the stylesheet is compiled in); ids are parsed
//! as numbers before they reach SQL, and the store binds every value; all
//! untrusted text is escaped (`html::esc`), and every response carries a strict
//! Content-Security-Policy that allows no script at all.
//!
//! The store is SQLite in WAL mode, so the app holds two connections: one for
//! reads and one for the uploads, which write.
//!
//! ```no_run
//! let app = dossier_server::App::open(std::path::Path::new("dossier.db"), 5 << 20).unwrap();
//! let router = app.router();
//! # let _ = router;
//! ```

pub mod auth;
pub mod html;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path as UrlPath, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use dossier_store::{Store, StoreError, StoreOptions, StoryFilter};
use serde::Deserialize;

const GENERATOR: &str = concat!("dossier ", env!("CARGO_PKG_VERSION"));

/// Default request body limit: 5 MiB.
pub const DEFAULT_MAX_BODY: usize = 5 * 1024 * 1024;

/// No script, no plugin, no framing, no form posting elsewhere; styles only from us.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot start the server runtime: {0}")]
    Runtime(#[source] std::io::Error),
    #[error("server failed: {0}")]
    Serve(#[source] std::io::Error),
    #[error(transparent)]
    Auth(#[from] auth::AuthError),
}

#[derive(Debug, Clone)]
pub struct Config {
    pub db: PathBuf,
    pub addr: SocketAddr,
    /// Largest request body accepted, in bytes.
    pub max_body: usize,
    /// The access token every request must carry; required beyond loopback.
    pub token: Option<String>,
}

/// The shared state of the app.
#[derive(Clone)]
pub struct App {
    reader: Arc<Mutex<Store>>,
    writer: Arc<Mutex<Store>>,
    max_body: usize,
}

/// A failed request: a status and a message, as HTML or JSON.
struct Failure {
    status: StatusCode,
    message: String,
    json: bool,
}

impl Failure {
    fn page(status: StatusCode, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
            json: false,
        }
    }

    fn api(status: StatusCode, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
            json: true,
        }
    }

    fn not_found(json: bool) -> Failure {
        Failure {
            status: StatusCode::NOT_FOUND,
            message: "Not found.".into(),
            json,
        }
    }

    fn in_api(mut self) -> Failure {
        self.json = true;
        self
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        if self.json {
            (
                self.status,
                Json(serde_json::json!({ "error": self.message })),
            )
                .into_response()
        } else {
            let title = self.status.canonical_reason().unwrap_or("Error");
            let body = format!(
                "<h1>{}</h1><p class=\"error\">{}</p><p><a href=\"/\">All stories</a></p>",
                html::esc(title),
                html::esc(&self.message)
            );
            (self.status, Html(html::page(title, "", &body))).into_response()
        }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        eprintln!("dossier serve: {e}");
        Failure::page(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
    }
}

/// Run `f` on a connection off the async threads.
async fn with_store<T: Send + 'static>(
    store: Arc<Mutex<Store>>,
    f: impl FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, Failure> {
    tokio::task::spawn_blocking(move || {
        // A panic while holding the lock poisons it; the connection itself is
        // still consistent (SQLite rolled back), so keep serving.
        let mut guard = store.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut guard)
    })
    .await
    .map_err(|e| Failure::page(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
    .map_err(Failure::from)
}

impl App {
    /// Open the database at `db` (an SQLite file, created if missing, or a
    /// `postgres://` URL) with a read and a write connection.
    pub fn open(db: &Path, max_body: usize) -> Result<App, StoreError> {
        let open = || match db.to_str() {
            Some(url) if dossier_store::is_postgres_url(url) => Store::open_postgres(url),
            _ => Store::open(db),
        };
        let writer = open()?;
        let reader = open()?;
        Ok(App {
            reader: Arc::new(Mutex::new(reader)),
            writer: Arc::new(Mutex::new(writer)),
            max_body,
        })
    }

    /// All routes, with the body limit and the security headers.
    pub fn router(&self) -> Router {
        let max = self.max_body;
        Router::new()
            .route("/", get(list_page))
            .route("/story/{id}", get(story_page))
            .route("/story/{id}/report", get(story_report))
            .route("/article/{id}", get(article_page))
            .route("/upload", get(upload_form).post(upload))
            .route("/static/app.css", get(stylesheet))
            .route("/api/stories", get(api_stories))
            .route("/api/stories/{id}", get(api_story))
            .route("/api/articles", axum::routing::post(api_upload))
            .route("/api/articles/{id}", get(api_article))
            .route("/api/search", get(api_search))
            .fallback(|| async { Failure::not_found(false) })
            .layer(DefaultBodyLimit::max(max))
            .layer(axum::middleware::map_response(security_headers))
            .with_state(self.clone())
    }

    /// [`App::router`], answering only requests that carry `token`.
    pub fn router_with_token(&self, token: &str) -> Router {
        self.router().layer(axum::middleware::from_fn_with_state(
            Arc::<str>::from(token),
            auth::require,
        ))
    }
}

async fn security_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    // The HTML report route sets its own (hash-based) policy.
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        );
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=300"),
        ],
        html::CSS,
    )
}

#[derive(Deserialize, Default)]
struct ListQuery {
    date: Option<String>,
    entity: Option<String>,
    q: Option<String>,
    limit: Option<usize>,
}

fn clean(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().chars().take(200).collect::<String>())
        .filter(|s| !s.is_empty())
}

fn filter_of(q: ListQuery) -> StoryFilter {
    StoryFilter {
        date: clean(q.date),
        entity: clean(q.entity),
        query: clean(q.q),
        limit: Some(q.limit.unwrap_or(200).min(1000)),
    }
}

async fn list_page(
    State(app): State<App>,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Html<String>, Failure> {
    let filter = filter_of(query.map(|q| q.0).unwrap_or_default());
    let page = with_store(app.reader, move |s| {
        let rows = s.stories(&filter)?;
        let hits = match &filter.query {
            Some(q) => s.search(q, 30)?,
            None => Vec::new(),
        };
        let entities = s.top_entities(200)?;
        let totals = s.counts()?;
        let q = filter.query.as_deref().unwrap_or("");
        let body = html::story_list(&html::ListView {
            rows: &rows,
            hits: &hits,
            date: filter.date.as_deref().unwrap_or(""),
            entity: filter.entity.as_deref().unwrap_or(""),
            query: q,
            entities: &entities,
            totals,
        });
        Ok(html::page("Stories", q, &body))
    })
    .await?;
    Ok(Html(page))
}

async fn story_page(
    State(app): State<App>,
    UrlPath(id): UrlPath<String>,
) -> Result<Html<String>, Failure> {
    let row = dossier_store::parse_story_ref(&id).ok_or(Failure::not_found(false))?;
    let page = with_store(app.reader, move |s| {
        let Some(story) = s.story_json(row)? else {
            return Ok(None);
        };
        let mut articles = Vec::new();
        for a in &story.articles {
            if let Some(r) = dossier_store::parse_article_ref(a) {
                if let Some(sa) = s.article(r)? {
                    articles.push(sa);
                }
            }
        }
        let body = html::story_page(&story, &articles);
        Ok(Some(html::page(&story.headline, "", &body)))
    })
    .await?;
    page.map(Html).ok_or(Failure::not_found(false))
}

/// The policy a self-contained HTML report declares in its `<meta>` (its own
/// style and script, allowed by hash), to send as the header: a header policy
/// and a meta policy both apply, so the strict app policy would break the
/// report. `None` (then the strict policy applies) when it cannot be found.
fn report_policy(page: &str) -> Option<HeaderValue> {
    let key = "http-equiv=\"Content-Security-Policy\" content=\"";
    let head = page.get(..page.find("</head>")?)?;
    let rest = head.get(head.find(key)? + key.len()..)?;
    let raw = rest.get(..rest.find('"')?)?;
    let policy = raw
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let sane = policy.starts_with("default-src 'none'")
        && !policy.contains("unsafe-")
        && policy.bytes().all(|b| (b' '..=b'~').contains(&b));
    sane.then(|| HeaderValue::from_str(&policy).ok()).flatten()
}

/// The story as the self-contained HTML report (sources side by side,
/// corroboration matrix, timeline chart).
async fn story_report(
    State(app): State<App>,
    UrlPath(id): UrlPath<String>,
) -> Result<Response, Failure> {
    let row = dossier_store::parse_story_ref(&id).ok_or(Failure::not_found(false))?;
    let page = with_store(app.reader, move |s| {
        Ok(s.story_brief(row)?.map(|brief| {
            let title = brief
                .stories
                .first()
                .map_or_else(|| format!("s{row}"), |s| s.headline.clone());
            dossier_render::render_html_with(&brief, &dossier_render::HtmlOptions { title })
        }))
    })
    .await?
    .ok_or(Failure::not_found(false))?;
    let policy = report_policy(&page);
    let mut res = Html(page).into_response();
    if let Some(policy) = policy {
        res.headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    Ok(res)
}

#[derive(Deserialize)]
struct SpanQuery {
    start: Option<String>,
    end: Option<String>,
}

async fn article_page(
    State(app): State<App>,
    UrlPath(id): UrlPath<String>,
    query: Result<Query<SpanQuery>, QueryRejection>,
) -> Result<Html<String>, Failure> {
    let row = dossier_store::parse_article_ref(&id).ok_or(Failure::not_found(false))?;
    let span = query.ok().and_then(|Query(q)| {
        let s = q.start?.parse::<usize>().ok()?;
        let e = q.end?.parse::<usize>().ok()?;
        (s < e).then_some((s, e))
    });
    let page = with_store(app.reader, move |s| {
        Ok(s.article(row)?.map(|a| {
            let title = a
                .article
                .meta
                .title
                .clone()
                .unwrap_or_else(|| a.article.source.clone());
            html::page(&title, "", &html::article_page(&a, span))
        }))
    })
    .await?;
    page.map(Html).ok_or(Failure::not_found(false))
}

async fn upload_form() -> Html<String> {
    Html(html::page("Add articles", "", html::UPLOAD_FORM))
}

/// An uploaded input's label: its file name without any folder, so it names
/// the upload in the article's `source` and hints its format, and is never a path.
fn upload_name(name: Option<&str>) -> String {
    let base = name
        .and_then(|n| n.rsplit(['/', '\\']).next())
        .map(|n| {
            n.chars()
                .filter(|c| !c.is_control())
                .take(120)
                .collect::<String>()
        })
        .filter(|n| !n.trim().is_empty() && n != "." && n != "..")
        .unwrap_or_else(|| "pasted.txt".into());
    format!("upload:{base}")
}

/// What one upload stored: (id, title, stories) of new and known articles, and errors.
struct Uploaded {
    added: Vec<(i64, String, Vec<i64>)>,
    existing: Vec<(i64, String, Vec<i64>)>,
    errors: Vec<String>,
}

/// Read every part of a multipart upload into (name, bytes).
async fn read_parts(mut mp: Multipart) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let mut inputs = Vec::new();
    loop {
        let field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(Failure::page(e.status(), e.body_text())),
        };
        let field_name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = field
            .bytes()
            .await
            .map_err(|e| Failure::page(e.status(), e.body_text()))?;
        if bytes.iter().all(u8::is_ascii_whitespace)
            && file_name.as_deref().unwrap_or("").is_empty()
        {
            continue;
        }
        match field_name.as_str() {
            "file" | "text" => inputs.push((upload_name(file_name.as_deref()), bytes.to_vec())),
            _ => {}
        }
    }
    Ok(inputs)
}

async fn store_inputs(app: &App, inputs: Vec<(String, Vec<u8>)>) -> Result<Uploaded, Failure> {
    with_store(app.writer.clone(), move |s| {
        let opts = StoreOptions::default();
        let mut out = Uploaded {
            added: Vec::new(),
            existing: Vec::new(),
            errors: Vec::new(),
        };
        let mut added = Vec::new();
        let mut existing = Vec::new();
        for (name, bytes) in &inputs {
            let r = s.ingest_bytes(name, bytes, &opts)?;
            added.extend(r.added);
            existing.extend(r.existing);
            out.errors.extend(r.errors.iter().map(ToString::to_string));
        }
        for (list, into) in [(added, &mut out.added), (existing, &mut out.existing)] {
            for a in list {
                let stories = s.article(a.id)?.map(|x| x.stories).unwrap_or_default();
                into.push((a.id, a.title.unwrap_or(a.source), stories));
            }
        }
        Ok(out)
    })
    .await
}

async fn upload(State(app): State<App>, mp: Multipart) -> Result<Response, Failure> {
    let inputs = read_parts(mp).await?;
    if inputs.is_empty() {
        return Err(Failure::page(
            StatusCode::BAD_REQUEST,
            "Nothing to add: choose a file or paste an article.",
        ));
    }
    let up = store_inputs(&app, inputs).await?;
    let body = html::upload_result(&html::UploadView {
        added: &up.added,
        existing: &up.existing,
        errors: &up.errors,
    });
    let status = if up.added.is_empty() && up.existing.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, Html(html::page("Added", "", &body))).into_response())
}

async fn api_stories(
    State(app): State<App>,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Response, Failure> {
    let filter = filter_of(query.map(|q| q.0).unwrap_or_default());
    let rows = with_store(app.reader, move |s| s.stories(&filter))
        .await
        .map_err(Failure::in_api)?;
    Ok(Json(rows).into_response())
}

async fn api_story(
    State(app): State<App>,
    UrlPath(id): UrlPath<String>,
) -> Result<Response, Failure> {
    let row = dossier_store::parse_story_ref(&id).ok_or(Failure::not_found(true))?;
    let doc = with_store(app.reader, move |s| s.story_document(row, GENERATOR))
        .await
        .map_err(Failure::in_api)?;
    doc.map(|d| Json(d).into_response())
        .ok_or(Failure::not_found(true))
}

#[derive(serde::Serialize)]
struct ArticleOut {
    #[serde(flatten)]
    article: dossier_render::json::Article,
    stories: Vec<String>,
}

async fn api_article(
    State(app): State<App>,
    UrlPath(id): UrlPath<String>,
) -> Result<Response, Failure> {
    let row = dossier_store::parse_article_ref(&id).ok_or(Failure::not_found(true))?;
    let a = with_store(app.reader, move |s| s.article(row))
        .await
        .map_err(Failure::in_api)?
        .ok_or(Failure::not_found(true))?;
    Ok(Json(ArticleOut {
        article: dossier_render::json::Article::from_model(&a.article),
        stories: a.stories.iter().map(|s| format!("s{s}")).collect(),
    })
    .into_response())
}

#[derive(Deserialize)]
struct SearchQuery {
    q: Option<String>,
    limit: Option<usize>,
}

async fn api_search(
    State(app): State<App>,
    query: Result<Query<SearchQuery>, QueryRejection>,
) -> Result<Response, Failure> {
    let (q, limit) = query
        .ok()
        .map(|Query(q)| (q.q.unwrap_or_default(), q.limit.unwrap_or(20).min(200)))
        .unwrap_or_default();
    let mut hits = with_store(app.reader, move |s| s.search(&q, limit))
        .await
        .map_err(Failure::in_api)?;
    for h in &mut hits {
        h.snippet = h
            .snippet
            .replace([dossier_store::HIT_START, dossier_store::HIT_END], "");
    }
    Ok(Json(hits).into_response())
}

#[derive(Deserialize)]
struct UploadQuery {
    name: Option<String>,
}

/// `POST /api/articles`: the raw body is one input (any format); `?name=`
/// labels it and hints its format. A multipart body is read like the form.
async fn api_upload(
    State(app): State<App>,
    query: Result<Query<UploadQuery>, QueryRejection>,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Result<Response, Failure> {
    let is_multipart = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if is_multipart {
        return Err(Failure::api(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the article as the raw request body (use /upload for forms)",
        ));
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Failure::api(StatusCode::BAD_REQUEST, "empty body"));
    }
    let name = upload_name(query.ok().and_then(|q| q.0.name).as_deref());
    let up = store_inputs(&app, vec![(name, body.to_vec())])
        .await
        .map_err(Failure::in_api)?;
    let list = |items: &[(i64, String, Vec<i64>)]| -> Vec<serde_json::Value> {
        items
            .iter()
            .map(|(id, title, stories)| {
                serde_json::json!({
                    "id": format!("a{id}"),
                    "title": title,
                    "stories": stories.iter().map(|s| format!("s{s}")).collect::<Vec<_>>(),
                })
            })
            .collect()
    };
    let status = if !up.added.is_empty() {
        StatusCode::CREATED
    } else if !up.existing.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((
        status,
        Json(serde_json::json!({
            "added": list(&up.added),
            "existing": list(&up.existing),
            "errors": up.errors,
        })),
    )
        .into_response())
}

/// Serve until Ctrl-C. `ready` is called with the bound address (useful with port 0).
pub fn serve_blocking(cfg: &Config, ready: impl FnOnce(SocketAddr)) -> Result<(), ServerError> {
    auth::check(cfg.addr, cfg.token.as_deref())?;
    let app = App::open(&cfg.db, cfg.max_body)?;
    let router = match &cfg.token {
        Some(t) => app.router_with_token(t),
        None => app.router(),
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ServerError::Runtime)?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(cfg.addr)
            .await
            .map_err(|source| ServerError::Bind {
                addr: cfg.addr,
                source,
            })?;
        let local = listener.local_addr().map_err(ServerError::Serve)?;
        ready(local);
        axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(ServerError::Serve)
    })
}

#[cfg(test)]
mod tests;
