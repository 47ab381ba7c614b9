//! The real Circle client against the real simulator, over loopback HTTP.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::cell::Cell;
use std::time::{Duration, Instant};

use entity_secret_wizard::circle::{
    Answer, CircleClient, CircleError, ClientConfig, MAX_BODY_BYTES, RecoveryContent, Registration,
};
use entity_secret_wizard::error::Explain;
use entity_secret_wizard::secret::{ApiKey, Ciphertext, CirclePublicKey, EntitySecret};
use entity_secret_wizard::simulator::{Endpoint, Fault, Simulator};
use url::Url;
use uuid::Uuid;

const REGISTER_PATH: &str = "/v1/w3s/config/entity/entitySecret";
const ENTITY_PATH: &str = "/v1/w3s/config/entity";

use common::fixture_key;

/// Register `secret` under `public`, counting the ciphertexts the client
/// asked for: one per attempt.
async fn register_counting(
    circle: &CircleClient,
    key: &ApiKey,
    secret: &EntitySecret,
    public: &CirclePublicKey,
) -> (Result<Answer<Registration>, CircleError>, u32) {
    let calls = Cell::new(0);
    let result = circle
        .register(key, || {
            calls.set(calls.get() + 1);
            Ciphertext::encrypt(secret, public)
        })
        .await;
    (result, calls.get())
}

async fn simulator() -> Simulator {
    Simulator::start(fixture_key()).await.unwrap()
}

fn config(sim: &Simulator) -> ClientConfig {
    ClientConfig {
        base_url: sim.base_url(),
        connect_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_secs(10),
        max_attempts: 4,
        backoff_base: Duration::from_millis(2),
        ..ClientConfig::default()
    }
}

fn client(sim: &Simulator) -> CircleClient {
    CircleClient::new(config(sim)).unwrap()
}

fn api_key() -> ApiKey {
    ApiKey::parse("TEST_API_KEY:0123abcd:s3cr3tPart9").unwrap()
}

/// A raw HTTP client, for requests the product's client refuses to make.
fn raw_http() -> reqwest::Client {
    entity_secret_wizard::circle::install_crypto_provider();
    reqwest::Client::builder().no_proxy().build().unwrap()
}

fn url(sim: &Simulator, path: &str) -> Url {
    sim.base_url().join(path).unwrap()
}

/// Every error a test expects must also say what to do, and never show the
/// key.
fn explained(err: &CircleError) {
    assert!(!err.next_step().is_empty(), "{err:?}");
    let all = entity_secret_wizard::error::explain(err);
    assert!(!all.contains("s3cr3t"), "{all}");
}

fn is_uuid_v4(text: &str) -> bool {
    Uuid::parse_str(text).is_ok_and(|id| id.get_version() == Some(uuid::Version::Random))
}

fn posts(sim: &Simulator) -> usize {
    sim.request_log()
        .iter()
        .filter(|(method, path, _)| method == "POST" && path == REGISTER_PATH)
        .count()
}

#[tokio::test]
async fn happy_path_checks_key_fetches_key_and_registers() {
    let sim = simulator().await;
    let circle = client(&sim);
    let key = api_key();

    circle.ping().await.unwrap();

    let config = circle.entity_config(&key).await.unwrap();
    assert_eq!(config.value.app_id, sim.app_id());
    assert_eq!(config.attempts, 1);
    assert!(is_uuid_v4(&config.request_id));

    let public = circle.public_key(&key).await.unwrap();
    assert_eq!(public.value.fingerprint(), sim.public_key().fingerprint());
    assert_eq!(public.value.bits(), 4096);

    let secret = EntitySecret::generate();
    let (registration, calls) = register_counting(&circle, &key, &secret, &public.value).await;
    let registration = registration.unwrap();
    assert_eq!(calls, 1);
    assert_eq!(registration.attempts, 1);
    let issued = sim.issued_recovery_files();
    assert_eq!(issued.len(), 1);
    let RecoveryContent::RecoveryFile(file) = &registration.value.recovery else {
        panic!("{:?}", registration.value);
    };
    assert_eq!(file.as_bytes(), issued[0].as_bytes());
    assert!(file.looks_valid());
    assert!(!registration.value.body_truncated);
    // What the simulator decrypted is the secret that was encrypted.
    assert_eq!(sim.registered_secret(), Some(secret));
    assert_eq!(sim.received_ciphertexts().len(), 1);
    assert_eq!(sim.received_ciphertexts()[0].len(), 684);
    // The answer carries the id the simulator saw (and echoed).
    let (_, _, sent) = sim.request_log().last().cloned().unwrap();
    assert_eq!(sent.as_deref(), Some(registration.request_id.as_str()));
}

