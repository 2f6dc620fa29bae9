# Polsslag — de berichtencatalogus (Nederlands, de standaardtaal).
# Elke sleutel staat ook in ../en/main.ftl; `cargo test -p app` controleert dat.

## Algemeen

skip-to-content = Naar de inhoud
switch-language = English
footer-promise = Polsslag bewaart je antwoorden zonder naam, zonder link met je uitnodiging en zonder tijdstip.

## Startpagina

home-lead = Korte, anonieme peilingen over hoe het met je gaat: weerbaarheid, vertrouwen, koopkracht en werkklimaat.
home-invitation = Heb je een uitnodiging gekregen? Open dan de link uit je e-mail of de teamlink van je leidinggevende.
anonymity-heading = Hoe we je anonimiteit beschermen
anonymity-no-name = Je antwoorden worden bewaard zonder naam, e-mailadres, IP-adres of tijdstip.
anonymity-link-exchanged = Je persoonlijke link wordt meteen ingewisseld en verdwijnt uit de adresbalk, zodat hij nergens in logbestanden terechtkomt.
anonymity-random-order = Na het sluiten van een peiling worden alle antwoorden in willekeurige volgorde opnieuw opgeslagen: niemand kan aan de volgorde zien wie wanneer antwoordde.
anonymity-threshold = Resultaten verschijnen pas als de peiling gesloten is, en alleen voor groepen van minstens { $k } collega's (nooit minder dan { $min }).

## Bedankt en niet gevonden

thanks-title = Bedankt
thanks-heading = Bedankt voor je antwoorden!
thanks-body = Je antwoorden zijn anoniem opgeslagen. Je kunt dit venster nu sluiten. De uitkomsten worden besproken zodra de peiling gesloten is en genoeg collega's hebben meegedaan.
not-found-title = Deze pagina bestaat niet
not-found-body = Controleer de link, of open opnieuw de link uit je uitnodiging.

## De peiling

poll-title = Peiling
poll-without-link-title = Open de link uit je uitnodiging
poll-without-link-body = Deze pagina werkt alleen via je persoonlijke link of de teamlink.
poll-anonymity-label = Anonimiteit
poll-anonymity-personal = Je gebruikt een persoonlijke link, maar je antwoorden worden los daarvan en zonder tijdstip bewaard.
poll-anonymity-open = Je antwoordt via een teamlink: er wordt niets over jou als persoon bewaard.
poll-anonymity-results = Uitkomsten zijn alleen zichtbaar voor groepen van minstens { $k } collega's, en pas als de peiling gesloten is.
poll-page-of = Pagina { $page } van { $pages }
poll-answered = { $answered } van { $total } { $total ->
        [one] vraag
       *[other] vragen
    } beantwoord
poll-check-answers = Controleer je antwoorden
poll-required = verplicht
poll-choose-at-most = Kies hoogstens { $max }.
poll-your-answer = Je antwoord
poll-text-hint = Hoogstens { $max } tekens. Noem geen namen: zo blijft je antwoord anoniem.
poll-previous = Vorige
poll-next = Volgende
poll-submit = Versturen
poll-switch-language = Read this poll in English
poll-not-sent = Je antwoorden zijn nog niet verstuurd: er ontbreekt iets of er klopt iets niet. Kijk de gemarkeerde vragen na.
likert-1 = Helemaal mee oneens
likert-2 = Mee oneens
likert-3 = Neutraal
likert-4 = Mee eens
likert-5 = Helemaal mee eens
likert-dont-know = Weet niet
scale-low-default = Zeer onwaarschijnlijk
scale-high-default = Zeer waarschijnlijk

## Fouten bij één antwoord

answer-required = Deze vraag is verplicht. Kies een antwoord (of "weet niet" als dat er staat).
answer-out-of-range = Dit antwoord is geen van de mogelijke keuzes. Kies opnieuw.
answer-too-long = Je toelichting is te lang: gebruik hoogstens { $max } tekens.
answer-too-many-choices = Kies hoogstens { $max } { $max ->
        [one] antwoord
       *[other] antwoorden
    }.

## Foutpagina's: titel, uitleg en wat je kunt doen

