"""The built-in tone rules in English (pattern language: ``crisisplay.tone.patterns``)."""

from __future__ import annotations

from crisisplay.tone.spec import PUBLIC, WHILE_RUNNING, RuleSpec

SETS = {
    "trouble": "problem|issue|outage|incident|fault|disruption|glitch|bug|failure|slowdown"
    "|slowness|inconvenience|hiccup|blip|delay|error|interruption",
    "people": "customer|user|subscriber|person|people|household",
    "third": "supplier|vendor|partner|subcontractor|contractor|provider|competitor|competition",
    "restore": "restore|restored|restoration|back|fix|fixed|resolve|resolved|return|repair"
    "|repaired|normal|sort|sorted|refund|refunded|recover|recovered|running",
    "jargon_acronyms": "BGP|HLR|HSS|IMS|SS7|DNS|MME|SGSN|GGSN|EPC|MPLS|DWDM|OSS|BSS|VLR|MSC|AMF"
    "|SMF|UPF|RNC|BTS|eNodeB|gNodeB|NodeB|eNB|gNB|RAN|PGW|SGW",
}

RULES = (
    RuleSpec(
        "denial",
        (
            "no @trouble",
            "not down",
            "not ...1 a|an @trouble",
            "everything ...2 fine|normal|normally|perfectly",
            "nothing wrong",
            "all systems ...2 normal|operational",
        ),
        kinds=WHILE_RUNNING,
    ),
    RuleSpec(
        "minimising",
        (
            "minor|slight|small|little|tiny|simple ...1 @trouble",
            "just ...1 @trouble",
            "minor",
            "few|handful|minority ...1 of? @people",
            "small|tiny|limited number of @people",
            "nothing serious",
            "not serious",
            "no big deal",
        ),
        # "This is not a small inconvenience" says the opposite of minimising.
        unless=("not ...1 a|an|just small|minor|slight|little|tiny|simple",),
    ),
    RuleSpec(
        "blame",
        (
            "not ...1 our fault",
            "your own? fault|mistake|error|settings",
            "user error",
            "misconfigure|misconfigured|misused",
            "to blame",
            "fault of|lies ...2 @third",
            "because of|due to ...2 @third",
            "it is ...1 a|the|our @third",
            "competitor|competitors|competition",
            "not responsible",
            "beyond our control",
            "nothing to do with us",
            "have|has|had nothing to do with",
            "be !our|my|your|his|her|its|their|not|no ...1 fault",
            "@third fault",
            "not set|configured|installed ...3 properly|correctly|right",
        ),
    ),
    RuleSpec(
        "unverifiable-promise",
        (
            "@restore ...5 WHEN",
            "WHEN ...4 @restore",
            "never ...1 again",
            "never happen",
            "@restore ...3 very? soon|quickly|shortly|rapidly|fast|quick",
        ),
        kinds=(*WHILE_RUNNING, "internal-brief"),
        # Effort is not a promise: "we are working to restore service as quickly as possible".
        unless=(
            "was|were|been",
            "back to you",
            "already",
            "work|working|mobilised|mobilized|doing|strive|striving",
            "as soon|quickly|fast",
        ),
        timed=True,
    ),
    RuleSpec(
        "guarantee",
        (
            "guarantee|guaranteed|guarantees",
            "we|i ...1 promise",
            "rest assured",
            "assure you",
            "=100 % safe|secure|sure|reliable|guaranteed|protected",
            "no risk",
            "risk free",
        ),
    ),
    RuleSpec(
        "condescension",
        (
            "all you ...1 have|need to do",
            "you just|only have|need to",
            "as ...2 already|previously say|said|state|stated|explain|explained|mention",
            "as we said|explained",
            "you should have",
            "if you had read|checked|followed",
            "obviously",
        ),
    ),
    RuleSpec(
        "jargon",
        ("=@jargon_acronyms", "core network", "base station", "backhaul", "routing table"),
        kinds=PUBLIC,
    ),
    RuleSpec(
        "cold-formula",
        (
            "thank you ...1 for your understanding",
            "apologise|apologize|apologies for any inconvenience",
            "any inconvenience ...3 caused",
            "everything ...1 in our power",
            "everything we can",
            "everything possible",
            "important to us",
            "taken note",
            "automated message",
        ),
        level="warning",
    ),
    RuleSpec(
        "link-in-breach-notice",
        ("URL",),
        kinds=("breach-notice",),
        channels=("sms",),
        needs_kind=True,
    ),
)
