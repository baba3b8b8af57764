//! `dyad serve`: starts the HTTP API and dashboard (crate dyad-serve) on a
//! loopback address unless told otherwise.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::CliError;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// The event store (SQLite file written by `dyad ingest`).
    #[arg(long, default_value = crate::store_cmd::DEFAULT_DB)]
    pub db: PathBuf,
    /// Address to listen on (loopback by default).
    #[arg(long, default_value = dyad_serve::DEFAULT_BIND)]
    pub bind: SocketAddr,
    /// Bearer token that allows `POST /api/code?store=true`; without one
    /// the server never writes and opens the store read-only. Also read from
    /// the environment variable DYAD_WRITE_TOKEN (kept out of `ps`).
    #[arg(long)]
    pub write_token: Option<String>,
}

/// `dyad serve`.
pub fn run(a: ServeArgs) -> Result<bool, CliError> {
    let token = a
        .write_token
        .or_else(|| std::env::var("DYAD_WRITE_TOKEN").ok())
        .filter(|t| !t.trim().is_empty());
    let cfg = dyad_serve::Config {
        db: a.db,
        write_token: token,
    };
    dyad_serve::prepare(&cfg).map_err(CliError::Usage)?;
    let listener = std::net::TcpListener::bind(a.bind)?;
    let addr = listener.local_addr()?;
    eprintln!(
        "dyad: serving {} on http://{addr}/ ({})",
        cfg.db.display(),
        if cfg.write_token.is_some() {
            "writes allowed with the token"
        } else {
            "read-only"
        }
    );
    if !addr.ip().is_loopback() {
        eprintln!("dyad: warning: listening beyond loopback on {addr}");
    }
    dyad_serve::serve_blocking(listener, cfg)?;
    Ok(true)
}
