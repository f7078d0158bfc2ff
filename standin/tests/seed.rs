//! Real HTTP tests of `--seed FILE.json`: a server started from `tests/seeds/minimal.json`
//! answers with the seed's data (and only it), reset goes back to it; and the built binary
//! refuses a bad seed (exit code 2, the path named, nothing bound) and prints the port it
//! took with `--port 0`.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use fastly_standin::seed::Seed;
use fastly_standin::{AppState, Config, SeedSource};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

mod common;
use common::*;

const CUSTOMER: &str = "seedCustomer0000000001";
const OWNER: &str = "seedOwner000000000001";
const ENGINEER: &str = "seedEngineer0000000002";
const OWNER_TOKEN: &str = "shop-owner-token";

fn minimal_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/seeds/minimal.json")
}

async fn seeded() -> T {
    let seed = Seed::load(&minimal_path()).unwrap();
    let state = Arc::new(AppState::with_seed(SeedSource::File(Arc::new(seed))));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let config = Config {
        dist: None,
        test_controls: true,
    };
    tokio::spawn(fastly_standin::serve_with_state(listener, config, state));
    T {
        base: format!("http://{addr}"),
        http: reqwest::Client::new(),
    }
}

async fn ok_json(r: reqwest::Response) -> Value {
    let (s, _, v) = json_of(r).await;
    assert_eq!(s, 200, "{v}");
    v
}

