//! `dossier serve`: the local web app over the corpus database (`dossier-server`).

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;

use crate::store_cmd::DbArg;

#[derive(Args)]
#[command(
    after_help = "Examples:\n  dossier serve\n  dossier serve --db news.db --addr 127.0.0.1:9000\n\nPages: / (stories; ?date=, ?entity=, ?q=), /story/sN, /article/aN, /upload.\nJSON API: GET /api/stories, /api/stories/sN, /api/articles/aN, /api/search?q=; POST /api/articles."
)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Address to listen on. Loopback by default; any other address needs --token.
    /// Port 0 picks a free port (printed on start).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Largest request body (uploads), in bytes; larger requests get 413.
    #[arg(long, default_value_t = dossier_server::DEFAULT_MAX_BODY)]
    pub max_body: usize,
    /// Access token every request must carry (Authorization: Bearer TOKEN, or as the
    /// password of HTTP Basic authentication); required when --addr is not loopback.
    /// Default: $DOSSIER_TOKEN.
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
}

pub fn run(args: ServeArgs) -> Result<ExitCode> {
    let db = args.db.path();
    let token = args
        .token
        .or_else(|| std::env::var("DOSSIER_TOKEN").ok())
        .filter(|t| !t.is_empty());
    let cfg = dossier_server::Config {
        db: db.clone(),
        addr: args.addr,
        max_body: args.max_body,
        token,
    };
    dossier_server::serve_blocking(&cfg, |addr| {
        // One parseable line, flushed, so scripts can wait for it.
        let mut out = std::io::stdout().lock();
        let _ = writeln!(
            out,
            "dossier: serving http://{addr}/ (database {})",
            dossier_store::redacted(&db.display().to_string())
        );
        let _ = out.flush();
    })
    .context("dossier serve")?;
    Ok(ExitCode::SUCCESS)
}