#[tokio::test]
async fn the_public_key_arrives_in_circles_documented_pem_shape() {
    let sim = simulator().await;
    let body: serde_json::Value = raw_http()
        .get(url(&sim, "/v1/w3s/config/entity/publicKey"))
        .bearer_auth("TEST_API_KEY:a:b")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let pem = body["data"]["publicKey"].as_str().unwrap();
    assert!(pem.starts_with("-----BEGIN RSA PUBLIC KEY-----\nMIICIjANBgkqhkiG9w0BAQEF"));
    assert!(pem.ends_with("-----END RSA PUBLIC KEY-----\n"));
    let lines: Vec<&str> = pem.lines().collect();
    assert!(lines[1..lines.len() - 1].iter().all(|l| l.len() <= 64));
    assert_eq!(lines[1].len(), 64);
    assert_eq!(
        CirclePublicKey::from_pem(pem).unwrap().fingerprint(),
        sim.public_key().fingerprint()
    );
}

#[tokio::test]
async fn a_second_registration_is_already_registered() {
    let sim = simulator().await;
    let circle = client(&sim);
    let key = api_key();
    let public = sim.public_key();
    let first = EntitySecret::generate();
    circle
        .register(&key, || Ciphertext::encrypt(&first, &public))
        .await
        .unwrap();

    let second = EntitySecret::generate();
    let err = circle
        .register(&key, || Ciphertext::encrypt(&second, &public))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            CircleError::AlreadyRegistered {
                after_ambiguous_attempt: false,
                ..
            }
        ),
        "{err:?}"
    );
    explained(&err);
    assert!(err.request_id().is_some_and(is_uuid_v4));
    // A new ciphertext was sent, and the first secret is still the one.
    let received = sim.received_ciphertexts();
    assert_eq!(received.len(), 2);
    assert_ne!(received[0], received[1]);
    assert_eq!(sim.registered_secret(), Some(first));
}

#[tokio::test]
async fn a_409_after_a_server_error_is_marked_ambiguous() {
    let sim = simulator().await;
    let circle = client(&sim);
    let key = api_key();
    let public = sim.public_key();
    let secret = EntitySecret::generate();
    sim.set_registered_secret(Some(secret.duplicate()));
    sim.push_fault(Endpoint::Register, Fault::ServerError);
    let err = circle
        .register(&key, || Ciphertext::encrypt(&secret, &public))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            CircleError::AlreadyRegistered {
                after_ambiguous_attempt: true,
                ..
            }
        ),
        "{err:?}"
    );
    explained(&err);
    assert_eq!(posts(&sim), 2);
}

