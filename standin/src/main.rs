use std::io::Write;
use std::path::PathBuf;

use fastly_standin::seed::Seed;
use fastly_standin::{AppState, Config, SeedSource};

const USAGE: &str = "\
fastly-standin: an in-memory stand-in of Fastly's account API, under /api

Usage: fastly-standin [--host H] [--port N] [--seed FILE.json] [--dist PATH] [--test-controls]

  --host H          address to bind (default 127.0.0.1)
  --port N          port to bind (default 8787; 0 picks a free port)
  --seed FILE.json  start with the data of this seed file (docs/seed-format.md) instead of
                    the demo data; /__standin/reset goes back to it. The file is checked
                    before the port is bound: a bad one stops with exit code 2 and
                    'fastly-standin: --seed FILE: <JSON path>: <what is wrong>' on stderr
  --dist PATH       serve this built single-page app at / (SPA fallback to index.html;
                    content-hashed files immutable, the rest no-cache with an ETag)
  --test-controls   enable the /__standin/* control endpoints (loopback hosts only)
  -h, --help        show this help

Once bound it prints one line to stdout (flushed), with the port actually taken:
  fastly-standin listening on http://127.0.0.1:PORT
";

fn fail(msg: &str) -> ! {
    eprintln!("fastly-standin: {msg}\n\n{USAGE}");
    std::process::exit(2)
}

fn main() {
    let mut host = "127.0.0.1".to_string();
    let mut port: u16 = 8787;
    let mut config = Config::default();
    let mut seed_file: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .unwrap_or_else(|| fail(&format!("{name} needs a value")))
        };
        match flag.as_str() {
            "--host" => host = value("--host"),
            "--port" => {
                port = value("--port")
                    .parse()
                    .unwrap_or_else(|_| fail("--port needs a number 0-65535"))
            }
            "--dist" => {
                let d = PathBuf::from(value("--dist"));
                if !d.join("index.html").is_file() {
                    fail(&format!("--dist {}: no index.html there", d.display()));
                }
                config.dist = Some(d);
            }
            "--seed" => seed_file = Some(PathBuf::from(value("--seed"))),
            "--test-controls" => config.test_controls = true,
            "-h" | "--help" => {
                print!("{USAGE}");
                return;
            }
            other => fail(&format!("unknown argument '{other}'")),
        }
    }

    if let Err(msg) = fastly_standin::check_config(&host, &config) {
        fail(&msg);
    }
    // The whole seed is checked before anything is bound or built: never a half-loaded store.
    let source = match &seed_file {
        None => SeedSource::Demo,
        Some(file) => match Seed::load(file) {
            Ok(seed) => SeedSource::File(std::sync::Arc::new(seed)),
            Err(e) => {
                eprintln!("fastly-standin: --seed {}: {e}", file.display());
                std::process::exit(2)
            }
        },
    };
    let state = std::sync::Arc::new(AppState::with_seed(source));

    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind((host.as_str(), port))
            .await
            .unwrap_or_else(|e| fail(&format!("cannot bind {host}:{port}: {e}")));
        let addr = listener.local_addr().expect("local address");
        let shown = if addr.is_ipv6() {
            format!("[{}]:{}", addr.ip(), addr.port())
        } else {
            addr.to_string()
        };
        println!("fastly-standin listening on http://{shown}");
        let _ = std::io::stdout().flush();
        if let Err(e) = fastly_standin::serve_with_state(listener, config, state).await {
            eprintln!("fastly-standin: server error: {e}");
            std::process::exit(1);
        }
    });
}
