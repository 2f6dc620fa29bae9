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
unavailable-title = Something went wrong
unavailable-body = Nothing has been stored or changed. This is not your fault.
unavailable-hint = Please try again in a few minutes with the same link.
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
cli-analysed = { $file } written: { $estimates } estimates ({ $suppressed } suppressed), { $changes } changes ({ $significant } significant).
cli-charts = { $count } charts in { $dir }

## Anonymity of the attributes

recoding-title = Too few people to stay anonymous
recoding-units-too-small = { $count ->
        [one] Unit { $units } has
       *[other] Units { $units } have
    } too few invitees (how many in brackets). A stored answer is anonymous only when at least { $k } people share its attributes, and the unit is always stored.
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
email-invalid = "{ $email }" is not an e-mail address.
email-taken = There is already an account for { $email }.
password-too-short = A password has at least { $min } characters.
password-too-long = A password has at most { $max } characters.
password-current-wrong = Your current password is not right.
account-scope-missing = A manager belongs to a part of the organisation: give its code (--scope).
account-scope-unknown = There is no part of the organisation with code { $code }.
account-scope-not-manager = Only a manager belongs to a part of the organisation.
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
