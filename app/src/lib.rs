//! The Polsslag user interface: Leptos components rendered on the server (`ssr`) and hydrated
//! in the browser (`hydrate`). Every page works as plain HTML with forms; WASM only helps.

pub mod domain;
mod poll;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

pub use poll::PollPage;

/// Where the server serves the stylesheet (embedded in the binary).
pub const STYLESHEET: &str = "/assets/polsslag.css";

/// The HTML document around every hydrated page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="nl">
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
    view! {
        <Router>
            <a class="skip" href="#inhoud">"Naar de inhoud" <span lang="en">" / Skip to content"</span></a>
            <header class="top">
                <span class="brand">"Polsslag"</span>
            </header>
            <main id="inhoud">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/v") view=PollPage/>
                    <Route path=path!("/bedankt") view=ThankYou/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}

#[component]
fn Footer() -> impl IntoView {
    view! {
        <footer class="bottom">
            <p>
                "Polsslag bewaart je antwoorden zonder naam, zonder link met je uitnodiging en zonder tijdstip. "
                <a href="/#anoniem">"Hoe we je anonimiteit beschermen"</a>
            </p>
            <p lang="en" class="en">
                "Polsslag stores your answers without your name, without a link to your invitation and without a time. "
                <a href="/#anoniem">"How we protect your anonymity"</a>
            </p>
        </footer>
    }
}

#[component]
fn Home() -> impl IntoView {
    view! {
        <Title text="Polsslag"/>
        <section class="card">
            <h1>"Polsslag"</h1>
            <p class="lead">
                "Korte, anonieme peilingen over hoe het met je gaat: weerbaarheid, vertrouwen, koopkracht en werkklimaat."
            </p>
            <p lang="en" class="en">
                "Short, anonymous polls about how you are doing: resilience, trust, purchasing power and work climate."
            </p>
            <p>
                "Heb je een uitnodiging gekregen? Open dan de link uit je e-mail of de teamlink van je leidinggevende."
            </p>
            <p lang="en" class="en">
                "Did you receive an invitation? Open the link in your e-mail or the team link from your manager."
            </p>
        </section>
        <section class="card" id="anoniem">
            <h2>"Hoe we je anonimiteit beschermen" <span lang="en" class="en">" / How we protect your anonymity"</span></h2>
            <ul>
                <li>"Je antwoorden worden bewaard zonder naam, e-mailadres, IP-adres of tijdstip."</li>
                <li>"Je persoonlijke link wordt meteen ingewisseld en verdwijnt uit de adresbalk, zodat hij nergens in logbestanden terechtkomt."</li>
                <li>"Na het sluiten van een peiling worden alle antwoorden in willekeurige volgorde opnieuw opgeslagen: niemand kan aan de volgorde zien wie wanneer antwoordde."</li>
                <li>"Resultaten verschijnen pas als de peiling gesloten is, en alleen voor groepen van minstens 10 collega's (nooit minder dan 5)."</li>
            </ul>
            <ul lang="en" class="en">
                <li>"Your answers are stored without name, e-mail address, IP address or time."</li>
                <li>"Your personal link is exchanged at once and leaves the address bar, so it never ends up in log files."</li>
                <li>"When a poll closes, all answers are stored again in random order: nobody can tell from the order who answered when."</li>
                <li>"Results appear only after the poll has closed, and only for groups of at least 10 colleagues (never fewer than 5)."</li>
            </ul>
        </section>
    }
}

#[component]
fn ThankYou() -> impl IntoView {
    view! {
        <Title text="Bedankt – Polsslag"/>
        <section class="card thanks">
            <h1>"Bedankt voor je antwoorden!"</h1>
            <p lang="en" class="en">"Thank you for your answers!"</p>
            <p>
                "Je antwoorden zijn anoniem opgeslagen. Je kunt dit venster nu sluiten. "
                "De uitkomsten worden besproken zodra de peiling gesloten is en genoeg collega's hebben meegedaan."
            </p>
            <p lang="en" class="en">
                "Your answers have been stored anonymously. You can close this window now. "
                "The results will be discussed once the poll has closed and enough colleagues have taken part."
            </p>
        </section>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Niet gevonden – Polsslag"/>
        <section class="card">
            <h1>"Deze pagina bestaat niet"</h1>
            <p lang="en" class="en">"This page does not exist"</p>
            <p>"Controleer de link, of open opnieuw de link uit je uitnodiging."</p>
            <p lang="en" class="en">"Check the link, or open the link from your invitation again."</p>
        </section>
    }
}

/// A complete, script-free HTML page for a message (an error, a closed poll). The server
/// uses it for everything that is not a hydrated page, so all pages share one look.
#[cfg(feature = "ssr")]
pub fn message_document(
    title: &domain::Msg,
    body: &domain::Msg,
    hint: Option<&domain::Msg>,
) -> String {
    let hint = hint.cloned();
    let page = view! {
        <!DOCTYPE html>
        <html lang="nl">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="stylesheet" href=STYLESHEET/>
                <link rel="icon" href="data:,"/>
                <title>{format!("{} – Polsslag", title.nl)}</title>
            </head>
            <body>
                <header class="top"><span class="brand">"Polsslag"</span></header>
                <main id="inhoud">
                    <section class="card message" role="alert">
                        <h1>{title.nl.clone()}</h1>
                        <p lang="en" class="en">{title.en.clone()}</p>
                        <p>{body.nl.clone()}</p>
                        <p lang="en" class="en">{body.en.clone()}</p>
                        {hint.map(|h| view! {
                            <p class="hint">{h.nl}</p>
                            <p lang="en" class="en">{h.en}</p>
                        })}
                    </section>
                </main>
            </body>
        </html>
    };
    page.to_html()
}
