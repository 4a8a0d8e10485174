"""The one-line summary of each command, as `crisisplay --help` lists them: kept here so that the
list never imports a command's module. Each is the first sentence of its command's own help
(tests/test_docs.py keeps the two in step)."""

SUMMARIES: dict[str, str] = {
    "list": "List the scenarios of the playbook home.",
    "show": "Show a scenario as a tree: roles, severity, phases, steps, gates, messages.",
    "validate": (
        "Check the whole playbook home and report every problem at once (exit 1 if any error)."
    ),
    "schema": "Print the JSON Schema of the playbook format (for editors and CI).",
    "init": "Create a new playbook home from the bundled one, to adapt to your organisation.",
    "activate": "Activate the crisis plan: the guided walkthrough from first alert to review.",
    "resume": "Continue an interrupted activation exactly where its timeline stops.",
    "status": (
        "Where the incident stands: phase, overdue steps, gates waiting, next promised update."
    ),
    "log": "Add a decision or a note to the incident's timeline.",
    "timeline": "Read, verify (hash chain) or export an incident's timeline.",
    "render": "Render a message for each of its channels: counted, linted, ready to paste.",
    "check": (
        "Count and lint a text written by hand: length against the channel's limit, SMS "
        "encoding and parts (with what to type instead of characters that force UCS-2), tone."
    ),
    "drill": "Scripted drills: a scenario on an exercise clock, injects, and a scored debrief.",
    "report": "The after-action report of an incident or drill: KPIs, timeline chart, full record.",
    "published": (
        "What went out, exactly as it was published: copy-ready texts, never rendered again."
    ),
    "statuspage": (
        "The status page of an incident, from what went out on its status-page channel only."
    ),
    "gate": "The validator decides a gate, after seeing what it covers.",
    "fact": "Set or correct a fact of the incident (the gates that confirmed it re-open).",
    "tasks": (
        "The incident's work by owner: waiting, open, started, late, done, skipped, the "
        "promised updates and the work after the resolution included."
    ),
    "do": "Do one of your tasks: tick its checklist item by item, then say it is done.",
    "publish": (
        "Render a message now, with the facts and promise in force, show it, and publish it."
    ),
    "store": "The cell's shared store (PostgreSQL).",
    "incidents": (
        "The incidents of the shared store, newest first: id, scenario, drill or real, state."
    ),
    "sync": "Send the acts kept on this laptop while the shared store was out of reach.",
    "key": "Your signing key: every act you record is signed with it.",
    "deliveries": (
        "What went where: each channel of each publication, through each account, with its "
        "state (requested, sent, failed, unknown, abandoned) and the service's receipt."
    ),
    "deliver": "Retry failed deliveries, or give one up.",
    "page": (
        "Page the people on duty for roles, through the organisation file's paging accounts (an"
        " SMS centre, e-mail, Matrix, a paging service's webhook)."
    ),
    "ack": "Acknowledge your page: you are on it (recorded with the time).",
    "cell": (
        "Who is paged, acknowledged, late, declined or escalated, and whether the cell is formed."
    ),
    "signals": (
        "Listening: mentions, calls and cancellations against their usual level; the levels "
        "veille, vigilance, alerte and crise, and the next step they propose."
    ),
}
