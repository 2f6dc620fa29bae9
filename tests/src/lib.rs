//! Shared helpers for the end-to-end tests in `tests/tests/`: they run the real `polsslag`
//! binary as a separate process, exactly as a user would.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A child process that is killed (SIGKILL) when dropped.
pub struct Killed(pub Child);

impl Killed {
    /// `kill -9`, now.
    pub fn kill_now(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Killed {
    fn drop(&mut self) {
        self.kill_now();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `target/debug/polsslag`, or `POLSSLAG_BIN`.
pub fn binary() -> PathBuf {
    let path = std::env::var_os("POLSSLAG_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/debug/polsslag")
        });
    assert!(
        path.exists(),
        "{} not found: build it first with `cargo build -p server` (scripts/test.sh does)",
        path.display()
    );
    path
}

/// A demo database in a fresh temporary directory.
pub struct Demo {
    pub dir: PathBuf,
    pub database_url: String,
    pub base: String,
    pub port: u16,
    /// Every `/p/…` link the demo printed, in order (personal links first, then team links).
    pub links: Vec<String>,
    /// `(wave id, label)` of the open waves.
    pub open_waves: Vec<(String, String)>,
    /// The account lines, split on white space: `account ROLE EMAIL PASSWORD [SCOPE]`.
    pub accounts: Vec<Vec<String>>,
}

impl Demo {
    /// A demo on a fresh SQLite file.
    pub fn create(employees: u32) -> Demo {
        Demo::create_on(employees, None)
    }

    /// A demo on `database_url` (a fresh, empty database), or on a fresh SQLite file.
    pub fn create_on(employees: u32, database_url: Option<String>) -> Demo {
        let port = free_port();
        let dir = std::env::temp_dir().join(format!("polsslag-e2e-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let base = format!("http://127.0.0.1:{port}");
        let database_url =
            database_url.unwrap_or_else(|| format!("sqlite://{}/e2e.db?mode=rwc", dir.display()));
        let out = Command::new(binary())
            .args([
                "demo",
                "--employees",
                &employees.to_string(),
                "--waves",
                "1",
            ])
            .args(["--database-url", &database_url, "--base-url", &base])
            .output()
            .expect("polsslag demo runs");
        assert!(
            out.status.success(),
            "demo failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8(out.stdout).unwrap();
        let links = stdout
            .split_whitespace()
            .filter(|w| w.starts_with("http://") && w.contains("/p/"))
            .map(str::to_string)
            .collect::<Vec<_>>();
        assert!(links.len() >= 3, "demo printed links: {stdout}");
        let open_waves = stdout
            .split("Open golven")
            .nth(1)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| {
                let l = l.trim();
                let (id, label) = l.split_once("   ")?;
                (id.len() == 36 && id.chars().filter(|c| *c == '-').count() == 4)
                    .then(|| (id.to_string(), label.trim().to_string()))
            })
            .collect();
        let accounts = stdout
            .lines()
            .filter(|l| l.starts_with("account "))
            .map(|l| l.split_whitespace().map(str::to_string).collect())
            .collect();
        Demo {
            accounts,
            dir,
            database_url,
            base,
            port,
            links,
            open_waves,
        }
    }

    /// Starts `polsslag serve` on this demo's database and waits until it accepts connections.
    pub fn serve(&self) -> Killed {
        self.serve_with(&[])
    }

    /// As [`Demo::serve`], with these environment variables (an SMTP server, say).
    pub fn serve_with(&self, env: &[(&str, &str)]) -> Killed {
        let child = Command::new(binary())
            .args(["serve", "--bind", &format!("127.0.0.1:{}", self.port)])
            .args(["--database-url", &self.database_url])
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "server did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        Killed(child)
    }

    pub fn wave_id(&self, label_contains: &str) -> String {
        self.open_waves
            .iter()
            .find(|(_, l)| l.contains(label_contains))
            .unwrap_or_else(|| panic!("no open wave like {label_contains}: {:?}", self.open_waves))
            .0
            .clone()
    }
}

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
