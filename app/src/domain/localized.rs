//! Content written by people and stored in the database (question texts, poll titles) in
//! both interface languages.

use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

/// A text in Dutch and English. The Dutch text is the original and is never empty; a missing
/// English translation falls back to it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Localized {
    pub nl: String,
    pub en: String,
}

impl Localized {
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            nl: nl.into(),
            en: en.into(),
        }
    }

    /// Only the text of `locale` (what [`Localized::get`] gives for it); the other language is
    /// dropped, so a page sent in one language carries no text of the other.
    pub fn keep(&self, locale: Locale) -> Self {
        let text = self.get(locale).to_string();
        match locale {
            Locale::Nl => Self::new(text, ""),
            Locale::En => Self::new("", text),
        }
    }

    /// The text in `locale`, or the Dutch original when there is no translation.
    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::En if !self.en.trim().is_empty() => &self.en,
            Locale::Nl if self.nl.trim().is_empty() => &self.en,
            _ => &self.nl,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_translation_falls_back_to_dutch() {
        let t = Localized::new("Stelling", "");
        assert_eq!(t.get(Locale::En), "Stelling");
        assert_eq!(Localized::new("Ja", "Yes").get(Locale::En), "Yes");
        for l in Locale::ALL {
            for t in [Localized::new("Ja", "Yes"), Localized::new("Ja", "")] {
                assert_eq!(t.keep(l).get(l), t.get(l));
            }
        }
        assert_eq!(Localized::new("Ja", "Yes").keep(Locale::En).nl, "");
    }
}