#[tokio::test]
async fn a_wrong_shaped_key_gets_401_from_the_simulator() {
    let sim = simulator().await;
    let http = raw_http();
    for authorization in [
        None,
        Some("Bearer TEST_CLIENT_KEY:abc:def"),
        Some("Bearer TEST_API_KEY:abc"),
        Some("Bearer not-a-key"),
        Some("Basic dXNlcjpwYXNz"),
    ] {
        let mut request = http
            .get(url(&sim, ENTITY_PATH))
            .header("X-Request-Id", "raw-request-1");
        if let Some(value) = authorization {
            request = request.header("Authorization", value);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status().as_u16(), 401, "{authorization:?}");
        assert_eq!(response.headers()["x-request-id"], "raw-request-1");
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["code"], 401);
        assert_eq!(body["message"], "Malformed API key.");
    }
    // /ping needs no key.
    let pong: serde_json::Value = http
        .get(url(&sim, "/ping"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(pong["message"], "pong");
}

#[tokio::test]
async fn an_unauthorized_answer_is_unauthorized_and_not_retried() {
    let sim = simulator().await;
    sim.push_fault(Endpoint::Entity, Fault::Unauthorized);
    let err = client(&sim).entity_config(&api_key()).await.unwrap_err();
    assert!(matches!(err, CircleError::Unauthorized { .. }), "{err:?}");
    explained(&err);
    assert!(err.request_id().is_some());
    assert_eq!(sim.request_log().len(), 1);
}

#[tokio::test]
async fn rate_limited_then_success_sends_a_fresh_ciphertext_after_retry_after() {
    let sim = simulator().await;
    let circle = client(&sim);
    let public = sim.public_key();
    let secret = EntitySecret::generate();
    sim.push_fault(Endpoint::Register, Fault::RateLimited);
    let started = Instant::now();
    let (registration, calls) = register_counting(&circle, &api_key(), &secret, &public).await;
    let registration = registration.unwrap();
    // The simulator says Retry-After: 1, which outweighs the tiny backoff.
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(registration.attempts, 2);
    assert_eq!(calls, 2);
    // Both arrived, and they differ: the retry was encrypted afresh.
    let received = sim.received_ciphertexts();
    assert_eq!(received.len(), 2);
    assert_ne!(received[0], received[1]);
    let log = sim.request_log();
    assert_eq!(log.len(), 2);
    let ids: Vec<&str> = log
        .iter()
        .map(|(_, _, id)| id.as_deref().unwrap())
        .collect();
    assert_ne!(ids[0], ids[1]);
    assert!(ids.iter().all(|id| is_uuid_v4(id)));
    assert_eq!(sim.registered_secret(), Some(secret));
}

#[tokio::test]
async fn every_attempt_carries_its_own_ciphertext() {
    // Two server errors, then success: three attempts, three ciphertexts,
    // each made for its attempt and each what went over the wire.
    let sim = simulator().await;
    let public = sim.public_key();
    let secret = EntitySecret::generate();
    sim.push_fault(Endpoint::Register, Fault::ServerError);
    sim.push_fault(Endpoint::Register, Fault::ServerError);
    let seen = std::sync::Mutex::new(Vec::new());
    let registration = client(&sim)
        .register(&api_key(), || {
            let ct = Ciphertext::encrypt(&secret, &public)?;
            seen.lock().unwrap().push(ct.as_str().to_owned());
            Ok(ct)
        })
        .await
        .unwrap();
    assert_eq!(registration.attempts, 3);
    let seen = seen.into_inner().unwrap();
    assert_eq!(seen.len(), 3);
    assert_ne!(seen[0], seen[1]);
    assert_ne!(seen[1], seen[2]);
    assert_eq!(sim.received_ciphertexts(), seen);
}

#[tokio::test]
async fn rate_limits_that_outlast_the_retries_are_rate_limited() {
    let sim = simulator().await;
    let circle = CircleClient::new(ClientConfig {
        max_attempts: 2,
        ..config(&sim)
    })
    .unwrap();
    sim.push_fault(Endpoint::Entity, Fault::RateLimited);
    sim.push_fault(Endpoint::Entity, Fault::RateLimited);
    let err = circle.entity_config(&api_key()).await.unwrap_err();
    match &err {
        CircleError::RateLimited { retry_after, .. } => {
            assert_eq!(*retry_after, Some(Duration::from_secs(1)));
        }
        other => panic!("{other:?}"),
    }
    explained(&err);
    assert_eq!(sim.request_log().len(), 2);
}

#[tokio::test]
async fn a_server_error_on_a_get_is_retried() {
    let sim = simulator().await;
    sim.push_fault(Endpoint::PublicKey, Fault::ServerError);
    let answer = client(&sim).public_key(&api_key()).await.unwrap();
    assert_eq!(answer.attempts, 2);
    assert_eq!(answer.value.fingerprint(), sim.public_key().fingerprint());
    let log = sim.request_log();
    assert_eq!(log.len(), 2);
    assert_ne!(log[0].2, log[1].2);
}

#[tokio::test]
async fn an_html_520_is_non_json_with_an_excerpt_and_the_request_id() {
    let sim = simulator().await;
    let circle = CircleClient::new(ClientConfig {
        max_attempts: 1,
        ..config(&sim)
    })
    .unwrap();
    sim.push_fault(Endpoint::Entity, Fault::Html520);
    let err = circle.entity_config(&api_key()).await.unwrap_err();
    match &err {
        CircleError::NonJson {
            status, excerpt, ..
        } => {
            assert_eq!(*status, 520);
            assert!(
                excerpt.contains("520: Web server is returning an unknown error"),
                "{excerpt}"
            );
            assert!(excerpt.chars().count() <= 200);
            assert!(!excerpt.chars().any(char::is_control));
        }
        other => panic!("{other:?}"),
    }
    explained(&err);
    let (_, _, sent) = sim.request_log()[0].clone();
    assert_eq!(err.request_id(), sent.as_deref());
    assert!(entity_secret_wizard::error::explain(&err).contains(sent.as_deref().unwrap()));
}

#[tokio::test]
async fn malformed_json_is_a_malformed_response() {
    let sim = simulator().await;
    sim.push_fault(Endpoint::Entity, Fault::MalformedJson);
    let err = client(&sim).entity_config(&api_key()).await.unwrap_err();
    assert!(
        matches!(err, CircleError::MalformedResponse { .. }),
        "{err:?}"
    );
    explained(&err);
    assert!(err.request_id().is_some());
    assert_eq!(sim.request_log().len(), 1, "not retried");
}

#[tokio::test]
async fn a_10_mib_answer_is_body_too_large() {
    let sim = simulator().await;
    sim.push_fault(Endpoint::PublicKey, Fault::HugeBody);
    let err = client(&sim).public_key(&api_key()).await.unwrap_err();
    assert!(
        matches!(err, CircleError::BodyTooLarge { limit, .. } if limit == MAX_BODY_BYTES),
        "{err:?}"
    );
    explained(&err);
    assert!(err.request_id().is_some());
}

#[tokio::test]
async fn a_registration_answer_is_kept_even_without_a_recovery_file() {
    let sim = simulator().await;
    let public = sim.public_key();
    let secret = EntitySecret::generate();
    let circle = client(&sim);

    sim.push_fault(Endpoint::Register, Fault::MalformedJson);
    let registration = circle
        .register(&api_key(), || Ciphertext::encrypt(&secret, &public))
        .await
        .unwrap();
    let RecoveryContent::WholeBody(body) = &registration.value.recovery else {
        panic!("{:?}", registration.value);
    };
    assert!(!registration.value.body_truncated);
    assert!(body.as_bytes().starts_with(b"{\"data\""));

    sim.push_fault(Endpoint::Register, Fault::HugeBody);
    let registration = circle
        .register(&api_key(), || Ciphertext::encrypt(&secret, &public))
        .await
        .unwrap();
    let RecoveryContent::WholeBody(body) = &registration.value.recovery else {
        panic!("{:?}", registration.value);
    };
    assert!(registration.value.body_truncated);
    assert_eq!(body.len(), MAX_BODY_BYTES);
}

#[tokio::test]
async fn a_delay_past_the_request_timeout_is_a_timeout() {
    let sim = simulator().await;
    let circle = CircleClient::new(ClientConfig {
        request_timeout: Duration::from_millis(300),
        max_attempts: 2,
        ..config(&sim)
    })
    .unwrap();
    sim.push_fault(Endpoint::Entity, Fault::Delay(Duration::from_secs(5)));
    sim.push_fault(Endpoint::Entity, Fault::Delay(Duration::from_secs(5)));
    let started = Instant::now();
    let err = circle.entity_config(&api_key()).await.unwrap_err();
    assert!(matches!(err, CircleError::Timeout { .. }), "{err:?}");
    explained(&err);
    assert!(err.request_id().is_some());
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(sim.request_log().len(), 2);
}

#[tokio::test]
async fn a_short_delay_is_answered_normally() {
    let sim = simulator().await;
    sim.push_fault(Endpoint::Any, Fault::Delay(Duration::from_millis(50)));
    let answer = client(&sim).entity_config(&api_key()).await.unwrap();
    assert_eq!(answer.attempts, 1);
    assert_eq!(answer.value.app_id, sim.app_id());
}

#[tokio::test]
async fn a_registration_that_times_out_after_sending_is_outcome_unknown() {
    let sim = simulator().await;
    let public = sim.public_key();
    let secret = EntitySecret::generate();
    let circle = CircleClient::new(ClientConfig {
        request_timeout: Duration::from_millis(300),
        ..config(&sim)
    })
    .unwrap();
    sim.push_fault(Endpoint::Register, Fault::Delay(Duration::from_secs(5)));
    let (err, calls) = register_counting(&circle, &api_key(), &secret, &public).await;
    let err = err.unwrap_err();
    assert!(matches!(err, CircleError::OutcomeUnknown { .. }), "{err:?}");
    explained(&err);
    assert_eq!(calls, 1);
    assert_eq!(posts(&sim), 1);
}

#[tokio::test]
async fn a_connection_dropped_after_registering_is_outcome_unknown_and_not_retried() {
    let sim = simulator().await;
    let public = sim.public_key();
    let secret = EntitySecret::generate();
    sim.push_fault(Endpoint::Register, Fault::DropAfterRegister);
    let (err, calls) = register_counting(&client(&sim), &api_key(), &secret, &public).await;
    let err = err.unwrap_err();
    assert!(matches!(err, CircleError::OutcomeUnknown { .. }), "{err:?}");
    explained(&err);
    assert!(err.may_have_registered());
    // The registration did happen, exactly once, and nothing was resent.
    assert_eq!(sim.registered_secret(), Some(secret));
    assert_eq!(sim.issued_recovery_files().len(), 1);
    assert_eq!(posts(&sim), 1);
    assert_eq!(calls, 1);
    let (_, _, sent) = sim.request_log()[0].clone();
    assert_eq!(err.request_id(), sent.as_deref());
}

#[tokio::test]
async fn a_dropped_connection_on_a_get_is_retried() {
    let sim = simulator().await;
    sim.push_fault(Endpoint::Entity, Fault::DropAfterRegister);
    let answer = client(&sim).entity_config(&api_key()).await.unwrap();
    assert_eq!(answer.attempts, 2);
}

#[tokio::test]
async fn every_request_carries_the_protocol_headers() {
    let sim = simulator().await;
    let circle = client(&sim);
    let key = api_key();
    let public = sim.public_key();
    let secret = EntitySecret::generate();
    sim.push_fault(Endpoint::Entity, Fault::ServerError);
    circle.ping().await.unwrap();
    circle.entity_config(&key).await.unwrap();
    circle
        .register(&key, || Ciphertext::encrypt(&secret, &public))
        .await
        .unwrap();
    let requests = sim.requests();
    assert_eq!(requests.len(), 4);
    let user_agent = format!("entity-secret-wizard/{}", env!("CARGO_PKG_VERSION"));
    let mut ids = std::collections::HashSet::new();
    for request in &requests {
        assert_eq!(request.user_agent.as_deref(), Some(user_agent.as_str()));
        assert_eq!(request.accept.as_deref(), Some("application/json"));
        let id = request.request_id.as_deref().unwrap();
        assert!(is_uuid_v4(id), "{id}");
        assert!(ids.insert(id.to_owned()), "request ids are never reused");
        let is_post = request.method == "POST";
        assert_eq!(
            request.content_type.as_deref(),
            is_post.then_some("application/json"),
            "{request:?}"
        );
        assert_eq!(
            request.authorization_sent,
            request.path != "/ping",
            "{request:?}"
        );
    }
}

#[tokio::test]
async fn plain_http_is_refused_except_to_this_computer() {
    for refused in [
        "http://api.circle.com",
        "http://192.0.2.10:8080",
        "http://127.0.0.2:1234",
    ] {
        let err = CircleClient::new(ClientConfig::with_base_url(Url::parse(refused).unwrap()))
            .unwrap_err();
        assert!(
            matches!(err, CircleError::InsecureUrl { .. }),
            "{refused}: {err:?}"
        );
        explained(&err);
    }
    for allowed in [
        "https://api.circle.com",
        "http://127.0.0.1:9",
        "http://[::1]:9",
        "http://localhost:9",
    ] {
        assert!(
            CircleClient::new(ClientConfig::with_base_url(Url::parse(allowed).unwrap())).is_ok(),
            "{allowed}"
        );
    }
}

#[tokio::test]
async fn nobody_listening_is_a_connect_error_and_a_registration_retries_fresh() {
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = closed.local_addr().unwrap();
    drop(closed);
    let circle = CircleClient::new(ClientConfig {
        base_url: Url::parse(&format!("http://{address}")).unwrap(),
        max_attempts: 3,
        backoff_base: Duration::from_millis(1),
        ..ClientConfig::default()
    })
    .unwrap();
    let err = circle.ping().await.unwrap_err();
    assert!(matches!(err, CircleError::Connect { .. }), "{err:?}");
    explained(&err);
    assert!(err.next_step().contains("HTTPS_PROXY"));

    // The request never left, so a registration may be tried again, each
    // time with a fresh ciphertext.
    let public = CirclePublicKey::from_rsa(rsa::PublicKey::from(&fixture_key())).unwrap();
    let secret = EntitySecret::generate();
    let (err, calls) = register_counting(&circle, &api_key(), &secret, &public).await;
    let err = err.unwrap_err();
    assert!(matches!(err, CircleError::Connect { .. }), "{err:?}");
    explained(&err);
    assert!(!err.may_have_registered());
    assert_eq!(calls, 3);
}

#[tokio::test]
async fn a_failed_tls_handshake_is_tls_and_nothing_is_sent() {
    // The simulator speaks plain HTTP, so a TLS handshake with it fails.
    let sim = simulator().await;
    let mut base_url = sim.base_url();
    base_url.set_scheme("https").unwrap();
    let circle = CircleClient::new(ClientConfig {
        base_url,
        ..config(&sim)
    })
    .unwrap();
    let err = circle.entity_config(&api_key()).await.unwrap_err();
    assert!(matches!(err, CircleError::Tls { .. }), "{err:?}");
    explained(&err);
    let public = sim.public_key();
    let secret = EntitySecret::generate();
    let (err, calls) = register_counting(&circle, &api_key(), &secret, &public).await;
    let err = err.unwrap_err();
    assert!(matches!(err, CircleError::Tls { .. }), "{err:?}");
    explained(&err);
    assert_eq!(calls, 1, "a certificate problem is not retried");
    assert!(sim.request_log().is_empty());
}

#[tokio::test]
async fn a_ciphertext_for_another_key_is_an_invalid_secret() {
    let sim = simulator().await;
    let other = CirclePublicKey::from_pem(include_str!("fixtures/rsa2048.spki.pem")).unwrap();
    let secret = EntitySecret::generate();
    let err = client(&sim)
        .register(&api_key(), || Ciphertext::encrypt(&secret, &other))
        .await
        .unwrap_err();
    assert!(matches!(err, CircleError::InvalidSecret { .. }), "{err:?}");
    explained(&err);
    assert_eq!(sim.registered_secret(), None);
}

#[tokio::test]
async fn the_simulator_refuses_a_reused_ciphertext_before_anything_else() {
    let sim = simulator().await;
    let secret = EntitySecret::generate();
    let ciphertext = Ciphertext::encrypt(&secret, &sim.public_key())
        .unwrap()
        .into_wire();
    let body = serde_json::json!({ "entitySecretCiphertext": ciphertext });
    let http = raw_http();
    let send = || {
        http.post(url(&sim, REGISTER_PATH))
            .bearer_auth("TEST_API_KEY:a:b")
            .json(&body)
            .send()
    };
    assert_eq!(send().await.unwrap().status().as_u16(), 200);
    // Already registered, but reuse is what is reported.
    let response = send().await.unwrap();
    assert_eq!(response.status().as_u16(), 400);
    let answer: serde_json::Value = response.json().await.unwrap();
    assert_eq!(answer["code"], 156004);

    // A ciphertext that does not decrypt is invalid, even when registered.
    let fresh = Ciphertext::encrypt(&EntitySecret::generate(), &sim.public_key()).unwrap();
    let response = http
        .post(url(&sim, REGISTER_PATH))
        .bearer_auth("TEST_API_KEY:a:b")
        .json(&serde_json::json!({ "entitySecretCiphertext": "QUJD" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
    let answer: serde_json::Value = response.json().await.unwrap();
    assert_eq!(answer["code"], 156013);
    let response = http
        .post(url(&sim, REGISTER_PATH))
        .bearer_auth("TEST_API_KEY:a:b")
        .json(&serde_json::json!({ "entitySecretCiphertext": fresh.into_wire() }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 409);
    let answer: serde_json::Value = response.json().await.unwrap();
    assert_eq!(answer["code"], 156015);
    assert_eq!(
        answer["message"],
        "The secret for this entity has already been set."
    );
}

#[tokio::test]
async fn a_server_error_then_rate_limits_until_giving_up_may_have_registered() {
    let sim = simulator().await;
    let circle = client(&sim);
    let public = sim.public_key();
    let secret = EntitySecret::generate();
    // A 500 (after which Circle may have acted), then 429s until the
    // attempts run out: the last error alone would say "not registered".
    sim.push_fault(Endpoint::Register, Fault::ServerError);
    for _ in 0..3 {
        sim.push_fault(Endpoint::Register, Fault::RateLimited);
    }
    let (err, calls) = register_counting(&circle, &api_key(), &secret, &public).await;
    let err = err.unwrap_err();
    assert_eq!(calls, 4);
    let CircleError::GaveUpAfterServerError { request_id, last } = &err else {
        panic!("{err:?}")
    };
    assert!(
        matches!(**last, CircleError::RateLimited { .. }),
        "{last:?}"
    );
    assert!(err.may_have_registered());
    explained(&err);
    // The id given is the attempt that got the server error.
    let log = sim.request_log();
    assert_eq!(request_id.as_deref(), log[0].2.as_deref());
}

#[tokio::test]
async fn rate_limits_alone_until_giving_up_did_not_register() {
    let sim = simulator().await;
    let circle = client(&sim);
    for _ in 0..4 {
        sim.push_fault(Endpoint::Register, Fault::RateLimited);
    }
    let (err, calls) = register_counting(
        &circle,
        &api_key(),
        &EntitySecret::generate(),
        &sim.public_key(),
    )
    .await;
    let err = err.unwrap_err();
    assert_eq!(calls, 4);
    assert!(matches!(err, CircleError::RateLimited { .. }), "{err:?}");
    assert!(!err.may_have_registered());
}

/// A realistic key for the redaction table: 32-character ID and SECRET.
const HOSTILE_KEY: &str =
    "TEST_API_KEY:4f7c2a9e1b3d5f60718293a4b5c6d7e8:9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b";

/// One canned answer: status, extra header lines, body. `{request}` in the
/// body is replaced by the request as the server received it, headers and
/// all, as a debugging page or a broken gateway would echo it.
struct Canned {
    name: &'static str,
    status: u16,
    headers: Vec<(String, Vec<u8>)>,
    body: String,
}

/// A server on loopback that answers every request with `canned`.
async fn hostile_server(canned: Canned) -> Url {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let canned = std::sync::Arc::new(canned);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let canned = canned.clone();
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buf = [0u8; 4096];
                // The head, then as much body as Content-Length says.
                let head_end = loop {
                    let n = stream.read(&mut buf).await.unwrap_or(0);
                    if n == 0 {
                        return;
                    }
                    request.extend_from_slice(&buf[..n]);
                    if let Some(at) = request.windows(4).position(|w| w == b"\r\n\r\n") {
                        break at + 4;
                    }
                };
                let head = String::from_utf8_lossy(&request[..head_end]).into_owned();
                let length = head
                    .lines()
                    .find_map(|l| {
                        let (name, value) = l.split_once(':')?;
                        name.eq_ignore_ascii_case("content-length")
                            .then(|| value.trim().parse::<usize>().ok())?
                    })
                    .unwrap_or(0);
                while request.len() < head_end + length {
                    let n = stream.read(&mut buf).await.unwrap_or(0);
                    if n == 0 {
                        break;
                    }
                    request.extend_from_slice(&buf[..n]);
                }
                let body = canned.body.replace("{request}", &head);
                let mut answer = format!("HTTP/1.1 {} Whatever\r\n", canned.status).into_bytes();
                for (name, value) in &canned.headers {
                    answer.extend_from_slice(name.as_bytes());
                    answer.extend_from_slice(b": ");
                    answer.extend_from_slice(value);
                    answer.extend_from_slice(b"\r\n");
                }
                answer.extend_from_slice(
                    format!(
                        "Content-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    )
                    .as_bytes(),
                );
                answer.extend_from_slice(body.as_bytes());
                let _ = stream.write_all(&answer).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    Url::parse(&format!("http://{address}")).unwrap()
}

/// Every spelling of the key and of its parts that must never be shown,
/// lowercase: raw, percent-encoded, JSON-escaped, HTML-escaped, hex and
/// base64 (standard and URL-safe).
fn forbidden_forms() -> Vec<String> {
    use base64::Engine;
    use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};
    let mut parts: Vec<&str> = HOSTILE_KEY.split(':').skip(1).collect();
    parts.push(HOSTILE_KEY);
    let mut forms = Vec::new();
    for part in parts {
        forms.push(part.to_owned());
        forms.push(part.replace(':', "%3A"));
        forms.push(part.replace(':', "%3a"));
        forms.push(part.replace(':', "\\u003a"));
        forms.push(part.replace(':', "&#58;"));
        forms.push(part.bytes().map(|b| format!("%{b:02X}")).collect());
        forms.push(hex::encode(part));
        // The base64 of the part on its own, without the last group, which
        // depends on what follows.
        for engine in [&STANDARD_NO_PAD, &URL_SAFE_NO_PAD] {
            let whole = &part.as_bytes()[..part.len() - part.len() % 3];
            forms.push(engine.encode(whole));
        }
    }
    forms.iter().map(|f| f.to_ascii_lowercase()).collect()
}

/// `text` as a person would read it: without whitespace, without the
/// invisible characters, and without the `\u{…}` escapes that stand for
/// them on screen; lowercase.
fn as_read(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\\u{") {
        out.push_str(&rest[..at]);
        rest = match rest[at..].find('}') {
            Some(end) => &rest[at + end + 1..],
            None => "",
        };
    }
    out.push_str(rest);
    out.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !c.is_control()
                && !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{AD}')
        })
        .collect::<String>()
        .to_ascii_lowercase()
}

fn hostile_cases() -> Vec<Canned> {
    use base64::Engine;
    use base64::engine::general_purpose::{STANDARD, URL_SAFE};
    let key = HOSTILE_KEY;
    let (id, secret) = {
        let mut parts = key.split(':').skip(1);
        (parts.next().unwrap(), parts.next().unwrap())
    };
    let json = |status: u16, message: String| Canned {
        name: "",
        status,
        headers: Vec::new(),
        body: serde_json::json!({ "code": 2, "message": message }).to_string(),
    };
    let split = |separator: &str| {
        let (a, b) = secret.split_at(13);
        format!(
            "{key_start}{a}{separator}{b}",
            key_start = &key[..key.len() - secret.len()]
        )
    };
    let named = |name: &'static str, canned: Canned| Canned { name, ..canned };
    let with_id = answer_with_request_id;
    let mut cases = vec![
        named("the whole key", json(400, format!("bad key {key}"))),
        named(
            "the key across the 200-character cut",
            json(400, format!("{} {key}", "x".repeat(180))),
        ),
        named(
            "the key across the cut, in a 5xx",
            json(503, format!("{} Bearer {key}", "y".repeat(190))),
        ),
        named(
            "the secret part alone",
            json(400, format!("unknown secret {secret}")),
        ),
        named(
            "the ID part alone",
            json(400, format!("unknown key id {id}")),
        ),
        named(
            "the key cut short by one character",
            json(400, format!("key {}", &key[..key.len() - 1])),
        ),
        named(
            "the first 8 characters of the secret",
            json(400, format!("secret starts {}", &secret[..8])),
        ),
        named(
            "the last 8 characters of the ID",
            json(400, format!("id ends {}", &id[id.len() - 8..])),
        ),
        named(
            "percent-encoded, upper case",
            json(400, key.replace(':', "%3A")),
        ),
        named(
            "percent-encoded, lower case",
            json(400, key.replace(':', "%3a")),
        ),
        named(
            "every byte percent-encoded",
            json(400, key.bytes().map(|b| format!("%{b:02x}")).collect()),
        ),
        named(
            "percent-encoded twice",
            json(400, key.replace(':', "%253A")),
        ),
        named("HTML-escaped", json(400, key.replace(':', "&#x3a;"))),
        named("hex", json(400, hex::encode(key))),
        named("base64", json(400, STANDARD.encode(key))),
        named(
            "base64 of the header",
            json(400, STANDARD.encode(format!("Authorization: Bearer {key}"))),
        ),
        named(
            "base64url, shifted",
            json(400, URL_SAFE.encode(format!("x{key}"))),
        ),
        named("upper case", json(400, key.to_ascii_uppercase())),
        named("split by a newline", json(400, split("\n"))),
        named("split by CRLF and spaces", json(400, split("\r\n   "))),
        named("split by U+200B", json(400, split("\u{200B}"))),
        named("split by U+200C", json(400, split("\u{200C}"))),
        named("split by U+200D", json(400, split("\u{200D}"))),
        named("split by U+2060", json(400, split("\u{2060}"))),
        named("split by U+FEFF", json(400, split("\u{FEFF}"))),
        named(
            "split by a soft hyphen and an RLO",
            json(400, split("\u{AD}\u{202E}")),
        ),
        named(
            "split by a JSON-escaped zero-width space",
            json(400, split("\\u200b")),
        ),
        named(
            "split by an invisible tag character",
            json(400, split("\u{E0020}")),
        ),
        named(
            "the whole key in a 500",
            json(500, format!("internal error for {key}")),
        ),
        named("the whole key in a 429", json(429, key.to_owned())),
        named("the whole key in a 401", json(401, key.to_owned())),
        named(
            "the whole key as the app id",
            Canned {
                name: "",
                status: 200,
                headers: Vec::new(),
                body: serde_json::json!({ "data": { "appId": key } }).to_string(),
            },
        ),
        Canned {
            name: "a 520 page echoing the request",
            status: 520,
            headers: Vec::new(),
            body: "<html><body><pre>{request}</pre></body></html>".to_owned(),
        },
        Canned {
            name: "a JSON error echoing the request",
            status: 400,
            headers: Vec::new(),
            body: r#"{"code":2,"message":"{request}"}"#.to_owned(),
        },
        Canned {
            name: "a 520 page with a JSON-escaped key",
            status: 520,
            headers: Vec::new(),
            body: format!("<p>{}</p>", key.replace(':', "\\u003a")),
        },
        with_id("X-Request-Id: the whole key", key.as_bytes()),
        with_id("X-Request-Id: the secret part", secret.as_bytes()),
        with_id(
            "X-Request-Id: the ID part after a prefix",
            format!("req-{id}").as_bytes(),
        ),
        with_id(
            "X-Request-Id: percent-encoded key",
            key.replace(':', "%3A").as_bytes(),
        ),
        with_id(
            "X-Request-Id: the secret in base64",
            STANDARD.encode(secret).trim_end_matches('=').as_bytes(),
        ),
        with_id("X-Request-Id: an escape sequence", b"\x1b[2J"),
        with_id("X-Request-Id: an RLO", "abc\u{202E}def".as_bytes()),
    ];
    cases.retain(|c| !c.name.is_empty());
    cases
}

#[tokio::test]
async fn no_form_of_the_api_key_reaches_an_error_whatever_the_server_sends() {
    let key = ApiKey::parse(HOSTILE_KEY).unwrap();
    let forbidden = forbidden_forms();
    let public = CirclePublicKey::from_rsa(rsa::PublicKey::from(&fixture_key())).unwrap();
    let secret = EntitySecret::generate();
    let cases = hostile_cases();
    assert!(cases.len() >= 35);
    for case in cases {
        let name = case.name;
        let circle = one_attempt_client(case).await;
        let fetched = circle.entity_config(&key).await.map(|_| ()).unwrap_err();
        let registered = circle
            .register(&key, || Ciphertext::encrypt(&secret, &public))
            .await
            .map(|_| ());
        let mut errors = vec![fetched];
        // A 200 is a registration; everything else must be an error.
        errors.extend(registered.err());
        for err in errors {
            let request_id = err.request_id().unwrap_or_default().to_owned();
            let shown = format!(
                "{err}\n{}\n{request_id}\n{err:?}\n{}",
                err.next_step(),
                entity_secret_wizard::error::explain(&err)
            );
            let read = as_read(&shown);
            for form in &forbidden {
                assert!(!read.contains(form.as_str()), "{name}: {form} in {shown}");
            }
            // Nor any 8 characters in a row of the ID or SECRET part.
            let (_, parts) = HOSTILE_KEY.split_once(':').unwrap();
            for piece in parts.as_bytes().windows(8) {
                let piece = std::str::from_utf8(piece).unwrap();
                assert!(!read.contains(piece), "{name}: {piece} in {shown}");
            }
            assert!(
                !request_id
                    .chars()
                    .any(|c| c.is_control() || c == '\u{202E}'),
                "{name}: {request_id:?}"
            );
            let display = err.to_string();
            assert!(
                !display
                    .chars()
                    .any(|c| c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c)),
                "{name}: {display:?}"
            );
        }
    }
}

#[tokio::test]
async fn an_echoed_request_id_is_kept_only_when_plausible() {
    let circle = one_attempt_client(answer_with_request_id("plausible", b"req_2024.abc-123")).await;
    let err = circle.entity_config(&api_key()).await.unwrap_err();
    assert_eq!(err.request_id(), Some("req_2024.abc-123"));

    let hostile = answer_with_request_id("hostile", HOSTILE_KEY.as_bytes());
    let circle = one_attempt_client(hostile).await;
    let key = ApiKey::parse(HOSTILE_KEY).unwrap();
    let err = circle.entity_config(&key).await.unwrap_err();
    assert!(
        is_uuid_v4(err.request_id().unwrap()),
        "the id sent: {err:?}"
    );
}

/// A client of a [`hostile_server`] answering `canned`, that tries once.
async fn one_attempt_client(canned: Canned) -> CircleClient {
    CircleClient::new(ClientConfig {
        max_attempts: 1,
        ..ClientConfig::with_base_url(hostile_server(canned).await)
    })
    .unwrap()
}

/// A 400 whose `X-Request-Id` header is `value`.
fn answer_with_request_id(name: &'static str, value: &[u8]) -> Canned {
    Canned {
        name,
        status: 400,
        headers: vec![("X-Request-Id".to_owned(), value.to_vec())],
        body: r#"{"code":2,"message":"bad request"}"#.to_owned(),
    }
}
