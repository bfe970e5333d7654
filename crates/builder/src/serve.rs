//! `portal-build serve`: a preview of a built tree, or of `dist/`, on
//! 127.0.0.1, answering as docs/hosting.md asks a host to (as
//! deploy/nginx/*.conf and tests/e2e/server.mjs do): a file, else the
//! folder's pre-rendered `index.html`, else the nearest `app.html` above
//! the path for a deep link; 404 for a missing file with an extension;
//! nginx's cache headers; gzip for text, the wasm and the search's `.bin`.

use flate2::write::GzEncoder;
use flate2::Compression;
use http_body_util::Full;
use hyper::body::Bytes;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{header, Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use percent_encoding::percent_decode_str;
use std::convert::Infallible;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a request's path is answered with.
#[derive(Debug, PartialEq, Eq)]
pub enum Answer {
    /// This file, by its path under the tree.
    File(String),
    NotFound,
    /// Not a path under the tree (`..`, a backslash, bad percent-encoding).
    BadRequest,
}

/// The answer to `target` (a request's path and query, as sent) in a
/// tree where `is_file` says which paths under it are files.
pub fn resolve(target: &str, is_file: impl Fn(&str) -> bool) -> Answer {
    let Some(path) = tree_path(target) else { return Answer::BadRequest };
    let page = if path.is_empty() { "index.html".to_string() } else { format!("{path}/index.html") };
    if let Some(found) = [path.clone(), page].into_iter().find(|candidate| is_file(candidate)) {
        return Answer::File(found);
    }
    // A path with an extension names a file (hosting rule 2): missing is 404.
    if has_extension(&path) {
        return Answer::NotFound;
    }
    // The nearest app.html above the path: zh-hant/'s for its deep links.
    let folders: Vec<&str> = path.split('/').collect();
    (0..folders.len())
        .rev()
        .map(|depth| folders[..depth].iter().map(|folder| format!("{folder}/")).collect::<String>() + "app.html")
        .find(|app| is_file(app))
        .map_or(Answer::NotFound, Answer::File)
}

/// `target`'s path under the tree, decoded, without empty segments:
/// `None` where it would leave the tree or is not UTF-8.
fn tree_path(target: &str) -> Option<String> {
    let path = target.split(['?', '#']).next()?.strip_prefix('/')?;
    let path = percent_decode_str(path).decode_utf8().ok()?;
    let segments: Vec<&str> = path.split('/').filter(|segment| !segment.is_empty()).collect();
    let unsafe_segment = |s: &&str| matches!(*s, "." | "..") || s.contains(['\\', '\0']);
    if segments.iter().any(unsafe_segment) {
        return None;
    }
    Some(segments.join("/"))
}

/// Whether the last segment ends in `.` and letters or digits (nginx's
/// `\.[A-Za-z0-9]+$`).
fn has_extension(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    name.rsplit_once('.').is_some_and(|(_, ext)| !ext.is_empty() && ext.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn extension(path: &str) -> &str {
    path.rsplit_once('.').map_or("", |(_, ext)| ext)
}

/// The Content-Type for a file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    match extension(path) {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// Bundle files with a content hash in their name may be kept for good;
/// everything else is revalidated (nginx's `-[0-9a-f]{12,20}(_bg)?\.(js|wasm|css)$`).
pub fn cache_control(path: &str) -> &'static str {
    let hashed = ["js", "wasm", "css"]
        .iter()
        .find_map(|ext| path.strip_suffix(ext)?.strip_suffix('.'))
        .map(|stem| stem.strip_suffix("_bg").unwrap_or(stem))
        .and_then(|stem| stem.rsplit_once('-'))
        .is_some_and(|(_, hash)| {
            (12..=20).contains(&hash.len()) && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        });
    if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// Text, the wasm and the search index's shards (hosting rule 4).
fn compressible(path: &str) -> bool {
    matches!(extension(path), "html" | "js" | "mjs" | "wasm" | "css" | "json" | "xml" | "txt" | "svg" | "bin")
}

/// Whether an `Accept-Encoding` value takes gzip (named or `*`, not at `q=0`).
fn accepts_gzip(accept_encoding: &str) -> bool {
    accept_encoding.split(',').any(|coding| {
        let (name, params) = coding.split_once(';').unwrap_or((coding, ""));
        let weight = params.split(';').find_map(|param| param.trim().strip_prefix("q="));
        let weight = weight.map_or(Some(1.0), |q| q.trim().parse::<f32>().ok());
        matches!(name.trim().to_ascii_lowercase().as_str(), "gzip" | "*") && weight.is_some_and(|q| q > 0.0)
    })
}

/// A tree served on 127.0.0.1.
pub struct Server {
    listener: std::net::TcpListener,
    root: Arc<PathBuf>,
}

impl Server {
    /// Listens on `port` (0: any free one) for the tree at `root`.
    pub fn bind(root: &Path, port: u16) -> Result<Server, String> {
        if !root.is_dir() {
            return Err(format!("{}: 不是文件夹", root.display()));
        }
        let listener =
            std::net::TcpListener::bind(("127.0.0.1", port)).map_err(|e| format!("127.0.0.1:{port}: {e}"))?;
        Ok(Server { listener, root: Arc::new(root.to_path_buf()) })
    }

    pub fn url(&self) -> String {
        let address = self.listener.local_addr().expect("a bound listener");
        format!("http://{address}/")
    }

    /// Answers requests until the process is stopped (Ctrl-C); each
    /// connection is hyper's, on a small runtime.
    pub fn run(self) -> Result<(), String> {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_io().build();
        let runtime = runtime.map_err(|e| e.to_string())?;
        runtime.block_on(async {
            self.listener.set_nonblocking(true).map_err(|e| e.to_string())?;
            let listener = tokio::net::TcpListener::from_std(self.listener).map_err(|e| e.to_string())?;
            loop {
                // A failed accept (too many open files) is that connection's, not the server's.
                let Ok((stream, _)) = listener.accept().await else { continue };
                let root = self.root.clone();
                let answer =
                    service_fn(move |request| std::future::ready(Ok::<_, Infallible>(answer(&root, &request))));
                tokio::spawn(http1::Builder::new().serve_connection(TokioIo::new(stream), answer));
            }
        })
    }
}

/// The response to `request` from the tree at `root`. Files are read
/// whole, blocking: a preview's trees are small files on a local disk.
fn answer<B>(root: &Path, request: &Request<B>) -> Response<Full<Bytes>> {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return text(StatusCode::METHOD_NOT_ALLOWED);
    }
    let target = request.uri().path_and_query().map_or("/", |target| target.as_str());
    let file = match resolve(target, |path| root.join(path).is_file()) {
        Answer::File(file) => file,
        Answer::NotFound => return text(StatusCode::NOT_FOUND),
        Answer::BadRequest => return text(StatusCode::BAD_REQUEST),
    };
    let Ok(body) = std::fs::read(root.join(&file)) else { return text(StatusCode::NOT_FOUND) };
    let accepted = request.headers().get_all(header::ACCEPT_ENCODING).iter().filter_map(|value| value.to_str().ok());
    let gzip = compressible(&file) && accepted.into_iter().any(accepts_gzip);
    let mut response = Response::builder()
        .header(header::CONTENT_TYPE, content_type(&file))
        .header(header::CACHE_CONTROL, cache_control(&file));
    if compressible(&file) {
        response = response.header(header::VARY, "Accept-Encoding");
    }
    if gzip {
        response = response.header(header::CONTENT_ENCODING, "gzip");
    }
    let body = if gzip { gzipped(&body) } else { body };
    response.body(Full::new(Bytes::from(body))).expect("valid headers")
}

/// A plain answer with a status; revalidated, so that a file published
/// later is fetched.
fn text(status: StatusCode) -> Response<Full<Bytes>> {
    let body = format!("{status}");
    let response = Response::builder().status(status).header(header::CACHE_CONTROL, "no-cache");
    response
        .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(Full::new(Bytes::from(body)))
        .expect("valid headers")
}

fn gzipped(body: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(body.len() / 3), Compression::default());
    encoder.write_all(body).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An archive's paths: the app, a pre-rendered article, a 繁體 tree.
    fn archive(path: &str) -> bool {
        [
            "index.html",
            "app.html",
            "feed.json",
            "portal-2c350469fda8e03_bg.wasm",
            "article/a1/index.html",
            "article/a1.2/index.html",
            "article/文章/index.html",
            "category/cyfz/index.html",
            "search/g/0.bin",
            "zh-hant/app.html",
            "zh-hant/index.html",
        ]
        .contains(&path)
    }

    fn file(path: &str) -> Answer {
        Answer::File(path.to_string())
    }

    #[test]
    fn files_then_pre_rendered_pages_then_the_nearest_app_page() {
        assert_eq!(resolve("/", archive), file("index.html"));
        assert_eq!(resolve("/feed.json", archive), file("feed.json"));
        assert_eq!(resolve("/article/a1", archive), file("article/a1/index.html"));
        assert_eq!(resolve("/article/a1/", archive), file("article/a1/index.html"));
        assert_eq!(resolve("/category/cyfz?page=2", archive), file("category/cyfz/index.html"));
        assert_eq!(resolve("/search?q=%E5%BC%80%E5%8F%91%E5%8C%BA", archive), file("app.html"));
        assert_eq!(resolve("/article/no-such", archive), file("app.html"));
        assert_eq!(resolve("/zh-hant/", archive), file("zh-hant/index.html"));
        assert_eq!(resolve("/zh-hant/article/a9", archive), file("zh-hant/app.html"));
        assert_eq!(resolve("/zh-hant/search?q=x", archive), file("zh-hant/app.html"));
        assert_eq!(resolve("/article/%E6%96%87%E7%AB%A0", archive), file("article/文章/index.html"), "a Chinese slug");
        // The app's files are in index.html's folder, wherever a deep link is.
        assert_eq!(resolve("/a/b/c/d", |p| p == "app.html"), file("app.html"));
        assert_eq!(resolve("/article/x", |_| false), Answer::NotFound, "no app page at all");
    }

    #[test]
    fn a_missing_file_with_an_extension_is_a_404() {
        assert_eq!(resolve("/no-such-feed.json", archive), Answer::NotFound);
        assert_eq!(resolve("/search/g/999.bin", archive), Answer::NotFound);
        assert_eq!(resolve("/zh-hant/articles/n1.json", archive), Answer::NotFound);
        // An id with a dot: its pre-rendered page, else nothing (docs/hosting.md).
        assert_eq!(resolve("/article/a1.2", archive), file("article/a1.2/index.html"));
        assert_eq!(resolve("/article/a1.3", archive), Answer::NotFound);
    }

    #[test]
    fn no_path_leaves_the_tree() {
        for target in [
            "/../etc/passwd",
            "/article/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/article/..%2f..%2fsecret",
            "/.%2e/x",
            "/a\\..\\b",
            "/%5c..%5cb",
            "/%00",
            "/%ff",
            "http://example.gov.cn/feed.json",
            "*",
        ] {
            assert_eq!(resolve(target, |_| true), Answer::BadRequest, "{target}");
        }
        // Empty segments are dropped: `//etc/passwd` is under the tree.
        assert_eq!(resolve("//etc//passwd", |p| p == "etc/passwd"), file("etc/passwd"));
        assert_eq!(resolve("/%2Fetc%2Fpasswd", |p| p == "etc/passwd"), file("etc/passwd"));
    }

    #[test]
    fn headers_follow_the_nginx_configuration() {
        assert_eq!(content_type("portal-2c350469fda8e03_bg.wasm"), "application/wasm");
        assert_eq!(content_type("search/g/0.bin"), "application/octet-stream");
        assert_eq!(content_type("article/a1/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("images/logo.svg"), "image/svg+xml");
        let immutable = "public, max-age=31536000, immutable";
        for hashed in ["portal-2c350469fda8e03.js", "portal-2c350469fda8e03_bg.wasm", "main-0123456789abcdef.css"] {
            assert_eq!(cache_control(hashed), immutable, "{hashed}");
        }
        for revalidated in ["boot.js", "feed.json", "app.html", "portal-2c3504.js", "x-0123456789abcdef.json"] {
            assert_eq!(cache_control(revalidated), "no-cache", "{revalidated}");
        }
        assert!(compressible("search/g/0.bin") && compressible("index.html") && !compressible("images/a.jpg"));
    }

    #[test]
    fn gzip_when_the_client_takes_it() {
        assert!(accepts_gzip("gzip, deflate, br, zstd"));
        assert!(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
        assert!(accepts_gzip("*"));
        assert!(!accepts_gzip("identity"));
        assert!(!accepts_gzip("gzip;q=0"));
        assert!(!accepts_gzip("gzip; q=0.000"));
    }

    #[test]
    fn answers_over_a_socket() {
        use std::io::Read;
        let tree = tempfile::tempdir().unwrap();
        std::fs::write(tree.path().join("app.html"), "<!DOCTYPE html>app").unwrap();
        std::fs::create_dir_all(tree.path().join("search/g")).unwrap();
        let shard: Vec<u8> = (0..100_000u32).map(|n| (n % 7) as u8).collect();
        std::fs::write(tree.path().join("search/g/0.bin"), &shard).unwrap();
        let server = Server::bind(tree.path(), 0).unwrap();
        let address = server.url().trim_start_matches("http://").trim_end_matches('/').to_string();
        std::thread::spawn(move || server.run());
        let get = |path: &str, headers: &str| {
            let mut stream = std::net::TcpStream::connect(&address).unwrap();
            write!(stream, "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{headers}\r\n").unwrap();
            let mut response = Vec::new();
            stream.read_to_end(&mut response).unwrap();
            let end = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
            (String::from_utf8_lossy(&response[..end]).to_ascii_lowercase(), response[end + 4..].to_vec())
        };
        let (head, body) = get("/search/g/0.bin", "Accept-Encoding: gzip, br\r\n");
        assert!(head.starts_with("http/1.1 200") && head.contains("content-encoding: gzip"), "{head}");
        assert!(head.contains("content-type: application/octet-stream") && head.contains("vary: accept-encoding"));
        assert!(head.contains(&format!("content-length: {}", body.len())), "not chunked: {head}");
        let mut decoded = Vec::new();
        flate2::read::GzDecoder::new(&body[..]).read_to_end(&mut decoded).unwrap();
        assert!(body.len() < shard.len() && decoded == shard);
        let (head, body) = get("/article/%E6%96%87%E7%AB%A0", "");
        assert!(head.starts_with("http/1.1 200") && head.contains("cache-control: no-cache"), "{head}");
        assert_eq!(body, b"<!DOCTYPE html>app");
        assert!(get("/missing.json", "").0.starts_with("http/1.1 404"));
        assert!(get("/%2e%2e/etc/passwd", "").0.starts_with("http/1.1 400"));

        // A browser opens several kept-alive connections at once; each is
        // answered (tiny_http 0.12's pool left some waiting for a free thread).
        let mut kept: Vec<_> = (0..8).map(|_| std::net::TcpStream::connect(&address).unwrap()).collect();
        for stream in &mut kept {
            stream.write_all(b"GET /article/x HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        }
        for stream in &mut kept {
            stream.set_read_timeout(Some(std::time::Duration::from_secs(5))).unwrap();
            let mut start = [0; 12];
            stream.read_exact(&mut start).unwrap();
            assert_eq!(&start, b"HTTP/1.1 200");
        }
    }
}
