//! Reading news inputs of every common format into cleaned [`Article`]s.
//!
//! Inputs are files, folders (read recursively, in path order) or stdin. The
//! format is detected from the content, not only the name: gzip (by its magic
//! bytes, decompressed with a size bound), WARC (HTML response records), JSON
//! (one object or an array) and JSON Lines records, Multi-News cluster lines,
//! HTML (charset from BOM, `<meta>`, or a guess), and plain text or Markdown.
//!
//! Every article's text goes through [`clean::clean_text`], which removes
//! comment widgets, share prompts, footers and other page furniture and
//! records what it removed. HTML pages first go through [`html::extract`],
//! which picks the main text by text and link density. [`ingest_paths`] also
//! learns the lines a site repeats across its pages ([`sitewide`]) and
//! removes them as `boilerplate`.
//!
//! A bad input never stops the others: [`ingest_paths`] collects one
//! [`IngestError`] per failed input (or record) and goes on.

pub mod clean;
pub mod clusters;
pub mod dates;
pub mod decode;
mod error;
pub mod html;
pub mod lang;
mod rawtext;
pub mod sitewide;
pub mod textmeta;
pub mod warc;

use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};

use dossier_model::{Article, ArticleId, Date, Span};

pub use error::{ErrorKind, IngestError};

/// Limits and switches for ingestion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestOptions {
    /// Keep junk lines in the text instead of removing them.
    pub keep_junk: bool,
    /// Largest input read, in bytes (default 64 MiB).
    pub max_input_bytes: u64,
    /// Largest gzip output accepted, in bytes (default 256 MiB), against gzip bombs.
    pub max_decompressed_bytes: u64,
    /// Lines known to repeat across a site's pages, removed from its HTML
    /// pages as `boilerplate`. [`ingest_paths`] learns them itself.
    pub site_boilerplate: Option<std::sync::Arc<sitewide::SiteBoilerplate>>,
    /// Also list an input whose every line cleaning removed (a "page not
    /// found", a tweet-location notice) as an article with no text and its
    /// removed lines, so a brief shows what was taken out and why. The input
    /// still counts as one without article text.
    pub keep_emptied: bool,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            keep_junk: false,
            max_input_bytes: 64 * 1024 * 1024,
            max_decompressed_bytes: 256 * 1024 * 1024,
            site_boilerplate: None,
            keep_emptied: false,
        }
    }
}

/// The articles read from all inputs, and one error per input that failed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ingested {
    pub articles: Vec<Article>,
    pub errors: Vec<IngestError>,
}

