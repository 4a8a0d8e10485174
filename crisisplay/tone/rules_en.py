"""The built-in tone rules in English (pattern language: ``crisisplay.tone.patterns``)."""

from __future__ import annotations

from crisisplay.tone.spec import PUBLIC, WHILE_RUNNING, RuleSpec

SETS = {
    "trouble": "problem|issue|outage|incident|fault|disruption|glitch|bug|failure|slowdown"
    "|slowness|inconvenience|hiccup|blip|delay|error|interruption|anomaly|anomalies|malfunction"
    "|breakdown",
    "people": "customer|user|subscriber|person|people|household",
    "third": "supplier|vendor|partner|subcontractor|contractor|provider|competitor|competition",
    "restore": "restore|restored|restoration|back|fix|fixed|resolve|resolved|return|repair"
    "|repaired|normal|sort|sorted|refund|refunded|recover|recovered|running|resume|resumed",
    "slow": "late|slow|slower|delayed|delay|patchy|flaky|sluggish|behind|laggy|unstable",
    "serious": "serious|major|dramatic|alarming|worrying|drastic|terrible|catastrophic",
    "worry": "panic|worry|worried|fret|alarm|alarmed|stress|stressed|fuss|fear|upset|angry",
    "endure": "live|survive|cope|manage|do|go|wait",
    "device": "phone|handset|device|app|application|software|setting|settings|router|box|sim"
    "|firmware|version|smartphone|mobile|browser|modem|equipment|configuration|setup",
    "service": "data|call|calls|text|texts|sms|4g|5g|internet|network|signal|service|line"
    "|connection|wifi",
    "drama": "disaster|catastrophe|drama|tragedy|apocalypse",
    "old": "old|outdated|older|obsolete|ancient|incompatible|unsupported",
    "fix": "update|updated|updating|restart|restarted|restarting|reset|reboot|rebooted|upgrade"
    "|upgraded|configure|configured|install|installed|enable|enabled|disable|disabled",
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
            "everything ...2 fine|normal|normally|perfectly|operational|ok|okay",
            "nothing ...1 wrong",
            "all systems ...2 normal|operational",
            "not|never ...2 a|the single|slightest @trouble",
            "not seeing|see|detecting|detect|observing|observe ...1 any @trouble",
            "our network|networks|system|systems ...2 perfectly|fully|completely stable"
            "|operational",
            "work|works|working|run|runs|running perfectly|flawlessly",
            "our network|networks|antenna|antennas|mast|masts|system|systems|equipment ...2 work"
            "|works|working|run|runs|running|operating normally|fine|properly",
        ),
        kinds=WHILE_RUNNING,
        # "The network has been working perfectly since 15:00" says the outage is over; "you
        # would have no outage" is a conditional, not a statement.
        unless=("since|again|now", "would"),
        unless_after=("since|again|now",),
        negatable=True,
    ),
    RuleSpec(
        "minimising",
        (
            "minor|slight|small|little|tiny|simple ...1 @trouble",
            "just ...1 @trouble",
            "minor",
            "few|handful|minority ...1 of? @people",
            "small|tiny|limited number of @people",
            # trivialising: "only a bit of delay", "a little late", "you can live without"
            "only|just|merely a|an|some ...2 @trouble|few|little|bit|couple|handful|@slow",
            "a bit|little|tad ...1 @slow|@trouble",
            "only|just|merely ...2 @slow",
            "almost|hardly|barely|practically nobody|anyone|anybody|noone",
            "work|works|working|run|runs|available ...2 almost|practically|nearly everywhere",
            "far from ...1 @drama",
            "hardly|scarcely ...1 the end of the world",
            "hardly|scarcely ...1 a|an @drama",
            "can|could|will|would ...1 @endure without",
            "survive",
            "could ...1 be worse",
            "seen worse",
            "worse things",
            "=Relax|Chill",
            "only|just|merely a matter|question of",
            "bearable|survivable|manageable|tolerable",
            # "it happens to every operator"
            "happen ...1 to every|all|any ...1 operator|operators|network|networks|provider|one",
            "happen|happens ...1 to everyone|everybody",
            "these|such things happen",
            "like every|any|all ...1 operator|operators|network|networks|provider|providers",
            "without consequence|consequences|impact|harm",
        ),
        # "This is not a small inconvenience" says the opposite of minimising.
        unless=("not ...1 a|an|just small|minor|slight|little|tiny|simple",),
        # "No impact on your data" is a fact about data, not a judgement of the outage.
        unless_after=(
            "for|on|to|about|regarding|concerning ...2 data|information|account|accounts|payment"
            "|payments|card|cards|details|password|passwords",
        ),
        negatable=True,
        # reassurance and trivialising said with a negation: "no need to panic", "nothing to
        # worry about", "not the end of the world"
        polar=(
            "nothing serious",
            "not serious",
            "no big deal",
            "nothing @serious",
            "not ...1 a? big deal",
            "no need ...1 to be? @worry",
            "no @worry",
            "do not|never @worry",
            "not to worry",
            "nothing to @worry|lose",
            "no cause|reason|need for|to ...1 @worry|concern|alarm",
            "not the end of the world",
            "not|never kill|hurt anyone|anybody|you",
            "nobody|noone|one ...1 die|died|dies|dying",
            "calm down",
            "nothing worth ...2 @worry|upset|fuss|angry",
            "not|no ...1 a? @drama",
        ),
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
            # the customer's device, app or settings as the cause
            "come|comes|stem|stems|due|caused|cause|linked|related ...5 your ...2 @device",
            "bad|wrong|incorrect|faulty setting|settings|configuration ...2 your ...1 @device",
            "@trouble ...3 on|at your end|side",
            "your ...2 @device ...1 be ...2 the? reason|cause|causing|problem|fault|culprit|blame"
            "|responsible",
            "your|a|an @old @device",
            "your ...1 @device ...2 too @old",
            "your ...2 setting|settings|configuration ...3 wrong|incorrect|faulty|bad",
            "you must|probably|surely have ...1 forgotten|forgot|disabled|turned|switched",
            "a|an|your newer|updated|recent|modern @device",
            # counterfactuals: "if you had updated your app, you would not have this problem"
            "if you|your ...8 @device|@fix ...8 none|nothing|no? ...3 would not|never?",
            "if you|your ...12 would not|never",
            "had you ...12 none|nothing|no? ...3 would not|never?",
            "badly|wrongly|incorrectly|improperly ...1 plugged|set|configured|installed|connected"
            "|placed|inserted|used",
            # customers who did not update: "caused by customers who never update their phones"
            "customers|users|subscribers|people|those who ...2 not|never|do|does? ...1 @fix",
            "caused|due by|to ...2 @people",
            # what the customer did: "you probably turned off mobile data by mistake"
            "you ...4 by mistake|accident",
            "you probably|must|surely ...1 have? @fix|disabled|turned|switched|forgot",
            "you would not|never? !like|love|prefer|want|mind|be ...10 @device|@fix",
            "@device|@fix ...10 you would not|never?",
        ),
        # "Our equipment is at fault" owns the fault.
        unless=("our ...2 be at fault",),
        negatable=True,
    ),
    RuleSpec(
        "unverifiable-promise",
        (
            "@restore ...5 WHEN",
            "WHEN ...4 @restore",
            "never ...1 again",
            "never happen",
            "@restore ...3 very? soon|quickly|shortly|rapidly|fast|quick",
            "@restore ...3 in no time",
            # a countdown: "a few more minutes and it will be fixed"
            "more|another ...1 minute|minutes|hour|hours|day|days ...8 @restore",
            # a guarantee of a time: "we promise a stable connection by tonight"
            "!promised guarantee|guaranteed|promise|assure ...6 WHEN",
            # "will be working again within the hour"; not "we will post again at 16:00"
            "be ...2 again ...3 WHEN",
            "@service ...2 again ...3 WHEN",
            "work|works|working ...1 again ...3 WHEN",
            "WHEN ...4 be ...2 again",
        ),
        kinds=(*WHILE_RUNNING, "internal-brief"),
        # Effort is not a promise: "we are working to restore service as quickly as possible".
        unless=(
            "was|were|been",
            "we|they fixed|restored|repaired|resolved|sorted|refunded",
            "back to you",
            "already",
            # effort, not "calls will work again"
            "work|working to|on|hard|around|tirelessly",
            "mobilised|mobilized|doing|strive|striving",
            "as soon|quickly|fast",
        ),
        negatable=True,
        timed=True,
    ),
    RuleSpec(
        "guarantee",
        (
            "guarantee|guaranteed|guarantees",
            "we|i ...1 promise",
            "rest assured",
            "we|i ...1 be|am|are certain|sure|confident !of|about|in",
            "assure you",
            "=100 % safe|secure|sure|reliable|guaranteed|protected",
            "no risk",
            "risk free",
        ),
        negatable=True,
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
            "as we ...2 repeated|keep saying",
            "read ...5 before asking|writing|posting|calling|contacting|complaining|commenting",
            "how many times",
            "umpteenth|hundredth|tenth time",
            "if you read|followed|checked ...3 you would know",
            "you would know",
            "overreacting|overreact|exaggerating",
            "check|read ...3 FAQ|posts|messages ...1 before",
            "have to repeat",
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
            "thank|thanks ...6 understanding",
            "apologise|apologize|apologies for any inconvenience",
            "any inconvenience ...3 caused",
            "everything ...1 in our power",
            "everything we can",
            "everything possible",
            "important to us",
            "taken note",
            "automated message",
            "at your disposal",
            "any further information",
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
