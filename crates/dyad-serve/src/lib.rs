//! `dyad serve`: an HTTP JSON API and a server-rendered analyst dashboard
//! over the dyad event store (axum on a two-worker tokio runtime).
//!
//! Every request opens the SQLite store inside `spawn_blocking` (read-only
//! for reads; for writing only when a write token is configured), so no
//! connection is shared between threads and a slow query never blocks the
//! runtime's workers.

mod api;
mod docs;
mod html;
mod params;
mod views;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};

pub use params::ParamError;

/// Largest request body accepted, in bytes (413 beyond).
pub const BODY_LIMIT: usize = 1024 * 1024;
/// Default listen address: loopback only.
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

/// What the server needs to know.
#[derive(Debug, Clone)]
pub struct Config {
    /// The SQLite event store.
    pub db: PathBuf,
    /// Bearer token that allows `POST /api/code?store=true`; `None` makes
    /// the server read-only.
    pub write_token: Option<String>,
}

/// Shared state of the handlers.
#[derive(Debug)]
pub(crate) struct AppState {
    pub cfg: Config,
    /// Bounds the store and coder work running at once.
    pub work: tokio::sync::Semaphore,
}

/// Most store queries or codings running at once (others wait their turn).
pub const MAX_CONCURRENT_WORK: usize = 8;

pub(crate) type State = Arc<AppState>;

/// An error answered as `{"error": "..."}` with a status.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn not_found(message: impl Into<String>) -> ApiError {
        Self::new(StatusCode::NOT_FOUND, message)
    }
    pub fn internal(message: impl Into<String>) -> ApiError {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
}

impl From<ParamError> for ApiError {
    fn from(e: ParamError) -> ApiError {
        ApiError::bad_request(e.0)
    }
}

impl From<dyad_store::StoreError> for ApiError {
    fn from(e: dyad_store::StoreError) -> ApiError {
        match e {
            dyad_store::StoreError::Invalid(m) => ApiError::bad_request(m),
            other => ApiError::internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(serde_json::json!({ "error": self.message })),
        )
            .into_response()
    }
}

/// Runs `f` with the store opened read-only, off the async workers.
pub(crate) async fn with_store<T, F>(st: &State, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&dyad_store::Store) -> Result<T, ApiError> + Send + 'static,
{
    let _permit = st
        .work
        .acquire()
        .await
        .map_err(|_| ApiError::internal("shutting down"))?;
    let db = st.cfg.db.clone();
    tokio::task::spawn_blocking(move || {
        let store = dyad_store::Store::open_read_only(&db).map_err(|e| match e {
            dyad_store::StoreError::Invalid(m) => ApiError::internal(m),
            other => ApiError::internal(other.to_string()),
        })?;
        f(&store)
    })
    .await
    .map_err(|e| ApiError::internal(format!("worker failed: {e}")))?
}

/// The application: API routes, dashboard pages and the body limit.
pub fn router(cfg: Config) -> Router {
    let state: State = Arc::new(AppState {
        cfg,
        work: tokio::sync::Semaphore::new(MAX_CONCURRENT_WORK),
    });
    Router::new()
        .route("/api/events", get(api::events))
        .route("/api/trend", get(api::trend))
        .route("/api/actors", get(api::actors))
        .route("/api/documents/{id}", get(api::document))
        .route("/api/code", post(api::code))
        .route("/api/openapi.json", get(api::openapi))
        .route("/", get(views::index))
        .route("/dyad", get(views::dyad_pick))
        .route("/dyad/{dyad}", get(views::dyad))
        .route("/event/{id}", get(views::event))
        .route("/doc/{id}", get(views::document))
        .route("/code", get(views::code_form).post(views::code_post))
        .route("/network", get(views::network))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// Headers on every response: no sniffing, no framing, and a content
/// policy that allows inline styles and nothing else (pages have no script).
async fn security_headers(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    r
}

async fn not_found() -> ApiError {
    ApiError::not_found("no such route")
}

/// Checks the configuration before serving: the store must open (created
/// and migrated when a write token is configured, else read-only).
pub fn prepare(cfg: &Config) -> Result<(), String> {
    if cfg.write_token.is_some() {
        dyad_store::Store::open(&cfg.db).map_err(|e| e.to_string())?;
    } else {
        dyad_store::Store::open_read_only(&cfg.db).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Serves on an already bound listener until Ctrl-C (finishing requests in
/// flight) or the end of the process, on a tokio runtime with two worker
/// threads.
pub fn serve_blocking(listener: std::net::TcpListener, cfg: Config) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let l = tokio::net::TcpListener::from_std(listener)?;
        axum::serve(l, router(cfg))
            .with_graceful_shutdown(async {
                // Without a signal handler the server simply runs on.
                if tokio::signal::ctrl_c().await.is_err() {
                    std::future::pending::<()>().await;
                }
            })
            .await
    })
}

/// Binds `addr` and serves (see [`serve_blocking`]).
pub fn serve_addr(addr: SocketAddr, cfg: Config) -> std::io::Result<()> {
    let l = std::net::TcpListener::bind(addr)?;
    serve_blocking(l, cfg)
}