/// Read `paths`: files, folders (read recursively, sorted by path), or `-`
/// for stdin. Article ids are `ArticleId(0..)` in input order.
///
/// Files are read and extracted in parallel (rayon); articles and errors
/// come out in input order all the same.
pub fn ingest_paths(paths: &[String], opts: &IngestOptions) -> Ingested {
    use rayon::prelude::*;

    /// One unit of work, listed in input order before the parallel phase.
    enum Work {
        Bytes(String, Vec<u8>),
        File(PathBuf, String),
        Failed(IngestError),
    }
    let mut work = Vec::new();
    for p in paths {
        if p == "-" {
            // Stdin is read here, in order, so a second `-` reads what is left.
            let mut bytes = Vec::new();
            let res = std::io::stdin()
                .lock()
                .take(opts.max_input_bytes.saturating_add(1))
                .read_to_end(&mut bytes);
            work.push(match res {
                Err(e) => Work::Failed(IngestError::new("stdin", ErrorKind::Io(e.to_string()))),
                Ok(_) if bytes.len() as u64 > opts.max_input_bytes => {
                    Work::Failed(IngestError::new(
                        "stdin",
                        ErrorKind::TooLarge {
                            limit: opts.max_input_bytes,
                        },
                    ))
                }
                Ok(_) => Work::Bytes("stdin".to_string(), bytes),
            });
            continue;
        }
        let path = Path::new(p);
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => match list_dir(path) {
                Ok(files) => work.extend(files.into_iter().map(|f| {
                    let name = f.display().to_string();
                    Work::File(f, name)
                })),
                Err(e) => work.push(Work::Failed(e)),
            },
            Ok(_) => work.push(Work::File(path.to_path_buf(), p.clone())),
            Err(e) => work.push(Work::Failed(IngestError::new(
                p.as_str(),
                ErrorKind::Io(e.to_string()),
            ))),
        }
    }
    let run = |w: &Work, opts: &IngestOptions| match w {
        Work::Bytes(name, bytes) => ingest_input(name, bytes, opts),
        Work::File(f, name) => match read_file_bytes(f, name, opts) {
            Ok(bytes) => ingest_input(name, &bytes, opts),
            Err(e) => Ingested {
                articles: Vec::new(),
                errors: vec![e],
            },
        },
        Work::Failed(e) => Ingested {
            articles: Vec::new(),
            errors: vec![e.clone()],
        },
    };
    let mut results: Vec<Ingested> = work.par_iter().map(|w| run(w, opts)).collect();
    // Lines a site repeats across its pages show only across inputs: learn
    // them from this first read, then clean the inputs they touch again.
    if !opts.keep_junk && opts.site_boilerplate.is_none() {
        let learned =
            sitewide::SiteBoilerplate::learn(results.iter().flat_map(|r| r.articles.iter()));
        if !learned.is_empty() {
            let redo: Vec<usize> = (0..results.len())
                .filter(|&i| results[i].articles.iter().any(|a| learned.covers(a)))
                .collect();
            let again = IngestOptions {
                site_boilerplate: Some(std::sync::Arc::new(learned)),
                ..opts.clone()
            };
            let redone: Vec<(usize, Ingested)> = redo
                .par_iter()
                .map(|&i| (i, run(&work[i], &again)))
                .collect();
            for (i, r) in redone {
                results[i] = r;
            }
        }
    }
    let mut all = Ingested::default();
    for one in results {
        merge(&mut all, one);
    }
    all
}

fn merge(all: &mut Ingested, mut one: Ingested) {
    for mut a in one.articles.drain(..) {
        a.id = ArticleId(all.articles.len());
        all.articles.push(a);
    }
    all.errors.append(&mut one.errors);
}

/// Every file under `dir`, recursively, sorted by path. Hidden entries
/// (names starting with `.`) are skipped and symlinked folders not followed,
/// so a link loop cannot trap the walk.
fn list_dir(dir: &Path) -> Result<Vec<PathBuf>, IngestError> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let rd = std::fs::read_dir(&d)
            .map_err(|e| IngestError::new(d.display().to_string(), ErrorKind::Io(e.to_string())))?;
        for entry in rd.flatten() {
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let p = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => todo.push(p),
                Ok(t) if t.is_file() => out.push(p),
                Ok(t) if t.is_symlink() && p.is_file() => out.push(p),
                _ => {}
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Read a file, refusing more than `max_input_bytes`.
pub(crate) fn read_file_bytes(
    path: &Path,
    name: &str,
    opts: &IngestOptions,
) -> Result<Vec<u8>, IngestError> {
    let io = |e: std::io::Error| IngestError::new(name, ErrorKind::Io(e.to_string()));
    let f = std::fs::File::open(path).map_err(io)?;
    let too_large = IngestError::new(
        name,
        ErrorKind::TooLarge {
            limit: opts.max_input_bytes,
        },
    );
    if f.metadata().map_err(io)?.len() > opts.max_input_bytes {
        return Err(too_large);
    }
    let mut bytes = Vec::new();
    f.take(opts.max_input_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > opts.max_input_bytes {
        return Err(too_large);
    }
    Ok(bytes)
}

pub(crate) fn maybe_gunzip<'a>(
    name: &str,
    bytes: &'a [u8],
    opts: &IngestOptions,
) -> Result<Cow<'a, [u8]>, IngestError> {
    if decode::is_gzip(bytes) {
        decode::gunzip(bytes, opts.max_decompressed_bytes)
            .map(Cow::Owned)
            .map_err(|k| IngestError::new(name, k))
    } else {
        Ok(Cow::Borrowed(bytes))
    }
}

