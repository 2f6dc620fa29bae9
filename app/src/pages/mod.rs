//! The pages of the respondent's side that need no data of their own (home, thank you, not
//! found), the shared footer, and the script-free message page for everything that went
//! wrong. The poll page itself is in [`poll`].

pub mod dashboard;
pub mod leiding;
pub mod poll;
pub mod report;
pub mod staff;

use crate::i18n::{use_locale, Locale, Message};
use crate::{tr, STYLESHEET};
use leptos::prelude::*;
use leptos_meta::Title;

/// `&`, `<` and `>` as character references, so typed text can never close the element.
///
/// Every `<textarea>` takes its text through this, as `inner_html=escape_text(..)`: Leptos
/// writes a textarea's children raw (like a script's), so text as a child could close the
/// element and inject markup (`</textarea><script>`).
pub(crate) fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The text of a page's `<Title>`: "Name – Polsslag".
///
/// leptos_meta 0.8.7 writes the server-rendered `<title>` into the page as it is given,
/// without escaping it (`ServerMetaContextOutput::inject_meta_context`), so a poll title or a
/// team name holding `</title><script>` would become markup. On the server the text is
/// therefore escaped here with [`escape_text`] (a `<title>` is RCDATA, like a `<textarea>`:
/// the browser turns the references back into the characters); in the browser leptos_meta
/// sets it as text. Every
/// `<Title>` of a page whose text holds anything a person typed goes through this
/// (`server/tests/escaping.rs`).
pub(crate) fn page_title(title: &str) -> String {
    let text = format!("{title} – Polsslag");
    #[cfg(feature = "ssr")]
    {
        escape_text(&text)
    }
    #[cfg(not(feature = "ssr"))]
    {
        text
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let locale = use_locale();
    view! {
        <footer class="bottom">
            <p>
                {tr!(locale, "footer-promise")}" "
                <a rel="external" href="/#anoniem">{tr!(locale, "anonymity-heading")}</a>
            </p>
        </footer>
    }
}

#[component]
pub fn Home() -> impl IntoView {
    let locale = use_locale();
    let k = crate::domain::ReportingThreshold::DEFAULT.get();
    let min = crate::domain::ReportingThreshold::MIN;
    view! {
        <Title text="Polsslag"/>
        <section class="card">
            <h1>"Polsslag"</h1>
            <p class="lead">{tr!(locale, "home-lead")}</p>
            <p>{tr!(locale, "home-invitation")}</p>
        </section>
        <section class="card" id="anoniem">
            <h2>{tr!(locale, "anonymity-heading")}</h2>
            <ul>
                <li>{tr!(locale, "anonymity-no-name")}</li>
                <li>{tr!(locale, "anonymity-link-exchanged")}</li>
                <li>{tr!(locale, "anonymity-random-order")}</li>
                <li>{tr!(locale, "anonymity-threshold", k = k, min = min)}</li>
            </ul>
        </section>
    }
}

#[component]
pub fn ThankYou() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=page_title(&tr!(locale, "thanks-title"))/>
        <section class="card thanks">
            <h1>{tr!(locale, "thanks-heading")}</h1>
            <p>{tr!(locale, "thanks-body")}</p>
        </section>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(http::StatusCode::NOT_FOUND);
    }
    let locale = use_locale();
    view! {
        <Title text=page_title(&tr!(locale, "not-found-title"))/>
        <section class="card">
            <h1>{tr!(locale, "not-found-title")}</h1>
            <p>{tr!(locale, "not-found-body")}</p>
        </section>
    }
}

/// A complete, script-free HTML page for a message (an error, a closed poll), in `locale`.
/// The server uses it for everything that is not a hydrated page, so all pages share one
/// look.
pub fn message_document(
    locale: Locale,
    title: &Message,
    body: &Message,
    hint: Option<&Message>,
) -> String {
    let title = title.text(locale);
    let body = body.text(locale);
    let hint = hint.map(|h| h.text(locale));
    let page = view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="stylesheet" href=STYLESHEET/>
                <link rel="icon" href="data:,"/>
                <title>{page_title(&title)}</title>
            </head>
            <body>
                <header class="top"><span class="brand">"Polsslag"</span></header>
                <main id="inhoud">
                    <section class="card message" role="alert">
                        <h1>{title}</h1>
                        <p>{body}</p>
                        {hint.map(|h| view! { <p class="hint">{h}</p> })}
                    </section>
                </main>
            </body>
        </html>
    };
    page.to_html()
}

#[cfg(test)]
mod tests {
    /// A house rule (a class of XSS, found in issue #12): every `<textarea>` of every page
    /// takes its text through [`super::escape_text`], never as a child.
    #[test]
    fn every_textarea_takes_its_text_escaped() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/pages");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let whole = std::fs::read_to_string(&path).unwrap();
            // The code, not its tests (this one names the tag too).
            let text = whole.split("#[cfg(test)]").next().unwrap();
            for (i, _) in text.match_indices("<textarea ") {
                let end = text[i..].find("</textarea>").expect("a closed textarea") + i;
                let element = &text[i..end];
                assert!(
                    element.contains("inner_html=super::escape_text("),
                    "{}: a textarea without escape_text: {element}",
                    path.display()
                );
                // Nothing between the start tag and the end tag: no child text.
                assert!(element.ends_with('>'), "{}: {element}", path.display());
                seen += 1;
            }
        }
        assert!(seen >= 10, "found {seen} textareas");
    }
}
