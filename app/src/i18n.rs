//! The message catalogue: every sentence a person reads — pages, error pages, CLI output,
//! e-mails to come — lives in `app/locales/{nl,en}/main.ftl` (Project Fluent), Dutch first.
//!
//! The catalogue is compiled into the binary and into the WASM bundle by `fluent-templates`
//! (the library `leptos-fluent` is built on; it is used directly because the same catalogue
//! serves places without a Leptos owner: error pages rendered by `IntoResponse`, the CLI).
//! Code refers to messages by key only: [`tr!`](crate::tr) gives a string in a locale,
//! [`msg!`](crate::msg) a [`Message`] (key and arguments) that is rendered later in the
//! reader's locale. Plurals and number agreement are Fluent selectors in the files.
//! `tests::catalogue` fails when a key is missing in either language or unused.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

fluent_templates::static_loader! {
    static CATALOGUE = {
        locales: "./locales",
        fallback_language: "nl",
        // No Unicode isolation marks around arguments: they would end up in HTML and CSV.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The cookie that remembers a person's choice of language (`nl` or `en`).
pub const LOCALE_COOKIE: &str = "polsslag_taal";

/// A language of the interface. Dutch is the default; English the second language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Nl,
    En,
}

static NL: LazyLock<LanguageIdentifier> = LazyLock::new(|| "nl".parse().expect("valid tag"));
static EN: LazyLock<LanguageIdentifier> = LazyLock::new(|| "en".parse().expect("valid tag"));

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Nl, Locale::En];

    /// The BCP 47 tag, as used in `<html lang>` and in the cookie.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Nl => "nl",
            Locale::En => "en",
        }
    }

    /// `nl`, `nl-NL`, `en-GB`, `EN` …; anything else is `None`.
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "nl" => Some(Locale::Nl),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The most preferred supported language of an `Accept-Language` header (RFC 9110
    /// §12.5.4: quality values, `*` ignored), or `None` when it names neither.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut best: Option<(f32, Locale)> = None;
        for part in header.split(',') {
            let mut fields = part.split(';');
            let Some(locale) = fields.next().and_then(Locale::parse) else {
                continue;
            };
            let q = fields
                .find_map(|f| f.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
                best = Some((q, locale));
            }
        }
        best.map(|(_, l)| l)
    }

    /// `x` with `digits` decimals, with this language's decimal sign (`3,2` in Dutch).
    pub fn decimal(self, x: f64, digits: usize) -> String {
        // A value that rounds to zero is written 0, never -0.
        let x = if (x * 10f64.powi(digits as i32)).round() == 0.0 {
            0.0
        } else {
            x
        };
        let s = format!("{x:.digits$}");
        match self {
            Locale::Nl => s.replace('.', ","),
            Locale::En => s,
        }
    }

    /// A difference with one decimal and its sign: `+3,2`, `−1,0` (a true minus), and `0,0`
    /// without a sign when it rounds to zero.
    pub fn signed(self, d: f64) -> String {
        let t = self.decimal(d.abs(), 1);
        if t.trim_start_matches(['0', ',', '.']).is_empty() {
            t
        } else if d > 0.0 {
            format!("+{t}")
        } else {
            format!("−{t}")
        }
    }

    /// The language of the charts' own words (`analysis::charts`).
    #[cfg(feature = "ssr")]
    pub fn chart_lang(self) -> analysis::charts::Lang {
        match self {
            Locale::Nl => analysis::charts::Lang::Nl,
            Locale::En => analysis::charts::Lang::En,
        }
    }

    /// The other language (for the switch).
    pub fn other(self) -> Locale {
        match self {
            Locale::Nl => Locale::En,
            Locale::En => Locale::Nl,
        }
    }

    fn langid(self) -> &'static LanguageIdentifier {
        match self {
            Locale::Nl => &NL,
            Locale::En => &EN,
        }
    }

    /// The message `key` in this language (the key itself if the catalogue lacks it, which
    /// the catalogue test rules out).
    pub fn text(self, key: &str) -> String {
        CATALOGUE.lookup(self.langid(), key)
    }

    /// The message `key` with its arguments filled in.
    pub fn text_with(self, key: &str, args: &[(Cow<'static, str>, Arg)]) -> String {
        if args.is_empty() {
            return self.text(key);
        }
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| (name.clone(), value.to_fluent()))
            .collect();
        CATALOGUE.lookup_with_args(self.langid(), key, &args)
    }
}