/// One input's bytes (maybe gzipped) to its articles, ids numbered from 0 (the
/// caller renumbers). `source` names the input in [`Article::source`] and in
/// errors. For inputs holding many records (JSON Lines, WARC), records that
/// fail are skipped; the input fails only when none succeeds. Use
/// [`ingest_input`] to get the per-record errors too.
pub fn ingest_bytes(
    source: &str,
    bytes: &[u8],
    opts: &IngestOptions,
) -> Result<Vec<Article>, IngestError> {
    let mut got = ingest_input(source, bytes, opts);
    if got.articles.is_empty() && !got.errors.is_empty() {
        return Err(got.errors.swap_remove(0));
    }
    Ok(got.articles)
}

/// What the content of an input looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Warc,
    Json,
    Html,
    Text,
}

/// Sniff the format of (already decompressed) bytes; `name` breaks ties.
pub fn detect_format(name: &str, bytes: &[u8]) -> Format {
    if warc::is_warc(bytes) {
        return Format::Warc;
    }
    let skip = decode::bom(bytes).map_or(0, |(_, n)| n);
    let body = bytes.get(skip..).unwrap_or(&[]);
    let first = body.iter().position(|b| !b.is_ascii_whitespace());
    let first_byte = first.and_then(|i| body.get(i)).copied();
    let lower_name = name.to_ascii_lowercase();
    let lower_name = lower_name.trim_end_matches(".gz");
    if matches!(first_byte, Some(b'{' | b'[')) {
        return Format::Json;
    }
    let head: Vec<u8> = body
        .iter()
        .skip(first.unwrap_or(0))
        .take(4096)
        .map(u8::to_ascii_lowercase)
        .collect();
    let tagged = [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<title",
        b"<div",
        b"<p>",
        b"<p ",
        b"<article",
        b"<!--",
        b"<?xml",
    ]
    .iter()
    .any(|t| head.starts_with(t))
        || (head.starts_with(b"<") && decode::find(&head, b"<p").is_some());
    let html_name = [".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"]
        .iter()
        .any(|e| lower_name.ends_with(e));
    if tagged || (html_name && decode::find(&head, b"<").is_some()) {
        return Format::Html;
    }
    Format::Text
}

/// Add an article read from `source`; one that cleaning emptied is an input
/// without article text, listed as well when the options ask for it.
fn push_article(out: &mut Ingested, source: &str, a: Article, opts: &IngestOptions) {
    if !a.text.is_empty() {
        out.articles.push(a);
        return;
    }
    out.errors.push(IngestError::new(source, ErrorKind::NoText));
    if opts.keep_emptied && !a.removed.is_empty() {
        out.articles.push(a);
    }
}

/// [`ingest_bytes`] keeping every per-record error as well as the articles.
pub fn ingest_input(source: &str, bytes: &[u8], opts: &IngestOptions) -> Ingested {
    let mut out = Ingested::default();
    let fail = |k: ErrorKind| Ingested {
        articles: Vec::new(),
        errors: vec![IngestError::new(source, k)],
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return fail(ErrorKind::Empty);
    }
    let bytes = match maybe_gunzip(source, bytes, opts) {
        Ok(b) => b,
        Err(e) => {
            out.errors.push(e);
            return out;
        }
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return fail(ErrorKind::Empty);
    }
    let format = detect_format(source, &bytes);
    if format == Format::Warc {
        return ingest_warc(source, &bytes, opts);
    }
    if decode::looks_binary(&bytes) {
        return fail(ErrorKind::Binary);
    }
    match format {
        Format::Html => {
            let declared = decode::html_declared_charset(&bytes);
            let text = decode::decode_cow(&bytes, declared.as_deref());
            match article_from_html(ArticleId(0), source, &text, opts) {
                Ok(a) => push_article(&mut out, source, a, opts),
                Err(e) => out.errors.push(e),
            }
        }
        Format::Json => {
            let text = decode::decode(&bytes, None);
            ingest_json(source, &text, opts, &mut out);
        }
        Format::Text | Format::Warc => {
            let text = decode::decode(&bytes, None);
            let a = article_from_text(ArticleId(0), source, &text, opts);
            push_article(&mut out, source, a, opts);
        }
    }
    for (i, a) in out.articles.iter_mut().enumerate() {
        a.id = ArticleId(i);
    }
    out
}

