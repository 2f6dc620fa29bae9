# Polsslag — the message catalogue (English, the second language).
# Every key is also in ../nl/main.ftl; `cargo test -p app` checks that.

## General

skip-to-content = Skip to content
switch-language = Nederlands
footer-promise = Polsslag stores your answers without your name, without a link to your invitation and without a time.

## Home page

home-lead = Short, anonymous polls about how you are doing: resilience, trust, purchasing power and work climate.
home-invitation = Did you receive an invitation? Open the link in your e-mail or the team link from your manager.
anonymity-heading = How we protect your anonymity
anonymity-no-name = Your answers are stored without name, e-mail address, IP address or time.
anonymity-link-exchanged = Your personal link is exchanged at once and leaves the address bar, so it never ends up in log files.
anonymity-random-order = When a poll closes, all answers are stored again in random order: nobody can tell from the order who answered when.
anonymity-threshold = Results appear only after the poll has closed, and only for groups of at least { $k } colleagues (never fewer than { $min }).

## Thank you and not found

thanks-title = Thank you
thanks-heading = Thank you for your answers!
thanks-body = Your answers have been stored anonymously. You can close this window now. The results will be discussed once the poll has closed and enough colleagues have taken part.
not-found-title = This page does not exist
not-found-body = Check the link, or open the link from your invitation again.

## The poll

poll-title = Poll
poll-without-link-title = Open the link from your invitation
poll-without-link-body = This page only works through your personal link or the team link.
poll-anonymity-label = Anonymity
poll-anonymity-personal = You are using a personal link, but your answers are stored separately from it and without a time.
poll-anonymity-open = You are answering through a team link: nothing about you as a person is stored.
poll-anonymity-results = Results are visible only for groups of at least { $k } colleagues, and only after the poll has closed.
poll-page-of = Page { $page } of { $pages }
poll-answered = { $answered } of { $total } { $total ->
        [one] question
       *[other] questions
    } answered
poll-check-answers = Please check your answers
poll-required = required
poll-choose-at-most = Choose at most { $max }.
poll-your-answer = Your answer
poll-text-hint = At most { $max } characters. Do not mention names, so your answer stays anonymous.
poll-previous = Previous
poll-next = Next
poll-submit = Submit
poll-switch-language = Lees deze peiling in het Nederlands
poll-not-sent = Your answers have not been sent yet: something is missing or not right. Please check the marked questions.
likert-1 = Strongly disagree
likert-2 = Disagree
likert-3 = Neither agree nor disagree
likert-4 = Agree
likert-5 = Strongly agree
likert-dont-know = Don't know
scale-low-default = Very unlikely
scale-high-default = Very likely

## Problems with one answer

answer-required = This question is required. Choose an answer (or "don't know" where offered).
answer-out-of-range = This answer is not one of the choices offered. Please choose again.
answer-too-long = Your comment is too long: use at most { $max } characters.
answer-too-many-choices = Choose at most { $max } { $max ->
        [one] answer
       *[other] answers
    }.

## Error pages: title, explanation and what to do

unknown-link-title = This link does not work
unknown-link-body = We do not recognise this link. Perhaps it was not copied completely.
unknown-link-hint = Copy the whole link from your e-mail, or ask your manager for the team link.
already-answered-title = You have already answered this poll
already-answered-body = A personal invitation can be used once. Your earlier answers have been kept; nothing has changed.
not-yet-open-title = This poll has not opened yet
not-yet-open-body = You can answer from { $date }.
wave-closed-title = This poll has closed
wave-closed-body = Answers are no longer accepted. Thank you for your interest.
replay-title = This form has already been sent or has expired
replay-body = The same form can only be sent once. Nothing has been stored twice.
replay-hint = Do you want to answer (again)? Open the link from your invitation again.
no-link-title = Open the link from your invitation first
no-link-body = This page only works through your personal link or the team link. Your session may have expired (after four hours) or cookies may be switched off.
no-link-hint = Open the link again; you can simply start over.
bad-form-title = This form is not valid
bad-form-body = The form was changed or belongs to another poll. Nothing has been stored.
bad-form-hint = Open the link from your invitation again and fill in the poll there.
too-large-title = Your answers are too long
too-large-body = The form holds more text than we can accept. Nothing has been stored.
too-large-hint = Go back, shorten your comment and submit again.
too-many-title = Too many requests with this token
too-many-body = This token made too many requests in a short time. Nothing has been stored or changed. Try again in { $seconds } seconds.
unavailable-title = The database cannot be reached just now
unavailable-body = Nothing has been stored or changed. This is not your fault.
unavailable-hint = Please try again in a few minutes (with the same link, if you were sent one).
unexpected-title = Something went wrong
unexpected-body = An error occurred in Polsslag. Nothing has been stored or changed.
unexpected-hint = Please try again later. If it keeps happening, tell the administrator.
forbidden-title = Not allowed
forbidden-body = You do not have access to this page or action.
invalid-title = This is not right
invalid-body = One or more values are not right. Nothing has been stored or changed.
conflict-title = This already exists
unknown-poll-title = This poll does not exist
unknown-poll-body = There is no poll with number { $id }.
unknown-wave-title = This wave does not exist
unknown-wave-body = There is no wave with number { $id }.
unknown-template-body = There is no poll template with code { $code }.
nothing-closed-title = Nothing to export yet
nothing-closed-body = Poll { $id } has no closed wave yet: results are released only when a wave has closed.
wave-already-closed-body = Wave { $id } is already closed.
wave-not-draft-body = Wave { $id } is not in preparation, so it cannot be opened.
wave-label-taken = This poll already has a wave labelled { $label }.
wave-dates-reversed = The last day ({ $closes }) is before the first day ({ $opens }).
sample-share-invalid = The share of the sample must be above 0 and at most 1, not { $share }.
sample-wave-not-draft = Wave { $label } is no longer a draft or already has invitees: a sample is drawn before the wave opens, and once.
sample-needs-strata = A sample is stratified by unit × age band. Let the poll store the unit and the age band (reporting attributes), then draw again.
sample-total-zero = Enter how many people the sample holds (at least 1).
sample-too-large = A sample of { $total } is larger than the { $available } people who can be drawn.
sample-minimum-too-large = The minimum per stratum needs { $needed } people in all, more than the sample of { $total }. Choose a smaller minimum or a larger sample.
sample-strata-too-small = { $count ->
        [one] Stratum { $strata } gets
       *[other] Strata { $strata } get
    } fewer than { $k } people (how many in brackets). Such a stratum cannot be reported without pointing at someone. Choose a minimum per stratum of at least { $k }, or a larger sample.{ $left_out ->
        [0] {""}
       *[other] {" "}{ $left_out } people were left out because they were invited in the last months; a shorter period lets more in.
    }
invite-wave-not-fresh = Wave { $label } already has invitees or is closed.
invite-nobody = Nobody (active) works in this wave's audience.
links-nothing = Wave { $label } has no invitees, or is closed: there are no personal links to download.
links-already = The personal links of wave { $label } were downloaded before. Polsslag keeps only a fingerprint of each link and gives the file once; send the invitations by e-mail from Polsslag instead.
mail-invitation-subject = Invitation: [title]
mail-invitation-body = Dear colleague,

    You are invited to [title]. Your answers are anonymous: nobody, HRM included, can see what you answered. Results are shown only for groups that are large enough.

    Your personal link (do not share it; it works once): [link]

    The poll closes after [closes].
