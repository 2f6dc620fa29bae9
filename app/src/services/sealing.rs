//! Answers sealed until their wave closes (issue #9; methodology.md A4).
//!
//! A submission's attributes and answers enter `sealed_response` encrypted with
//! XChaCha20-Poly1305 (RustCrypto `chacha20poly1305`) under a key that is **not in the
//! database**, padded to one size per poll so a ciphertext's length says nothing about what was
//! typed. The database's write-ahead log, its archive, a replica or a dump then holds, per
//! submission, an invitation flag and an opaque blob of the same size as every other: nothing
//! that says which answers are whose. Only closing the wave opens them
//! ([`super::waves::close`]), shuffles the whole wave and writes `response` in random order in
//! one transaction, so the anonymity set is every respondent of the wave.
//!
//! The key: 32 random bytes in a key file (created on first start, mode 0600; `--key-file` /
//! `POLSSLAG_KEY_FILE`, by default `$XDG_CONFIG_HOME/polsslag/sealing.key`, never beside the
//! database), or base64 in `POLSSLAG_SEALING_KEY`. The database keeps only a fingerprint
//! (SHA-256 of a label and the key), so a server started with another key refuses to start
//! instead of writing answers that nobody can open. Someone who holds both the database and the
//! key can link answers to invitations while a wave is open: that is out of scope, and said so
//! in the README.

use super::responses::Attributes;
use super::ServiceError;
use crate::domain::{Answer, PollForm, QuestionInput, WaveId};
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Environment variable that holds the key itself (base64 of 32 bytes), instead of a file.
pub const KEY_ENV: &str = "POLSSLAG_SEALING_KEY";

/// The secret that seals answers. Never logged, never in the database.
#[derive(Clone)]
pub struct SealingKey {
    cipher: XChaCha20Poly1305,
    /// For signing form nonces: SHA-256 of a label and the key (a key of its own).
    nonce_key: [u8; 32],
    /// For the tokens of personal invitations (a key of its own, like `nonce_key`).
    link_key: [u8; 32],
    fingerprint: String,
}

impl std::fmt::Debug for SealingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SealingKey({}…)", &self.fingerprint[..8])
    }
}

/// Why the key cannot be had. Printed before any catalogue is at hand (the server's start),
/// so, like the analysis crate's errors, each message is Dutch / English.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("sleutelbestand / sealing key file {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "verzegelsleutel / sealing key {origin}: geen 32 bytes in base64 / not base64 of 32 bytes"
    )]
    Malformed { origin: String },
    #[error("sleutelbestand / sealing key file {path}: leesbaar voor anderen / readable by others (mode {mode:o}): chmod 600")]
    Exposed { path: PathBuf, mode: u32 },
    #[error("sleutelbestand / sealing key file {path}: bestaat niet; geef het sleutelbestand van deze database met --key-file / does not exist; give this database's key file with --key-file")]
    Missing { path: PathBuf },
    #[error("geen HOME of XDG_CONFIG_HOME: geef --key-file / no HOME or XDG_CONFIG_HOME: give --key-file")]
    NoDefault,
}

/// The default key file: `$XDG_CONFIG_HOME/polsslag/sealing.key`, else
/// `$HOME/.config/polsslag/sealing.key`. Without either there is no default (the working
/// directory holds the default database, and the key never goes beside it): `--key-file` is
/// then required.
pub fn default_key_path() -> PathBuf {
    std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .map(|b| b.join("polsslag").join("sealing.key"))
        .unwrap_or_default()
}

impl SealingKey {
    fn from_bytes(bytes: &[u8], origin: &str) -> Result<Self, KeyError> {
        if bytes.len() != 32 {
            return Err(KeyError::Malformed {
                origin: origin.to_string(),
            });
        }
        let derive = |label: &[u8]| {
            let mut h = Sha256::new();
            h.update(label);
            h.update(bytes);
            h.finalize()
        };
        Ok(SealingKey {
            cipher: XChaCha20Poly1305::new(bytes.into()),
            nonce_key: derive(b"polsslag form nonce key v1\0").into(),
            link_key: derive(b"polsslag invitation link key v1\0").into(),
            fingerprint: hex::encode(derive(b"polsslag sealing key fingerprint v1\0")),
        })
    }

    /// A fresh random key (tests and benchmarks).
    pub fn random() -> Self {
        let bytes: [u8; 32] = rand::random();
        Self::from_bytes(&bytes, "random").expect("32 bytes")
    }

