//! One-time tokens for personal invitations, open team links and form nonces.
//!
//! A token is 256 random bits, written as 43 URL-safe base64 characters. The database only
//! ever holds its SHA-256 hash, so a database dump gives nobody a working link.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use rand::RngCore;
use sha2::{Digest, Sha256};

const TOKEN_BYTES: usize = 32;
const TOKEN_CHARS: usize = 43;

/// A token as it appears in a link or cookie. The field is private: a value of this type has
/// the right length and alphabet, so it can be hashed and looked up without further checks.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    pub fn generate() -> Self {
        let mut bytes = [0u8; TOKEN_BYTES];
        rand::rng().fill_bytes(&mut bytes);
        Token(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Accepts only strings that could have come from [`Token::generate`].
    pub fn parse(s: &str) -> Option<Self> {
        let ok = s.len() == TOKEN_CHARS
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| Token(s.to_string()))
    }

    /// A token made of these 32 bytes (a signed form nonce).
    pub(crate) fn from_bytes(bytes: &[u8; TOKEN_BYTES]) -> Self {
        Token(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// The 32 bytes behind the token; `None` when the text is not their canonical encoding
    /// (43 characters can carry trailing bits that no generated token has).
    pub(crate) fn bytes(&self) -> Option<[u8; TOKEN_BYTES]> {
        URL_SAFE_NO_PAD.decode(&self.0).ok()?.try_into().ok()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value stored in the database: hex SHA-256 of the token.
    pub fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }
}

/// Never print a token, not even in debug output.
impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_tokens_parse_and_differ() {
        let a = Token::generate();
        let b = Token::generate();
        assert_ne!(a, b);
        assert_eq!(Token::parse(a.as_str()), Some(a.clone()));
        assert_eq!(a.hash().len(), 64);
        assert_ne!(a.hash(), a.as_str());
    }

    #[test]
    fn malformed_tokens_are_refused() {
        assert!(Token::parse("").is_none());
        assert!(Token::parse("abc").is_none());
        assert!(Token::parse(&"a".repeat(42)).is_none());
        assert!(Token::parse(&format!("{}%", "a".repeat(42))).is_none());
        assert!(Token::parse(&"a".repeat(43)).is_some());
    }

    #[test]
    fn debug_output_hides_the_token() {
        assert_eq!(format!("{:?}", Token::generate()), "Token(…)");
    }
}