fn ids(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn a_seeded_server_answers_with_the_seeds_data() {
    let t = seeded().await;
    let me = ok_json(t.get(OWNER_TOKEN, "/current_user").await).await;
    assert_eq!(me["id"], OWNER);
    assert_eq!(me["customer_id"], CUSTOMER);
    assert_eq!(me["login"], "olive@shop.example");
    assert_eq!(me["role"], "superuser");
    assert_eq!(me["two_factor_auth_enabled"], true);
    assert_eq!(me["last_active_at"], "2026-11-30T16:45:00Z");

    let c = t.customer(OWNER_TOKEN, CUSTOMER).await;
    assert_eq!(c["name"], "Example Shop Ltd");
    assert_eq!(c["owner_id"], OWNER);
    assert_eq!(c["technical_contact_id"], ENGINEER);
    assert_eq!(c["billing_contact_id"], Value::Null);
    assert_eq!(c["pricing_plan"], "Developer");
    assert_eq!(c["ip_whitelist"], "0.0.0.0/0");
    assert_eq!(c["billing_network_type"], "public");
    assert_eq!(c["has_account_panel"], true);
    assert_eq!(c["force_2fa"], false);
    assert_eq!(c["created_at"], "2024-01-15T09:00:00Z");
    let cur = ok_json(t.get(OWNER_TOKEN, "/current_customer").await).await;
    assert_eq!(cur["id"], CUSTOMER);

    let users = ok_json(
        t.get(OWNER_TOKEN, &format!("/customer/{CUSTOMER}/users"))
            .await,
    )
    .await;
    assert_eq!(ids(&users), [OWNER, ENGINEER]);
    assert_eq!(users[1]["role"], "engineer");

    let contacts = ok_json(
        t.get(OWNER_TOKEN, &format!("/customer/{CUSTOMER}/contacts"))
            .await,
    )
    .await;
    assert_eq!(
        ids(&contacts),
        ["seedContact00000000001", "contact000000000000001"]
    );
    assert_eq!(contacts[0]["email"], "accounts@shop.example");
    assert_eq!(contacts[1]["user_id"], ENGINEER);

    let r = t
        .http
        .get(t.url("/api/events"))
        .header("Fastly-Key", OWNER_TOKEN)
        .send()
        .await
        .unwrap();
    let events = ok_json(r).await;
    assert_eq!(events["meta"]["record_count"], 1, "{events}");
    let e = &events["data"][0];
    assert_eq!(e["id"], "seedEvent0000000000001");
    assert_eq!(e["attributes"]["event_type"], "user.login");
    assert_eq!(e["attributes"]["user_id"], OWNER);
    assert_eq!(e["attributes"]["metadata"]["two_factor"], true);

    // The read-only token of the engineer reads, and cannot write.
    let me = ok_json(t.get("shop-engineer-token", "/current_user").await).await;
    assert_eq!(me["id"], ENGINEER);
    let r = t
        .put_form(
            "shop-engineer-token",
            &format!("/customer/{CUSTOMER}"),
            "name=X",
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // Nothing of the demo data.
    for (token, p) in [
        ("acme-owner-token", "/current_user".to_string()),
        (OWNER_TOKEN, format!("/customer/{ACME}")),
    ] {
        let r = t.get(token, &p).await;
        assert_ne!(r.status(), 200, "{token} {p}");
    }
}

#[tokio::test]
async fn reset_goes_back_to_the_seed() {
    let t = seeded().await;
    let p = format!("/customer/{CUSTOMER}");
    let r = t.put_form(OWNER_TOKEN, &p, "name=Changed+Shop").await;
    assert_eq!(r.status(), 200);
    let r = t
        .post_form(
            OWNER_TOKEN,
            &format!("{p}/contacts"),
            "contact_type=general+compliance&name=Ann&email=ann%40shop.example",
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        t.customer(OWNER_TOKEN, CUSTOMER).await["name"],
        "Changed Shop"
    );
    let contacts = ok_json(t.get(OWNER_TOKEN, &format!("{p}/contacts")).await).await;
    assert_eq!(contacts.as_array().unwrap().len(), 3);
    // The generated id is none of the seed's.
    assert_eq!(contacts[2]["id"], "contact000000000000002");

    let r = t.control(Method::POST, "/reset", json!({})).await;
    assert!(r.status().is_success(), "{}", r.status());

    assert_eq!(
        t.customer(OWNER_TOKEN, CUSTOMER).await["name"],
        "Example Shop Ltd"
    );
    let contacts = ok_json(t.get(OWNER_TOKEN, &format!("{p}/contacts")).await).await;
    assert_eq!(
        ids(&contacts),
        ["seedContact00000000001", "contact000000000000001"]
    );
    let r = t
        .http
        .get(t.url("/api/events"))
        .header("Fastly-Key", OWNER_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(ok_json(r).await["meta"]["record_count"], 1);
    // Still only the seed's tokens after a reset.
    assert_eq!(
        t.get("acme-owner-token", "/current_user").await.status(),
        401
    );
}

// ---- the built binary ----

const BIN: &str = env!("CARGO_BIN_EXE_fastly-standin");

/// A file of `text` in a directory of its own under the target's tmp dir.
fn write_seed(name: &str, text: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("seed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Run the binary on `seed` with `--port 0`: it must stop with exit code 2 (within 30 s: a
/// seed taken for good would serve forever), print nothing on stdout (nothing bound) and
/// return its stderr.
fn refused(seed: &Path) -> String {
    let mut child = Child(
        Command::new(BIN)
            .args(["--port", "0", "--seed"])
            .arg(seed)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.0.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            panic!(
                "{} was taken: the stand-in is still running",
                seed.display()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let (mut stdout, mut stderr) = (String::new(), String::new());
    child
        .0
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    child
        .0
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(2), "{stderr}");
    assert_eq!(stdout, "", "{stderr}");
    stderr
}

#[test]
fn the_binary_refuses_a_bad_seed_with_the_path_named() {
    let minimal = std::fs::read_to_string(minimal_path()).unwrap();
    let mut v: Value = serde_json::from_str(&minimal).unwrap();
    v["customers"][0]["owner_id"] = json!("nobody");
    let bad = write_seed("bad.json", &v.to_string());
    let stderr = refused(&bad);
    assert_eq!(
        stderr,
        format!(
            "fastly-standin: --seed {}: customers[0].owner_id: 'nobody' is not a user of customer '{CUSTOMER}'\n",
            bad.display()
        )
    );

    let syntax = write_seed(
        "syntax.json",
        "{\n  \"version\": 1,\n  \"customers\": [\n}\n",
    );
    let stderr = refused(&syntax);
    assert_eq!(
        stderr,
        format!(
            "fastly-standin: --seed {}: line 4 column 1: invalid JSON: expected value\n",
            syntax.display()
        )
    );

    let mut v: Value = serde_json::from_str(&minimal).unwrap();
    v["users"][1]["role"] = json!("admin");
    let stderr = refused(&write_seed("role.json", &v.to_string()));
    assert!(
        stderr.contains(": users[1].role: 'admin' must be one of user, billing,"),
        "{stderr}"
    );

    let stderr = refused(Path::new("/nonexistent/seed.json"));
    assert!(
        stderr.starts_with("fastly-standin: --seed /nonexistent/seed.json: cannot read it: "),
        "{stderr}"
    );
}

/// Kills the child when dropped (a failed assertion must not leave a server running).
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn the_binary_prints_the_port_it_took_and_serves_the_seed() {
    let mut child = Child(
        Command::new(BIN)
            .args(["--port", "0", "--seed"])
            .arg(minimal_path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let stdout = child.0.stdout.take().unwrap();
    // The line, as a TypeScript helper reads it: /listening on (http:\/\/\S+)/.
    let line = tokio::time::timeout(
        Duration::from_secs(30),
        tokio::task::spawn_blocking(move || {
            let mut line = String::new();
            BufReader::new(stdout).read_line(&mut line).unwrap();
            line
        }),
    )
    .await
    .expect("the listening line within 30 s")
    .unwrap();
    if line.is_empty() {
        let mut err = String::new();
        child
            .0
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        panic!("no line on stdout; stderr: {err}");
    }
    let base = line
        .strip_prefix("fastly-standin listening on ")
        .and_then(|l| l.strip_suffix('\n'))
        .unwrap_or_else(|| panic!("{line:?}"));
    let port: u16 = base
        .strip_prefix("http://127.0.0.1:")
        .unwrap_or_else(|| panic!("{line:?}"))
        .parse()
        .unwrap();
    assert_ne!(port, 0);
    let r = reqwest::Client::new()
        .get(format!("{base}/api/current_user"))
        .header("Fastly-Key", OWNER_TOKEN)
        .send()
        .await
        .unwrap();
    let me = ok_json(r).await;
    assert_eq!(me["id"], OWNER);
    assert_eq!(me["customer_id"], CUSTOMER);
}