    /// The key from `POLSSLAG_SEALING_KEY` when set, else from the key file at `path`
    /// (default [`default_key_path`]), which is created with mode 0600 (and its directory)
    /// when it does not exist yet.
    ///
    /// # Errors
    /// A malformed key, a key file others can read, or a file that cannot be read or created.
    pub fn load_or_create(path: Option<&Path>) -> Result<Self, KeyError> {
        Self::load_with(path, true)
    }

    /// As [`SealingKey::load_or_create`], but a missing key file is an error
    /// ([`KeyError::Missing`]) instead of a new key: for restoring a backup, where a new key
    /// could never open the answers the backup holds sealed.
    ///
    /// # Errors
    /// No key file, a malformed key, a key file others can read, or one that cannot be read.
    pub fn load(path: Option<&Path>) -> Result<Self, KeyError> {
        Self::load_with(path, false)
    }

    fn load_with(path: Option<&Path>, create: bool) -> Result<Self, KeyError> {
        if let Ok(v) = std::env::var(KEY_ENV) {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(v.trim())
                .map_err(|_| KeyError::Malformed {
                    origin: KEY_ENV.to_string(),
                })?;
            return Self::from_bytes(&bytes, KEY_ENV);
        }
        let path = path.map_or_else(default_key_path, Path::to_path_buf);
        if path.as_os_str().is_empty() {
            return Err(KeyError::NoDefault);
        }
        let io = |source| KeyError::Io {
            path: path.clone(),
            source,
        };
        if !path.exists() {
            if !create {
                return Err(KeyError::Missing { path });
            }
            create_key_file(&path).map_err(io)?;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).map_err(io)?.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                return Err(KeyError::Exposed { path, mode });
            }
        }
        let text = std::fs::read_to_string(&path).map_err(io)?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .map_err(|_| KeyError::Malformed {
                origin: path.display().to_string(),
            })?;
        Self::from_bytes(&bytes, &path.display().to_string())
    }

    /// The token of the personal invitation with this id: HMAC-SHA256 under a key derived
    /// from this one. The database keeps only the token's hash, and the mail queue only the
    /// invitation's id, so invitations and reminders can be (re)sent with the personal link
    /// without any link ever being stored; whoever holds the key can make the links, like the
    /// server (out of scope, as for the sealed answers).
    pub(crate) fn invitation_token(&self, invitation_id: &str) -> super::tokens::Token {
        use hmac::Mac;
        let mut m =
            <hmac::Hmac<Sha256> as Mac>::new_from_slice(&self.link_key).expect("any key size");
        m.update(invitation_id.as_bytes());
        let bytes: [u8; 32] = m.finalize().into_bytes().into();
        super::tokens::Token::from_bytes(&bytes)
    }

    /// HMAC-SHA256 (truncated to 16 bytes) of a form nonce's body for `wave`.
    pub(crate) fn nonce_mac(&self, wave: &WaveId, body: &[u8]) -> [u8; 16] {
        use hmac::Mac;
        let mut m =
            <hmac::Hmac<Sha256> as Mac>::new_from_slice(&self.nonce_key).expect("any key size");
        m.update(wave.as_str().as_bytes());
        m.update(&[0]);
        m.update(body);
        let full = m.finalize().into_bytes();
        full[..16].try_into().expect("16 bytes")
    }

    /// SHA-256 of a label and the key: says which key, reveals nothing of it.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Seals `plain` for `wave`, padded to `size` bytes: nonce (24) ‖ ciphertext
    /// (`size` + 16 bytes of tag), so 40 + `size` bytes whatever `plain` holds.
    fn seal(&self, wave: &WaveId, plain: &[u8], size: usize) -> Result<Vec<u8>, ServiceError> {
        if plain.len() + 4 > size {
            return Err(ServiceError::corrupt(
                format!(
                    "sealed response of {} bytes over its size {size}",
                    plain.len()
                ),
                std::io::Error::other("answer larger than the poll allows"),
            ));
        }
        let mut padded = Vec::with_capacity(size);
        padded.extend_from_slice(&(plain.len() as u32).to_le_bytes());
        padded.extend_from_slice(plain);
        padded.resize(size, 0);
        let nonce_bytes: [u8; 24] = rand::random();
        let nonce = XNonce::from(nonce_bytes);
        let sealed = self
            .cipher
            .encrypt(
                &nonce,
                Payload {
                    msg: &padded,
                    aad: wave.as_str().as_bytes(),
                },
            )
            .map_err(|_| {
                ServiceError::corrupt("sealing", std::io::Error::other("encryption failed"))
            })?;
        let mut out = Vec::with_capacity(24 + sealed.len());
        out.extend_from_slice(&nonce_bytes);
        out.extend(sealed);
        Ok(out)
    }

    /// Opens what [`SealingKey::seal`] sealed for `wave`.
    fn open(&self, wave: &WaveId, raw: &[u8]) -> Result<Vec<u8>, ServiceError> {
        let wrong = || {
            ServiceError::corrupt(
                format!("sealed response of wave {wave}"),
                std::io::Error::other(
                    "cannot be opened: another sealing key, or damaged (nothing was changed)",
                ),
            )
        };
        if raw.len() < 24 + 16 + 4 {
            return Err(wrong());
        }
        let (nonce, body) = raw.split_at(24);
        let padded = self
            .cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: body,
                    aad: wave.as_str().as_bytes(),
                },
            )
            .map_err(|_| wrong())?;
        let len = u32::from_le_bytes(padded[..4].try_into().expect("4 bytes")) as usize;
        if 4 + len > padded.len() {
            return Err(wrong());
        }
        Ok(padded[4..4 + len].to_vec())
    }
}

