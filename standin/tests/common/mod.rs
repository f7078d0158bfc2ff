//! What the stand-in's HTTP tests share: a server of their own on 127.0.0.1:0 and a client
//! for it. (Each test file uses part of it.)
#![allow(dead_code)]

use fastly_standin::Config;
use reqwest::{Client, Response, StatusCode};
use serde_json::Value;

pub const ACME: &str = "7XbRfLq2Zk9mWcT4pN1sVe";
pub const GLOBEX: &str = "3GxTq8LmZp2RkW7vNc5bYh";
pub const INITECH: &str = "9InTcH4dEl3tEdQw2ZxCvB";
pub const FORM: &str = "application/x-www-form-urlencoded";

pub struct T {
    pub base: String,
    pub http: Client,
}

pub async fn start(config: Config) -> T {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(fastly_standin::serve(listener, config));
    T {
        base: format!("http://{addr}"),
        http: Client::new(),
    }
}

pub async fn controls() -> T {
    start(Config {
        dist: None,
        test_controls: true,
    })
    .await
}

impl T {
    pub fn url(&self, p: &str) -> String {
        format!("{}{}", self.base, p)
    }
    pub async fn get(&self, token: &str, p: &str) -> Response {
        self.http
            .get(self.url(&format!("/api{p}")))
            .header("Fastly-Key", token)
            .send()
            .await
            .unwrap()
    }
    pub async fn send_form(
        &self,
        method: reqwest::Method,
        token: &str,
        p: &str,
        body: &str,
    ) -> Response {
        self.http
            .request(method, self.url(&format!("/api{p}")))
            .header("Fastly-Key", token)
            .header("Content-Type", FORM)
            .body(body.to_string())
            .send()
            .await
            .unwrap()
    }
    pub async fn put_form(&self, token: &str, p: &str, body: &str) -> Response {
        self.send_form(reqwest::Method::PUT, token, p, body).await
    }
    pub async fn post_form(&self, token: &str, p: &str, body: &str) -> Response {
        self.send_form(reqwest::Method::POST, token, p, body).await
    }
    pub async fn delete(&self, token: &str, p: &str) -> Response {
        self.http
            .delete(self.url(&format!("/api{p}")))
            .header("Fastly-Key", token)
            .send()
            .await
            .unwrap()
    }
    pub async fn control(&self, method: reqwest::Method, p: &str, body: Value) -> Response {
        self.http
            .request(method, self.url(&format!("/__standin{p}")))
            .json(&body)
            .send()
            .await
            .unwrap()
    }
    pub async fn customer(&self, token: &str, id: &str) -> Value {
        let r = self.get(token, &format!("/customer/{id}")).await;
        assert_eq!(r.status(), 200);
        r.json().await.unwrap()
    }
}

pub async fn json_of(r: Response) -> (StatusCode, String, Value) {
    let s = r.status();
    let ct = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let v = r.json().await.unwrap();
    (s, ct, v)
}