mail-reminder-subject = Reminder: [title]
mail-reminder-body = Dear colleague,

    Perhaps you have not seen it yet: you are invited to [title]. If you have answered already, please ignore this message; Polsslag does not know who you are, only that this link has not been used.

    Your personal link: [link]

    The poll closes after [closes].
mail-subject-bad = A subject of 1 to 200 characters, on one line.
mail-body-bad = The message must hold [link] (where the personal link goes) and be at most 5,000 characters long.
mail-nothing-to-send = Wave { $label } is closed or has no invitees: there is nothing to send.
mail-wave-draft = Wave { $label } is still a draft: open it first (or schedule it), or the links in the messages will not work yet.
mail-invitations-sent-before = The invitations of wave { $label } were sent before. A reminder goes only to those who have not answered.
mail-reminder-date-bad = Choose a day from { $today } to { $closes } (the wave's last day).
sample-not-a-number = Enter a whole number.
sample-exclude-bad = Enter a number of months from 0 to 60 (0 or empty: nobody is left out).
mail-reminder-date-not-a-date = Enter a date (yyyy-mm-dd).
organisation-not-empty = The database already holds an organisation; the demo only fills an empty database. Use a new file (e.g. --database-url sqlite://demo2.db?mode=rwc).
org-code-taken = An organisation unit with code { $code } already exists.
org-parent-level = { $level ->
        [unit] A unit
        [district] A district
        [team] A team
       *[organisation] The organisation
    } cannot be placed { $parent ->
        [organisation] under the organisation
        [unit] under a unit
        [district] under a district
        [team] under a team
       *[none] at the top
    }.
unknown-question-body = There is no question with code { $code } in the question bank.
question-code-taken = A question or theme with code { $code } already exists.
wave-state-title = Not possible now
employee-number-taken = An employee number in this list already exists.
export-write-failed = Cannot write to { $path }: { $reason }
threshold-too-low = The reporting threshold { $k } is too low: never below { $min }.
stored-data-corrupt = Stored data cannot be read. Nothing has been stored or changed; the administrator finds which in the log.

## Command line

cli-error = Error: { $message }
cli-cause = cause: { $cause }
cli-serving = Polsslag runs at { $url }
cli-demo-ready = Demo ready: { $employees } employees in { $teams } teams, { $responses } historical responses.
cli-demo-personal = Personal invitations (single use):
cli-demo-team = Open team links (for anyone in the team):
cli-demo-polls = Polls (analysis bundle with `polsslag export --poll ID --out DIR`):
cli-demo-open-waves = Open waves (close with `polsslag close-wave ID`):
cli-demo-progress-org = organisation and roster
cli-demo-progress-responses = responses
cli-demo-too-small = --employees must be at least { $min }.
cli-exported = Analysis bundle written to { $dir }: { $waves } { $waves ->
        [one] wave
       *[other] waves
    }, { $items } items, { $responses } responses.
cli-wave-closed = Wave closed: { $responses } responses rewritten in random order, { $invitations } invitations.
cli-no-smtp = No SMTP server configured: set POLSSLAG_SMTP_URL (for example smtp://127.0.0.1:2525) or --smtp-url.
cli-mail-sent = { $sent } sent, { $refused } refused by the mail server, { $retry } to be tried again later.
cli-analysed = { $file } written: { $estimates } estimates ({ $suppressed } suppressed), { $changes } changes ({ $significant } significant).
cli-charts = { $count } charts in { $dir }

## Anonymity of the attributes

recoding-title = Too few people to stay anonymous
recoding-units-too-small = { $count ->
        [one] Unit { $units } has
       *[other] Units { $units } have
    } too few invitees (how many in brackets). A stored answer is anonymous only when at least { $k } people share its attributes, and the unit is always stored.
recoding-strata-too-small = { $count ->
        [one] Stratum { $strata } has
       *[other] Strata { $strata } have
    } too few invitees (how many in brackets). In a sample the unit and the age band are always stored, because the weights need them; an answer is anonymous only when at least { $k } people share them.
recoding-audience-too-small = There { $people ->
        [one] is only { $people } invitee
       *[other] are only { $people } invitees
    }. A stored answer is anonymous only when at least { $k } people share its attributes.
recoding-hint = Invite more people, or leave this group out of this wave. Nothing was changed.
recoding-withheld = { $attribute ->
        [unit] The unit
        [district] The district
        [team] The team
        [age_band] The age band
        [role_group] The role group
       *[tenure_band] The length of service
    } is not stored for { $people } of the { $audience } invitees: fewer than { $k } people share their combination of attributes.
cli-demo-recoding = Attributes not stored, so that nobody can be recognised:
cli-sealing-key = Answers are sealed until their wave closes with the key from { $origin }. Keep a copy, apart from the database backups.

# Accounts (issue #10)
role-beheerder = administrator
role-hrm = HRM analyst
role-leidinggevende = manager
role-coordinator = coordinator
email-invalid = "{ $email }" is not an e-mail address.
email-taken = There is already an account for { $email }.
password-too-short = A password has at least { $min } characters.
password-too-long = A password has at most { $max } characters.
password-current-wrong = Your current password is not right.
account-scope-missing = A manager belongs to a part of the organisation: give its code (--scope).
account-scope-unknown = There is no part of the organisation with code { $code }.
account-scope-not-manager = Only a manager or a coordinator belongs to a part of the organisation.
account-scope-missing-coordinator = A coordinator records the figures of one unit: give the code of that unit (--scope).
account-scope-not-unit = { $code } is not a unit but a district or team; a coordinator belongs to a unit.
account-raw-data-hrm-only = Only an HRM analyst can be given access to raw data.
login-wrong = The e-mail address or the password is not right.
login-locked-title = Account locked for now
login-locked-body = A wrong password was used too often. Try again in { $minutes } { $minutes ->
    [one] minute
   *[other] minutes
}, or ask an administrator for help.
cli-user-added = Account created: { $email } ({ $role }).
cli-user-password = One-time password (it will not be shown again): { $password }
cli-demo-accounts = Accounts to log in with at { $url }/login:
login-title = Log in
login-intro = For administrators, HRM and managers. Someone answering a poll needs no account: they use the link from their invitation.
login-email = E-mail address
login-password = Password
login-submit = Log in
logout-submit = Log out
csrf-title = This form has expired
csrf-body = Reload the page and try again. Nothing was changed.
staff-signed-in = Logged in as { $email } ({ $role }).
hrm-title = Polls and waves
hrm-no-polls = There are no polls yet.
hrm-no-waves = No waves yet.
hrm-wave = Wave
hrm-wave-status = Status
hrm-wave-dates = Open from – to
hrm-wave-invited = Invited
poll-kind-flash = Flash poll
poll-kind-monitor = Monitor
wave-status-draft = in preparation
wave-status-open = open
wave-status-closed = closed
admin-title = Administration
admin-accounts = Accounts
admin-role = Role
admin-state = Status
admin-raw-data = raw data
admin-active = active
admin-locked = locked for now
admin-inactive = switched off
manager-title = My part of the organisation
manager-headcount = { $count } employees.
manager-teams = Teams
manager-team = Team
manager-people = Employees
manager-small-groups = Numbers under { $k } are not shown, so that nobody can be recognised.
account-scope-gone = The part of the organisation of your account, { $code }, no longer exists. Ask an administrator to change your account.
admin-sections = Administration sections
org-title = Organisation
org-empty = There is no organisation yet. Import an organisation file below.
org-people = { $count } employees
org-import = Import the organisation
org-import-columns = A CSV or XLSX file with the columns code, name, level (organisation, unit, district or team) and parent (the code of the part above; empty for the organisation itself). Existing parts are updated by code; parts not in the file are kept.
level-organisation = organisation
level-unit = unit
level-district = district
level-team = team
roster-title = Roster
roster-active = { $n } active employees.
roster-import = Import the roster
roster-reference-date = Reference date
roster-reference-date-hint = The date on which age and tenure are computed, and for which the roster's snapshot is kept.
roster-bad-reference-date = Enter the reference date as YYYY-MM-DD, for example 2026-12-01.
roster-columns = Columns
roster-col-meaning = Meaning
roster-col-number = Employee number; required and unique. A new import updates employees by this number.
roster-col-name = Name; required. Only used to send invitations.
roster-col-email = E-mail address; required.
roster-col-team = The code of the team in the organisation; required.
roster-col-role = Role group, for example executief or ondersteunend; required.
roster-col-age = Date of birth, or else the age band (<35, 35-54, 55+). The date itself is not stored.
roster-col-tenure = Start date, or else the tenure band (<5, 5-15, >15). The date itself is not stored.
roster-col-manager = Yes or no; may be left out (then no).
roster-col-end = End date; may be left out. From that date the employee is no longer active.
roster-columns-hint = Anyone missing from the file is made inactive (never deleted). Column names may also be in English; other columns are skipped. CSV in UTF-8, with semicolon, comma or tab as separator.
roster-snapshots = Snapshots
roster-no-snapshots = No snapshots yet: every import makes one.
roster-source = Source
roster-employees = Active employees
import-file = File (CSV or XLSX)
import-file-hint = The file is checked first; nothing changes until you then click Import. At most 20 MB.
import-check = Check
import-apply = Import
import-no-file = Choose a file to check.
import-too-large = The file is larger than { $mb } MB. Nothing was imported.
import-not-utf8 = The file is not UTF-8 text. In Excel, save it as 'CSV UTF-8 (comma delimited)' or as XLSX.
import-empty = The file is empty.
import-no-header = The first line of the file must hold the column names.
import-csv-broken = This line cannot be read (a quotation mark that is never closed?).
import-xlsx-broken = The XLSX file is damaged or not an Excel workbook.
import-column-twice = This column occurs twice in the file.
import-column-missing = This required column is missing. Names allowed: { $names }.
import-column-missing-either = A column { $first } or { $second } is required.
import-value-missing = A value is required here.
import-value-too-long = This value is longer than { $max } characters.
import-value-control = This value contains invisible control characters.
import-duplicate-number = Employee number { $number } is also in row { $first }.
import-bad-email = '{ $value }' is not a valid e-mail address.
import-unknown-team = Team '{ $code }' does not exist in the organisation.
import-not-a-team = '{ $code }' is not a team but a { $level }.
import-bad-date = '{ $value }' is not a date. Write YYYY-MM-DD or DD-MM-YYYY.
import-date-future = The date { $value } is after the reference date.
import-bad-band = '{ $value }' is not a valid band. Choose from: { $allowed }.
import-bad-flag = '{ $value }' is not yes or no.
import-bad-code = A code has at most { $max } characters and no spaces.
import-duplicate-code = Code { $code } is also in row { $first }.
import-bad-level = '{ $value }' is not a level. Choose from: organisation, unit, district, team.
import-level-changes = { $code } is now a { $from }; an import cannot change its level to { $to }.
import-unknown-parent = The parent '{ $code }' does not exist, not in the file either.
import-second-root = The organisation is already called { $code }; there can be only one organisation.
import-two-roots = The file holds more than one organisation.
import-unknown-attribute = '{ $name }' is not a reporting attribute.
import-upload-gone-title = This file is no longer available
import-upload-gone-body = It was imported already, or its check is more than a day old. Choose the file again.
import-problems-title = { $n } { $n ->
        [one] problem
       *[other] problems
    } in { $file }
import-nothing-changed = Nothing was changed. Correct the file and check it again.
import-row = Row
import-column = Column
import-problem = Problem
import-more-problems = And { $n } more problems not listed here.
import-checked-title = { $file } has been checked
import-checked-body = No problems were found. This is what the import changes:
import-applied-title = { $file } has been imported
import-rows = { $n } rows read
import-added = { $n } new
import-updated = { $n } changed
import-unchanged = { $n } unchanged
import-reactivated = { $n } active again
import-deactivated = { $n } inactive (no longer in the file, or left)
import-untouched = { $n } not in the file (kept)
import-deactivated-warning = Note: { $n } employees will be made inactive. Check that the file is complete.
audit-title = Audit log
audit-intro = Who did what, when: logins, imports, changes to polls and waves, exports and views of results. Answers are never in it.
audit-actor = Who
audit-action = Action
audit-from = From
audit-to = Up to and including
audit-filter = Filter
audit-at = Time (UTC)
audit-object = On
audit-detail = Details
audit-count = { $shown } of { $total } entries, newest first.
audit-bad-date = Enter a date as YYYY-MM-DD.
tokens-title = API tokens
tokens-intro = With a token a system (the HR system, say) can deliver the roster through /api/v1/roster, with your rights. See /api/openapi.json.
tokens-none = You have no tokens yet.
tokens-name = Name
tokens-created-on = Made on
tokens-last-used = Last used
tokens-never = never
tokens-revoke = Revoke
tokens-revoke-named = Revoke token { $name }
tokens-new = New token
tokens-make = Make token
tokens-created = Your new token
tokens-created-once = Copy it now: it is shown only once, and Polsslag keeps only a fingerprint of it.
token-name-missing = Give the token a name, for example 'HR system nightly export'.
token-name-too-long = A name has at most { $max } characters.
token-not-found = This token does not exist or has been revoked.
token-refused-title = No valid token
token-refused-body = The token is unknown or revoked, or its account is switched off.
token-missing-body = Send a token as 'Authorization: Bearer <token>'. An administrator makes tokens on /beheer/tokens.
api-bad-request-title = Invalid request
api-not-json = Send the data as JSON with 'Content-Type: application/json'.
api-bad-json = The JSON does not match its description in /api/openapi.json: { $detail }
table-region = Table (scroll sideways for more columns)
attribute-age-band = age band
attribute-role-group = role group
attribute-tenure-band = tenure
hrm-back = ← All polls
yes = yes
no = no
poll-new = New poll
poll-new-intro = Start from a template of the question bank: its questions, reporting attributes and threshold come along. Then make a wave and open it.
poll-template = Template
poll-template-missing = Choose a template.
poll-questions-count = { $n } questions
poll-create = Create poll
poll-kind = Kind
poll-threshold = Threshold
poll-threshold-value = Results only for groups of at least { $k } people
poll-attributes = Reporting attributes
poll-preview = See the poll as an employee sees it
poll-waves = Waves
poll-wave-actions = Actions
poll-bundle = Download the analysis files (zip)
poll-bundle-hint = The items, responses and population of the closed waves, as the analysis reads them. The download is recorded in the audit log.
poll-questions = Questions
poll-frozen = There are answers already: the questions are fixed. A new wave takes the same questions.
poll-page = Page
poll-question = Question
poll-theme = Theme
wave-open = Open
wave-open-named = Open wave { $label }
wave-close = Close
wave-close-named = Close wave { $label }
wave-team-links = Make team links
wave-team-links-named = Make team links for wave { $label }
wave-new = New wave
wave-new-hint = A new wave starts as a draft. Opening it before its first day schedules it: it takes answers from that day. An open wave closes by itself after its last day.
wave-label = Name (for example 2026-H2)
wave-opens = Open from
wave-closes = Open up to and including
wave-create = Create wave
wave-label-bad = Give the wave a name of at most 40 characters, for example 2026-H2.
preview-banner = Preview: this is how an employee sees the poll. Nothing is stored.
preview-not-sent = Nothing is sent in the preview.
team-links-title = Team links
team-links-heading = Team links for { $title }, wave { $wave }
team-links-once = These links exist nowhere else: Polsslag keeps only a fingerprint. Print or save this page now. Making them again gives new links; the old ones keep working until the wave closes.
team-links-qr = QR code of the link for { $team }
team-links-back = ← Back to the poll
account-link = My account
account-title = My account
account-new = New account
account-new-hint = The account gets a one-time password, which you see once after this. Pass it on safely; its owner then chooses their own at My account.
account-make = Make account
account-role-choose = Choose a role
account-role-missing = Choose a role: administrator, HRM analyst or manager.
account-scope = Part of the organisation (managers and coordinators only)
account-scope-hint = For a manager the code of the unit, district or team whose results they see, for example AM-D1; for a coordinator the code of the unit whose indicators they record, for example AM.
account-raw-data = May read open answers and raw data (HRM only)
account-created = Account { $email } has been made
account-created-once = The one-time password is below and is shown only once.
account-deactivate = Switch off
account-deactivate-named = Switch off account { $email }
account-activate = Switch on
account-activate-named = Switch on account { $email }
account-not-found = This account does not exist.
account-not-yourself = You cannot switch off your own account; ask another administrator.
password-change = Change password
password-current = Current password
password-new = New password
password-new-hint = At least 12 characters; a sentence is easy to remember and hard to guess.
password-repeat = Repeat the new password
password-repeat-differs = The two new passwords are not the same.
password-same = Choose a password other than the current one.
password-changed = Your password has been changed. Your other sessions have ended.
bank-title = Question bank
bank-new = Add a question of your own
bank-code = Code
bank-code-hint = Short and unique, with letters, digits, _ and -, for example WB-OWN-01. A code never changes: that keeps trends across waves comparable.
bank-kind = Kind of question
bank-text-nl = Text (Dutch)
bank-text-en = Text (English)
bank-reversed = Score reversed (agreeing is unfavourable)
bank-reversed-short = reversed
bank-dont-know = With the answer 'don't know'
bank-required = Must be answered
bank-add = Add question
bank-added = Question { $code } is in the question bank.
bank-questions = All questions
kind-likert = Statement (five points, disagree – agree)
kind-scale010 = Scale 0–10
kind-text = Open question
kind-single = One choice
kind-multi = Several choices
question-code-bad = A code has 1 to 32 characters: letters, digits, _ and -.
question-theme-unknown = Choose a theme of the question bank.
question-text-bad = Enter a text of at most { $max } characters.
question-options-missing = A choice question has at least two choices.
question-reversed-scored-only = Only a statement can be scored reversed.
poll-from-template = From a template
poll-compose = Put together from the question bank
poll-compose-hint = Choose the questions, the page each goes on and its place on that page. Questions without a place follow in the order of the question bank.
poll-compose-errors = Check the form: { $n } { $n ->
        [one] field is
       *[other] fields are
    } not right.
poll-title-nl = Title (Dutch)
poll-title-en = Title (English)
poll-intro-nl = Introduction (Dutch)
poll-intro-en = Introduction (English)
poll-title-bad = Enter a title of at most 200 characters.
poll-intro-too-long = An introduction has at most { $max } characters.
poll-threshold-hint = Results are shown only for groups of at least this many people; never fewer than 5.
poll-threshold-too-low = The threshold is at least { $min }.
poll-threshold-not-number = Enter a whole number.
poll-questions-hint = Tick the questions that go into the poll. For each you choose its page, its place on that page (empty: the question bank's order) and whether it must be answered.
poll-no-questions = Choose at least one question.
poll-page-bad = Enter a page number from 1 to 50.
poll-position = Place
poll-position-bad = Enter a place on the page from 1 to { $max }, or leave it empty for the question bank's order.
poll-must-answer = Required
preview-back = Back to the poll
import-sheet-too-big = The worksheet is too large: at most { $columns } columns and { $rows } rows. Remove what lies outside the table.
import-no-rows = The file holds no employees. An empty file would make everyone inactive; nothing was changed.
import-duplicate-email = The e-mail address { $email } is also in row { $first }.
import-mass-deactivation = This import makes { $n } of the { $active } active employees inactive. Send "allow_mass_deactivation": true if that is what you want.
import-reference-future = The reference date is in the future. Choose today or an earlier date.
import-on = Reference date { $date }
wave-audience = Audience
wave-audience-hint = Whom the wave is for: tick units, or type codes of districts or teams. Nothing chosen: the whole organisation. Team links are made for the teams in the audience.
wave-audience-other = Other parts (codes, separated by commas)
wave-audience-all = whole organisation
wave-audience-unknown = '{ $code }' is not a part of the organisation.
poll-edit = Change the poll
poll-edit-title = Change { $title }
poll-edit-intro = As long as no wave has answers, you can still change the titles, introduction, threshold, reporting attributes and questions. After that they are fixed.
poll-save = Save changes
poll-frozen-title = The questions are fixed

## A wave: sample, invitations, response

wave-invitees = Invitees
wave-invitees-n = { $n } invitees.
sample-hint = A stratified random sample of the active roster of this wave's audience, strata unit × age band. Every stratum gets at least { $k } people; otherwise it could not be reported without pointing at someone.
sample-total = Sample size
sample-allocation = Allocation over the strata
sample-allocation-proportional = Proportional (to the size of each stratum)
sample-allocation-minimum = Proportional, with a minimum per stratum
sample-allocation-minimum-n = Proportional, at least { $n } per stratum
sample-minimum = Minimum per stratum
sample-seed = Seed
sample-seed-hint = With the same seed and the same roster Polsslag draws exactly the same people; it is kept with the wave so the draw can be checked.
sample-exclude-months = Leave out people invited in the last this many months (0: nobody)
sample-exclude = Left out
sample-exclude-none = nobody
sample-exclude-n = whoever was invited in the last { $n } months
sample-drawn-on = Drawn on
sample-frame-digest = Fingerprint of the sampling frame (SHA-256)
sample-strata = Strata: population, frame, planned and drawn
sample-unit = Unit
sample-age-band = Age band
sample-population = Population
sample-frame = Frame
sample-planned = Planned
sample-drawn = Drawn
sample-draw = Draw the sample and invite
invite-audience-hint = Or invite everyone in this wave's audience (a flash poll for all).
invite-audience = Invite everyone in the audience
mail-heading = Invitations and reminders
mail-not-configured = No mail server is configured (POLSSLAG_SMTP_URL): messages wait in the queue until the server has one, or until someone runs `polsslag invitations send`.
mail-send-invitations = Send the invitations by e-mail
mail-mailings = Sendings
mail-kind = Kind
mail-kind-invitation = Invitation
mail-kind-reminder = Reminder
mail-day = Day
mail-state = State
mail-state-scheduled = scheduled
mail-state-queued = sending
mail-state-done = done
mail-state-cancelled = cancelled
mail-queued = Queued
mail-sent = Sent
mail-failed = Failed
count-at-least = at least { $n }
mail-reminder-counts = A reminder goes only to those who have not answered; that is why its counts are in steps of { $k }, and Polsslag does not keep whom it went to.
mail-reminder-on = Send a reminder on
mail-reminder-hint = On that day a reminder goes to everyone who has not answered by then.
mail-reminder-schedule = Schedule the reminder
links-once-warning = The personal links as CSV for a mail merge. Polsslag keeps only a fingerprint of each link: this file is the only place they are written, and it can be downloaded once. Keep it safe and delete it after use.
links-download = Download the links (CSV, once)
mail-text-invitation = Text of the invitation
mail-text-reminder = Text of the reminder
mail-text-hint = [link] becomes the personal link, [titel] / [title] the poll's name, [sluitdatum] / [closes] the last day. Every message goes in Dutch with English below.
mail-subject-nl = Subject (Dutch)
mail-body-nl = Message (Dutch)
mail-subject-en = Subject (English)
mail-body-en = Message (English)
mail-text-save = Save the text
progress-heading = Response
progress-total = At least { $answered } of the { $invited } invitees have answered. Counts are in steps of { $k } and groups with fewer than { $k } invitees show nothing, so nobody can tell who just answered.
progress-groups = Response by unit and team
progress-group = Unit or team
progress-answered = Answered
progress-rate = Response
progress-chart-label = Response by day over { $days ->
        [one] one day
       *[other] { $days } days
    }
progress-chart-caption = Answered by day, in steps of { $k }.

## Managers: thermometer conversations, guide, sfeerbeeld (issue #12)
back-to-manager = Back to your overview
form-has-errors = Not everything is filled in correctly. See the fields with a message.
field-required = Fill in this field.
field-too-long = This is too long: use at most { $max } characters.
figure-none = no figure
theme-weerbaarheid_mentaal = Mental resilience
theme-weerbaarheid_moreel = Moral resilience
theme-koopkracht = Purchasing power and financial worries
theme-maatschappelijke_onrust = Social unrest and polarisation
theme-werkdruk = Workload and incident pressure
theme-ethisch_werkklimaat = Ethical work climate
help-vertrouwenspersoon = Confidential adviser
help-bedrijfsmaatschappelijk_werk = Company social work
help-bedrijfsarts = Occupational physician
help-collegiale_opvang = Peer support
help-geestelijke_verzorging = Chaplaincy
help-financiele_hulp = Financial help
manager-follow-ups-due = Follow-up needed
manager-follow-ups-due-intro = For these conversations it is time to review the agreed actions with your team. Open a conversation to record how it went.
manager-handout = Handout
manager-handout-pdf = PDF
manager-handout-of = Handout for { $team } (PDF)
manager-recent = Your latest conversations
manager-no-conversations = You have not recorded a thermometer conversation yet.
conversation-new = Record a conversation
conversation-new-intro = Record what you heard in a thermometer conversation. Do not name anyone: what you fill in counts towards the national picture.
conversation-choose-team = Choose a team
conversation-held-on = Date of the conversation
conversation-participants-label = Number of participants
conversation-participants-col = Participants
conversation-follow-up-col = Follow-up
conversation-follow-up-due = review now
conversation-follow-up-from = from { $day }
conversation-temperatures = Temperature per theme
conversation-temperatures-hint = Give each theme you discussed a temperature from 1 (worrying) to 5 (good). Leave themes that did not come up empty.
conversation-not-discussed = Not discussed
conversation-temperature-value = { $t } out of 5
conversation-signals = Signals you heard
conversation-actions = Agreed actions
conversation-actions-hint = Short and without names, for example: "Plan a team day about workload".
conversation-help-offered = Help routes you mentioned
conversation-save = Save conversation
conversation-saved = The conversation is saved. In four weeks we will remind you to review the agreed actions.
conversation-title = Thermometer conversation { $team }
conversation-summary = Held on { $day } with { $n } participants.
conversation-no-signals = No signals recorded.
conversation-no-actions = No actions recorded.
conversation-no-help = No help routes mentioned.
conversation-team-unknown = Choose one of your own teams.
conversation-bad-date = Fill in a date like 2026-12-01.
conversation-date-future = A conversation cannot lie in the future.
conversation-quarter-closed = The quarter of this date is already in the sfeerbeeld: record a conversation within { $days } days after its quarter ends.
conversation-participants-team = This team has { $max } people on the roster; there cannot be more participants.
conversation-participants = Fill in a number of participants from 1 to { $max }.
conversation-temperature = Choose a temperature from 1 to 5.
conversation-no-temperature = Give at least one theme a temperature.
conversation-signal-unknown = One of the chosen signals does not exist (any more). Choose again.
conversation-unknown = This conversation does not exist, or it does not belong to your teams.
conversation-personal-title = Is there a name here?
conversation-personal = The text seems to contain a colleague's name or an e-mail address. Take it out, or confirm that the text may be stored like this.
conversation-personal-confirm = The text contains no colleague's name or address; store it like this.
follow-up-title = Follow-up
follow-up-due-now = It is time to review the agreed actions with your team.
follow-up-due-from = Review the actions with your team from { $day }. You can record it already.
follow-up-question = How did the agreed actions go?
follow-up-done = Done
follow-up-partly = Partly done
follow-up-not-yet = Not done yet
follow-up-note = Note (without names)
follow-up-save = Save follow-up
follow-up-saved = The follow-up is saved.
follow-up-recorded-on = Reviewed on { $day }: { $result }.
follow-up-recorded = The follow-up of this conversation has been recorded already.
follow-up-result-missing = Choose how the agreed actions went.
follow-up-mail-subject = Time to review: thermometer conversation { $team }
follow-up-mail-body =
    Dear manager,

    On { $held_on } you held a thermometer conversation with { $team }. It is now time to review the actions you agreed with your team.

    Afterwards, record in Polsslag how it went:
    { $link }

    Kind regards,
    HRM
kit-title = Guide to thermometer conversations
kit-intro = Everything for a good thermometer conversation: the guide, the factsheet of conversation forms and help routes, and the handouts to print.
kit-read = Guide and handouts
kit-downloads = Handouts (PDF, A4)
kit-blank-handout = Blank handout, without team figures
kit-handreiking = Guide to thermometer conversations
kit-factsheet = Factsheet: conversation forms and help routes
kit-version-line = version { $version } of { $day }
kit-routes-title = Help routes
kit-no-routes = No contact details have been filled in for your unit yet. Ask HRM.
kit-sections = Parts of the conversation kit
kit-edit-link = Manage the conversation kit
kit-markdown-hint = Write in Markdown: # for a title, ## and ### for headings, - for a bulleted list, **bold** and *italic*. Other markup, links and HTML are left out. Every save makes a new version.
kit-body-nl = Text in Dutch
kit-body-en = Text in English
kit-save = Save new version
kit-saved = Version { $version } is saved. New handouts use this version.
kit-preview = How the current version looks
kit-versions = Versions
kit-version = Version
kit-version-date = Date
kit-version-by = By
kit-body-empty = Fill in the text.
kit-body-too-long = The text is too long: use at most { $max } characters.
kit-body-no-title = Start the text with a title (a line starting with #).
kit-unchanged = Nothing changed since the latest version.
kit-version-unknown = This version does not exist.
kit-kind-unknown = This part of the conversation kit does not exist.
kit-whole-organisation = Whole organisation
kit-routes-intro = Fill in per unit where employees can get help. What a unit leaves empty it takes from the whole organisation.
kit-routes-unit = Unit
kit-routes-show = Show
kit-route-name = Name or service
kit-route-contact = Reachable via
kit-routes-empty-hint = Leave both name and contact empty to remove a help route.
kit-routes-save = Save help routes
kit-routes-saved = The help routes are saved.
help-route-incomplete = Fill in both the name and the contact details (or leave both empty).
help-route-unit-unknown = This unit does not exist.
signals-title = Signals
signals-intro = The signals managers can tick after a conversation. A signal you switch off disappears from the form but stays with earlier conversations.
signals-label = Signal
signals-state = State
signals-change = Change
signals-on = on
signals-off = off
signals-switch-off = Switch off { $label }
signals-switch-on = Switch on { $label }
signals-new = New signal
signals-code = Code
signals-code-hint = 2 to 40 lower-case letters, digits or _, for example housing_worries. Cannot be changed later.
signals-label-nl = Description in Dutch
signals-label-en = Description in English
signals-add = Add signal
signal-code-invalid = Use 2 to 40 lower-case letters, digits or _.
signal-code-taken = This code exists already.
signal-unknown = This signal does not exist.
sfeerbeeld-title = Sfeerbeeld
sfeerbeeld-intro = What the thermometer conversations show, per unit and quarter. A figure is shown only with at least { $k } participants and { $min } conversations; otherwise the cell stays empty, just as when nothing was recorded.
sfeerbeeld-csv = Download as CSV
sfeerbeeld-attention = Attention list
sfeerbeeld-attention-none = No units with a marked fall or rise compared with the previous quarter.
sfeerbeeld-attention-fall = { $theme } fell from { $from } to { $to }.
sfeerbeeld-attention-rise = { $signal } was heard more often: in { $to }% of the conversations, was { $from }%.
sfeerbeeld-table = Per unit and quarter
sfeerbeeld-empty = No thermometer conversations have been recorded yet.
sfeerbeeld-organisation = Whole organisation
sfeerbeeld-col-quarter = Quarter
sfeerbeeld-col-unit = Unit
sfeerbeeld-col-conversations = Conversations
sfeerbeeld-col-participants = Participants
sfeerbeeld-col-move = { $theme }: change
handout-date = Date
handout-team = Team
handout-version-label = Version
handout-version = guide { $handreiking } ({ $handreiking_day }), factsheet { $factsheet } ({ $factsheet_day })
handout-footer = Polsslag · { $version } · made on { $day }
handout-page = Page
handout-figures-title = Your team's figures
handout-figures-intro = How your team rated the themes (index 0–100, the margin in brackets), beside your unit and the whole organisation. Use the figures as a question to the team, not as a verdict.
handout-col-theme = Theme
handout-col-team = Team
handout-col-unit = Unit
handout-col-organisation = Organisation
handout-no-figure = –
handout-index = { $index } ({ $low }–{ $high })
handout-change-significant = { $change } (significant)
handout-change-not-significant = { $change } (not significant)
handout-figures-note = A figure is shown only when at least { $k } colleagues answered; a dash means: no figure. Below a figure is its change since the previous measurement. Significant means: at least 3 points, measured among enough colleagues, and almost certainly not chance.
handout-team-too-few = Where your team shows a dash, there is no figure for the team (too few answers, or not measured per team); look at the unit instead.
handout-no-wave = no measurement yet
handout-no-results = There is no closed measurement with figures per team yet. Once there is, your team's figures appear here.
handout-notes = Notes
handout-team-unknown = This team does not exist, or it is not part of your part of the organisation.
cli-handout-written = Handout written to { $path } ({ $kb } kB).
cli-handout-write-failed = Cannot write { $path }: { $reason }
handout-routes-title = Contact details for your unit
results-title = Results
results-intro = The outcomes of closed measurements for { $scope }: per theme the index (0–100, the margin in brackets) in every measurement, and the change since the previous one.
results-none = There are no closed measurements for your part of the organisation yet.
results-change = Change
results-teams = Teams in { $wave }
results-note = A figure is shown only when at least { $k } colleagues answered; a dash means: no figure. Significant: the change is larger than chance explains (corrected for the number of comparisons).
kit-saved-meanwhile = Someone else just saved a new version. Reload the page and make your change in it.
handout-chart-title = { $theme } · { $unit }

## Sociaal jaarbeeld (issue #13)
report-title = Social annual report
report-subtitle = Resilience, purchasing power and ethical work climate · { $period }
report-footer = Polsslag · social annual report { $period } · made on { $day }
report-cover-period = Period
report-cover-organisation = Organisation
report-cover-date = Made on
report-cover-sources = Sources
report-contents = Contents
report-organisation = Whole organisation
report-bundle-unreadable = The bundle in { $path } cannot be read: { $reason }. Write it again with polsslag export; meta.json belongs with it.
report-summary-title = Summary
report-summary-intro = The main movements in { $period }, per poll and theme: the whole organisation, and the units that changed significantly.
report-nothing = No measurement closed in { $period }; there are no figures for this period.
report-summary-rose = { $theme }: rose significantly by { $diff } points, from { $from } ({ $was }) to { $to } ({ $wave }).
report-summary-fell = { $theme }: fell significantly by { $diff } points, from { $from } ({ $was }) to { $to } ({ $wave }).
report-summary-steady = { $theme }: from { $from } ({ $was }) to { $to } ({ $wave }); no significant change.
report-summary-first = { $theme }: { $index } in { $wave }; there is no earlier published figure to compare with.
report-summary-no-figure = { $theme }: no figure for the whole organisation in { $wave }.
report-summary-units = Changed significantly in: { $units }.
report-summary-rule = Significant means here: q ≤ { $q } after correcting for the number of comparisons (Benjamini–Hochberg), an effective sample size of at least { $n_eff } in both measurements and a difference of at least { $diff } index points. All figures are indices from 0 to 100.
report-poll-intro = Measurements: { $waves }. A figure is shown only when at least { $k } colleagues answered, and not where it would give another hidden figure away; a dash means: no figure.
report-chart-title = { $theme } — index by measurement, whole organisation
report-index-table = { $theme }: index by unit and measurement ({ $poll })
report-index-note = Bold with ▲ or ▼: changed significantly since the measurement before. A dash: no figure (fewer than { $k } answers, protecting another figure, or not measured).
report-changes-table = { $theme }: change into { $wave }
report-col-unit = Unit
report-col-from = From
report-col-diff = Difference
report-col-q = q
report-col-significant = Significant
report-yes = yes
report-no = no
report-enps-title = eNPS
report-enps-table = eNPS by unit and measurement ({ $poll }, question { $item })
report-enps-note = eNPS: the percentage of promoters (9–10) minus the percentage of detractors (0–6), from −100 to +100.
report-response-title = Response and sample
report-response-table = Response by measurement ({ $poll })
report-response-units-table = Response by unit in { $wave } ({ $poll })
report-response-note = Counts under { $k } are not shown, like every other figure. For a sample, the invitees are the sample drawn.
report-col-wave = Measurement
report-col-closed = Closed on
report-col-design = Design
report-col-invited = Invited
report-col-responses = Responses
report-col-rate = Response rate
report-sample = sample
report-census = everyone
report-sfeerbeeld-title = Sfeerbeeld from the thermometer conversations
report-sfeerbeeld-intro = What managers heard in their thermometer conversations, by unit and quarter: the number of conversations and participants and the mean temperature per theme (1–5, in brackets the move since the quarter before). A cell is shown only with at least { $min } conversations and { $k } participants.
report-sfeerbeeld-table = Sfeerbeeld by unit, { $quarter }
report-sfeerbeeld-sheet = Sfeerbeeld
report-sfeerbeeld-note = The temperature is the mean of the conversations in which the theme was discussed.
report-method-title = Methodology
report-method-design = Design. Flash polls go to everyone in their audience; the semi-annual monitor to a sample stratified by unit and age band. Answers are anonymous: they are opened only when a measurement closes, stored in random order and never linked to a person.
report-method-weights = Weights. Each response carries the design weight of its stratum (the number of employees divided by the number of respondents); for a sample the weights are then raked to the known totals per unit and per age band. Confidence intervals (95%) take stratification, weights and the finite population into account.
report-method-threshold = Threshold. A figure is shown only when it rests on at least k answers (k = { $k }). Figures that would give a hidden figure away, for instance as the total minus the other units, are hidden as well (complementary suppression); one pattern per measurement holds for every table. A hidden figure and one that was not measured look the same.
report-method-changes = Changes. A change between two measurements is called significant when q ≤ { $q } (the p-value corrected for the number of comparisons by Benjamini–Hochberg, per family: the organisation and units together, the lower levels apart), the effective sample size is at least { $n_eff } in both measurements and the difference at least { $diff } index points.
report-method-trend = Trend. The line in the charts joins the published measurements; the band is the 95% confidence interval. A measurement without a figure is a gap, never a zero.
report-method-suppression-title = What is not shown
report-method-suppressed = { $poll }: { $hidden } of { $total } theme figures by measurement and group are not shown (fewer than { $k } answers, or protecting another figure).
report-method-warnings-title = Notes on the computation
report-warning-lonely = { $poll }, { $wave }: stratum { $stratum } had one respondent; its variance is estimated conservatively.
report-warning-merged = { $poll }, { $wave }: category { $category } had too few respondents to weight on and was merged with { $into }.
report-sources-title = Sources
report-col-poll = Poll
report-col-fieldwork = Fieldwork
report-col-k = Threshold k
report-definitions-title = Definitions
report-col-term = Term
report-col-definition = Meaning
report-def-index = Index
report-def-index-text = The mean answer to a theme's statements, rescaled from 0 (strongly disagree) to 100 (strongly agree); statements worded the other way round are reversed.
report-def-ci = Confidence interval
report-def-ci-text = The range in which the true index lies with 95% confidence, given the sample and the weights.
report-def-change = Significant change
report-def-change-text = q ≤ { $q } after Benjamini–Hochberg, an effective sample size of at least { $n_eff } in both measurements and a difference of at least { $diff } index points.
report-def-missing = No figure (empty or –)
report-def-missing-text = Fewer answers than the threshold, hidden to protect another figure, or not measured: which of these is deliberately not shown.
report-def-enps = eNPS
report-def-enps-text = The percentage of promoters (9–10) minus the percentage of detractors (0–6) on whether one recommends the organisation as an employer.
report-def-rate = Response rate
report-def-rate-text = The number of answers divided by the number of invitees.
report-def-theme = Theme from { $poll } (code { $code }).
cli-report-written = Social annual report written to { $path } ({ $kb } kB).
report-period-invalid = { $period } is not a half year. Write it as 2025-H1 or 2025-H2.
report-format-unknown = { $path }: the report is a .pdf or an .xlsx; give a file name with one of those two.
report-page-title = Social annual report
report-page-intro = The semi-annual report for the board: the trends in resilience, purchasing power and ethical work climate, the response, the sfeerbeeld and the methodology, from the closed measurements. As a PDF to hand out, or as an Excel file with every table on a sheet of its own.
report-page-none = No measurement has closed yet; the report has no figures yet.
report-page-period = Half year
report-page-format = File
report-page-pdf = PDF (to read and print)
report-page-xlsx = Excel (every table on a sheet of its own)
report-page-language = The report is made in the language of this page.
report-page-download = Download the report
report-indicators-title = Indicators
report-indicators-sources = Indicators: definition and source
report-indicator-source = { $name }: { $definition } Source: { $source }.
report-indicator-table = { $name } by unit
report-indicator-note = { $definition } Source: { $source }.
report-indicator-note-people = { $definition } Source: { $source }. Counts under { $k } are not shown, like every other figure about people.
indicator-code-invalid = A code has 2 to 40 characters: letters, digits, - and _.
indicator-field-empty = Fill this in.
indicator-theme-unknown = The theme { $theme } is not in the question bank.
indicator-csv-header = The first line must name the columns: indicator;unit;period;value.
indicator-line-unreadable = Line { $line } cannot be read.
indicator-unknown = Line { $line }: there is no (active) indicator with the code { $code }.
indicator-unit-unknown = Line { $line }: there is no unit with the code { $unit }; leave the unit empty for the whole organisation.
indicator-period-invalid = Line { $line }: { $period } is not a half year; write it as 2025-H1 or 2025-H2.
indicator-value-count = Line { $line }: { $value } is not a count (a whole number, 0 or more).
indicator-value-percent = Line { $line }: { $value } is not a percentage (a number from 0 to 100).
indicator-value-number = Line { $line }: { $value } is not a number.
indicator-value-twice = Line { $line }: this indicator, unit and period are already on an earlier line.
indicator-line-other-unit = Line { $line }: { $unit } is not your unit; you record values of { $own } only.
indicator-line-organisation = Line { $line }: HRM records values for the whole organisation; you record values of { $own } only. Put the code { $own } in the unit column.
indicator-field-indicator = Choose an indicator from the list.
indicator-field-unit = There is no unit with the code { $unit }.
indicator-field-not-yours = You record values of your own unit ({ $own }) only.
indicator-field-period = { $period } is not a half year; choose one from the list, such as 2025-H2.
indicator-field-count = { $value } is not a count: enter a whole number, 0 or more.
indicator-field-percent = { $value } is not a percentage: enter a number from 0 to 100, such as 12.5.
indicator-field-number = { $value } is not a number: enter a number, such as 12.5.
report-summary-no-figures = No figures: nobody could be reported on in { $wave } and the measurements before it.
report-trend = Trend over { $waves } measurements ({ $from } to { $to }): { $slope } index points per year (standard error { $se }, p = { $p }; weighted by the precision of each measurement).
indicators-title = Indicators
indicators-intro = Figures from outside the polls that the social annual report places beside the themes: for instance the number of integrity investigations (VIK investigations) and the share of them linked to social unrest, sick leave or staffing shortfall. Per unit and half year, each with its definition and source. A count of people under the threshold never appears in the report.
indicators-none = There are no indicators yet. Make one below.
indicators-col-name = Indicator
indicators-col-theme = Beside theme
indicators-col-kind = Kind
indicators-col-source = Source
indicators-col-periods = Values
indicators-no-values = none yet
indicators-period-units = { $period } ({ $n ->
        [one] 1 value
       *[other] { $n } values
    })
indicators-kind-count = count
indicators-kind-percent = percentage
indicators-kind-number = number
indicators-kind-people = { $kind } of people
indicators-kind-invalid = Choose a kind: count, percentage or number.
indicators-imported = { $n ->
        [one] 1 value recorded.
       *[other] { $n } values recorded.
    }
indicators-values-title = Record values
indicators-values-hint = Paste lines of indicator;unit;period;value, with that header above them. Leave the unit empty for the whole organisation; the period is a half year (2025-H2). A value that was there is replaced. If one line is wrong, nothing is recorded and the lines are named above.
indicators-values-label = Values (CSV)
indicators-values-submit = Record the values
indicators-new = New indicator
indicators-code = Code (letters, digits, - and _)
indicators-name-nl = Name (Dutch)
indicators-name-en = Name (English)
indicators-definition-nl = Definition (Dutch)
indicators-definition-en = Definition (English)
indicators-source = Source
indicators-people = Counts people (a value under the threshold is never shown)
indicators-theme-none = no theme
indicators-save = Save the indicator
coordinator-title = Indicators of { $unit }
coordinator-intro = As coordinator you record, per half year, the figures of { $unit } that HRM keeps from outside the polls, such as the number of integrity investigations or sick leave. HRM shows them in the sociaal jaarbeeld and on the dashboard beside the themes. To replace a value, record it again.
coordinator-none = HRM has not defined any indicators yet. Once it has, you record your unit's values here.
coordinator-col-values = Recorded for your unit
coordinator-theme = Beside theme: { $theme }
coordinator-threshold = What you see here is what has been recorded for your unit. In the report and on the dashboard a number of people under the threshold is never shown, like any other figure about people.
coordinator-record-title = Record one value
coordinator-period = Half year
coordinator-value = Value
coordinator-value-hint = A count as a whole number (12), a percentage without the % sign (12.5), another number with a decimal point or comma.
coordinator-record-submit = Record the value
coordinator-values-hint = Paste lines of indicator;unit;period;value, with that header above them. The unit is always { $unit }; the period is a half year (2025-H2). If one line is wrong nothing is recorded, and the list above says which.
back-to-hrm = Back to the HRM overview
dashboard-title = Results
dashboard-intro = The published figures of the closed waves, per theme and per part of the organisation. Choose a poll, select a unit, district or team to drill down, and compare two waves. A figure that may not be shown is absent, just like one that was not measured.
dashboard-none = No wave has closed yet; there are no results yet.
dashboard-poll = Poll
dashboard-show = Show
dashboard-wave = Wave
dashboard-compare-with = Compare with
dashboard-compare = Compare
dashboard-trail = Where you are in the organisation
dashboard-themes-caption = Themes of { $group } in { $wave }
dashboard-own-family = { $from } and { $to } are not consecutive: this comparison was tested as one family (every group × theme of this pair).
dashboard-file-family = These are the same verdicts as in the sociaal jaarbeeld.
dashboard-col-change = Change since { $from }
dashboard-col-change-none = Change
dashboard-col-index = Index (95% confidence interval)
dashboard-col-favourable = % favourable
dashboard-col-n = Count
dashboard-col-trend = Trend per year
dashboard-index-ci = { $index } ({ $low } to { $high })
dashboard-trend = { $slope } per year
dashboard-trend-significant = { $slope } per year (significant)
dashboard-trend-alt = Trend of { $theme } for { $group }, index per wave: { $points }. A dash means no figure.
dashboard-children-caption = { $level } of { $group } in { $wave }: index per theme and change
dashboard-heatmap-alt = Heatmap of the index per theme for the { $level }; the table above holds the same figures.
dashboard-col-district = District
dashboard-drill-hint = Select a name to drill down.
dashboard-ages-caption = Age bands of { $group } in { $wave }
dashboard-ages = By age
dashboard-col-age = Age
dashboard-enps-caption = eNPS of { $group } per wave (95% confidence interval)
dashboard-col-item = Question
dashboard-enps-note = eNPS is the percentage of promoters (9 and 10) minus the percentage of detractors (0 to 6), from −100 to +100.
dashboard-items-caption = Answer distribution of { $group } in { $wave }
dashboard-items-alt = Bar chart of the answer distribution per question; the table below holds the same percentages.
dashboard-items = Answer distribution
dashboard-scale-1 = Strongly disagree
dashboard-scale-2 = Disagree
dashboard-scale-3 = Neutral
dashboard-scale-4 = Agree
dashboard-scale-5 = Strongly agree
dashboard-indicators-caption = Indicators of { $group } beside the themes
dashboard-indicators = Indicators from outside the polls
dashboard-col-indicator = Indicator
dashboard-source = Source: { $source }.
dashboard-indicators-note = Counts of people under { $k } are not shown, like any other figure about people.
dashboard-rule = In bold with ▲ or ▼: a significant change (q ≤ 0.05 after Benjamini–Hochberg, effective count ≥ 30 in both waves and at least 3 index points).
dashboard-missing = A dash means: no figure. That may be because too few people (fewer than { $k }) answered, or because it was not measured; the two are deliberately not told apart.
dashboard-trends = Trends
dashboard-level-units = Units
dashboard-level-districts = Districts
dashboard-level-teams = Teams
dashboard-significant-up = significantly up
dashboard-significant-down = significantly down
dashboard-not-significant = not significant
dashboard-poll-unknown-title = Poll not found
dashboard-poll-unknown = There is no poll { $poll } with a closed wave.
dashboard-wave-unknown = { $wave } is not a closed wave of this poll.
dashboard-compare-order = Compare with an earlier wave: { $from } is not before { $to }.
dashboard-group-unknown-title = No figures for this group
dashboard-group-unknown = This poll has no published figures for { $group }. Choose a part from the overview.
dashboard-chart-theme = A trend chart belongs to a theme.
dashboard-chart-unknown = There is no chart of the kind "{ $kind }".
dashboard-theme-unknown-title = Theme not found
dashboard-theme-unknown = This poll has no theme { $theme }.
dashboard-heatmap-title = { $group }: index per theme, { $wave }
dashboard-distribution-title = { $group }: answer distribution, { $wave }

# Backup and restore (polsslag backup / polsslag restore)
backup-exists = { $path } exists already: a backup never overwrites a file. Choose a new name; nothing was written.
backup-write-failed = Cannot write { $path }: { $reason }. Nothing was written.
backup-no-database = There is no database at { $path }.
backup-tool-missing = { $tool } was not found. Install the PostgreSQL client programs (Debian: postgresql-client), of the server's version or newer.
backup-tool-failed = { $tool } failed: { $reason }. Nothing was changed.
restore-not-a-backup = { $path } is not a Polsslag backup. Nothing was changed.
restore-is-postgres = { $path } is a PostgreSQL backup: restore it onto a PostgreSQL database (--database-url postgres://…). Nothing was changed.
restore-is-sqlite = { $path } is a SQLite backup: restore it onto a SQLite file (--database-url sqlite://…). Nothing was changed.
restore-unreadable = Cannot read { $path }: { $reason }. Nothing was changed.
restore-other-key = The answers in { $path } are sealed with another key (fingerprint { $theirs }…, this key { $ours }…). Give the key file that belongs to the backup with --key-file; nothing was changed.
restore-target-exists = There is a database at { $target } already. Stop the server and give --replace to replace it with the backup; nothing was changed.
cli-backup-written = Backup written to { $path } ({ $kb } kB): { $waves } waves, { $responses } responses, { $sealed } still sealed until their wave closes, { $invitations } invitations used, { $accounts } accounts, { $conversations } conversation records.
cli-backup-key = The key is not in the backup (as it should be). Keep a copy of { $origin } apart: without that key the sealed answers can never be opened and the server does not start on this database.
cli-restored = Restored from { $path }: { $waves } waves, { $responses } responses, { $sealed } still sealed until their wave closes, { $invitations } invitations used, { $accounts } accounts, { $conversations } conversation records. Start the server again.