/// What a sealed response holds.
#[derive(Serialize, Deserialize)]
struct Sealed {
    #[serde(rename = "a")]
    attrs: Attributes,
    #[serde(rename = "r")]
    answers: BTreeMap<String, Answer>,
}

/// The room reporting attributes may take in a sealed response (6 values, their names and
/// JSON); a roster value longer than this is refused rather than let the size vary.
const ATTRIBUTE_ROOM: usize = 6 * (24 + 128);

/// One size for every sealed response of a poll: the largest answers its form allows, in
/// their worst-case JSON, plus the attributes, rounded up to 1 KiB. A text's length is
/// counted in UTF-16 code units, as the browser's `maxlength` counts it
/// ([`crate::domain::parse_answer`]), and each unit takes at most 3 bytes of JSON: a
/// character of the Basic Multilingual Plane is at most 3 bytes of UTF-8 for one unit, one
/// beyond it 4 bytes for two units, and `"`, `\`, line break and tab are 2-byte escapes
/// (other control characters are removed by [`crate::domain::normalise_text`]).
pub fn padded_size(form: &PollForm) -> usize {
    let mut n = ATTRIBUTE_ROOM + 64;
    for q in form.questions() {
        n += q.code.len() + 8;
        n += match &q.input {
            QuestionInput::Likert { .. } => 24,
            QuestionInput::Scale010 { .. } => 8,
            QuestionInput::Single { options } => {
                16 + options.iter().map(|o| o.code.len() * 6).max().unwrap_or(0)
            }
            QuestionInput::Multi { options, .. } => {
                16 + options.iter().map(|o| o.code.len() * 6 + 3).sum::<usize>()
            }
            QuestionInput::Text { max_length } => 8 + usize::from(*max_length) * 3,
        };
    }
    n.div_ceil(1024) * 1024
}

/// Seals one submission for its wave: nonce (24 bytes) ‖ ciphertext of the attributes and
/// answers padded to [`padded_size`] (+ 16 bytes of tag), one size for every submission of
/// the poll.
///
/// # Errors
/// Answers larger than the form allows (a bug in [`crate::domain::parse_answer`] or
/// [`padded_size`]: the fuzz target `respondent_form` looks for one).
pub fn seal(
    key: &SealingKey,
    wave: &WaveId,
    form: &PollForm,
    attrs: &Attributes,
    answers: &BTreeMap<String, Answer>,
) -> Result<Vec<u8>, ServiceError> {
    let plain = serde_json::to_vec(&Sealed {
        attrs: attrs.clone(),
        answers: answers.clone(),
    })
    .expect("a sealed response serialises");
    key.seal(wave, &plain, padded_size(form))
}

/// Opens one sealed submission: its attributes and its answers as stored JSON.
pub fn open(
    key: &SealingKey,
    wave: &WaveId,
    sealed: &[u8],
) -> Result<(Attributes, String), ServiceError> {
    let plain = key.open(wave, sealed)?;
    let s: Sealed = serde_json::from_slice(&plain)
        .map_err(|e| ServiceError::corrupt(format!("sealed response of wave {wave}"), e))?;
    Ok((
        s.attrs,
        serde_json::to_string(&s.answers).expect("answers serialise"),
    ))
}

