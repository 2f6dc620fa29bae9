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
too-many-title = Te veel verzoeken met dit token
too-many-body = Dit token heeft in korte tijd te veel verzoeken gedaan. Er is niets opgeslagen of veranderd. Probeer het over { $seconds } seconden opnieuw.
unavailable-title = De database is even niet bereikbaar
unavailable-body = Er is niets opgeslagen of veranderd. Dat ligt niet aan jou.
unavailable-hint = Probeer het over een paar minuten opnieuw (met dezelfde link, als je een link kreeg).
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
sample-wave-not-draft = Golf { $label } is geen concept meer of heeft al genodigden: een steekproef wordt getrokken voordat de golf opengaat, en één keer.
sample-needs-strata = Een steekproef is gestratificeerd naar eenheid × leeftijdscategorie. Laat de peiling de eenheid en de leeftijdscategorie vastleggen (rapportagekenmerken) en trek dan opnieuw.
sample-total-zero = Vul in hoeveel mensen de steekproef telt (minstens 1).
sample-too-large = Een steekproef van { $total } is groter dan de { $available } mensen die getrokken kunnen worden.
sample-minimum-too-large = Het minimum per stratum vraagt samen { $needed } mensen, meer dan de steekproef van { $total }. Kies een kleiner minimum of een grotere steekproef.
sample-strata-too-small = { $count ->
        [one] Stratum { $strata } krijgt
       *[other] De strata { $strata } krijgen
    } minder dan { $k } mensen (tussen haakjes hoeveel). Zo'n stratum kan niet gerapporteerd worden zonder iemand aan te wijzen. Kies een minimum per stratum van minstens { $k }, of een grotere steekproef.{ $left_out ->
        [0] {""}
       *[other] {" "}{ $left_out } mensen zijn overgeslagen omdat ze de afgelopen maanden al zijn uitgenodigd; een kortere periode laat er meer toe.
    }
invite-wave-not-fresh = Golf { $label } heeft al genodigden of is gesloten.
invite-nobody = Er werkt niemand (actief) in het publiek van deze golf.
links-nothing = Golf { $label } heeft geen genodigden, of is gesloten: er zijn geen persoonlijke links om te downloaden.
links-already = De persoonlijke links van golf { $label } zijn al eens gedownload. Polsslag bewaart alleen een vingerafdruk van elke link en geeft het bestand maar één keer; stuur de uitnodigingen anders per e-mail vanuit Polsslag.
mail-invitation-subject = Uitnodiging: [titel]
mail-invitation-body = Beste collega,

    Je bent uitgenodigd voor [titel]. Je antwoorden zijn anoniem: niemand, ook HRM niet, kan zien wat jij hebt geantwoord. De resultaten worden alleen getoond voor groepen die groot genoeg zijn.

    Je persoonlijke link (deel hem niet, hij werkt één keer): [link]

    De peiling sluit na [sluitdatum].
mail-reminder-subject = Herinnering: [titel]
mail-reminder-body = Beste collega,

    Misschien heb je het nog niet gezien: je bent uitgenodigd voor [titel]. Heb je al geantwoord, dan kun je dit bericht negeren; Polsslag weet niet wie je bent, alleen dat deze link nog niet gebruikt is.

    Je persoonlijke link: [link]

    De peiling sluit na [sluitdatum].
mail-subject-bad = Een onderwerp van 1 tot 200 tekens, op één regel.
mail-body-bad = Het bericht moet [link] bevatten (daar komt de persoonlijke link) en mag hoogstens 5000 tekens lang zijn.
mail-nothing-to-send = Golf { $label } is gesloten of heeft geen genodigden: er is niets te versturen.
mail-wave-draft = Golf { $label } is nog een concept: open hem eerst (of plan hem), anders werken de links in de berichten nog niet.
mail-invitations-sent-before = De uitnodigingen van golf { $label } zijn al verstuurd. Een herinnering gaat alleen naar wie nog niet heeft geantwoord.
mail-reminder-date-bad = Kies een dag van { $today } tot en met { $closes } (de laatste dag van de golf).
sample-not-a-number = Vul een heel getal in.
sample-exclude-bad = Vul een aantal maanden in van 0 tot 60 (0 of leeg: niemand wordt overgeslagen).
mail-reminder-date-not-a-date = Vul een datum in (jjjj-mm-dd).
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
cli-no-smtp = Geen SMTP-server ingesteld: geef POLSSLAG_SMTP_URL (bijvoorbeeld smtp://127.0.0.1:2525) of --smtp-url.
cli-mail-sent = { $sent } verstuurd, { $refused } geweigerd door de mailserver, { $retry } later opnieuw.
cli-analysed = { $file } geschreven: { $estimates } schattingen ({ $suppressed } onderdrukt), { $changes } veranderingen ({ $significant } significant).
cli-charts = { $count } grafieken in { $dir }

## Anonimiteit van de kenmerken

recoding-title = Te weinig mensen om anoniem te blijven
recoding-units-too-small = { $count ->
        [one] Eenheid { $units } heeft
       *[other] De eenheden { $units } hebben
    } te weinig genodigden (tussen haakjes hoeveel). Een opgeslagen antwoord is pas anoniem als minstens { $k } mensen dezelfde kenmerken delen, en de eenheid wordt altijd opgeslagen.
recoding-strata-too-small = { $count ->
        [one] Stratum { $strata } heeft
       *[other] De strata { $strata } hebben
    } te weinig genodigden (tussen haakjes hoeveel). In een steekproef worden eenheid en leeftijdscategorie altijd opgeslagen, want de weging heeft ze nodig; een antwoord is pas anoniem als minstens { $k } mensen ze delen.
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
role-coordinator = coördinator
email-invalid = "{ $email }" is geen e-mailadres.
email-taken = Er is al een account met het adres { $email }.
password-too-short = Een wachtwoord heeft minstens { $min } tekens.
password-too-long = Een wachtwoord heeft hoogstens { $max } tekens.
password-current-wrong = Je huidige wachtwoord klopt niet.
account-scope-missing = Een leidinggevende hoort bij een organisatieonderdeel: geef de code ervan op (--scope).
account-scope-unknown = Er is geen organisatieonderdeel met de code { $code }.
account-scope-not-manager = Alleen een leidinggevende of een coördinator hoort bij een organisatieonderdeel.
account-scope-missing-coordinator = Een coördinator legt de cijfers van één eenheid vast: geef de code van die eenheid op (--scope).
account-scope-not-unit = { $code } is geen eenheid maar een district of team; een coördinator hoort bij een eenheid.
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
admin-sections = Onderdelen van beheer
org-title = Organisatie
org-empty = Er is nog geen organisatie. Importeer hieronder een organisatiebestand.
org-people = { $count } medewerkers
org-import = Organisatie importeren
org-import-columns = Een CSV- of XLSX-bestand met de kolommen code, naam, niveau (organisatie, eenheid, district of team) en bovenliggend (de code van het onderdeel erboven; leeg voor de organisatie zelf). Bestaande onderdelen worden bijgewerkt op code; onderdelen die niet in het bestand staan, blijven bestaan.
level-organisation = organisatie
level-unit = eenheid
level-district = district
level-team = team
roster-title = Personeelsbestand
roster-active = { $n } actieve medewerkers.
roster-import = Personeelsbestand importeren
roster-reference-date = Peildatum
roster-reference-date-hint = De datum waarop leeftijd en diensttijd worden berekend en waarvoor de momentopname van het bestand wordt bewaard.
roster-bad-reference-date = Vul de peildatum in als JJJJ-MM-DD, bijvoorbeeld 2026-12-01.
roster-columns = Kolommen
roster-col-meaning = Betekenis
roster-col-number = Personeelsnummer; verplicht en uniek. Een nieuwe import werkt medewerkers bij op dit nummer.
roster-col-name = Naam; verplicht. Alleen gebruikt om uitnodigingen te versturen.
roster-col-email = E-mailadres; verplicht.
roster-col-team = De code van het team in de organisatie; verplicht.
roster-col-role = Functiegroep, bijvoorbeeld executief of ondersteunend; verplicht.
roster-col-age = Geboortedatum, of anders de leeftijdscategorie (<35, 35-54, 55+). De datum zelf wordt niet bewaard.
roster-col-tenure = Datum in dienst, of anders de diensttijdcategorie (<5, 5-15, >15). De datum zelf wordt niet bewaard.
roster-col-manager = Ja of nee; mag ontbreken (dan nee).
roster-col-end = Datum uit dienst; mag ontbreken. Vanaf die datum is de medewerker niet meer actief.
roster-columns-hint = Wie in het bestand ontbreekt, wordt op inactief gezet (nooit verwijderd). Kolomnamen mogen ook in het Engels; andere kolommen worden overgeslagen. CSV in UTF-8, met puntkomma, komma of tab als scheidingsteken.
roster-snapshots = Momentopnamen
roster-no-snapshots = Nog geen momentopnamen: die ontstaan bij elke import.
roster-source = Bron
roster-employees = Actieve medewerkers
import-file = Bestand (CSV of XLSX)
import-file-hint = Eerst wordt het bestand gecontroleerd; er verandert pas iets als je daarna op Importeren klikt. Hoogstens 20 MB.
import-check = Controleren
import-apply = Importeren
import-no-file = Kies een bestand om te controleren.
import-too-large = Het bestand is groter dan { $mb } MB. Er is niets geïmporteerd.
import-not-utf8 = Het bestand is geen UTF-8-tekst. Sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)' of als XLSX.
import-empty = Het bestand is leeg.
import-no-header = De eerste regel van het bestand moet de kolomnamen bevatten.
import-csv-broken = Deze regel kan niet worden gelezen (een aanhalingsteken dat niet wordt gesloten?).
import-xlsx-broken = Het XLSX-bestand is beschadigd of geen Excel-werkmap.
import-column-twice = Deze kolom staat twee keer in het bestand.
import-column-missing = Deze verplichte kolom ontbreekt. Toegestane namen: { $names }.
import-column-missing-either = Een kolom { $first } of { $second } is verplicht.
import-value-missing = Hier moet een waarde staan.
import-value-too-long = Deze waarde is langer dan { $max } tekens.
import-value-control = Deze waarde bevat onzichtbare stuurtekens.
import-duplicate-number = Personeelsnummer { $number } staat ook al in rij { $first }.
import-bad-email = '{ $value }' is geen geldig e-mailadres.
import-unknown-team = Team '{ $code }' bestaat niet in de organisatie.
import-not-a-team = '{ $code }' is geen team maar een { $level }.
import-bad-date = '{ $value }' is geen datum. Schrijf JJJJ-MM-DD of DD-MM-JJJJ.
import-date-future = De datum { $value } ligt na de peildatum.
import-bad-band = '{ $value }' is geen geldige categorie. Kies uit: { $allowed }.
import-bad-flag = '{ $value }' is geen ja of nee.
import-bad-code = Een code heeft hoogstens { $max } tekens en geen spaties.
import-duplicate-code = Code { $code } staat ook al in rij { $first }.
import-bad-level = '{ $value }' is geen niveau. Kies uit: organisatie, eenheid, district, team.
import-level-changes = { $code } is nu een { $from }; een import kan het niveau niet veranderen in { $to }.
import-unknown-parent = Het bovenliggende onderdeel '{ $code }' bestaat niet, ook niet in het bestand.
import-second-root = De organisatie heet al { $code }; er kan maar één organisatie zijn.
import-two-roots = Het bestand bevat meer dan één organisatie.
import-unknown-attribute = '{ $name }' is geen rapportagekenmerk.
import-upload-gone-title = Dit bestand is niet meer beschikbaar
import-upload-gone-body = Het is al geïmporteerd, of de controle is meer dan een dag oud. Kies het bestand opnieuw.
import-problems-title = { $n } { $n ->
        [one] probleem
       *[other] problemen
    } in { $file }
