//! The Polsslag application: its domain types (browser-safe), its message catalogue, its
//! pages and components — rendered on the server (`ssr`) and hydrated in the browser
//! (`hydrate`) — and, behind `ssr`, the one service layer that every edge of the product
//! (pages, server functions, HTTP handlers, the CLI, background jobs) calls.
//!
//! Every page works as plain HTML with forms; WASM only helps. `ARCHITECTURE.md` at the
//! project root walks through the layers.

pub mod domain;
pub mod i18n;
pub mod pages;
pub mod refusal;
#[cfg(feature = "ssr")]
pub mod services;

use i18n::{use_locale, Locale};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags};
use leptos_router::{
    components::{Route, Router, Routes},
    hooks::use_location,
    path,
};

pub use pages::message_document;
pub use pages::poll::PollPage;

/// Where the server serves the stylesheet (embedded in the binary).
pub const STYLESHEET: &str = "/assets/polsslag.css";

/// The HTML document around every hydrated page, in the request's language.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = use_locale();
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="stylesheet" href=STYLESHEET/>
                <link rel="icon" href="data:,"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Chosen by the server (cookie, then Accept-Language) and carried to the browser with
    // the page, so hydration renders the same words.
    let locale = SharedValue::new(use_locale).into_inner();
    provide_context(locale);
    view! {
        <Router>
            <a class="skip" href="#inhoud">{tr!(locale, "skip-to-content")}</a>
            <header class="top">
                <span class="brand">"Polsslag"</span>
                <LanguageSwitch/>
            </header>
            <main id="inhoud">
                <Routes fallback=pages::NotFound>
                    <Route path=path!("/") view=pages::Home/>
                    <Route path=path!("/v") view=PollPage/>
                    <Route path=path!("/bedankt") view=pages::ThankYou/>
                    <Route path=path!("/login") view=pages::staff::StaffRoute/>
                    <Route path=path!("/hrm") view=pages::staff::StaffRoute/>
                    <Route path=path!("/hrm/nieuwe-peiling") view=pages::staff::StaffRoute/>
                    <Route path=path!("/hrm/vragenbank") view=pages::staff::StaffRoute/>
                    <Route path=path!("/hrm/peilingen/:id") view=pages::staff::StaffRoute/>
                    <Route path=path!("/hrm/peilingen/:id/voorbeeld") view=PollPage/>
                    <Route path=path!("/hrm/peilingen/:id/bewerken") view=pages::staff::StaffRoute/>
                    <Route path=path!("/hrm/golven/:id/teamlinks") view=pages::staff::StaffRoute/>
                    <Route path=path!("/hrm/golven/:id") view=pages::staff::StaffRoute/>
                    <Route path=path!("/beheer") view=pages::staff::StaffRoute/>
                    <Route path=path!("/beheer/organisatie") view=pages::staff::StaffRoute/>
                    <Route path=path!("/beheer/personeel") view=pages::staff::StaffRoute/>
                    <Route path=path!("/beheer/audit") view=pages::staff::StaffRoute/>
                    <Route path=path!("/beheer/tokens") view=pages::staff::StaffRoute/>
                    <Route path=path!("/leiding") view=pages::staff::StaffRoute/>
                    <Route path=path!("/leiding/gesprekken/nieuw") view=pages::staff::StaffRoute/>
                    <Route path=path!("/leiding/gesprekken/:id") view=pages::staff::StaffRoute/>
                    <Route path=path!("/leiding/handreiking") view=pages::staff::StaffRoute/>
                    <Route path=path!("/leiding/resultaten") view=pages::staff::StaffRoute/>
                    <Route path=path!("/hrm/gesprekskit/hulp") view=pages::staff::StaffRoute/>
                    <Route path=path!("/hrm/gesprekskit/signalen") view=pages::staff::StaffRoute/>
                    <Route path=path!("/hrm/gesprekskit/:kind") view=pages::staff::StaffRoute/>
                    <Route path=path!("/hrm/sfeerbeeld") view=pages::staff::StaffRoute/>
                    <Route path=path!("/hrm/jaarbeeld") view=pages::staff::StaffRoute/>
                    <Route path=path!("/hrm/dashboard") view=pages::staff::StaffRoute/>
                    <Route path=path!("/hrm/indicatoren") view=pages::staff::StaffRoute/>
                    <Route path=path!("/coordinatie") view=pages::staff::StaffRoute/>
                    <Route path=path!("/account") view=pages::staff::StaffRoute/>
                </Routes>
            </main>
            <pages::Footer/>
        </Router>
    }
}

/// The visible switch to the other language: a plain link that sets the language cookie and
/// comes back here. On the poll page the switch is a button inside the form instead, so the
/// answers on the page travel along (see `pages::poll`).
#[component]
fn LanguageSwitch() -> impl IntoView {
    let locale = use_locale();
    let other = locale.other();
    let location = use_location();
    move || {
        let path = location.pathname.get();
        (path != "/v").then(|| {
            let href = format!("/taal/{}?terug={}", other.code(), path);
            view! {
                <a class="lang" rel="external" href=href lang=other.code() hreflang=other.code()>
                    {tr!(locale, "switch-language")}
                </a>
            }
        })
    }
}

/// The language a page is rendered in: the cookie a person set with the switch, else their
/// browser's `Accept-Language`, else Dutch.
pub fn negotiate_locale(cookie: Option<&str>, accept_language: Option<&str>) -> Locale {
    cookie
        .and_then(Locale::parse)
        .or_else(|| accept_language.and_then(Locale::from_accept_language))
        .unwrap_or_default()
}
