# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_permit_packet_global_optspecs
    string join \n V/version h/help
end

function __fish_permit_packet_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_permit_packet_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_permit_packet_using_subcommand
    set -l cmd (__fish_permit_packet_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c permit-packet -n "__fish_permit_packet_needs_command" -s V -l version -d 'Print the version, the rules\' version and the day they were last checked, the workspace file and the licences'
complete -c permit-packet -n "__fish_permit_packet_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_needs_command" -f -a "plan" -d 'Print the plan: forms, fee, biometrics, documents, dates, checks, warnings'
complete -c permit-packet -n "__fish_permit_packet_needs_command" -f -a "explain" -d 'Print each conclusion with the quoted page text it rests on'
complete -c permit-packet -n "__fish_permit_packet_needs_command" -f -a "pdf" -d 'Write the A4 checklist PDF of a situation'
complete -c permit-packet -n "__fish_permit_packet_needs_command" -f -a "import" -d 'Import hires from a CSV file into the workspace, in one transaction'
complete -c permit-packet -n "__fish_permit_packet_needs_command" -f -a "batch" -d 'Write the plan JSON and checklist PDF of every case, with summary.csv'
complete -c permit-packet -n "__fish_permit_packet_needs_command" -f -a "ics" -d 'Write a calendar (RFC 5545) of every dated deadline, with reminders'
complete -c permit-packet -n "__fish_permit_packet_needs_command" -f -a "case" -d 'Export a case to a portable case file, or import one'
complete -c permit-packet -n "__fish_permit_packet_needs_command" -f -a "cases" -d 'List the cases of the workspace: id, next deadline, status, reference, name'
complete -c permit-packet -n "__fish_permit_packet_needs_command" -f -a "template" -d 'Save, list or apply an organisation\'s own checklist items'
complete -c permit-packet -n "__fish_permit_packet_needs_command" -f -a "rules" -d 'The rules in force, and signed rules updates'
complete -c permit-packet -n "__fish_permit_packet_needs_command" -f -a "team" -d 'Set up and run a team workspace on PostgreSQL: schema, organisations, officers'
complete -c permit-packet -n "__fish_permit_packet_needs_command" -f -a "audit" -d 'The audit trail: who changed what and when, tamper-evident'
complete -c permit-packet -n "__fish_permit_packet_needs_command" -f -a "person" -d 'A person\'s data on request: export everything held, or erase it'
complete -c permit-packet -n "__fish_permit_packet_needs_command" -f -a "key" -d 'The workspace\'s encryption: status, encrypt, change the passphrase, a recovery key'
complete -c permit-packet -n "__fish_permit_packet_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand plan" -l format -d 'Output format (default json)' -r -f -a "json\t'the plan as JSON, format 1 (docs/plan-format.md)'
text\t'the plan for people'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand plan" -l lang -d 'Language of messages (default en). Quotes stay in the pages\' English' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand plan" -l today -d 'The date to count deadlines from (default: today\'s date)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand explain" -l lang -d 'Language of messages (default en). Quotes stay in the pages\' English' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand explain" -l today -d 'The date to count deadlines from (default: today\'s date)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand explain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand pdf" -s o -l output -d 'The PDF to write (never over the input; an existing PDF only with --force)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand pdf" -l lang -d 'Language of messages (default en). Quotes stay in the pages\' English' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand pdf" -l today -d 'The date to count deadlines from (default: today\'s date)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand pdf" -l force -d 'Replace an existing output file of the same kind (never the workspace, an input or a file of another kind)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand pdf" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand import" -l apply-template -d 'Add an organisation\'s checklist template (`template save`) to every imported case' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand import" -l on-duplicate -d 'What to do with a row that matches a case already in the workspace (default new)' -r -f -a "skip\t'leave the case as it is; the row is not imported'
update\t'write the row\'s answers into the case'
new\t'import the row as a new case all the same'
ask\t'import nothing and list the matches'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand import" -l store -d 'The workspace: a file (default: the app\'s, ~/.local/share/permit-packet/workspace.sqlite3), or a team workspace\'s postgres:// address (docs/team.md)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand import" -l passphrase-file -d 'The file holding the workspace\'s passphrase or recovery key (default: the file PERMIT_PACKET_PASSPHRASE_FILE names, else the OS keyring, else asked on the terminal); never the passphrase itself' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand import" -l lang -d 'Language of messages (default en). Quotes stay in the pages\' English' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand import" -l today -d 'The date to count deadlines from (default: today\'s date)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand import" -l all-or-nothing -d 'Import nothing if any row has a problem (the default)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand import" -l valid-rows -d 'Import the rows without problems, leaving the others out'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand import" -l template -d 'Print the CSV template (the header and an example row) and stop'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand import" -l columns -d 'Print what each column accepts and stop'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand batch" -s o -l out -l output -d 'The folder to write into (made if missing)' -r -f -a "(__fish_complete_directories)"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand batch" -l case -d 'Only this case (repeat for more; default: every active case)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand batch" -l store -d 'The workspace: a file (default: the app\'s, ~/.local/share/permit-packet/workspace.sqlite3), or a team workspace\'s postgres:// address (docs/team.md)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand batch" -l passphrase-file -d 'The file holding the workspace\'s passphrase or recovery key (default: the file PERMIT_PACKET_PASSPHRASE_FILE names, else the OS keyring, else asked on the terminal); never the passphrase itself' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand batch" -l lang -d 'Language of messages (default en). Quotes stay in the pages\' English' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand batch" -l today -d 'The date to count deadlines from (default: today\'s date)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand batch" -l force -d 'Replace an existing output file of the same kind (never the workspace, an input or a file of another kind)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand batch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand ics" -s o -l output -d 'The calendar file to write (an existing one only with --force)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand ics" -l case -d 'Only this case (repeat for more; default: every active case)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand ics" -l store -d 'The workspace: a file (default: the app\'s, ~/.local/share/permit-packet/workspace.sqlite3), or a team workspace\'s postgres:// address (docs/team.md)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand ics" -l passphrase-file -d 'The file holding the workspace\'s passphrase or recovery key (default: the file PERMIT_PACKET_PASSPHRASE_FILE names, else the OS keyring, else asked on the terminal); never the passphrase itself' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand ics" -l lang -d 'Language of messages (default en). Quotes stay in the pages\' English' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand ics" -l today -d 'The date to count deadlines from (default: today\'s date)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand ics" -l force -d 'Replace an existing output file of the same kind (never the workspace, an input or a file of another kind)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand ics" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and not __fish_seen_subcommand_from export import help" -s h -l help -d 'Print help'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and not __fish_seen_subcommand_from export import help" -f -a "export" -d 'Write a case to a portable case file (*.permit-case.json)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and not __fish_seen_subcommand_from export import help" -f -a "import" -d 'Import a case file as a new case, or into the one it matches (--on-duplicate)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and not __fish_seen_subcommand_from export import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and __fish_seen_subcommand_from export" -l case -d 'The case\'s id, as an option (the same as ID)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and __fish_seen_subcommand_from export" -s o -l output -d 'The case file to write (an existing one only with --force)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and __fish_seen_subcommand_from export" -l case-passphrase-file -d 'Encrypt the case file (age, scrypt) with the passphrase held in this file' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and __fish_seen_subcommand_from export" -l recipient -d 'Encrypt the case file for this age public key (age1…; repeat for more recipients)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and __fish_seen_subcommand_from export" -l store -d 'The workspace: a file (default: the app\'s, ~/.local/share/permit-packet/workspace.sqlite3), or a team workspace\'s postgres:// address (docs/team.md)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and __fish_seen_subcommand_from export" -l passphrase-file -d 'The file holding the workspace\'s passphrase or recovery key (default: the file PERMIT_PACKET_PASSPHRASE_FILE names, else the OS keyring, else asked on the terminal); never the passphrase itself' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and __fish_seen_subcommand_from export" -l lang -d 'Language of messages (default en). Quotes stay in the pages\' English' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and __fish_seen_subcommand_from export" -l today -d 'The date to count deadlines from (default: today\'s date)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and __fish_seen_subcommand_from export" -l force -d 'Replace an existing output file of the same kind (never the workspace, an input or a file of another kind)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and __fish_seen_subcommand_from import" -l on-duplicate -d 'What to do when the file matches a case already in the workspace (same reference, or same applicant name and birth date): new (the default; the match is named), skip, update (the file\'s answers laid over the case\'s), or ask (import nothing and name the case)' -r -f -a "skip\t'leave the case as it is; the row is not imported'
update\t'write the row\'s answers into the case'
new\t'import the row as a new case all the same'
ask\t'import nothing and list the matches'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and __fish_seen_subcommand_from import" -l case-passphrase-file -d 'The passphrase of an encrypted case file, held in this file (default: asked on the terminal)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and __fish_seen_subcommand_from import" -l identity -d 'The age identity file (AGE-SECRET-KEY-1…) an encrypted case file was made for' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and __fish_seen_subcommand_from import" -l store -d 'The workspace: a file (default: the app\'s, ~/.local/share/permit-packet/workspace.sqlite3), or a team workspace\'s postgres:// address (docs/team.md)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and __fish_seen_subcommand_from import" -l passphrase-file -d 'The file holding the workspace\'s passphrase or recovery key (default: the file PERMIT_PACKET_PASSPHRASE_FILE names, else the OS keyring, else asked on the terminal); never the passphrase itself' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and __fish_seen_subcommand_from import" -l lang -d 'Language of messages (default en). Quotes stay in the pages\' English' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and __fish_seen_subcommand_from import" -l today -d 'The date to count deadlines from (default: today\'s date)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write a case to a portable case file (*.permit-case.json)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import a case file as a new case, or into the one it matches (--on-duplicate)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand case; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand cases" -l search -d 'Keep the cases whose name, reference, applicant or employer contains TEXT, ignoring case and accents (`lucia` finds `Lucía`)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand cases" -l ready -d 'Keep the cases in this readiness group on --today' -r -f -a "may_submit_now\t''
waiting_documents\t''
not_yet\t''
not_covered\t''
needs_answers\t''
blocked\t''
submitted\t''"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand cases" -l store -d 'The workspace: a file (default: the app\'s, ~/.local/share/permit-packet/workspace.sqlite3), or a team workspace\'s postgres:// address (docs/team.md)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand cases" -l passphrase-file -d 'The file holding the workspace\'s passphrase or recovery key (default: the file PERMIT_PACKET_PASSPHRASE_FILE names, else the OS keyring, else asked on the terminal); never the passphrase itself' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand cases" -l lang -d 'Language of messages (default en). Quotes stay in the pages\' English' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand cases" -l today -d 'The date to count deadlines from (default: today\'s date)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand cases" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand template; and not __fish_seen_subcommand_from save list apply help" -s h -l help -d 'Print help'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand template; and not __fish_seen_subcommand_from save list apply help" -f -a "save" -d 'Save a checklist template: a name and a text file of items, one a line'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand template; and not __fish_seen_subcommand_from save list apply help" -f -a "list" -d 'List the saved templates and their items'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand template; and not __fish_seen_subcommand_from save list apply help" -f -a "apply" -d 'Add a template\'s items to cases\' document lists'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand template; and not __fish_seen_subcommand_from save list apply help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand template; and __fish_seen_subcommand_from save" -l store -d 'The workspace: a file (default: the app\'s, ~/.local/share/permit-packet/workspace.sqlite3), or a team workspace\'s postgres:// address (docs/team.md)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand template; and __fish_seen_subcommand_from save" -l passphrase-file -d 'The file holding the workspace\'s passphrase or recovery key (default: the file PERMIT_PACKET_PASSPHRASE_FILE names, else the OS keyring, else asked on the terminal); never the passphrase itself' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand template; and __fish_seen_subcommand_from save" -l lang -d 'Language of messages (default en). Quotes stay in the pages\' English' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand template; and __fish_seen_subcommand_from save" -l today -d 'The date to count deadlines from (default: today\'s date)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand template; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand template; and __fish_seen_subcommand_from list" -l store -d 'The workspace: a file (default: the app\'s, ~/.local/share/permit-packet/workspace.sqlite3), or a team workspace\'s postgres:// address (docs/team.md)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand template; and __fish_seen_subcommand_from list" -l passphrase-file -d 'The file holding the workspace\'s passphrase or recovery key (default: the file PERMIT_PACKET_PASSPHRASE_FILE names, else the OS keyring, else asked on the terminal); never the passphrase itself' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand template; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand template; and __fish_seen_subcommand_from apply" -l case -d 'The case to add them to (repeat for more)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand template; and __fish_seen_subcommand_from apply" -l store -d 'The workspace: a file (default: the app\'s, ~/.local/share/permit-packet/workspace.sqlite3), or a team workspace\'s postgres:// address (docs/team.md)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand template; and __fish_seen_subcommand_from apply" -l passphrase-file -d 'The file holding the workspace\'s passphrase or recovery key (default: the file PERMIT_PACKET_PASSPHRASE_FILE names, else the OS keyring, else asked on the terminal); never the passphrase itself' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand template; and __fish_seen_subcommand_from apply" -l lang -d 'Language of messages (default en). Quotes stay in the pages\' English' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand template; and __fish_seen_subcommand_from apply" -l today -d 'The date to count deadlines from (default: today\'s date)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand template; and __fish_seen_subcommand_from apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "save" -d 'Save a checklist template: a name and a text file of items, one a line'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the saved templates and their items'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "apply" -d 'Add a template\'s items to cases\' document lists'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and not __fish_seen_subcommand_from status verify diff install fetch export help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and not __fish_seen_subcommand_from status verify diff install fetch export help" -f -a "status" -d 'Show the rules in force: version, checked on, signed by, in force from'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and not __fish_seen_subcommand_from status verify diff install fetch export help" -f -a "verify" -d 'Check a signed rules bundle and say whether it would be installed'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and not __fish_seen_subcommand_from status verify diff install fetch export help" -f -a "diff" -d 'Show what a rules bundle would change, case by case'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and not __fish_seen_subcommand_from status verify diff install fetch export help" -f -a "install" -d 'Install a rules bundle and re-plan every case'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and not __fish_seen_subcommand_from status verify diff install fetch export help" -f -a "fetch" -d 'Fetch a rules bundle from an https:// address and install it'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and not __fish_seen_subcommand_from status verify diff install fetch export help" -f -a "export" -d 'Write the installed rules bundle in force to a file'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and not __fish_seen_subcommand_from status verify diff install fetch export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from status" -l lang -d 'Language of the command\'s messages (default en)' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from verify" -l lang -d 'Language of the command\'s messages (default en)' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from diff" -l store -d 'The workspace: a file (default: the app\'s, ~/.local/share/permit-packet/workspace.sqlite3), or a team workspace\'s postgres:// address (docs/team.md)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from diff" -l passphrase-file -d 'The file holding the workspace\'s passphrase or recovery key (default: the file PERMIT_PACKET_PASSPHRASE_FILE names, else the OS keyring, else asked on the terminal); never the passphrase itself' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from diff" -l lang -d 'Language of the command\'s messages (default en)' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from diff" -l today -d 'The date to count deadlines from when cases are re-planned (default: today\'s date)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from install" -l store -d 'The workspace: a file (default: the app\'s, ~/.local/share/permit-packet/workspace.sqlite3), or a team workspace\'s postgres:// address (docs/team.md)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from install" -l passphrase-file -d 'The file holding the workspace\'s passphrase or recovery key (default: the file PERMIT_PACKET_PASSPHRASE_FILE names, else the OS keyring, else asked on the terminal); never the passphrase itself' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from install" -l lang -d 'Language of the command\'s messages (default en)' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from install" -l today -d 'The date to count deadlines from when cases are re-planned (default: today\'s date)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from install" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from fetch" -l store -d 'The workspace: a file (default: the app\'s, ~/.local/share/permit-packet/workspace.sqlite3), or a team workspace\'s postgres:// address (docs/team.md)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from fetch" -l passphrase-file -d 'The file holding the workspace\'s passphrase or recovery key (default: the file PERMIT_PACKET_PASSPHRASE_FILE names, else the OS keyring, else asked on the terminal); never the passphrase itself' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from fetch" -l lang -d 'Language of the command\'s messages (default en)' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from fetch" -l today -d 'The date to count deadlines from when cases are re-planned (default: today\'s date)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from fetch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from export" -s o -l output -d 'The file to write (an existing bundle only with --force)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from export" -l store -d 'The workspace: a file (default: the app\'s, ~/.local/share/permit-packet/workspace.sqlite3), or a team workspace\'s postgres:// address (docs/team.md)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from export" -l passphrase-file -d 'The file holding the workspace\'s passphrase or recovery key (default: the file PERMIT_PACKET_PASSPHRASE_FILE names, else the OS keyring, else asked on the terminal); never the passphrase itself' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from export" -l lang -d 'Language of the command\'s messages (default en)' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from export" -l force -d 'Replace an existing output file of the same kind (never the workspace, an input or a file of another kind)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show the rules in force: version, checked on, signed by, in force from'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check a signed rules bundle and say whether it would be installed'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Show what a rules bundle would change, case by case'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "install" -d 'Install a rules bundle and re-plan every case'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "fetch" -d 'Fetch a rules bundle from an https:// address and install it'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write the installed rules bundle in force to a file'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and not __fish_seen_subcommand_from init add-officer list import export remove-officer help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and not __fish_seen_subcommand_from init add-officer list import export remove-officer help" -f -a "init" -d 'Create the team workspace\'s schema, roles and policies (or upgrade them); run as the owner'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and not __fish_seen_subcommand_from init add-officer list import export remove-officer help" -f -a "add-officer" -d 'Add an officer (creating the login) to an organisation, or change their role'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and not __fish_seen_subcommand_from init add-officer list import export remove-officer help" -f -a "list" -d 'List the members the login may see: login, organisation, role, added'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and not __fish_seen_subcommand_from init add-officer list import export remove-officer help" -f -a "import" -d 'Copy a laptop workspace\'s cases and templates into an organisation (owner; again without duplicates)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and not __fish_seen_subcommand_from init add-officer list import export remove-officer help" -f -a "export" -d 'Copy an organisation\'s cases and templates into a new workspace file (owner)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and not __fish_seen_subcommand_from init add-officer list import export remove-officer help" -f -a "remove-officer" -d 'Remove an officer: they can no longer sign in; the cases stay'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and not __fish_seen_subcommand_from init add-officer list import export remove-officer help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from init" -l store -d 'The team workspace: postgres://LOGIN@HOST[:PORT]/DATABASE[?sslmode=verify-full&sslrootcert=FILE]' -r -f
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from init" -l lang -d 'Language of the command\'s messages (default en)' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from add-officer" -l org -d 'The organisation (created when new, by the owner only)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from add-officer" -l role -d 'The member\'s role' -r -f -a "officer\t'reads and changes the organisation\'s cases'
auditor\t'reads the organisation\'s cases, changes nothing'
admin\t'as an officer, and manages the organisation\'s members'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from add-officer" -l password-file -d 'Read the new login\'s password from this file\'s first line (default: standard input, asked without echo on a terminal)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from add-officer" -l store -d 'The team workspace: postgres://LOGIN@HOST[:PORT]/DATABASE[?sslmode=verify-full&sslrootcert=FILE]' -r -f
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from add-officer" -l lang -d 'Language of the command\'s messages (default en)' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from add-officer" -l keep-password -d 'Keep an existing login\'s password (no password is read)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from add-officer" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from list" -l store -d 'The team workspace: postgres://LOGIN@HOST[:PORT]/DATABASE[?sslmode=verify-full&sslrootcert=FILE]' -r -f
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from list" -l lang -d 'Language of the command\'s messages (default en)' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from import" -l org -d 'The organisation (created when new, by the owner only)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from import" -l store -d 'The team workspace: postgres://LOGIN@HOST[:PORT]/DATABASE[?sslmode=verify-full&sslrootcert=FILE]' -r -f
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from import" -l lang -d 'Language of the command\'s messages (default en)' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from export" -l org -d 'The organisation (created when new, by the owner only)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from export" -l store -d 'The team workspace: postgres://LOGIN@HOST[:PORT]/DATABASE[?sslmode=verify-full&sslrootcert=FILE]' -r -f
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from export" -l lang -d 'Language of the command\'s messages (default en)' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from remove-officer" -l store -d 'The team workspace: postgres://LOGIN@HOST[:PORT]/DATABASE[?sslmode=verify-full&sslrootcert=FILE]' -r -f
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from remove-officer" -l lang -d 'Language of the command\'s messages (default en)' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from remove-officer" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from help" -f -a "init" -d 'Create the team workspace\'s schema, roles and policies (or upgrade them); run as the owner'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from help" -f -a "add-officer" -d 'Add an officer (creating the login) to an organisation, or change their role'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the members the login may see: login, organisation, role, added'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from help" -f -a "import" -d 'Copy a laptop workspace\'s cases and templates into an organisation (owner; again without duplicates)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from help" -f -a "export" -d 'Copy an organisation\'s cases and templates into a new workspace file (owner)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from help" -f -a "remove-officer" -d 'Remove an officer: they can no longer sign in; the cases stay'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand team; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and not __fish_seen_subcommand_from verify show export help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and not __fish_seen_subcommand_from verify show export help" -f -a "verify" -d 'Check the chain of the whole log; exit code 1 when it does not verify'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and not __fish_seen_subcommand_from verify show export help" -f -a "show" -d 'Print the history of a case (or of the whole workspace), newest first'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and not __fish_seen_subcommand_from verify show export help" -f -a "export" -d 'Write the log (or the entries between two days) as CSV or JSON, for an auditor'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and not __fish_seen_subcommand_from verify show export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from verify" -l store -d 'The workspace: a file (default: the app\'s, ~/.local/share/permit-packet/workspace.sqlite3), or a team workspace\'s postgres:// address (docs/team.md)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from verify" -l passphrase-file -d 'The file holding the workspace\'s passphrase or recovery key (default: the file PERMIT_PACKET_PASSPHRASE_FILE names, else the OS keyring, else asked on the terminal); never the passphrase itself' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from verify" -l lang -d 'Language of messages (default en). Quotes stay in the pages\' English' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from verify" -l today -d 'The date to count deadlines from (default: today\'s date)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from show" -l case -d 'Only this case\'s entries' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from show" -l store -d 'The workspace: a file (default: the app\'s, ~/.local/share/permit-packet/workspace.sqlite3), or a team workspace\'s postgres:// address (docs/team.md)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from show" -l passphrase-file -d 'The file holding the workspace\'s passphrase or recovery key (default: the file PERMIT_PACKET_PASSPHRASE_FILE names, else the OS keyring, else asked on the terminal); never the passphrase itself' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from show" -l lang -d 'Language of messages (default en). Quotes stay in the pages\' English' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from show" -l today -d 'The date to count deadlines from (default: today\'s date)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from export" -l from -d 'Only entries from this day on (UTC)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from export" -l to -d 'Only entries up to and including this day (UTC)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from export" -l format -d 'csv (one row per field changed) or json' -r -f -a "csv\t'one row per field changed'
json\t'one object per entry'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from export" -s o -l output -d 'The file to write (an existing one only with --force)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from export" -l store -d 'The workspace: a file (default: the app\'s, ~/.local/share/permit-packet/workspace.sqlite3), or a team workspace\'s postgres:// address (docs/team.md)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from export" -l passphrase-file -d 'The file holding the workspace\'s passphrase or recovery key (default: the file PERMIT_PACKET_PASSPHRASE_FILE names, else the OS keyring, else asked on the terminal); never the passphrase itself' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from export" -l lang -d 'Language of messages (default en). Quotes stay in the pages\' English' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from export" -l today -d 'The date to count deadlines from (default: today\'s date)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from export" -l force -d 'Replace an existing output file of the same kind (never the workspace, an input or a file of another kind)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check the chain of the whole log; exit code 1 when it does not verify'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the history of a case (or of the whole workspace), newest first'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write the log (or the entries between two days) as CSV or JSON, for an auditor'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand person; and not __fish_seen_subcommand_from export erase help" -s h -l help -d 'Print help'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand person; and not __fish_seen_subcommand_from export erase help" -f -a "export" -d 'Write everything held about a case\'s applicant as JSON and a readable PDF'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand person; and not __fish_seen_subcommand_from export erase help" -f -a "erase" -d 'Erase everything held about a case\'s applicant, for good (asks first)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand person; and not __fish_seen_subcommand_from export erase help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand person; and __fish_seen_subcommand_from export" -l case -d 'The case' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand person; and __fish_seen_subcommand_from export" -s o -l output -d 'The JSON file to write; the PDF goes beside it (FILE with .pdf)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand person; and __fish_seen_subcommand_from export" -l store -d 'The workspace: a file (default: the app\'s, ~/.local/share/permit-packet/workspace.sqlite3), or a team workspace\'s postgres:// address (docs/team.md)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand person; and __fish_seen_subcommand_from export" -l passphrase-file -d 'The file holding the workspace\'s passphrase or recovery key (default: the file PERMIT_PACKET_PASSPHRASE_FILE names, else the OS keyring, else asked on the terminal); never the passphrase itself' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand person; and __fish_seen_subcommand_from export" -l lang -d 'Language of messages (default en). Quotes stay in the pages\' English' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand person; and __fish_seen_subcommand_from export" -l today -d 'The date to count deadlines from (default: today\'s date)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand person; and __fish_seen_subcommand_from export" -l force -d 'Replace an existing output file of the same kind (never the workspace, an input or a file of another kind)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand person; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand person; and __fish_seen_subcommand_from erase" -l case -d 'The case' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand person; and __fish_seen_subcommand_from erase" -l store -d 'The workspace: a file (default: the app\'s, ~/.local/share/permit-packet/workspace.sqlite3), or a team workspace\'s postgres:// address (docs/team.md)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand person; and __fish_seen_subcommand_from erase" -l passphrase-file -d 'The file holding the workspace\'s passphrase or recovery key (default: the file PERMIT_PACKET_PASSPHRASE_FILE names, else the OS keyring, else asked on the terminal); never the passphrase itself' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand person; and __fish_seen_subcommand_from erase" -l lang -d 'Language of messages (default en). Quotes stay in the pages\' English' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand person; and __fish_seen_subcommand_from erase" -l today -d 'The date to count deadlines from (default: today\'s date)' -r
complete -c permit-packet -n "__fish_permit_packet_using_subcommand person; and __fish_seen_subcommand_from erase" -l force -d 'Do not ask'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand person; and __fish_seen_subcommand_from erase" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand person; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write everything held about a case\'s applicant as JSON and a readable PDF'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand person; and __fish_seen_subcommand_from help" -f -a "erase" -d 'Erase everything held about a case\'s applicant, for good (asks first)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand person; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and not __fish_seen_subcommand_from status encrypt change-passphrase recovery-key help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and not __fish_seen_subcommand_from status encrypt change-passphrase recovery-key help" -f -a "status" -d 'Show whether the workspace is encrypted and whether the keyring holds its key'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and not __fish_seen_subcommand_from status encrypt change-passphrase recovery-key help" -f -a "encrypt" -d 'Encrypt a workspace that is not encrypted yet (a checked copy replaces it)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and not __fish_seen_subcommand_from status encrypt change-passphrase recovery-key help" -f -a "change-passphrase" -d 'Encrypt the workspace with a new passphrase instead of its present key'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and not __fish_seen_subcommand_from status encrypt change-passphrase recovery-key help" -f -a "recovery-key" -d 'Make a new recovery key and print it once (earlier ones stop working)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and not __fish_seen_subcommand_from status encrypt change-passphrase recovery-key help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and __fish_seen_subcommand_from status" -l store -d 'The workspace: a file (default: the app\'s, ~/.local/share/permit-packet/workspace.sqlite3), or a team workspace\'s postgres:// address (docs/team.md)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and __fish_seen_subcommand_from status" -l passphrase-file -d 'The file holding the workspace\'s passphrase or recovery key (default: the file PERMIT_PACKET_PASSPHRASE_FILE names, else the OS keyring, else asked on the terminal); never the passphrase itself' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and __fish_seen_subcommand_from status" -l lang -d 'Language of the command\'s messages (default en)' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and __fish_seen_subcommand_from encrypt" -l store -d 'The workspace: a file (default: the app\'s, ~/.local/share/permit-packet/workspace.sqlite3), or a team workspace\'s postgres:// address (docs/team.md)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and __fish_seen_subcommand_from encrypt" -l passphrase-file -d 'The file holding the workspace\'s passphrase or recovery key (default: the file PERMIT_PACKET_PASSPHRASE_FILE names, else the OS keyring, else asked on the terminal); never the passphrase itself' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and __fish_seen_subcommand_from encrypt" -l lang -d 'Language of the command\'s messages (default en)' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and __fish_seen_subcommand_from encrypt" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and __fish_seen_subcommand_from change-passphrase" -l new-passphrase-file -d 'A file holding the new passphrase (default: asked twice on the terminal)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and __fish_seen_subcommand_from change-passphrase" -l store -d 'The workspace: a file (default: the app\'s, ~/.local/share/permit-packet/workspace.sqlite3), or a team workspace\'s postgres:// address (docs/team.md)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and __fish_seen_subcommand_from change-passphrase" -l passphrase-file -d 'The file holding the workspace\'s passphrase or recovery key (default: the file PERMIT_PACKET_PASSPHRASE_FILE names, else the OS keyring, else asked on the terminal); never the passphrase itself' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and __fish_seen_subcommand_from change-passphrase" -l lang -d 'Language of the command\'s messages (default en)' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and __fish_seen_subcommand_from change-passphrase" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and __fish_seen_subcommand_from recovery-key" -l store -d 'The workspace: a file (default: the app\'s, ~/.local/share/permit-packet/workspace.sqlite3), or a team workspace\'s postgres:// address (docs/team.md)' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and __fish_seen_subcommand_from recovery-key" -l passphrase-file -d 'The file holding the workspace\'s passphrase or recovery key (default: the file PERMIT_PACKET_PASSPHRASE_FILE names, else the OS keyring, else asked on the terminal); never the passphrase itself' -r -F
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and __fish_seen_subcommand_from recovery-key" -l lang -d 'Language of the command\'s messages (default en)' -r -f -a "en\t'English'
da\t'Danish'"
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and __fish_seen_subcommand_from recovery-key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show whether the workspace is encrypted and whether the keyring holds its key'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "encrypt" -d 'Encrypt a workspace that is not encrypted yet (a checked copy replaces it)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "change-passphrase" -d 'Encrypt the workspace with a new passphrase instead of its present key'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "recovery-key" -d 'Make a new recovery key and print it once (earlier ones stop working)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and not __fish_seen_subcommand_from plan explain pdf import batch ics case cases template rules team audit person key help" -f -a "plan" -d 'Print the plan: forms, fee, biometrics, documents, dates, checks, warnings'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and not __fish_seen_subcommand_from plan explain pdf import batch ics case cases template rules team audit person key help" -f -a "explain" -d 'Print each conclusion with the quoted page text it rests on'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and not __fish_seen_subcommand_from plan explain pdf import batch ics case cases template rules team audit person key help" -f -a "pdf" -d 'Write the A4 checklist PDF of a situation'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and not __fish_seen_subcommand_from plan explain pdf import batch ics case cases template rules team audit person key help" -f -a "import" -d 'Import hires from a CSV file into the workspace, in one transaction'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and not __fish_seen_subcommand_from plan explain pdf import batch ics case cases template rules team audit person key help" -f -a "batch" -d 'Write the plan JSON and checklist PDF of every case, with summary.csv'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and not __fish_seen_subcommand_from plan explain pdf import batch ics case cases template rules team audit person key help" -f -a "ics" -d 'Write a calendar (RFC 5545) of every dated deadline, with reminders'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and not __fish_seen_subcommand_from plan explain pdf import batch ics case cases template rules team audit person key help" -f -a "case" -d 'Export a case to a portable case file, or import one'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and not __fish_seen_subcommand_from plan explain pdf import batch ics case cases template rules team audit person key help" -f -a "cases" -d 'List the cases of the workspace: id, next deadline, status, reference, name'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and not __fish_seen_subcommand_from plan explain pdf import batch ics case cases template rules team audit person key help" -f -a "template" -d 'Save, list or apply an organisation\'s own checklist items'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and not __fish_seen_subcommand_from plan explain pdf import batch ics case cases template rules team audit person key help" -f -a "rules" -d 'The rules in force, and signed rules updates'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and not __fish_seen_subcommand_from plan explain pdf import batch ics case cases template rules team audit person key help" -f -a "team" -d 'Set up and run a team workspace on PostgreSQL: schema, organisations, officers'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and not __fish_seen_subcommand_from plan explain pdf import batch ics case cases template rules team audit person key help" -f -a "audit" -d 'The audit trail: who changed what and when, tamper-evident'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and not __fish_seen_subcommand_from plan explain pdf import batch ics case cases template rules team audit person key help" -f -a "person" -d 'A person\'s data on request: export everything held, or erase it'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and not __fish_seen_subcommand_from plan explain pdf import batch ics case cases template rules team audit person key help" -f -a "key" -d 'The workspace\'s encryption: status, encrypt, change the passphrase, a recovery key'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and not __fish_seen_subcommand_from plan explain pdf import batch ics case cases template rules team audit person key help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from case" -f -a "export" -d 'Write a case to a portable case file (*.permit-case.json)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from case" -f -a "import" -d 'Import a case file as a new case, or into the one it matches (--on-duplicate)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from template" -f -a "save" -d 'Save a checklist template: a name and a text file of items, one a line'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from template" -f -a "list" -d 'List the saved templates and their items'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from template" -f -a "apply" -d 'Add a template\'s items to cases\' document lists'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "status" -d 'Show the rules in force: version, checked on, signed by, in force from'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "verify" -d 'Check a signed rules bundle and say whether it would be installed'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "diff" -d 'Show what a rules bundle would change, case by case'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "install" -d 'Install a rules bundle and re-plan every case'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "fetch" -d 'Fetch a rules bundle from an https:// address and install it'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "export" -d 'Write the installed rules bundle in force to a file'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from team" -f -a "init" -d 'Create the team workspace\'s schema, roles and policies (or upgrade them); run as the owner'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from team" -f -a "add-officer" -d 'Add an officer (creating the login) to an organisation, or change their role'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from team" -f -a "list" -d 'List the members the login may see: login, organisation, role, added'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from team" -f -a "import" -d 'Copy a laptop workspace\'s cases and templates into an organisation (owner; again without duplicates)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from team" -f -a "export" -d 'Copy an organisation\'s cases and templates into a new workspace file (owner)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from team" -f -a "remove-officer" -d 'Remove an officer: they can no longer sign in; the cases stay'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify" -d 'Check the chain of the whole log; exit code 1 when it does not verify'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "show" -d 'Print the history of a case (or of the whole workspace), newest first'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "export" -d 'Write the log (or the entries between two days) as CSV or JSON, for an auditor'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from person" -f -a "export" -d 'Write everything held about a case\'s applicant as JSON and a readable PDF'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from person" -f -a "erase" -d 'Erase everything held about a case\'s applicant, for good (asks first)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "status" -d 'Show whether the workspace is encrypted and whether the keyring holds its key'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "encrypt" -d 'Encrypt a workspace that is not encrypted yet (a checked copy replaces it)'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "change-passphrase" -d 'Encrypt the workspace with a new passphrase instead of its present key'
complete -c permit-packet -n "__fish_permit_packet_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "recovery-key" -d 'Make a new recovery key and print it once (earlier ones stop working)'
