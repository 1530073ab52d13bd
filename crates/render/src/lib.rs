//! Delivery formats of a brief: terminal text, Markdown, and the `dossier/1` JSON
//! contract.
//!
//! **Architecture invariant:** renderers only read the model; they never analyse.
//! All article text is escaped for the target format.
//!
//! ```
//! use dossier_model::{Article, ArticleId, Brief};
//! let brief = Brief { articles: vec![Article::new(ArticleId(0), "x.txt", "Hi.".into())], stories: vec![] };
//! let json = dossier_render::json::brief_to_json(&brief, "dossier test");
//! assert!(json.contains("\"schema\": \"dossier/1\""));
//! ```

pub mod json;
mod markdown;
mod text;

pub use markdown::{md_escape, render_markdown};
pub use text::{render_text, TextOptions};
mod html;
pub use html::{render_html, render_html_with, HtmlOptions};