import-nothing-changed = Er is niets veranderd. Pas het bestand aan en controleer het opnieuw.
import-row = Rij
import-column = Kolom
import-problem = Probleem
import-more-problems = En nog { $n } problemen die hier niet staan.
import-checked-title = { $file } is gecontroleerd
import-checked-body = Er zijn geen problemen gevonden. Zo verandert de import het bestand:
import-applied-title = { $file } is geïmporteerd
import-rows = { $n } rijen gelezen
import-added = { $n } nieuw
import-updated = { $n } gewijzigd
import-unchanged = { $n } ongewijzigd
import-reactivated = { $n } weer actief
import-deactivated = { $n } inactief (niet meer in het bestand of uit dienst)
import-untouched = { $n } niet in het bestand (blijven bestaan)
import-deactivated-warning = Let op: { $n } medewerkers worden op inactief gezet. Controleer of het bestand compleet is.
audit-title = Auditlog
audit-intro = Wie wat wanneer deed: inloggen, imports, wijzigingen aan peilingen en golven, exports en het bekijken van resultaten. Antwoorden staan hier nooit in.
audit-actor = Wie
audit-action = Handeling
audit-from = Vanaf
audit-to = Tot en met
audit-filter = Filteren
audit-at = Tijdstip (UTC)
audit-object = Waarop
audit-detail = Details
audit-count = { $shown } van { $total } regels, nieuwste eerst.
audit-bad-date = Vul een datum in als JJJJ-MM-DD.
tokens-title = API-tokens
tokens-intro = Met een token kan een systeem (bijvoorbeeld het HR-systeem) het personeelsbestand aanleveren via /api/v1/roster, met jouw rechten. Zie /api/openapi.json.
tokens-none = Je hebt nog geen tokens.
tokens-name = Naam
tokens-created-on = Gemaakt op
tokens-last-used = Laatst gebruikt
tokens-never = nooit
tokens-revoke = Intrekken
tokens-revoke-named = Token { $name } intrekken
tokens-new = Nieuw token
tokens-make = Token maken
tokens-created = Je nieuwe token
tokens-created-once = Kopieer het nu: het wordt maar één keer getoond en Polsslag bewaart alleen een vingerafdruk ervan.
token-name-missing = Geef het token een naam, bijvoorbeeld 'HR-systeem nachtelijke export'.
token-name-too-long = Een naam heeft hoogstens { $max } tekens.
token-not-found = Dit token bestaat niet of is al ingetrokken.
token-refused-title = Geen geldig token
token-refused-body = Het token is onbekend, ingetrokken, of het account is uitgeschakeld.
token-missing-body = Stuur een token mee als 'Authorization: Bearer <token>'. Een beheerder maakt tokens op /beheer/tokens.
api-bad-request-title = Ongeldig verzoek
api-not-json = Stuur de gegevens als JSON met 'Content-Type: application/json'.
api-bad-json = De JSON past niet bij de beschrijving in /api/openapi.json: { $detail }
table-region = Tabel (scroll opzij voor meer kolommen)
attribute-age-band = leeftijdscategorie
attribute-role-group = functiegroep
attribute-tenure-band = diensttijd
hrm-back = ← Alle peilingen
yes = ja
no = nee
poll-new = Nieuwe peiling
poll-new-intro = Begin met een sjabloon uit de vragenbank: de vragen, de rapportagekenmerken en de drempel komen mee. Daarna maak je een golf en open je die.
poll-template = Sjabloon
poll-template-missing = Kies een sjabloon.
poll-questions-count = { $n } vragen
poll-create = Peiling maken
poll-kind = Soort
poll-threshold = Drempel
poll-threshold-value = Resultaten alleen voor groepen van minstens { $k } mensen
poll-attributes = Rapportagekenmerken
poll-preview = Bekijk de peiling zoals een medewerker die ziet
poll-waves = Golven
poll-wave-actions = Acties
poll-bundle = Analysebestanden downloaden (zip)
poll-bundle-hint = De items, antwoorden en populatie van de gesloten golven, zoals de analyse ze leest. Het downloaden wordt vastgelegd in de auditlog.
poll-questions = Vragen
poll-frozen = Er zijn al antwoorden: de vragen liggen vast. Een nieuwe golf neemt dezelfde vragen over.
poll-page = Pagina
poll-question = Vraag
poll-theme = Thema
wave-open = Openen
wave-open-named = Golf { $label } openen
wave-close = Sluiten
wave-close-named = Golf { $label } sluiten
wave-team-links = Teamlinks maken
wave-team-links-named = Teamlinks maken voor golf { $label }
wave-new = Nieuwe golf
wave-new-hint = Een nieuwe golf begint in voorbereiding. Openen vóór de eerste dag plant hem: hij neemt antwoorden vanaf die dag. Een open golf sluit vanzelf na de laatste dag.
wave-label = Naam (bijvoorbeeld 2026-H2)
wave-opens = Open vanaf
wave-closes = Open tot en met
wave-create = Golf maken
wave-label-bad = Geef de golf een naam van hoogstens 40 tekens, bijvoorbeeld 2026-H2.
preview-banner = Voorbeeld: zo ziet een medewerker de peiling. Er wordt niets opgeslagen.
preview-not-sent = In het voorbeeld wordt niets verstuurd.
team-links-title = Teamlinks
team-links-heading = Teamlinks voor { $title }, golf { $wave }
team-links-once = Deze links staan nergens anders: Polsslag bewaart alleen een vingerafdruk. Print of bewaar deze pagina nu. Opnieuw maken geeft nieuwe links; de oude blijven werken tot de golf sluit.
team-links-qr = QR-code van de link voor { $team }
team-links-back = ← Terug naar de peiling
account-link = Mijn account
account-title = Mijn account
account-new = Nieuw account
account-new-hint = Het account krijgt een eenmalig wachtwoord, dat je hierna één keer ziet. Geef het veilig door; de eigenaar kiest daarna een eigen wachtwoord bij Mijn account.
account-make = Account maken
account-role-choose = Kies een rol
account-role-missing = Kies een rol: beheerder, HRM-analist of leidinggevende.
account-scope = Organisatieonderdeel (alleen voor een leidinggevende of coördinator)
account-scope-hint = Voor een leidinggevende de code van de eenheid, het district of het team waarvan die de resultaten ziet, bijvoorbeeld AM-D1; voor een coördinator de code van de eenheid waarvan die de indicatoren vastlegt, bijvoorbeeld AM.
account-raw-data = Mag open antwoorden en ruwe gegevens inzien (alleen HRM)
account-created = Account { $email } is gemaakt
account-created-once = Het eenmalige wachtwoord staat hieronder en wordt maar één keer getoond.
account-deactivate = Uitschakelen
account-deactivate-named = Account { $email } uitschakelen
account-activate = Inschakelen
account-activate-named = Account { $email } inschakelen
account-not-found = Dit account bestaat niet.
account-not-yourself = Je kunt je eigen account niet uitschakelen; vraag een andere beheerder.
password-change = Wachtwoord wijzigen
password-current = Huidig wachtwoord
password-new = Nieuw wachtwoord
password-new-hint = Minstens 12 tekens; een zin is makkelijk te onthouden en moeilijk te raden.
password-repeat = Herhaal het nieuwe wachtwoord
password-repeat-differs = De twee nieuwe wachtwoorden zijn niet gelijk.
password-same = Kies een ander wachtwoord dan het huidige.
password-changed = Je wachtwoord is gewijzigd. Je andere sessies zijn beëindigd.
bank-title = Vragenbank
bank-new = Een eigen vraag toevoegen
bank-code = Code
bank-code-hint = Kort en uniek, met letters, cijfers, _ en -, bijvoorbeeld WB-EIGEN-01. Een code verandert nooit: zo blijven trends over golven vergelijkbaar.
bank-kind = Soort vraag
bank-text-nl = Tekst (Nederlands)
bank-text-en = Tekst (Engels)
bank-reversed = Omgekeerd scoren (eens is ongunstig)
bank-reversed-short = omgekeerd
bank-dont-know = Met het antwoord 'weet niet'
bank-required = Verplicht te beantwoorden
bank-add = Vraag toevoegen
bank-added = Vraag { $code } staat in de vragenbank.
bank-questions = Alle vragen
kind-likert = Stelling (vijf punten, oneens – eens)
kind-scale010 = Schaal 0–10
kind-text = Open vraag
kind-single = Eén keuze
kind-multi = Meer keuzes
question-code-bad = Een code heeft 1 tot 32 tekens: letters, cijfers, _ en -.
question-theme-unknown = Kies een thema uit de vragenbank.
question-text-bad = Vul een tekst in van hoogstens { $max } tekens.
question-options-missing = Een keuzevraag heeft minstens twee keuzes.
question-reversed-scored-only = Alleen een stelling kan omgekeerd worden gescoord.
poll-from-template = Vanuit een sjabloon
poll-compose = Zelf samenstellen uit de vragenbank
poll-compose-hint = Kies de vragen, de pagina waarop elk komt en de plaats op die pagina. Vragen zonder plaats volgen in de volgorde van de vragenbank.
poll-compose-errors = Controleer het formulier: { $n } { $n ->
        [one] veld is
       *[other] velden zijn
    } niet in orde.