fn ingest_warc(source: &str, bytes: &[u8], opts: &IngestOptions) -> Ingested {
    let mut out = Ingested::default();
    let (pages, problems) = warc::pages(bytes);
    for p in problems {
        out.errors
            .push(IngestError::new(source, ErrorKind::Warc(p)));
    }
    for page in pages {
        let name = format!("{source}#{}", page.record);
        let body: Cow<[u8]> = if page
            .content_encoding
            .as_deref()
            .is_some_and(|e| e.to_ascii_lowercase().contains("gzip"))
            || decode::is_gzip(&page.body)
        {
            match decode::gunzip(&page.body, opts.max_decompressed_bytes) {
                Ok(b) => Cow::Owned(b),
                Err(k) => {
                    out.errors.push(IngestError::new(name, k));
                    continue;
                }
            }
        } else {
            Cow::Borrowed(&page.body)
        };
        if decode::looks_binary(&body) {
            out.errors.push(IngestError::new(name, ErrorKind::Binary));
            continue;
        }
        let declared = page
            .content_type
            .as_deref()
            .and_then(decode::mime_charset)
            .or_else(|| decode::html_declared_charset(&body));
        let text = decode::decode(&body, declared.as_deref());
        match article_from_html(ArticleId(out.articles.len()), &name, &text, opts) {
            Ok(mut a) => {
                if a.meta.url.is_none() {
                    a.meta.url = page.target_uri.clone();
                }
                if a.meta.published.is_none() {
                    a.meta.published = page.target_uri.as_deref().and_then(dates::date_in_url);
                }
                push_article(&mut out, &name, a, opts);
            }
            Err(e) => out.errors.push(e),
        }
    }
    if out.articles.is_empty() && out.errors.is_empty() {
        out.errors.push(IngestError::new(source, ErrorKind::NoText));
    }
    out
}

fn ingest_json(source: &str, text: &str, opts: &IngestOptions, out: &mut Ingested) {
    let trimmed = text.trim_start_matches('\u{feff}');
    match serde_json::from_str::<serde_json::Value>(trimmed) {
        Ok(serde_json::Value::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                let name = format!("{source}#{}", i + 1);
                record_articles(&name, v, opts, out);
            }
        }
        Ok(v) => record_articles(source, &v, opts, out),
        Err(whole_err) => {
            let mut lines = 0;
            for (i, line) in trimmed.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() {
                    continue;
                }
                lines += 1;
                let name = format!("{source}#{}", i + 1);
                match serde_json::from_str::<serde_json::Value>(line) {
                    Ok(v) => record_articles(&name, &v, opts, out),
                    Err(e) => out
                        .errors
                        .push(IngestError::new(name, ErrorKind::Json(e.to_string()))),
                }
            }
            if lines <= 1 {
                out.errors.clear();
                out.errors.push(IngestError::new(
                    source,
                    ErrorKind::Json(whole_err.to_string()),
                ));
            }
        }
    }
}