/// Writes a new key file atomically with mode 0600 (a concurrent start that wins keeps its
/// key: the file is linked into place only if it does not exist yet).
fn create_key_file(path: &Path) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let bytes: [u8; 32] = rand::random();
    let text = base64::engine::general_purpose::STANDARD.encode(bytes) + "\n";
    let tmp = path.with_extension(format!("tmp-{:016x}", rand::random::<u64>()));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(&tmp)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    drop(f);
    let linked = std::fs::hard_link(&tmp, path);
    std::fs::remove_file(&tmp)?;
    match linked {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wave() -> WaveId {
        WaveId::random()
    }

    #[test]
    fn a_sealed_response_opens_with_its_key_and_wave_only() {
        let key = SealingKey::random();
        let w = wave();
        let sealed = key.seal(&w, b"{\"x\":1}", 1024).unwrap();
        assert_eq!(key.open(&w, &sealed).unwrap(), b"{\"x\":1}");
        assert!(
            SealingKey::random().open(&w, &sealed).is_err(),
            "another key"
        );
        assert!(key.open(&wave(), &sealed).is_err(), "another wave");
        let mut damaged = sealed.clone();
        damaged[30] ^= 1;
        assert!(key.open(&w, &damaged).is_err(), "damaged");
    }

    #[test]
    fn every_sealed_response_of_a_poll_has_the_same_length() {
        let key = SealingKey::random();
        let w = wave();
        let short = key.seal(&w, b"a", 4096).unwrap();
        let long = key.seal(&w, &[b'x'; 4000], 4096).unwrap();
        assert_eq!(short.len(), long.len());
        assert!(key.seal(&w, &[b'x'; 4093], 4096).is_err(), "never longer");
    }

    #[test]
    fn a_key_file_is_created_once_with_mode_600_and_read_back() {
        let dir = std::env::temp_dir().join(format!("polsslag-key-{}", rand::random::<u64>()));
        let path = dir.join("sub").join("sealing.key");
        let a = SealingKey::load_or_create(Some(&path)).unwrap();
        let b = SealingKey::load_or_create(Some(&path)).unwrap();
        assert_eq!(
            a.fingerprint(),
            b.fingerprint(),
            "the same key the second time"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            assert!(matches!(
                SealingKey::load_or_create(Some(&path)),
                Err(KeyError::Exposed { .. })
            ));
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        std::fs::write(&path, "kort\n").unwrap();
        assert!(matches!(
            SealingKey::load_or_create(Some(&path)),
            Err(KeyError::Malformed { .. })
        ));
        std::fs::remove_dir_all(&dir).ok();
    }

    /// The worst answers a form allows fit its padded size, however they are typed: the
    /// longest text of emoji, of 3-byte characters (€, 中), of quotes, of line breaks, or of control characters
    /// (removed), with the longest attribute values.
    #[test]
    fn the_worst_answers_a_form_allows_fit_its_padded_size() {
        use crate::domain::{parse_answer, Localized, PollForm, Question, QuestionInput};
        let text = Question {
            code: "T1".into(),
            text: Localized::new("t", "t"),
            required: false,
            input: QuestionInput::Text { max_length: 1000 },
        };
        let form = PollForm {
            title: Localized::new("p", "p"),
            intro: Localized::new("", ""),
            closes_on: "2026-12-31".into(),
            min_group: Default::default(),
            pages: vec![vec![text.clone()]],
        };
        let key = SealingKey::random();
        let w = wave();
        let long = "x".repeat(128);
        let attrs = Attributes {
            unit: Some(long.clone()),
            district: Some(long.clone()),
            team: Some(long.clone()),
            age_band: Some(long.clone()),
            role_group: Some(long.clone()),
            tenure_band: Some(long),
        };
        let mut sizes = Vec::new();
        for typed in [
            "\u{1F600}",
            "\u{20AC}",
            "\u{4E2D}",
            "\"",
            "\\",
            "\n",
            "\t",
            "\u{1}",
            "\u{2028}",
            "a",
        ] {
            // As much as the browser lets through: 1,000 UTF-16 code units.
            let value = typed.repeat(1000 / typed.encode_utf16().count());
            let answers = match parse_answer(&text, &[value.as_str()]) {
                Ok(Some(a)) => [("T1".to_string(), a)].into(),
                Ok(None) => BTreeMap::new(),
                Err(e) => panic!("{typed:?}: {e:?}"),
            };
            let sealed = seal(&key, &w, &form, &attrs, &answers)
                .unwrap_or_else(|e| panic!("{typed:?} does not fit: {e:?}"));
            sizes.push(sealed.len());
        }
        assert!(sizes.iter().all(|s| *s == sizes[0]), "{sizes:?}");
    }
}
