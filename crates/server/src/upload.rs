//! Adding articles through the web app: the upload form (`/upload`) and
//! `POST /api/articles`, and `GET /api/queue/qN` to follow a queued input.
//!
//! On SQLite the server ingests an upload itself: it is the only writer,
//! and the answer lists the articles stored and their stories. On
//! PostgreSQL the corpus is shared by workers (`dossier worker`), so an
//! upload is enqueued with its bytes, as `dossier ingest --enqueue` does, and
//! the answer lists the queue ids: the web server then never analyses or
//! groups (which would take the grouping lock beside the workers and do a
//! worker's job on the web host), and an upload gets the queue's guarantees
//! (a lease, retries, a failure recorded with its reason).

use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Multipart, Path as UrlPath, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use dossier_store::queue::QueueEntry;
use dossier_store::{Dialect, Store, StoreError, StoreOptions};
use serde::Deserialize;

use crate::{html, with_store, App, Failure};

/// (id, title, stories) of an article an upload met.
type Met = (i64, String, Vec<i64>);

/// What one upload did: articles stored (SQLite) or inputs queued (PostgreSQL).
struct Uploaded {
    added: Vec<Met>,
    existing: Vec<Met>,
    queued: Vec<QueueEntry>,
    errors: Vec<String>,
}

impl Uploaded {
    fn empty() -> Uploaded {
        Uploaded {
            added: Vec::new(),
            existing: Vec::new(),
            queued: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// 201 when articles were stored, 202 when inputs wait for the workers,
    /// 200 when everything was stored before, 422 when nothing could be read.
    fn status(&self) -> StatusCode {
        if !self.added.is_empty() {
            StatusCode::CREATED
        } else if !self.queued.is_empty() {
            StatusCode::ACCEPTED
        } else if !self.existing.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        }
    }
}

pub(crate) async fn upload_form(State(app): State<App>) -> Html<String> {
    let queued = app.dialect == Dialect::Postgres;
    Html(html::page("Add articles", "", &html::upload_form(queued)))
}

/// An uploaded input's label: its file name without any folder, so it names
/// the upload in the article's `source` and hints its format, and is never a path.
pub(crate) fn upload_name(name: Option<&str>) -> String {
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

/// `q12` (or `12`) as queue id 12.
fn parse_queue_ref(s: &str) -> Option<i64> {
    let n: i64 = s.strip_prefix('q').unwrap_or(s).parse().ok()?;
    (n > 0).then_some(n)
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

/// Ingest the inputs now (SQLite), or queue them for the workers (PostgreSQL).
async fn add_inputs(app: &App, inputs: Vec<(String, Vec<u8>)>) -> Result<Uploaded, Failure> {
    with_store(app.writer.clone(), move |s| match s.dialect() {
        Dialect::Postgres => queue_inputs(s, &inputs),
        Dialect::Sqlite => store_inputs(s, &inputs),
    })
    .await
}

fn queue_inputs(s: &mut Store, inputs: &[(String, Vec<u8>)]) -> Result<Uploaded, StoreError> {
    let mut out = Uploaded::empty();
    for (name, bytes) in inputs {
        let id = s.enqueue(name, bytes)?;
        out.queued.push(QueueEntry {
            id,
            name: name.clone(),
            state: "pending".into(),
            attempts: 0,
            error: None,
        });
    }
    Ok(out)
}

fn store_inputs(s: &mut Store, inputs: &[(String, Vec<u8>)]) -> Result<Uploaded, StoreError> {
    let opts = StoreOptions::default();
    let mut out = Uploaded::empty();
    let mut added = Vec::new();
    let mut existing = Vec::new();
    for (name, bytes) in inputs {
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
}

pub(crate) async fn upload(State(app): State<App>, mp: Multipart) -> Result<Response, Failure> {
    let inputs = read_parts(mp).await?;
    if inputs.is_empty() {
        return Err(Failure::page(
            StatusCode::BAD_REQUEST,
            "Nothing to add: choose a file or paste an article.",
        ));
    }
    let up = add_inputs(&app, inputs).await?;
    let body = html::upload_result(&html::UploadView {
        added: &up.added,
        existing: &up.existing,
        queued: &up.queued,
        errors: &up.errors,
    });
    let title = if up.queued.is_empty() {
        "Added"
    } else {
        "Queued"
    };
    // The page keeps 200 for stored articles; 201 is the API's (it names them).
    let status = match up.status() {
        StatusCode::CREATED => StatusCode::OK,
        other => other,
    };
    Ok((status, Html(html::page(title, "", &body))).into_response())
}

#[derive(Deserialize)]
pub(crate) struct UploadQuery {
    name: Option<String>,
}

/// A queued input as the API shows it.
fn queue_json(e: &QueueEntry) -> serde_json::Value {
    serde_json::json!({
        "id": format!("q{}", e.id),
        "name": e.name,
        "state": e.state,
        "attempts": e.attempts,
        "error": e.error,
        "status": format!("/api/queue/q{}", e.id),
    })
}

/// `POST /api/articles`: the raw body is one input (any format); `?name=`
/// labels it and hints its format. A multipart body is read like the form.
pub(crate) async fn api_upload(
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
    let up = add_inputs(&app, vec![(name, body.to_vec())])
        .await
        .map_err(Failure::in_api)?;
    let list = |items: &[Met]| -> Vec<serde_json::Value> {
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
    Ok((
        up.status(),
        Json(serde_json::json!({
            "added": list(&up.added),
            "existing": list(&up.existing),
            "queued": up.queued.iter().map(queue_json).collect::<Vec<_>>(),
            "errors": up.errors,
        })),
    )
        .into_response())
}

/// `GET /api/queue/qN`: where a queued input stands (PostgreSQL only).
pub(crate) async fn api_queue(
    State(app): State<App>,
    UrlPath(id): UrlPath<String>,
) -> Result<Response, Failure> {
    if app.dialect != Dialect::Postgres {
        return Err(Failure::api(
            StatusCode::NOT_FOUND,
            "no queue: this server ingests uploads itself (SQLite database)",
        ));
    }
    let id = parse_queue_ref(&id).ok_or(Failure::not_found(true))?;
    let entry = with_store(app.reader, move |s| s.queue_entry(id))
        .await
        .map_err(Failure::in_api)?
        .ok_or(Failure::not_found(true))?;
    Ok(Json(queue_json(&entry)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_refs_are_positive_numbers() {
        assert_eq!(parse_queue_ref("q12"), Some(12));
        assert_eq!(parse_queue_ref("12"), Some(12));
        for bad in ["q0", "q-1", "q", "qq1", "1;DROP", ""] {
            assert_eq!(parse_queue_ref(bad), None, "{bad}");
        }
    }
}