unknown-link-title = Deze link werkt niet
unknown-link-body = We kennen deze link niet. Misschien is hij niet helemaal gekopieerd.
unknown-link-hint = Kopieer de hele link uit je e-mail, of vraag je leidinggevende om de teamlink.
already-answered-title = Je hebt deze peiling al ingevuld
already-answered-body = Met een persoonlijke uitnodiging kun je één keer antwoorden. Je eerdere antwoorden zijn bewaard; er is niets veranderd.
not-yet-open-title = Deze peiling is nog niet geopend
not-yet-open-body = Je kunt antwoorden vanaf { $date }.
wave-closed-title = Deze peiling is gesloten
wave-closed-body = Er worden geen antwoorden meer aangenomen. Bedankt voor je interesse.
replay-title = Dit formulier is al verstuurd of verlopen
replay-body = Hetzelfde formulier kan maar één keer worden verstuurd. Er is niets dubbel opgeslagen.
replay-hint = Wil je (nog) antwoorden? Open de link uit je uitnodiging opnieuw.
no-link-title = Open eerst de link uit je uitnodiging
no-link-body = Deze pagina werkt alleen via je persoonlijke link of de teamlink. Misschien is je sessie verlopen (na vier uur) of staan cookies uit.
no-link-hint = Open de link opnieuw; je kunt dan gewoon beginnen.
bad-form-title = Dit formulier klopt niet
bad-form-body = Het formulier is aangepast of hoort bij een andere peiling. Er is niets opgeslagen.
bad-form-hint = Open de link uit je uitnodiging opnieuw en vul de peiling daar in.
too-large-title = Je antwoorden zijn te lang
too-large-body = Het formulier bevat meer tekst dan we kunnen aannemen. Er is niets opgeslagen.
too-large-hint = Ga terug, maak je toelichting korter en verstuur opnieuw.
unavailable-title = Er ging iets mis
unavailable-body = Er is niets opgeslagen of veranderd. Dat ligt niet aan jou.
unavailable-hint = Probeer het over een paar minuten opnieuw met dezelfde link.
unexpected-title = Er ging iets mis
unexpected-body = Er is een fout in Polsslag opgetreden. Er is niets opgeslagen of veranderd.
unexpected-hint = Probeer het later opnieuw. Blijft het misgaan, meld het dan bij de beheerder.
forbidden-title = Dat mag niet
forbidden-body = Je hebt geen toegang tot deze pagina of handeling.
invalid-title = Dit klopt niet
invalid-body = Een of meer gegevens kloppen niet. Er is niets opgeslagen of veranderd.
conflict-title = Dit bestaat al
unknown-poll-title = Deze peiling bestaat niet
unknown-poll-body = Er is geen peiling met nummer { $id }.
unknown-wave-title = Deze golf bestaat niet
unknown-wave-body = Er is geen golf met nummer { $id }.
unknown-template-body = Er is geen peilingsjabloon met code { $code }.
nothing-closed-title = Nog niets te exporteren
nothing-closed-body = Peiling { $id } heeft nog geen gesloten golf: resultaten komen pas vrij als een golf gesloten is.
wave-already-closed-body = Golf { $id } is al gesloten.
wave-not-draft-body = Golf { $id } is niet in voorbereiding en kan dus niet worden geopend.
wave-label-taken = Deze peiling heeft al een golf met het label { $label }.
wave-dates-reversed = De laatste dag ({ $closes }) ligt vóór de eerste dag ({ $opens }).
sample-share-invalid = Het aandeel van de steekproef moet groter dan 0 en hoogstens 1 zijn, niet { $share }.
organisation-not-empty = De database bevat al een organisatie; de demo vult alleen een lege database. Gebruik een nieuw bestand (bijv. --database-url sqlite://demo2.db?mode=rwc).
org-code-taken = Er bestaat al een organisatieonderdeel met code { $code }.
org-parent-level = { $level ->
        [unit] Een eenheid
        [district] Een district
        [team] Een team
       *[organisation] De organisatie
    } kan niet { $parent ->
        [organisation] onder de organisatie
        [unit] onder een eenheid
        [district] onder een district
        [team] onder een team
       *[none] bovenaan
    } hangen.
unknown-question-body = Er is geen vraag met code { $code } in de vragenbank.
question-code-taken = Er bestaat al een vraag of thema met code { $code }.
wave-state-title = Dat kan nu niet
employee-number-taken = Een personeelsnummer in deze lijst bestaat al.
export-write-failed = Kan niet schrijven naar { $path }: { $reason }
threshold-too-low = De rapportagedrempel { $k } is te laag: nooit minder dan { $min }.
stored-data-corrupt = Opgeslagen gegevens zijn onleesbaar. Er is niets opgeslagen of veranderd; de beheerder vindt in het logboek welke.

## Opdrachtregel

cli-error = Fout: { $message }
cli-cause = oorzaak: { $cause }
cli-serving = Polsslag draait op { $url }
cli-demo-ready = Demo klaar: { $employees } medewerkers in { $teams } teams, { $responses } antwoorden in de historie.
cli-demo-personal = Persoonlijke uitnodigingen (eenmalig te gebruiken):
cli-demo-team = Open teamlinks (door iedereen in het team te gebruiken):
cli-demo-polls = Peilingen (analysebundel met `polsslag export --poll ID --out DIR`):
cli-demo-open-waves = Open golven (sluiten met `polsslag close-wave ID`):
cli-demo-progress-org = organisatie en personeel
cli-demo-progress-responses = antwoorden
cli-demo-too-small = --employees moet minstens { $min } zijn.
cli-exported = Analysebundel geschreven naar { $dir }: { $waves } { $waves ->
        [one] golf
       *[other] golven
    }, { $items } items, { $responses } antwoorden.
cli-wave-closed = Golf gesloten: { $responses } antwoorden in willekeurige volgorde herschreven, { $invitations } uitnodigingen.
cli-analysed = { $file } geschreven: { $estimates } schattingen ({ $suppressed } onderdrukt), { $changes } veranderingen ({ $significant } significant).
cli-charts = { $count } grafieken in { $dir }

## Anonimiteit van de kenmerken

recoding-title = Te weinig mensen om anoniem te blijven
recoding-units-too-small = { $count ->
        [one] Eenheid { $units } heeft
       *[other] De eenheden { $units } hebben
    } te weinig genodigden (tussen haakjes hoeveel). Een opgeslagen antwoord is pas anoniem als minstens { $k } mensen dezelfde kenmerken delen, en de eenheid wordt altijd opgeslagen.
recoding-audience-too-small = Er { $people ->
        [one] is maar { $people } genodigde
       *[other] zijn maar { $people } genodigden
    }. Een opgeslagen antwoord is pas anoniem als minstens { $k } mensen dezelfde kenmerken delen.
recoding-hint = Nodig meer mensen uit, of laat deze groep buiten deze golf. Er is niets veranderd.
recoding-withheld = { $attribute ->
        [unit] De eenheid
        [district] Het district
        [team] Het team
        [age_band] De leeftijdsgroep
        [role_group] De functiegroep
       *[tenure_band] De diensttijd
    } wordt niet opgeslagen voor { $people } van de { $audience } genodigden: hun combinatie van kenmerken delen minder dan { $k } mensen.
cli-demo-recoding = Kenmerken die niet worden opgeslagen, om niemand herkenbaar te maken:
cli-sealing-key = Antwoorden worden verzegeld tot hun golf sluit met de sleutel uit { $origin }. Bewaar een kopie, apart van de back-ups van de database.

# Accounts (issue #10)
role-beheerder = beheerder
role-hrm = HRM-analist
role-leidinggevende = leidinggevende
email-invalid = "{ $email }" is geen e-mailadres.
email-taken = Er is al een account met het adres { $email }.
password-too-short = Een wachtwoord heeft minstens { $min } tekens.
password-too-long = Een wachtwoord heeft hoogstens { $max } tekens.
password-current-wrong = Je huidige wachtwoord klopt niet.
account-scope-missing = Een leidinggevende hoort bij een organisatieonderdeel: geef de code ervan op (--scope).
account-scope-unknown = Er is geen organisatieonderdeel met de code { $code }.
account-scope-not-manager = Alleen een leidinggevende hoort bij een organisatieonderdeel.
account-raw-data-hrm-only = Alleen een HRM-analist kan toegang tot ruwe data krijgen.
login-wrong = Het e-mailadres of het wachtwoord klopt niet.
login-locked-title = Account tijdelijk geblokkeerd
login-locked-body = Er is te vaak een verkeerd wachtwoord gebruikt. Probeer het over { $minutes } { $minutes ->
    [one] minuut
   *[other] minuten
} opnieuw, of vraag een beheerder om hulp.
cli-user-added = Account aangemaakt: { $email } ({ $role }).
cli-user-password = Eenmalig wachtwoord (wordt niet nog eens getoond): { $password }
cli-demo-accounts = Accounts om mee in te loggen op { $url }/login:
login-title = Inloggen
login-intro = Voor beheerders, HRM en leidinggevenden. Wie een peiling invult, heeft geen account nodig: die gebruikt de link uit de uitnodiging.
login-email = E-mailadres
login-password = Wachtwoord
login-submit = Inloggen
logout-submit = Uitloggen
csrf-title = Dit formulier is verlopen
csrf-body = Laad de pagina opnieuw en probeer het nog eens. Er is niets veranderd.
staff-signed-in = Ingelogd als { $email } ({ $role }).
hrm-title = Peilingen en golven
hrm-no-polls = Er zijn nog geen peilingen.
hrm-no-waves = Nog geen golven.
hrm-wave = Golf
hrm-wave-status = Stand
hrm-wave-dates = Open van – tot en met
hrm-wave-invited = Uitgenodigd
poll-kind-flash = Flitspeiling
poll-kind-monitor = Monitor
wave-status-draft = in voorbereiding
wave-status-open = open
wave-status-closed = gesloten
admin-title = Beheer
admin-accounts = Accounts
admin-role = Rol
admin-state = Stand
admin-raw-data = ruwe data
admin-active = actief
admin-locked = tijdelijk geblokkeerd
admin-inactive = uitgeschakeld
manager-title = Mijn organisatieonderdeel
manager-headcount = { $count } medewerkers.
manager-teams = Teams
manager-team = Team
manager-people = Medewerkers
manager-small-groups = Aantallen onder { $k } worden niet getoond, zodat niemand herkenbaar is.
account-scope-gone = Het organisatieonderdeel { $code } van je account bestaat niet meer. Vraag een beheerder om je account aan te passen.
