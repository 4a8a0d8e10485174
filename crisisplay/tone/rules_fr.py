"""The built-in tone rules in French (pattern language: ``crisisplay.tone.patterns``)."""

from __future__ import annotations

from crisisplay.tone.spec import PUBLIC, WHILE_RUNNING, RuleSpec

SETS = {
    "trouble": "panne|problème|souci|incident|dysfonctionnement|perturbation|coupure|anomalie"
    "|bug|bogue|difficulté|gêne|désagrément|interruption|ralentissement|défaillance|retard"
    "|erreur|bug|pépin",
    "people": "client|cliente|utilisateur|utilisatrice|abonné|abonnée|usager|personne|foyer",
    "third": "fournisseur|prestataire|traitant|partenaire|concurrent|concurrence|tiers",
    "restore": "rétablir|rétabli|rétablissement|retour|revenir|réparer|réparé|réparation"
    "|résoudre|résolu|résolution|fonctionner|remettre|reprendre|reprise|rentrer|rentré|normal"
    "|normale|corriger|corrigé|correction|rembourser|remboursement|régler|réglé",
    "jargon_acronyms": "BGP|HLR|HSS|IMS|SS7|DNS|MME|SGSN|GGSN|EPC|MPLS|DWDM|OSS|BSS|VLR|MSC|AMF"
    "|SMF|UPF|RNC|BTS|eNodeB|gNodeB|NodeB|eNB|gNB|RAN|PGW|SGW",
}

RULES = (
    RuleSpec(
        "denial",
        (
            "aucun|aucune @trouble",
            "ne ...2 pas|jamais|plus ...2 en panne",
            "pas de @trouble",
            "ne ...2 pas un|une @trouble",
            "tout ...2 fonctionner|marcher normalement|parfaitement|correctement",
            "rien de anormal",
            "rien à signaler",
        ),
        kinds=WHILE_RUNNING,
    ),
    RuleSpec(
        "minimising",
        (
            "petit|léger|légère|mineur|minime|simple|bref|anodin ...1 @trouble",
            "juste un|une ...1 @trouble",
            "@trouble ...2 mineur|minime|bénin|anodin|insignifiant",
            "sans gravité",
            "rien de grave",
            "pas grave",
            "quelques|poignée|minorité de? @people",
            "peu de @people",
            "nombre limité|restreint|infime|réduit de @people",
            "infime partie",
        ),
        # "Ce n'est pas une petite gêne" says the opposite of minimising.
        unless=("ne ...2 pas un|une|le|la|de petit|léger|légère|mineur|minime|simple|bref|anodin",),
    ),
    RuleSpec(
        "blame",
        (
            "ne ...2 pas de? notre faute",
            "pas notre faute",
            "ne ...2 pas responsable|responsables",
            "ne y ...1 pour rien",
            "ne être ...1 pour rien",
            "de|par votre faute",
            "votre|vos réglage|réglages|paramétrage|manipulation|erreur",
            "mauvais|mauvaise manipulation",
            "erreur de votre part",
            "mal configurer|configuré|paramétrer|paramétré|régler|réglé|utiliser|utilisé",
            "ne ...2 pas bien configurer|configuré|paramétrer|paramétré|régler|réglé|utilisé",
            "la faute de|à !notre|nos|mon|ma|mes",
            "faute ...4 @third",
            "à cause de ...2 @third",
            "ce être|est un|une|le|la|notre|nos @third",
            "imputable à",
            "concurrent|concurrents|concurrence",
            "venir de ailleurs",
        ),
    ),
    RuleSpec(
        "unverifiable-promise",
        (
            "@restore !vers ...5 WHEN",
            "WHEN ...4 @restore",
            "plus jamais",
            "jamais plus",
            "ne ...2 reproduire plus|jamais",
            "immédiatement rétablir|rétabli",
            "@restore ...3 très? vite|rapidement|rapide|bientôt|prochainement|incessamment",
        ),
        kinds=(*WHILE_RUNNING, "internal-brief"),
        # Past tenses only: "a été rétabli à 15h10" is a fact, "aura été rétabli à 16h" is not.
        # Effort is not a promise: "nos équipes travaillent à rétablir le service au plus vite".
        unless=(
            "a|ont été",
            "est|sont revenu|revenus|revenue|rentré",
            "déjà",
            "travailler|mobiliser|mobilisé|mobilisés|mobilisée|mobilisées|efforcer",
            "le|au plus vite|rapidement",
            "aussi vite|rapidement",
        ),
        timed=True,
    ),
    RuleSpec(
        "guarantee",
        (
            "garantir|garanti|garantie|garantis|garanties",
            "nous|je vous? assurer|promettre|assure|assurons|promets|promettons",
            "à =100 %",
            "=100 % sûr|sécurisé|protégé|fiable|garanti",
            "aucun risque",
            "sans risque",
        ),
    ),
    RuleSpec(
        "condescension",
        (
            "vous ne avoir que",
            "il vous? suffire|suffit de",
            "comme ...3 déjà dire|dit|indiquer|indiqué|expliquer|expliqué|préciser|précisé",
            "comme indiquer|indiqué|précisé|expliqué",
            "vous auriez dû|du",
            "si vous aviez lire|lu|suivi|regardé|vérifié|consulté",
            "relisez",
            "pourtant simple",
        ),
    ),
    RuleSpec(
        "jargon",
        (
            "=@jargon_acronyms",
            "coeur de réseau",
            "station de base",
            "backhaul",
            "table de routage",
            "routage",
        ),
        kinds=PUBLIC,
    ),
    RuleSpec(
        "cold-formula",
        (
            "remercier ...2 de|pour votre compréhension",
            "merci de|pour votre compréhension",
            "gêne occasionner|occasionnée",
            "tout en oeuvre",
            "pris|prise|prendre en compte",
            "prendre|pris bonne? note",
            "message automatique",
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
