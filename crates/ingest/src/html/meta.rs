//! The page's metadata, one field at a time: outlet, title, author, URL,
//! publication date and language, from head tags, JSON-LD and what the
//! walk saw in the body.

use super::author::author;
use super::date::{date_candidates, published};
use super::outlet::outlet;
use super::title::{choose_title, title_candidates, HeadTitles};
use super::walk::{collapse_ws, Meta};
use super::Extracted;

pub(super) fn meta_get<'a>(meta: &'a Meta, keys: &[&str]) -> Option<&'a str> {
    for k in keys {
        if let Some((_, v)) = meta.metas.iter().find(|(mk, v)| mk == k && !v.is_empty()) {
            return Some(v.as_str());
        }
    }
    None
}

pub(super) fn words_of(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Fill the metadata fields of `out`, one field at a time. `selected`
/// marks the elements of the main text; `short_texts` and `date_lines` are
/// the lines that may be a visible dateline (see [`super::date`]).
pub(super) fn fill_meta(
    out: &mut Extracted,
    meta: &Meta,
    selected: &[bool],
    short_texts: &[&str],
    date_lines: &[&str],
    explain: bool,
) {
    let ld = LdInfo::from_scripts(&meta.ld_json);
    out.outlet = outlet(meta, &ld);
    let site = out.outlet.as_deref();
    let head = HeadTitles::read(meta, site);
    out.title_candidates = title_candidates(meta, &ld, &head, selected);
    out.title = choose_title(meta, &ld, &head, site, selected);
    out.author = author(meta, &ld, site);
    out.url = url(meta, &ld);
    let url = out.url.as_deref();
    out.published = published(meta, &ld, selected, short_texts, date_lines, url);
    if explain {
        out.date_candidates = date_candidates(meta, &ld, selected, short_texts, url);
    }
    out.language = language(meta);
}

/// The canonical URL, else og:url, else JSON-LD's.
fn url(meta: &Meta, ld: &LdInfo) -> Option<String> {
    meta.canonical
        .clone()
        .filter(|u| u.starts_with("http"))
        .or_else(|| meta_get(meta, &["og:url", "twitter:url"]).map(str::to_string))
        .or_else(|| ld.url.clone())
}

/// The two-letter code of `<html lang>`.
fn language(meta: &Meta) -> Option<String> {
    meta.lang.as_deref().and_then(|l| {
        let code: String = l
            .trim()
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        (code.len() == 2).then(|| code.to_ascii_lowercase())
    })
}

#[derive(Default)]
pub(super) struct LdInfo {
    pub(super) headline: Option<String>,
    pub(super) published: Option<String>,
    pub(super) modified: Option<String>,
    pub(super) author: Option<String>,
    pub(super) publisher: Option<String>,
    pub(super) url: Option<String>,
}

impl LdInfo {
    pub(super) fn from_scripts(scripts: &[String]) -> LdInfo {
        let mut info = LdInfo::default();
        for s in scripts {
            let s = s
                .trim()
                .trim_start_matches("<!--")
                .trim_end_matches("-->")
                .trim()
                .trim_start_matches("//<![CDATA[")
                .trim_end_matches("//]]>")
                .trim();
            let Ok(v) = serde_json::from_str::<serde_json::Value>(s) else {
                continue;
            };
            // Iterative walk over the JSON value: article-typed objects first.
            let mut stack = vec![&v];
            let mut articles = Vec::new();
            let mut pages = Vec::new();
            while let Some(v) = stack.pop() {
                match v {
                    serde_json::Value::Array(a) => stack.extend(a.iter().rev()),
                    serde_json::Value::Object(o) => {
                        let ty = type_names(o.get("@type"));
                        if ty.iter().any(|t| {
                            t.contains("article")
                                || t.contains("posting")
                                || t == "report"
                                || t.contains("reportage")
                        }) {
                            articles.push(o);
                        } else if ty.iter().any(|t| t == "webpage") {
                            pages.push(o);
                        }
                        if let Some(g) = o.get("@graph") {
                            stack.push(g);
                        }
                        if let Some(m) = o.get("mainEntity") {
                            stack.push(m);
                        }
                    }
                    _ => {}
                }
            }
            for o in articles.into_iter().chain(pages) {
                let s = |k: &str| o.get(k).and_then(|v| v.as_str()).map(collapse_ws);
                if info.headline.is_none() {
                    info.headline = s("headline").or_else(|| s("name"));
                }
                if info.published.is_none() {
                    info.published = s("datePublished").or_else(|| s("dateCreated"));
                }
                if info.modified.is_none() {
                    info.modified = s("dateModified");
                }
                if info.author.is_none() {
                    info.author = o.get("author").and_then(names_of);
                }
                if info.publisher.is_none() {
                    info.publisher = o
                        .get("publisher")
                        .and_then(|p| p.get("name").or(Some(p)))
                        .and_then(|n| n.as_str())
                        .map(collapse_ws);
                }
                if info.url.is_none() {
                    info.url = s("url").filter(|u| u.starts_with("http"));
                }
            }
        }
        info
    }
}

fn type_names(v: Option<&serde_json::Value>) -> Vec<String> {
    match v {
        Some(serde_json::Value::String(s)) => vec![s.to_ascii_lowercase()],
        Some(serde_json::Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str())
            .map(str::to_ascii_lowercase)
            .collect(),
        _ => Vec::new(),
    }
}

fn names_of(v: &serde_json::Value) -> Option<String> {
    let one = |v: &serde_json::Value| -> Option<String> {
        match v {
            serde_json::Value::String(s) => Some(collapse_ws(s)),
            serde_json::Value::Object(o) => o.get("name").and_then(|n| n.as_str()).map(collapse_ws),
            _ => None,
        }
    };
    let names: Vec<String> = match v {
        serde_json::Value::Array(a) => a.iter().filter_map(one).collect(),
        v => one(v).into_iter().collect(),
    };
    let names: Vec<String> = names
        .into_iter()
        .filter(|n| !n.is_empty() && !n.starts_with("http"))
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}