/// An argument of a message: a number (selects the plural form) or a string.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Arg {
    Num(i64),
    Str(String),
}

impl Arg {
    fn to_fluent(&self) -> FluentValue<'_> {
        match self {
            Arg::Num(n) => FluentValue::from(*n),
            Arg::Str(s) => FluentValue::from(s.as_str()),
        }
    }
}

macro_rules! arg_from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
arg_from_int!(u8, u16, u32, u64, usize, i32, i64);

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Str(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Str(s.to_string())
    }
}

/// A message to show later, in the reader's language: a catalogue key and its arguments.
/// Errors and validation results carry these, never words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub key: Cow<'static, str>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(Cow<'static, str>, Arg)>,
}

impl Message {
    /// Prefer [`msg!`](crate::msg), which the catalogue test can see.
    pub fn from_key(key: &'static str) -> Self {
        Message {
            key: Cow::Borrowed(key),
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((Cow::Borrowed(name), value.into()));
        self
    }

    /// The message in `locale`.
    pub fn text(&self, locale: Locale) -> String {
        locale.text_with(&self.key, &self.args)
    }
}

/// `msg!("key")`, `msg!("key", max = 3)`: a [`Message`] to render later.
#[macro_export]
macro_rules! msg {
    ($key:literal) => {
        $crate::i18n::Message::from_key($key)
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::Message::from_key($key)$(.arg(stringify!($name), $value))+
    };
}

/// `tr!(locale, "key")`, `tr!(locale, "key", n = 3)`: the message as a string, now.
#[macro_export]
macro_rules! tr {
    ($locale:expr, $key:literal) => {
        $crate::i18n::Locale::text($locale, $key)
    };
    ($locale:expr, $key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::msg!($key, $($name = $value),+).text($locale)
    };
}

/// The locale of the page being rendered (provided by the server per request, carried to
/// the browser with the page).
pub fn use_locale() -> Locale {
    leptos::prelude::use_context::<Locale>().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_carry_their_sign() {
        assert_eq!(Locale::Nl.signed(3.25), "+3,2");
        assert_eq!(Locale::En.signed(-1.0), "−1.0");
        assert_eq!(Locale::Nl.signed(-0.01), "0,0");
    }

    #[test]
    fn accept_language_picks_the_preferred_supported_language() {
        assert_eq!(
            Locale::from_accept_language("en-US,en;q=0.9"),
            Some(Locale::En)
        );
        assert_eq!(
            Locale::from_accept_language("de-DE, en;q=0.5, nl;q=0.8"),
            Some(Locale::Nl)
        );
        assert_eq!(Locale::from_accept_language("fr, de"), None);
        assert_eq!(Locale::from_accept_language("nl;q=0, en"), Some(Locale::En));
        assert_eq!(Locale::from_accept_language(""), None);
    }

    #[test]
    fn plurals_follow_the_number() {
        assert_eq!(
            tr!(Locale::Nl, "poll-answered", answered = 1, total = 1),
            "1 van 1 vraag beantwoord"
        );
        assert_eq!(
            tr!(Locale::Nl, "poll-answered", answered = 0, total = 3),
            "0 van 3 vragen beantwoord"
        );
        assert_eq!(
            tr!(Locale::En, "poll-answered", answered = 1, total = 1),
            "1 of 1 question answered"
        );
    }

    #[test]
    fn a_message_renders_in_each_language() {
        let m = msg!("answer-too-long", max = 200);
        assert!(m.text(Locale::Nl).contains("hoogstens 200 tekens"));
        assert!(m.text(Locale::En).contains("at most 200 characters"));
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<Message>(&json).unwrap(), m);
    }

