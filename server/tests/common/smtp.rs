//! A real SMTP server for the tests, in process, on a loopback port: it speaks enough of
//! RFC 5321 (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) for `lettre`, keeps every message it
//! accepts, and refuses chosen recipients permanently (550) or for now (451).

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A message as the sink received it.
#[derive(Clone, Debug)]
pub struct Received {
    pub to: Vec<String>,
    /// Headers and body, as sent (dot-unstuffed).
    pub data: String,
}

impl Received {
    /// The body decoded from its transfer encoding (quoted-printable, base64 or plain).
    pub fn body(&self) -> String {
        let (head, body) = self.data.split_once("\r\n\r\n").unwrap_or((&self.data, ""));
        let head = head.to_ascii_lowercase();
        if head.contains("content-transfer-encoding: base64") {
            use base64::Engine;
            let clean: String = body.chars().filter(|c| !c.is_whitespace()).collect();
            String::from_utf8(
                base64::engine::general_purpose::STANDARD
                    .decode(clean)
                    .unwrap(),
            )
            .unwrap()
        } else if head.contains("content-transfer-encoding: quoted-printable") {
            let joined = body.replace("=\r\n", "");
            let bytes = joined.as_bytes();
            let mut out = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] == b'=' && i + 2 < bytes.len() {
                    let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                    out.push(u8::from_str_radix(hex, 16).unwrap());
                    i += 3;
                } else {
                    out.push(bytes[i]);
                    i += 1;
                }
            }
            String::from_utf8(out).unwrap()
        } else {
            body.to_string()
        }
    }
}

#[derive(Clone, Default)]
pub struct Sink {
    pub port: u16,
    pub received: Arc<Mutex<Vec<Received>>>,
    refuse: Arc<Mutex<BTreeSet<String>>>,
    later: Arc<Mutex<BTreeSet<String>>>,
}

impl Sink {
    /// Starts a sink that refuses `refuse` (550) and puts off `later` (451).
    pub async fn start(refuse: &[&str], later: &[&str]) -> Sink {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let sink = Sink {
            port: listener.local_addr().unwrap().port(),
            refuse: Arc::new(Mutex::new(refuse.iter().map(|s| s.to_string()).collect())),
            later: Arc::new(Mutex::new(later.iter().map(|s| s.to_string()).collect())),
            ..Default::default()
        };
        let s = sink.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let s = s.clone();
                tokio::spawn(async move { s.converse(stream).await });
            }
        });
        sink
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn messages(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    async fn converse(&self, stream: tokio::net::TcpStream) {
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read);
        let _ = write.write_all(b"220 sink ESMTP\r\n").await;
        let mut to: Vec<String> = Vec::new();
        loop {
            let mut line = String::new();
            if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                return;
            }
            let upper = line.to_ascii_uppercase();
            let reply: String = if upper.starts_with("EHLO") {
                "250-sink\r\n250 8BITMIME\r\n".into()
            } else if upper.starts_with("HELO")
                || upper.starts_with("NOOP")
                || upper.starts_with("MAIL FROM")
            {
                "250 OK\r\n".into()
            } else if upper.starts_with("RSET") {
                to.clear();
                "250 OK\r\n".into()
            } else if upper.starts_with("RCPT TO") {
                let addr = line
                    .split_once('<')
                    .and_then(|(_, r)| r.split_once('>'))
                    .map(|(a, _)| a.to_string())
                    .unwrap_or_default();
                if self.refuse.lock().unwrap().contains(&addr) {
                    "550 5.1.1 no such mailbox\r\n".into()
                } else if self.later.lock().unwrap().contains(&addr) {
                    "451 4.3.0 try again later\r\n".into()
                } else {
                    to.push(addr);
                    "250 OK\r\n".into()
                }
            } else if upper.starts_with("DATA") {
                let _ = write.write_all(b"354 go ahead\r\n").await;
                let mut data = String::new();
                loop {
                    let mut l = String::new();
                    if lines.read_line(&mut l).await.unwrap_or(0) == 0 {
                        return;
                    }
                    if l == ".\r\n" {
                        break;
                    }
                    data.push_str(l.strip_prefix('.').unwrap_or(&l));
                }
                self.received.lock().unwrap().push(Received {
                    to: std::mem::take(&mut to),
                    data,
                });
                "250 queued\r\n".into()
            } else if upper.starts_with("QUIT") {
                let _ = write.write_all(b"221 bye\r\n").await;
                return;
            } else {
                "502 not implemented\r\n".into()
            };
            if write.write_all(reply.as_bytes()).await.is_err() {
                return;
            }
        }
    }
}