poll-title-nl = Titel (Nederlands)
poll-title-en = Titel (Engels)
poll-intro-nl = Inleiding (Nederlands)
poll-intro-en = Inleiding (Engels)
poll-title-bad = Vul een titel in van hoogstens 200 tekens.
poll-intro-too-long = Een inleiding heeft hoogstens { $max } tekens.
poll-threshold-hint = Resultaten worden alleen getoond voor groepen van minstens zoveel mensen; nooit minder dan 5.
poll-threshold-too-low = De drempel is minstens { $min }.
poll-threshold-not-number = Vul een heel getal in.
poll-questions-hint = Vink de vragen aan die in de peiling komen. Per vraag kiest u de pagina, de plaats op die pagina (leeg: de volgorde van de vragenbank) en of de vraag verplicht is.
poll-no-questions = Kies minstens één vraag.
poll-page-bad = Vul een paginanummer in van 1 tot 50.
poll-position = Plaats
poll-position-bad = Vul een plaats op de pagina in van 1 tot { $max }, of laat het leeg voor de volgorde van de vragenbank.
poll-must-answer = Verplicht
preview-back = Terug naar de peiling
import-sheet-too-big = Het werkblad is te groot: hoogstens { $columns } kolommen en { $rows } rijen. Verwijder wat buiten de tabel staat.
import-no-rows = Het bestand bevat geen medewerkers. Een leeg bestand zou iedereen op inactief zetten; er is niets veranderd.
import-duplicate-email = Het e-mailadres { $email } staat ook al in rij { $first }.
import-mass-deactivation = Deze import zet { $n } van de { $active } actieve medewerkers op inactief. Stuur "allow_mass_deactivation": true mee als dat de bedoeling is.
import-reference-future = De peildatum ligt in de toekomst. Kies vandaag of een eerdere datum.
import-on = Peildatum { $date }
wave-audience = Doelgroep
wave-audience-hint = Voor wie de golf is: vink eenheden aan, of typ codes van districten of teams. Niets gekozen: de hele organisatie. Teamlinks worden gemaakt voor de teams in de doelgroep.
wave-audience-other = Andere onderdelen (codes, gescheiden door komma's)
wave-audience-all = hele organisatie
wave-audience-unknown = '{ $code }' is geen onderdeel van de organisatie.
poll-edit = Peiling wijzigen
poll-edit-title = { $title } wijzigen
poll-edit-intro = Zolang geen golf antwoorden heeft, kun je titels, inleiding, drempel, rapportagekenmerken en vragen nog wijzigen. Daarna liggen ze vast.
poll-save = Wijzigingen opslaan
poll-frozen-title = De vragen liggen vast

## Een golf: steekproef, uitnodigingen, respons

wave-invitees = Genodigden
wave-invitees-n = { $n } genodigden.
sample-hint = Een gestratificeerde aselecte steekproef uit het actieve personeelsbestand van het publiek van deze golf, strata eenheid × leeftijdscategorie. Elk stratum krijgt minstens { $k } mensen, anders kan het niet gerapporteerd worden zonder iemand aan te wijzen.
sample-total = Steekproefomvang
sample-allocation = Verdeling over de strata
sample-allocation-proportional = Proportioneel (naar de omvang van elk stratum)
sample-allocation-minimum = Proportioneel, met een minimum per stratum
sample-allocation-minimum-n = Proportioneel, minstens { $n } per stratum
sample-minimum = Minimum per stratum
sample-seed = Startgetal (seed)
sample-seed-hint = Met hetzelfde startgetal en hetzelfde bestand trekt Polsslag precies dezelfde mensen; het wordt bij de golf bewaard, zodat de trekking te controleren is.
sample-exclude-months = Sla mensen over die de afgelopen zoveel maanden zijn uitgenodigd (0: niemand)
sample-exclude = Overgeslagen
sample-exclude-none = niemand
sample-exclude-n = wie de afgelopen { $n } maanden is uitgenodigd
sample-drawn-on = Getrokken op
sample-frame-digest = Vingerafdruk van het steekproefkader (SHA-256)
sample-strata = Strata: populatie, kader, gepland en getrokken
sample-unit = Eenheid
sample-age-band = Leeftijdscategorie
sample-population = Populatie
sample-frame = Kader
sample-planned = Gepland
sample-drawn = Getrokken
sample-draw = Steekproef trekken en uitnodigen
invite-audience-hint = Of nodig iedereen in het publiek van deze golf uit (een flitspeiling voor allen).
invite-audience = Iedereen in het publiek uitnodigen
mail-heading = Uitnodigingen en herinneringen
mail-not-configured = Er is geen mailserver ingesteld (POLSSLAG_SMTP_URL): berichten wachten in de wachtrij tot de server er een heeft, of tot iemand `polsslag invitations send` draait.
mail-send-invitations = Uitnodigingen per e-mail versturen
mail-mailings = Verzendingen
mail-kind = Soort
mail-kind-invitation = Uitnodiging
mail-kind-reminder = Herinnering
mail-day = Dag
mail-state = Stand
mail-state-scheduled = gepland
mail-state-queued = bezig
mail-state-done = klaar
mail-state-cancelled = vervallen
mail-queued = In de wachtrij
mail-sent = Verstuurd
mail-failed = Mislukt
count-at-least = minstens { $n }
mail-reminder-counts = Een herinnering gaat alleen naar wie nog niet heeft geantwoord; daarom staan haar aantallen in stappen van { $k }, en bewaart Polsslag niet aan wie ze ging.
mail-reminder-on = Herinnering versturen op
mail-reminder-hint = Op die dag gaat een herinnering naar iedereen die dan nog niet heeft geantwoord.
mail-reminder-schedule = Herinnering plannen
links-once-warning = De persoonlijke links als CSV voor een mailmerge. Polsslag bewaart alleen een vingerafdruk van elke link: dit bestand is de enige plek waar ze staan, en het kan één keer worden gedownload. Bewaar het veilig en verwijder het na gebruik.
links-download = Links downloaden (CSV, eenmalig)
mail-text-invitation = Tekst van de uitnodiging
mail-text-reminder = Tekst van de herinnering
mail-text-hint = [link] wordt de persoonlijke link, [titel] / [title] de naam van de peiling, [sluitdatum] / [closes] de laatste dag. Elk bericht gaat in het Nederlands en daaronder in het Engels.
mail-subject-nl = Onderwerp (Nederlands)
mail-body-nl = Bericht (Nederlands)
mail-subject-en = Onderwerp (Engels)
mail-body-en = Bericht (Engels)
mail-text-save = Tekst bewaren
progress-heading = Respons
progress-total = Minstens { $answered } van de { $invited } genodigden hebben geantwoord. Aantallen staan in stappen van { $k } en groepen met minder dan { $k } genodigden tonen niets, zodat niemand kan zien wie er net antwoordde.
progress-groups = Respons per eenheid en team
progress-group = Eenheid of team
progress-answered = Geantwoord
progress-rate = Respons
progress-chart-label = Respons per dag over { $days ->
        [one] één dag
       *[other] { $days } dagen
    }
progress-chart-caption = Geantwoord per dag, in stappen van { $k }.

## Leidinggevenden: thermometergesprekken, handreiking, sfeerbeeld (issue #12)
back-to-manager = Terug naar je overzicht
form-has-errors = Niet alles is goed ingevuld. Kijk bij de velden met een melding.
field-required = Vul dit veld in.
field-too-long = Dit is te lang: gebruik hoogstens { $max } tekens.
figure-none = geen cijfer
theme-weerbaarheid_mentaal = Mentale weerbaarheid
theme-weerbaarheid_moreel = Morele weerbaarheid
theme-koopkracht = Koopkracht en financiële zorgen
theme-maatschappelijke_onrust = Maatschappelijke onrust en polarisatie
theme-werkdruk = Werkdruk en incidentendruk
theme-ethisch_werkklimaat = Ethisch werkklimaat
help-vertrouwenspersoon = Vertrouwenspersoon
help-bedrijfsmaatschappelijk_werk = Bedrijfsmaatschappelijk werk
help-bedrijfsarts = Bedrijfsarts
help-collegiale_opvang = Collegiale opvang
help-geestelijke_verzorging = Geestelijke verzorging
help-financiele_hulp = Financiële hulp
manager-follow-ups-due = Opvolging nodig
manager-follow-ups-due-intro = Bij deze gesprekken is het tijd om de afspraken met je team na te bespreken. Open een gesprek om vast te leggen hoe het ging.
manager-handout = Handreiking
manager-handout-pdf = PDF
manager-handout-of = Handreiking voor { $team } (PDF)
manager-recent = Je laatste gesprekken
manager-no-conversations = Je hebt nog geen thermometergesprek vastgelegd.
conversation-new = Gesprek vastleggen
conversation-new-intro = Leg vast wat je in een thermometergesprek hebt gehoord. Noem geen namen: wat je invult, telt mee in het landelijke sfeerbeeld.
conversation-choose-team = Kies een team
conversation-held-on = Datum van het gesprek
conversation-participants-label = Aantal deelnemers
conversation-participants-col = Deelnemers
conversation-follow-up-col = Opvolging
conversation-follow-up-due = nu nabespreken
conversation-follow-up-from = vanaf { $day }
conversation-temperatures = Temperatuur per thema
conversation-temperatures-hint = Geef elk besproken thema een temperatuur van 1 (zorgelijk) tot 5 (goed). Laat thema's die niet aan bod kwamen leeg.
conversation-not-discussed = Niet besproken
conversation-temperature-value = { $t } van 5
conversation-signals = Signalen die je hoorde
conversation-actions = Afspraken
conversation-actions-hint = Kort en zonder namen, bijvoorbeeld: "Teamdag over werkdruk plannen".
conversation-help-offered = Hulpmogelijkheden die je noemde
conversation-save = Gesprek opslaan
conversation-saved = Het gesprek is opgeslagen. Over vier weken herinneren we je eraan om de afspraken na te bespreken.
conversation-title = Thermometergesprek { $team }
conversation-summary = Gehouden op { $day } met { $n } deelnemers.
conversation-no-signals = Geen signalen vastgelegd.
conversation-no-actions = Geen afspraken vastgelegd.
conversation-no-help = Geen hulpmogelijkheden genoemd.
conversation-team-unknown = Kies een van je eigen teams.
conversation-bad-date = Vul een datum in als 2026-12-01.
conversation-date-future = Een gesprek kan niet in de toekomst liggen.
conversation-quarter-closed = Het kwartaal van deze datum staat al in het sfeerbeeld: een gesprek leg je vast tot { $days } dagen na het einde van zijn kwartaal.
conversation-participants-team = Dit team heeft { $max } mensen in het personeelsbestand; meer deelnemers kan niet.
conversation-participants = Vul een aantal deelnemers in van 1 tot en met { $max }.
conversation-temperature = Kies een temperatuur van 1 tot en met 5.
conversation-no-temperature = Geef ten minste één thema een temperatuur.
conversation-signal-unknown = Een van de gekozen signalen bestaat niet (meer). Kies opnieuw.
conversation-unknown = Dit gesprek bestaat niet, of het hoort niet bij jouw teams.
conversation-personal-title = Staat hier een naam?
conversation-personal = De tekst lijkt een naam van een collega of een e-mailadres te bevatten. Haal die eruit, of bevestig dat de tekst zo mag worden opgeslagen.
conversation-personal-confirm = De tekst bevat geen naam of adres van een collega; sla hem zo op.
follow-up-title = Opvolging
follow-up-due-now = Het is tijd om de afspraken met je team na te bespreken.
follow-up-due-from = Bespreek de afspraken vanaf { $day } na met je team. Je kunt het nu al vastleggen.
follow-up-question = Hoe ging het met de afspraken?
follow-up-done = Uitgevoerd
follow-up-partly = Deels uitgevoerd
follow-up-not-yet = Nog niet uitgevoerd
follow-up-note = Toelichting (zonder namen)
follow-up-save = Opvolging opslaan
follow-up-saved = De opvolging is opgeslagen.
follow-up-recorded-on = Nabesproken op { $day }: { $result }.
follow-up-recorded = De opvolging van dit gesprek is al vastgelegd.
follow-up-result-missing = Kies hoe het met de afspraken ging.
follow-up-mail-subject = Tijd om na te bespreken: thermometergesprek { $team }
follow-up-mail-body =
    Beste leidinggevende,

    Op { $held_on } hield je een thermometergesprek met { $team }. Het is nu tijd om de afspraken van toen met je team na te bespreken.

    Leg daarna in Polsslag vast hoe het ging:
    { $link }

    Met vriendelijke groet,
    HRM
kit-title = Handreiking thermometergesprekken
kit-intro = Alles voor een goed thermometergesprek: de handreiking, de factsheet met gespreksvormen en hulpmogelijkheden, en de handouts om te printen.
kit-read = Handreiking en handouts
kit-downloads = Handouts (PDF, A4)
kit-blank-handout = Lege handout, zonder teamcijfers
kit-handreiking = Handreiking thermometergesprekken
kit-factsheet = Factsheet gespreksvormen en hulpmogelijkheden
kit-version-line = versie { $version } van { $day }
kit-routes-title = Hulpmogelijkheden
kit-no-routes = Voor jouw eenheid zijn nog geen contactgegevens ingevuld. Vraag HRM ernaar.
kit-sections = Onderdelen van de gesprekskit
kit-edit-link = Gesprekskit beheren
kit-markdown-hint = Schrijf in Markdown: # voor een titel, ## en ### voor kopjes, - voor een opsomming, **vet** en *schuin*. Andere opmaak, links en HTML worden weggelaten. Elke keer opslaan maakt een nieuwe versie.
kit-body-nl = Tekst in het Nederlands
kit-body-en = Tekst in het Engels
kit-save = Nieuwe versie opslaan
kit-saved = Versie { $version } is opgeslagen. Nieuwe handouts gebruiken deze versie.
kit-preview = Zo ziet de huidige versie eruit
kit-versions = Versies
kit-version = Versie
kit-version-date = Datum
kit-version-by = Door
kit-body-empty = Vul de tekst in.
kit-body-too-long = De tekst is te lang: gebruik hoogstens { $max } tekens.
kit-body-no-title = Begin de tekst met een titel (een regel die begint met #).
kit-unchanged = Er is niets veranderd sinds de laatste versie.
kit-version-unknown = Deze versie bestaat niet.
kit-kind-unknown = Dit onderdeel van de gesprekskit bestaat niet.
kit-whole-organisation = Hele organisatie
kit-routes-intro = Vul per eenheid in waar medewerkers hulp kunnen krijgen. Wat een eenheid niet invult, neemt ze over van de hele organisatie.
kit-routes-unit = Eenheid
kit-routes-show = Tonen
kit-route-name = Naam of dienst
kit-route-contact = Bereikbaar via
kit-routes-empty-hint = Laat naam en contact allebei leeg om een hulpmogelijkheid weg te halen.
kit-routes-save = Hulpmogelijkheden opslaan
kit-routes-saved = De hulpmogelijkheden zijn opgeslagen.
help-route-incomplete = Vul zowel de naam als de contactgegevens in (of laat beide leeg).
help-route-unit-unknown = Deze eenheid bestaat niet.
signals-title = Signalen
signals-intro = De signalen die leidinggevenden na een gesprek kunnen aankruisen. Een signaal dat je uitzet, verdwijnt uit het formulier maar blijft bij eerdere gesprekken staan.
signals-label = Signaal
signals-state = Stand
signals-change = Wijzigen
signals-on = aan
signals-off = uit
signals-switch-off = { $label } uitzetten
signals-switch-on = { $label } aanzetten
signals-new = Nieuw signaal
signals-code = Code
signals-code-hint = 2 tot 40 kleine letters, cijfers of _, bijvoorbeeld huisvesting_zorgen. Niet meer te wijzigen.
signals-label-nl = Omschrijving in het Nederlands
signals-label-en = Omschrijving in het Engels
signals-add = Signaal toevoegen
signal-code-invalid = Gebruik 2 tot 40 kleine letters, cijfers of _.
signal-code-taken = Deze code bestaat al.
signal-unknown = Dit signaal bestaat niet.
sfeerbeeld-title = Sfeerbeeld
sfeerbeeld-intro = Wat de thermometergesprekken laten zien, per eenheid en kwartaal. Een cijfer staat er alleen bij ten minste { $k } deelnemers en { $min } gesprekken; anders blijft het vak leeg, net als wanneer er niets is vastgelegd.
sfeerbeeld-csv = Download als CSV
sfeerbeeld-attention = Aandachtslijst
sfeerbeeld-attention-none = Geen eenheden met een duidelijke daling of stijging ten opzichte van het vorige kwartaal.
sfeerbeeld-attention-fall = { $theme } daalde van { $from } naar { $to }.
sfeerbeeld-attention-rise = { $signal } werd vaker gehoord: in { $to }% van de gesprekken, was { $from }%.
sfeerbeeld-table = Per eenheid en kwartaal
sfeerbeeld-empty = Er zijn nog geen thermometergesprekken vastgelegd.
sfeerbeeld-organisation = Hele organisatie
sfeerbeeld-col-quarter = Kwartaal
sfeerbeeld-col-unit = Eenheid
sfeerbeeld-col-conversations = Gesprekken
sfeerbeeld-col-participants = Deelnemers
sfeerbeeld-col-move = { $theme }: verandering
handout-date = Datum
handout-team = Team
handout-version-label = Versie
handout-version = handreiking { $handreiking } ({ $handreiking_day }), factsheet { $factsheet } ({ $factsheet_day })
handout-footer = Polsslag · { $version } · gemaakt op { $day }
handout-page = Pagina
handout-figures-title = Cijfers van je team
handout-figures-intro = Hoe je team de thema's beoordeelde (index 0–100, tussen haakjes de marge), naast je eenheid en de hele organisatie. Gebruik de cijfers als vraag aan het team, niet als oordeel.
handout-col-theme = Thema
handout-col-team = Team
handout-col-unit = Eenheid
handout-col-organisation = Organisatie
handout-no-figure = –
handout-index = { $index } ({ $low }–{ $high })
handout-change-significant = { $change } (significant)
handout-change-not-significant = { $change } (niet significant)
handout-figures-note = Een cijfer staat er alleen als ten minste { $k } collega's antwoordden; een streepje betekent: geen cijfer. Onder een cijfer staat de verandering sinds de vorige meting. Significant betekent: ten minste 3 punten, gemeten bij genoeg collega's, en vrijwel zeker geen toeval.
handout-team-too-few = Waar bij je team een streepje staat, is er geen cijfer voor het team (te weinig antwoorden, of niet per team gemeten); kijk dan naar de eenheid.
handout-no-wave = nog geen meting
handout-no-results = Er is nog geen afgesloten meting met cijfers per team. Zodra die er is, staan de cijfers van je team hier.
handout-notes = Aantekeningen
handout-team-unknown = Dit team bestaat niet, of het hoort niet bij jouw deel van de organisatie.
cli-handout-written = Handout geschreven naar { $path } ({ $kb } kB).
cli-handout-write-failed = Kan { $path } niet schrijven: { $reason }
handout-routes-title = Contactgegevens voor je eenheid
results-title = Resultaten
results-intro = De uitkomsten van afgesloten metingen voor { $scope }: per thema de index (0–100, tussen haakjes de marge) in elke meting, en de verandering sinds de vorige.
results-none = Er zijn nog geen afgesloten metingen voor jouw deel van de organisatie.
results-change = Verandering
results-teams = Teams in { $wave }
results-note = Een cijfer staat er alleen als ten minste { $k } collega's antwoordden; een streepje betekent: geen cijfer. Significant: de verandering is groter dan toeval verklaart (gecorrigeerd voor het aantal vergelijkingen).
kit-saved-meanwhile = Iemand anders sloeg net een nieuwe versie op. Laad de pagina opnieuw en breng je wijziging daarin aan.
handout-chart-title = { $theme } · { $unit }

## Sociaal jaarbeeld (issue #13)
report-title = Sociaal jaarbeeld
report-subtitle = Weerbaarheid, koopkracht en ethisch werkklimaat · { $period }
report-footer = Polsslag · sociaal jaarbeeld { $period } · gemaakt op { $day }
report-cover-period = Periode
report-cover-organisation = Organisatie
report-cover-date = Gemaakt op
report-cover-sources = Bronnen
report-contents = Inhoud
report-organisation = Hele organisatie
report-bundle-unreadable = De bundel in { $path } kan niet worden gelezen: { $reason }. Schrijf hem opnieuw met polsslag export; meta.json hoort erbij.
report-summary-title = Samenvatting
report-summary-intro = De belangrijkste bewegingen in { $period }, per peiling en thema: de hele organisatie, en de eenheden die significant veranderden.
report-nothing = In { $period } is geen meting afgesloten; er zijn geen cijfers voor deze periode.
report-summary-rose = { $theme }: significant gestegen met { $diff } punten, van { $from } ({ $was }) naar { $to } ({ $wave }).
report-summary-fell = { $theme }: significant gedaald met { $diff } punten, van { $from } ({ $was }) naar { $to } ({ $wave }).
report-summary-steady = { $theme }: van { $from } ({ $was }) naar { $to } ({ $wave }); geen significante verandering.
report-summary-first = { $theme }: { $index } in { $wave }; er is geen eerder gepubliceerd cijfer om mee te vergelijken.
report-summary-no-figure = { $theme }: geen cijfer voor de hele organisatie in { $wave }.
report-summary-units = Significant veranderd in: { $units }.
report-summary-rule = Significant betekent hier: q ≤ { $q } na correctie voor het aantal vergelijkingen (Benjamini–Hochberg), een effectieve steekproefomvang van ten minste { $n_eff } in beide metingen en een verschil van ten minste { $diff } indexpunten. Alle cijfers zijn indexen van 0 tot 100.
report-poll-intro = Metingen: { $waves }. Een cijfer staat er alleen als ten minste { $k } collega's antwoordden, en niet als het een ander verborgen cijfer zou verraden; een streepje betekent: geen cijfer.
report-chart-title = { $theme } — index per meting, hele organisatie
report-index-table = { $theme }: index per eenheid en meting ({ $poll })
report-index-note = Vet met ▲ of ▼: significant veranderd sinds de meting ervoor. Een streepje: geen cijfer (minder dan { $k } antwoorden, ter bescherming van een ander cijfer, of niet gemeten).
report-changes-table = { $theme }: verandering naar { $wave }
report-col-unit = Eenheid
report-col-from = Vanaf
report-col-diff = Verschil
report-col-q = q
report-col-significant = Significant
report-yes = ja
report-no = nee
report-enps-title = eNPS
report-enps-table = eNPS per eenheid en meting ({ $poll }, vraag { $item })
report-enps-note = eNPS: het percentage promotors (9–10) min het percentage criticasters (0–6), van −100 tot +100.
report-response-title = Respons en steekproef
report-response-table = Respons per meting ({ $poll })
report-response-units-table = Respons per eenheid in { $wave } ({ $poll })
report-response-note = Aantallen onder { $k } staan er niet, net als elk ander cijfer. Bij een steekproef zijn de uitgenodigden de getrokken steekproef.
report-col-wave = Meting
report-col-closed = Gesloten op
report-col-design = Opzet
report-col-invited = Uitgenodigd
report-col-responses = Respons
report-col-rate = Responspercentage
report-sample = steekproef
report-census = iedereen
report-sfeerbeeld-title = Sfeerbeeld uit de thermometergesprekken
report-sfeerbeeld-intro = Wat leidinggevenden in hun thermometergesprekken hoorden, per eenheid en kwartaal: het aantal gesprekken en deelnemers en de gemiddelde temperatuur per thema (1–5, tussen haakjes de beweging sinds het kwartaal ervoor). Een cel staat er alleen bij ten minste { $min } gesprekken en { $k } deelnemers.
report-sfeerbeeld-table = Sfeerbeeld per eenheid, { $quarter }
report-sfeerbeeld-sheet = Sfeerbeeld
report-sfeerbeeld-note = De temperatuur is het gemiddelde van de gesprekken waarin het thema besproken werd.
report-method-title = Verantwoording
report-method-design = Opzet. Flitspeilingen gaan naar iedereen in hun doelgroep; de halfjaarlijkse monitor naar een gestratificeerde steekproef per eenheid en leeftijdsgroep. Antwoorden zijn anoniem: ze worden pas bij het sluiten van een meting geopend, in willekeurige volgorde opgeslagen en nooit aan een persoon gekoppeld.
report-method-weights = Gewichten. Elke respons krijgt het ontwerpgewicht van zijn stratum (het aantal medewerkers gedeeld door het aantal respondenten); bij een steekproef worden de gewichten daarna geraked naar de bekende aantallen per eenheid en per leeftijdsgroep. Betrouwbaarheidsintervallen (95%) houden rekening met stratificatie, gewichten en de eindige populatie.
report-method-threshold = Drempel. Een cijfer wordt alleen getoond als het op ten minste k antwoorden rust (k = { $k }). Daarnaast worden cijfers verborgen die een verborgen cijfer zouden verraden, bijvoorbeeld door het totaal min de andere eenheden (aanvullende onderdrukking); één patroon per meting geldt voor elke tabel. Een verborgen cijfer en een cijfer dat niet gemeten is, zien er hetzelfde uit.
report-method-changes = Veranderingen. Een verandering tussen twee metingen heet significant als q ≤ { $q } (de p-waarde na correctie voor het aantal vergelijkingen volgens Benjamini–Hochberg, per familie: de organisatie en eenheden samen, en de lagere niveaus apart), de effectieve steekproefomvang in beide metingen ten minste { $n_eff } is en het verschil ten minste { $diff } indexpunten.
report-method-trend = Trend. De lijn in de grafieken verbindt de gepubliceerde metingen; de band is het 95%-betrouwbaarheidsinterval. Een meting zonder cijfer is een onderbreking, nooit een nul.
report-method-suppression-title = Wat niet getoond wordt
report-method-suppressed = { $poll }: { $hidden } van { $total } cijfers van thema's per meting en groep staan er niet (minder dan { $k } antwoorden, of ter bescherming van een ander cijfer).
report-method-warnings-title = Kanttekeningen bij de berekening
report-warning-lonely = { $poll }, { $wave }: stratum { $stratum } had één respondent; de variantie is daar conservatief geschat.
report-warning-merged = { $poll }, { $wave }: de categorie { $category } had te weinig respondenten om op te wegen en is samengevoegd met { $into }.
report-sources-title = Bronnen
report-col-poll = Peiling
report-col-fieldwork = Veldwerk
report-col-k = Drempel k
report-definitions-title = Begrippen
report-col-term = Begrip
report-col-definition = Betekenis
report-def-index = Index
report-def-index-text = Het gemiddelde antwoord op de stellingen van een thema, omgerekend naar 0 (helemaal oneens) tot 100 (helemaal eens); tegengesteld geformuleerde stellingen worden omgedraaid.
report-def-ci = Betrouwbaarheidsinterval
report-def-ci-text = Het gebied waarin de werkelijke index met 95% zekerheid ligt, gegeven de steekproef en de gewichten.
report-def-change = Significante verandering
report-def-change-text = q ≤ { $q } na Benjamini–Hochberg, effectieve steekproefomvang ten minste { $n_eff } in beide metingen en een verschil van ten minste { $diff } indexpunten.
report-def-missing = Geen cijfer (leeg of –)
report-def-missing-text = Minder antwoorden dan de drempel, verborgen ter bescherming van een ander cijfer, of niet gemeten: het verschil wordt bewust niet getoond.
report-def-enps = eNPS
report-def-enps-text = Het percentage promotors (9–10) min het percentage criticasters (0–6) op de vraag of men de organisatie als werkgever aanbeveelt.
report-def-rate = Responspercentage
report-def-rate-text = Het aantal antwoorden gedeeld door het aantal uitgenodigden.
report-def-theme = Thema uit { $poll } (code { $code }).
cli-report-written = Sociaal jaarbeeld geschreven naar { $path } ({ $kb } kB).
report-period-invalid = { $period } is geen halfjaar. Schrijf het als 2025-H1 of 2025-H2.
report-format-unknown = { $path }: het jaarbeeld wordt een .pdf of een .xlsx; geef een bestandsnaam met een van die twee.
report-page-title = Sociaal jaarbeeld
report-page-intro = Het halfjaarlijkse verslag voor het bestuur: de trends in weerbaarheid, koopkracht en ethisch werkklimaat, de respons, het sfeerbeeld en de verantwoording, uit de afgesloten metingen. Als PDF om uit te delen, of als Excel-bestand met elke tabel op een eigen blad.
report-page-none = Er is nog geen meting afgesloten; het jaarbeeld heeft nog geen cijfers.
report-page-period = Halfjaar
report-page-format = Bestand
report-page-pdf = PDF (om te lezen en te printen)
report-page-xlsx = Excel (elke tabel op een eigen blad)
report-page-language = Het jaarbeeld wordt gemaakt in de taal van deze pagina.
report-page-download = Jaarbeeld downloaden
report-indicators-title = Indicatoren
report-indicators-sources = Indicatoren: definitie en bron
report-indicator-source = { $name }: { $definition } Bron: { $source }.
report-indicator-table = { $name } per eenheid
report-indicator-note = { $definition } Bron: { $source }.
report-indicator-note-people = { $definition } Bron: { $source }. Aantallen onder { $k } staan er niet, net als elk ander cijfer over mensen.
indicator-code-invalid = Een code heeft 2 tot 40 tekens: letters, cijfers, - en _.
indicator-field-empty = Vul dit in.
indicator-theme-unknown = Het thema { $theme } staat niet in de vragenbank.
indicator-csv-header = De eerste regel moet de kolommen noemen: indicator;eenheid;periode;waarde.
indicator-line-unreadable = Regel { $line } is niet te lezen.
indicator-unknown = Regel { $line }: er is geen (actieve) indicator met de code { $code }.
indicator-unit-unknown = Regel { $line }: er is geen eenheid met de code { $unit }; laat de eenheid leeg voor de hele organisatie.
indicator-period-invalid = Regel { $line }: { $period } is geen halfjaar; schrijf het als 2025-H1 of 2025-H2.
indicator-value-count = Regel { $line }: { $value } is geen aantal (een heel getal, 0 of meer).
indicator-value-percent = Regel { $line }: { $value } is geen percentage (een getal van 0 tot 100).
indicator-value-number = Regel { $line }: { $value } is geen getal.
indicator-value-twice = Regel { $line }: deze indicator, eenheid en periode staan al op een eerdere regel.
indicator-line-other-unit = Regel { $line }: { $unit } is niet jouw eenheid; je legt alleen waarden van { $own } vast.
indicator-line-organisation = Regel { $line }: een waarde voor de hele organisatie legt HRM vast; je legt alleen waarden van { $own } vast. Zet de code { $own } in de kolom eenheid.
indicator-field-indicator = Kies een indicator uit de lijst.
indicator-field-unit = Er is geen eenheid met de code { $unit }.
indicator-field-not-yours = Je legt alleen waarden van je eigen eenheid ({ $own }) vast.
indicator-field-period = { $period } is geen halfjaar; kies er een uit de lijst, zoals 2025-H2.
indicator-field-count = { $value } is geen aantal: vul een heel getal in, 0 of meer.
indicator-field-percent = { $value } is geen percentage: vul een getal van 0 tot 100 in, zoals 12,5.
indicator-field-number = { $value } is geen getal: vul een getal in, zoals 12,5.
report-summary-no-figures = Geen cijfers: in { $wave } en de metingen ervoor kon over niemand worden gerapporteerd.
report-trend = Trend over { $waves } metingen ({ $from } tot { $to }): { $slope } indexpunten per jaar (standaardfout { $se }, p = { $p }; gewogen naar de betrouwbaarheid van elke meting).
indicators-title = Indicatoren
indicators-intro = Cijfers van buiten de peilingen die het sociaal jaarbeeld naast de thema's zet: bijvoorbeeld het aantal integriteitsonderzoeken (VIK-onderzoeken) en het aandeel daarvan dat samenhangt met maatschappelijke onrust, het ziekteverzuim of de onderbezetting. Per eenheid en halfjaar, elk met zijn definitie en bron. Een aantal mensen onder de drempel komt nooit in het jaarbeeld.
indicators-none = Er zijn nog geen indicatoren. Maak er hieronder een.
indicators-col-name = Indicator
indicators-col-theme = Bij thema
indicators-col-kind = Soort
indicators-col-source = Bron
indicators-col-periods = Waarden
indicators-no-values = nog geen
indicators-period-units = { $period } ({ $n ->
        [one] 1 waarde
       *[other] { $n } waarden
    })
indicators-kind-count = aantal
indicators-kind-percent = percentage
indicators-kind-number = getal
indicators-kind-people = { $kind } van mensen
indicators-kind-invalid = Kies een soort: aantal, percentage of getal.
indicators-imported = { $n ->
        [one] 1 waarde vastgelegd.
       *[other] { $n } waarden vastgelegd.
    }
indicators-values-title = Waarden invoeren
indicators-values-hint = Plak regels met indicator;eenheid;periode;waarde, met die kop erboven. Laat de eenheid leeg voor de hele organisatie; de periode is een halfjaar (2025-H2). Een waarde die er al was, wordt vervangen. Is één regel fout, dan wordt niets vastgelegd en staat hierboven welke.
indicators-values-label = Waarden (CSV)
indicators-values-submit = Waarden vastleggen
indicators-new = Nieuwe indicator
indicators-code = Code (letters, cijfers, - en _)
indicators-name-nl = Naam (Nederlands)
indicators-name-en = Naam (Engels)
indicators-definition-nl = Definitie (Nederlands)
indicators-definition-en = Definitie (Engels)
indicators-source = Bron
indicators-people = Telt mensen (een waarde onder de drempel wordt nooit getoond)
indicators-theme-none = geen thema
indicators-save = Indicator opslaan
coordinator-title = Indicatoren van { $unit }
coordinator-intro = Als coördinator leg je per halfjaar de cijfers van { $unit } vast die HRM van buiten de peilingen bijhoudt, zoals het aantal integriteitsonderzoeken of het ziekteverzuim. HRM zet ze in het sociaal jaarbeeld en het dashboard naast de thema's. Een waarde die er al was, vervang je door hem opnieuw vast te leggen.
coordinator-none = HRM heeft nog geen indicatoren vastgesteld. Zodra dat gebeurd is, leg je hier de waarden van je eenheid vast.
coordinator-col-values = Vastgelegd voor je eenheid
coordinator-theme = Bij thema: { $theme }
coordinator-threshold = Wat je hier ziet, is wat voor je eenheid is vastgelegd. In het jaarbeeld en op het dashboard staat een aantal mensen onder de drempel nooit, net als elk ander cijfer over mensen.
coordinator-record-title = Eén waarde vastleggen
coordinator-period = Halfjaar
coordinator-value = Waarde
coordinator-value-hint = Een aantal als heel getal (12), een percentage zonder %-teken (12,5), een ander getal met een komma of punt.
coordinator-record-submit = Waarde vastleggen
coordinator-values-hint = Plak regels met indicator;eenheid;periode;waarde, met die kop erboven. De eenheid is steeds { $unit }; de periode is een halfjaar (2025-H2). Is één regel fout, dan wordt niets vastgelegd en staat hierboven welke.
back-to-hrm = Terug naar het HRM-overzicht
dashboard-title = Resultaten
dashboard-intro = De gepubliceerde cijfers van de afgesloten metingen, per thema en per onderdeel van de organisatie. Kies een peiling, klik een eenheid, district of team aan om verder in te zoomen, en vergelijk twee metingen. Een cijfer dat niet getoond mag worden, staat er net zo min als een cijfer dat niet gemeten is.
dashboard-none = Er is nog geen meting afgesloten; er zijn nog geen resultaten.
dashboard-poll = Peiling
dashboard-show = Tonen
dashboard-wave = Meting
dashboard-compare-with = Vergelijken met
dashboard-compare = Vergelijken
dashboard-trail = Waar u bent in de organisatie
dashboard-themes-caption = Thema's van { $group } in { $wave }
dashboard-own-family = { $from } en { $to } liggen niet naast elkaar: deze vergelijking is als één geheel getoetst (alle onderdelen × thema's van dit paar).
dashboard-file-family = Dit zijn dezelfde uitspraken als in het sociaal jaarbeeld.
dashboard-col-change = Verandering sinds { $from }
dashboard-col-change-none = Verandering
dashboard-col-index = Index (95%-betrouwbaarheidsinterval)
dashboard-col-favourable = % positief
dashboard-col-n = Aantal
dashboard-col-trend = Trend per jaar
dashboard-index-ci = { $index } ({ $low } tot { $high })
dashboard-trend = { $slope } per jaar
dashboard-trend-significant = { $slope } per jaar (significant)
dashboard-trend-alt = Trend van { $theme } voor { $group }, index per meting: { $points }. Een streepje is geen cijfer.
dashboard-children-caption = { $level } van { $group } in { $wave }: index per thema en verandering
dashboard-heatmap-alt = Heatmap van de index per thema voor de { $level }; dezelfde cijfers staan in de tabel hierboven.
dashboard-col-district = District
dashboard-drill-hint = Klik een naam aan om verder in te zoomen.
dashboard-ages-caption = Leeftijdsgroepen van { $group } in { $wave }
dashboard-ages = Naar leeftijd
dashboard-col-age = Leeftijd
dashboard-enps-caption = eNPS van { $group } per meting (95%-betrouwbaarheidsinterval)
dashboard-col-item = Vraag
dashboard-enps-note = eNPS is het percentage aanbevelers (9 en 10) min het percentage criticasters (0 tot en met 6), van −100 tot +100.
dashboard-items-caption = Antwoordverdeling van { $group } in { $wave }
dashboard-items-alt = Staafdiagram van de antwoordverdeling per vraag; dezelfde percentages staan in de tabel hieronder.
dashboard-items = Antwoordverdeling
dashboard-scale-1 = Helemaal oneens
dashboard-scale-2 = Oneens
dashboard-scale-3 = Neutraal
dashboard-scale-4 = Eens
dashboard-scale-5 = Helemaal eens
dashboard-indicators-caption = Indicatoren van { $group } naast de thema's
dashboard-indicators = Indicatoren van buiten de peilingen
dashboard-col-indicator = Indicator
dashboard-source = Bron: { $source }.
dashboard-indicators-note = Aantallen mensen onder { $k } staan er niet, net als elk ander cijfer over mensen.
dashboard-rule = Vetgedrukt met ▲ of ▼: een significante verandering (q ≤ 0,05 na Benjamini–Hochberg, effectief aantal ≥ 30 in beide metingen en minstens 3 indexpunten).
dashboard-missing = Een streepje betekent: geen cijfer. Dat kan zijn omdat er te weinig mensen (minder dan { $k }) antwoordden, of omdat het niet gemeten is; dat onderscheid wordt bewust niet gemaakt.
dashboard-trends = Trends
dashboard-level-units = Eenheden
dashboard-level-districts = Districten
dashboard-level-teams = Teams
dashboard-significant-up = significant gestegen
dashboard-significant-down = significant gedaald
dashboard-not-significant = niet significant
dashboard-poll-unknown-title = Peiling niet gevonden
dashboard-poll-unknown = Er is geen peiling { $poll } met een afgesloten meting.
dashboard-wave-unknown = { $wave } is geen afgesloten meting van deze peiling.
dashboard-compare-order = Vergelijk met een eerdere meting: { $from } ligt niet vóór { $to }.
dashboard-group-unknown-title = Geen cijfers voor deze groep
dashboard-group-unknown = Deze peiling heeft geen gepubliceerde cijfers voor { $group }. Kies een onderdeel uit het overzicht.
dashboard-chart-theme = Een trendgrafiek hoort bij een thema.
dashboard-chart-unknown = Er is geen grafiek van de soort "{ $kind }".
dashboard-theme-unknown-title = Thema niet gevonden
dashboard-theme-unknown = Deze peiling heeft geen thema { $theme }.
dashboard-heatmap-title = { $group }: index per thema, { $wave }
dashboard-distribution-title = { $group }: antwoordverdeling, { $wave }

# Back-up en herstel (polsslag backup / polsslag restore)
backup-exists = { $path } bestaat al: een back-up overschrijft nooit een bestand. Kies een nieuwe naam; er is niets geschreven.
backup-write-failed = Kan { $path } niet schrijven: { $reason }. Er is niets geschreven.
backup-no-database = Er is geen database op { $path }.
backup-tool-missing = { $tool } is niet gevonden. Installeer de PostgreSQL-clientprogramma's (Debian: postgresql-client), in dezelfde of een nieuwere versie dan de server.
backup-tool-failed = { $tool } is mislukt: { $reason }. Er is niets veranderd.
restore-not-a-backup = { $path } is geen back-up van Polsslag. Er is niets veranderd.
restore-is-postgres = { $path } is een back-up van PostgreSQL: zet hem terug op een PostgreSQL-database (--database-url postgres://…). Er is niets veranderd.
restore-is-sqlite = { $path } is een back-up van SQLite: zet hem terug op een SQLite-bestand (--database-url sqlite://…). Er is niets veranderd.
restore-unreadable = Kan { $path } niet lezen: { $reason }. Er is niets veranderd.
restore-other-key = De antwoorden in { $path } zijn verzegeld met een andere sleutel (vingerafdruk { $theirs }…, deze sleutel { $ours }…). Geef het sleutelbestand dat bij de back-up hoort met --key-file; er is niets veranderd.
restore-target-exists = Er staat al een database op { $target }. Stop de server en geef --replace om haar te vervangen door de back-up; er is niets veranderd.
cli-backup-written = Back-up geschreven naar { $path } ({ $kb } kB): { $waves } golven, { $responses } antwoorden, { $sealed } nog verzegeld tot hun golf sluit, { $invitations } gebruikte uitnodigingen, { $accounts } accounts, { $conversations } gespreksverslagen.
cli-backup-key = De sleutel zit niet in de back-up (zo hoort het). Bewaar een kopie van { $origin } apart: zonder die sleutel gaan de verzegelde antwoorden nooit meer open en start de server niet op deze database.
cli-restored = Teruggezet uit { $path }: { $waves } golven, { $responses } antwoorden, { $sealed } nog verzegeld tot hun golf sluit, { $invitations } gebruikte uitnodigingen, { $accounts } accounts, { $conversations } gespreksverslagen. Start de server weer.