    /// `key = …` lines of a Fluent file, with the `$variables` each message uses.
    fn catalogue(
        locale: &str,
    ) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
        let path = format!("{}/locales/{locale}/main.ftl", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).expect("catalogue file");
        let key = regex_lite::Regex::new(r"^([a-z][a-z0-9-]*) =").unwrap();
        let var = regex_lite::Regex::new(r"\$([a-z_]+)").unwrap();
        let mut out = std::collections::BTreeMap::new();
        let mut current: Option<String> = None;
        for line in text.lines() {
            if let Some(c) = key.captures(line) {
                current = Some(c[1].to_string());
                out.insert(c[1].to_string(), std::collections::BTreeSet::new());
            } else if !line.starts_with(' ') && !line.trim().is_empty() {
                // A blank line does not end a message (Fluent: only an unindented line does).
                current = None;
            }
            if let Some(k) = &current {
                for v in var.captures_iter(line) {
                    out.get_mut(k).unwrap().insert(v[1].to_string());
                }
            }
        }
        out
    }

    /// Every key the code names: `tr!(locale, "key" …)` and `msg!("key" …)` in `app` and
    /// `server`, the crates that show text to people.
    fn used_keys() -> std::collections::BTreeSet<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let pattern =
            regex_lite::Regex::new(r#"(?:msg!|tr!)\(\s*(?:[^,"]+,\s*)?"([a-z0-9-]+)""#).unwrap();
        let mut keys = std::collections::BTreeSet::new();
        let mut dirs = vec![root.join("app/src"), root.join("server/src")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("source directory") {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    // Comments show the macros with placeholder keys; only code counts.
                    let text: String = std::fs::read_to_string(&path)
                        .unwrap()
                        .lines()
                        .filter(|l| !l.trim_start().starts_with("//"))
                        .collect::<Vec<_>>()
                        .join("\n");
                    keys.extend(pattern.captures_iter(&text).map(|c| c[1].to_string()));
                }
            }
        }
        keys
    }

    #[test]
    fn the_catalogue_has_every_key_in_both_languages_and_no_unused_ones() {
        let nl = catalogue("nl");
        let en = catalogue("en");
        let only_nl: Vec<_> = nl.keys().filter(|k| !en.contains_key(*k)).collect();
        let only_en: Vec<_> = en.keys().filter(|k| !nl.contains_key(*k)).collect();
        assert!(only_nl.is_empty(), "missing in English: {only_nl:?}");
        assert!(only_en.is_empty(), "missing in Dutch: {only_en:?}");
        for (k, vars) in &nl {
            assert_eq!(
                vars, &en[k],
                "{k}: the two languages use different arguments"
            );
        }
        let used = used_keys();
        assert!(
            used.len() > 50,
            "the source scan found too little: {used:?}"
        );
        let missing: Vec<_> = used.iter().filter(|k| !nl.contains_key(*k)).collect();
        assert!(
            missing.is_empty(),
            "used in code but not in the catalogue: {missing:?}"
        );
        let unused: Vec<_> = nl.keys().filter(|k| !used.contains(*k)).collect();
        assert!(
            unused.is_empty(),
            "in the catalogue but never used: {unused:?}"
        );
        // Every message renders in its own language (no fallback), with its arguments.
        for (k, vars) in &nl {
            let args: HashMap<String, FluentValue<'_>> = vars
                .iter()
                .map(|v| (v.clone(), FluentValue::from(2)))
                .collect();
            for l in Locale::ALL {
                let text = CATALOGUE.lookup_no_default_fallback(l.langid(), k, Some(&args));
                assert!(
                    text.as_deref()
                        .is_some_and(|t| !t.trim().is_empty() && !t.contains('{')),
                    "{k} does not render in {l:?}: {text:?}"
                );
            }
        }
    }
}
