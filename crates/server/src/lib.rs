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
//! The app holds two connections: one for reads and one for the uploads,
//! which write (SQLite in WAL mode lets the reader go on meanwhile). On
//! PostgreSQL an upload is queued for the workers, not ingested (`upload.rs`).
//!
//! ```no_run
//! let app = dossier_server::App::open(std::path::Path::new("dossier.db"), 5 << 20).unwrap();
//! let router = app.router();
//! # let _ = router;
//! ```

pub mod auth;
pub mod html;
mod upload;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, Path as UrlPath, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use dossier_store::{Store, StoreError, StoryFilter};
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
    /// PostgreSQL: uploads go to the workers' queue.
    dialect: dossier_store::Dialect,
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
            dialect: writer.dialect(),
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
            .route("/upload", get(upload::upload_form).post(upload::upload))
            .route("/static/app.css", get(stylesheet))
            .route("/api/stories", get(api_stories))
            .route("/api/stories/{id}", get(api_story))
            .route("/api/articles", axum::routing::post(upload::api_upload))
            .route("/api/articles/{id}", get(api_article))
            .route("/api/search", get(api_search))
            .route("/api/queue/{id}", get(upload::api_queue))
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