fn json_str(v: &serde_json::Value, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| {
        let f = v.get(*k)?;
        let s = match f {
            serde_json::Value::String(s) => s.trim().to_string(),
            serde_json::Value::Object(o) => o.get("name")?.as_str()?.trim().to_string(),
            serde_json::Value::Array(a) => a
                .iter()
                .filter_map(|x| match x {
                    serde_json::Value::String(s) => Some(s.trim().to_string()),
                    serde_json::Value::Object(o) => {
                        o.get("name").and_then(|n| n.as_str()).map(str::to_string)
                    }
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(", "),
            serde_json::Value::Number(n) => n.to_string(),
            _ => return None,
        };
        (!s.is_empty()).then_some(s)
    })
}

/// One JSON record (or cluster line) to its articles.
fn record_articles(name: &str, v: &serde_json::Value, opts: &IngestOptions, out: &mut Ingested) {
    if !v.is_object() {
        out.errors.push(IngestError::new(
            name,
            ErrorKind::Json("a record must be a JSON object".into()),
        ));
        return;
    }
    if let Some(docs) = v.get("documents").and_then(|d| d.as_array()) {
        for (n, d) in docs.iter().enumerate() {
            let Some(t) = d.as_str() else { continue };
            let src = format!("{name}.{}", n + 1);
            let a = article_from_text(ArticleId(out.articles.len()), &src, t, opts);
            push_article(out, &src, a, opts);
        }
        return;
    }
    let title = json_str(v, &["title", "headline"]);
    let id = ArticleId(out.articles.len());
    let article = if let Some(t) = json_str(v, &["text", "content", "body", "maintext"]) {
        let mut a = article_from_text(id, name, &t, opts);
        if let Some(title) = &title {
            let first = a.text.lines().next().unwrap_or("");
            a.title_span =
                (same_words(first, title) && !first.is_empty()).then(|| Span::new(0, first.len()));
        }
        Ok(a)
    } else if let Some(h) = json_str(v, &["html", "raw_html"]) {
        article_from_html(id, name, &h, opts)
    } else {
        Err(IngestError::new(name, ErrorKind::NoTextField))
    };
    let mut a = match article {
        Ok(a) if a.text.is_empty() => {
            push_article(out, name, a, opts);
            return;
        }
        Ok(a) => a,
        Err(e) => {
            out.errors.push(e);
            return;
        }
    };
    if title.is_some() {
        a.meta.title = title;
    }
    if let Some(u) = json_str(v, &["url", "link", "canonical_url"]) {
        a.meta.url = Some(u);
    }
    if let Some(d) = json_str(
        v,
        &[
            "published",
            "date",
            "published_at",
            "datePublished",
            "pubDate",
            "publish_date",
        ],
    )
    .and_then(|d| dates::parse_date(&d))
    {
        a.meta.published = Some(d);
    } else if a.meta.published.is_none() {
        a.meta.published = a.meta.url.as_deref().and_then(dates::date_in_url);
    }
    if let Some(o) = json_str(v, &["outlet", "source", "site", "site_name", "publisher"]) {
        a.meta.outlet = Some(o);
    }
    if let Some(au) = json_str(v, &["author", "authors", "byline"]) {
        a.meta.author = Some(au);
    }
    if let Some(l) = json_str(v, &["language", "lang"]) {
        let code: String = l.chars().take_while(char::is_ascii_alphabetic).collect();
        if code.len() == 2 {
            a.meta.language = code.to_ascii_lowercase();
        }
    }
    out.articles.push(a);
}

fn same_words(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    let (x, y) = (norm(a), norm(b));
    !x.is_empty() && x == y
}

/// Plain, already extracted text (e.g. a Multi-News document) to a cleaned
/// article: `NEWLINE_CHAR` markers become newlines, junk lines are removed
/// unless `keep_junk`, and a first line that reads as a title becomes the title.
pub fn article_from_text(id: ArticleId, source: &str, raw: &str, opts: &IngestOptions) -> Article {
    let raw = if raw.contains("NEWLINE_CHAR") {
        Cow::Owned(raw.replace("NEWLINE_CHAR", "\n"))
    } else {
        Cow::Borrowed(raw)
    };
    let raw = match decode::fix_mojibake(&raw) {
        Cow::Borrowed(_) => raw,
        Cow::Owned(fixed) => Cow::Owned(fixed),
    };
    let cleaned = clean::clean_with(&raw, opts.keep_junk);
    let mut a = Article::new(id, source, cleaned.text);
    a.removed = cleaned.removed;
    if let Some(code) = lang::guess_language(&a.text) {
        a.meta.language = code.to_string();
    }
    if let Some(first) = a.text.lines().next() {
        if is_title_line(first) && a.text.len() > first.len() {
            a.title_span = Some(Span::new(0, first.len()));
            a.meta.title = Some(first.to_string());
        }
    }
    a.meta.author = byline_author(&a.text, &a.removed);
    // A dateline or a copyright footer names the publisher; the dateline
    // itself stays in the text.
    a.meta.outlet = textmeta::outlet_from_text(&a.text, &a.removed);
    a.meta.published = textmeta::posted_date(&a.text, &a.removed);
    a
}

/// The author named by a byline ("By Ana Ruiz", "By Ana Ruiz, 4 May 2021"):
/// the first one cleaning removed, or (with the junk kept) one among the
/// first lines of a text, before its prose begins.
fn byline_author(text: &str, removed: &[dossier_model::RemovedLine]) -> Option<String> {
    let head = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(6)
        .take_while(|l| !clean::is_prose(l));
    removed
        .iter()
        .map(|r| r.text.as_str())
        .chain(head)
        .map(str::trim)
        .find(|l| {
            l.len() > 3
                && l.as_bytes()[..3].eq_ignore_ascii_case(b"by ")
                && l.split_whitespace().count() <= 10
        })
        .map(html::clean_byline)
        .filter(|name| {
            let words: Vec<&str> = name.split_whitespace().collect();
            (1..=8).contains(&words.len())
                && words
                    .iter()
                    .any(|w| w.chars().next().is_some_and(char::is_uppercase))
        })
}

/// A first line that reads as a headline: short, not a sentence, has letters.
pub fn is_title_line(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    if words == 0 || words > 14 {
        return false;
    }
    if t.ends_with(['.', '!', '?', ';', ',', ':', '…']) {
        return false;
    }
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 3 && t.chars().next().is_some_and(|c| !c.is_lowercase())
}

/// An HTML page to a cleaned article: main text, metadata, title line. When
/// cleaning removed every line, the article has no text and lists them all.
pub fn article_from_html(
    id: ArticleId,
    source: &str,
    html_text: &str,
    opts: &IngestOptions,
) -> Result<Article, IngestError> {
    let ex = html::extract(html_text);
    let sitewide = opts
        .site_boilerplate
        .as_deref()
        .and_then(|s| sitewide::site_of(ex.url.as_deref()).and_then(|site| s.lines_of(&site)));
    let cleaned = clean::clean_known(&ex.text, opts.keep_junk, sitewide);
    if cleaned.text.is_empty() && cleaned.removed.is_empty() {
        return Err(IngestError::new(source, ErrorKind::NoText));
    }
    let mut a = Article::new(id, source, cleaned.text);
    a.removed = cleaned.removed;
    if ex.starts_with_h1 {
        let h1 = ex.text.split("\n\n").next().unwrap_or("");
        let rest = a.text.get(h1.len()..);
        if !h1.is_empty()
            && a.text.starts_with(h1)
            && rest.is_some_and(|r| r.is_empty() || r.starts_with("\n\n"))
        {
            a.title_span = Some(Span::new(0, h1.len()));
        }
    }
    a.meta.title = ex.title;
    a.meta.outlet = ex.outlet;
    a.meta.author = ex.author;
    a.meta.published = ex.published;
    a.meta.url = ex.url;
    match ex.language {
        Some(l) => a.meta.language = l,
        None => {
            if let Some(code) = lang::guess_language(&a.text) {
                a.meta.language = code.to_string();
            }
        }
    }
    Ok(a)
}

/// The publication date of an article's metadata as an ISO string, for tools.
pub fn published_iso(a: &Article) -> Option<String> {
    a.meta.published.map(|d: Date| d.to_string())
}
