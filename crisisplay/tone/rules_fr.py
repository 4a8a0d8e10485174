"""The built-in tone rules in French (pattern language: ``crisisplay.tone.patterns``)."""

from __future__ import annotations

from crisisplay.tone.spec import PUBLIC, WHILE_RUNNING, RuleSpec

SETS = {
    "trouble": "panne|problème|souci|incident|dysfonctionnement|perturbation|coupure|anomalie"
    "|bug|bogue|difficulté|gêne|désagrément|interruption|ralentissement|défaillance|retard"
    "|erreur|bug|pépin|décalage|lenteur|latence|instabilité|couac|hic|contretemps|aléa",
    # what a disruption looks like, said lightly: "un peu lent", "juste capricieux"
    "slow": "lent|lente|lents|lentes|capricieux|capricieuse|ralenti|ralentie|perturbé|perturbée"
    "|instable|tard|long|longue|poussif|poussive|saturé|saturée|retardé|retardés|ramer|rame"
    "|rament|traîner|traîne|traînent|galérer|galère|patiner|patine",
    "serious": "grave|dramatique|alarmant|inquiétant|méchant|sérieux|catastrophique"
    "|préoccupant|terrible|affolant",
    "worry": "panique|paniquer|inquiéter|inquiétude|inquiet|inquiète|inquiets|alarmer|affoler"
    "|affolement|stresser|stress|drame|dramatiser|alarme|énerver|fâcher|râler",
    "drama": "catastrophe|cata|drame|apocalypse|tragédie|désastre|pire",
    # what a customer can be told to put up with: "vous survivrez bien", "patienter un peu"
    "endure": "patienter|attendre|tenir|survivre|vivre|supporter|passer",
    "device": "téléphone|mobile|portable|smartphone|box|appli|application|appareil|terminal"
    "|SIM|logiciel|version|navigateur|modem|routeur|décodeur|tablette|équipement",
    # what the customer holds (the operator's own are "antennes", "équipements", "serveurs")
    "handset": "téléphone|mobile|portable|smartphone|box|appli|application|SIM|tablette|routeur"
    "|décodeur|modem|terminal|appareil",
    "cause": "venir|provenir|dû|due|dus|dues|causer|imputable",
    "setting": "réglage|paramètre|paramétrage|configuration|installation|branchement"
    "|utilisation|manipulation|option",
    # what a customer "should have done" to a device
    "fix": "redémarrer|réinitialiser|rallumer|éteindre|allumer|configurer|activer|désactiver"
    "|installer|actualiser|brancher|jour",
    "handle": "brancher|installer|configurer|paramétrer|régler|utiliser|placer|positionner"
    "|manipuler|insérer|mettre",
    "old": "vieux|vieille|vieil|ancien|ancienne|obsolète|périmé|dépassé|vieillissant|incompatible",
    # the conditional of a world where the customer had done otherwise: "vous n'auriez pas"
    "would": "auriez|aurais|aurait|auraient|seriez|serais|serait|seraient|marcherait"
    "|marcheraient|fonctionnerait|fonctionneraient|passerait|passeraient|capteriez|capterait"
    "|capteraient|recevriez|recevrait|arriverait|remarqueriez|rencontreriez|subiriez"
    "|éviteriez|éviterait",
    # what a customer is told to do without: "vous passer d'internet"
    "service": "internet|réseau|data|donnée|données|téléphone|mobile|4G|5G|appel|appels|SMS"
    "|connexion|wifi",
    # what a counterfactual blames: a device, a setting, an update not done, an old version
    "cf": "@device|@setting|@fix|@old",
    # "vous ne verriez pas ce message d'erreur"
    "seen": "verriez|verrait|verraient|remarqueriez|remarquerait|constateriez",
    "amount": "un|une|deux|trois|quatre|cinq|dix|quinze|vingt|trente|quelques",
    "nothing_more": "pas|jamais|rien|plus|aucun|aucune",
    "works": "marcherait|marcheraient|fonctionnerait|fonctionneraient|capteriez|capterait"
    "|capteraient|passerait|passeraient",
    "you": "vous|votre|vos|tu|ton|ta|tes",
    "your": "votre|vos|ton|ta|tes",
    "us": "nous|on|nos|notre|équipe|équipes|opérateur|réseau|technicien|techniciens|société"
    "|entreprise",
    "people": "client|cliente|utilisateur|utilisatrice|abonné|abonnée|usager|personne|foyer",
    "third": "fournisseur|prestataire|traitant|partenaire|concurrent|concurrence|tiers",
    # (a regular verb's forms come with its infinitive: crisisplay.tone.forms)
    "restore": "rétablir|rétablissement|retour|revenir|revenu|revenue|revenus|revenues|réparer"
    "|réparation|résoudre|résolu|résolue|résolution|fonctionner|remettre|reprendre|repris"
    "|reprise|rentrer|normal|normale|corriger|correction|rembourser|remboursement|régler"
    "|refonctionner|remarcher|repartir|repasser|opérationnel|opérationnelle|opérationnels",
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
            "jamais|pas eu? le|la moindre @trouble",
            "jamais eu de @trouble",
            "ne y a|avait jamais de @trouble",
            "fonctionner|marcher|tourner parfaitement|impeccablement",
            "ne ...2 jamais|pas|plus ...1 cessé|arrêté|interrompu de? fonctionner|marcher|tourner",
            "notre|nos réseau|antenne|antennes|équipement|équipements|système|systèmes ...2"
            " fonctionner|marcher|tourner normalement|correctement",
            "tout ...2 parfaitement|pleinement? opérationnel|opérationnels|normal|ok",
            "notre|nos réseau|antenne|antennes|équipement|équipements|système|systèmes ...2"
            " parfaitement|totalement|entièrement|pleinement stable|stables|opérationnel"
            "|opérationnels|fonctionnel|fonctionnels",
        ),
        kinds=WHILE_RUNNING,
        # "Le réseau fonctionne parfaitement depuis 15h" says the outage is over; "vous n'auriez
        # aucune coupure" is a conditional, not a statement.
        unless=("depuis|désormais|nouveau", "@would"),
        unless_after=("depuis|désormais", "de|à nouveau"),
        negatable=True,
    ),
    RuleSpec(
        "minimising",
        (
            "petit|léger|légère|mineur|minime|simple|bref|anodin ...1 @trouble",
            "juste un|une ...1 @trouble",
            "@trouble ...2 mineur|minime|bénin|anodin|insignifiant",
            "sans gravité",
            "quelques|poignée|minorité de? @people",
            "peu de @people",
            "nombre limité|restreint|infime|réduit de @people",
            "infime partie",
            "sans conséquence|conséquences|incidence|impact|importance",
            # trivialising: "un peu de retard", "juste un peu lent", "ce n'est qu'un retard"
            "un peu ...1 @trouble|@slow",
            "juste|seulement|simplement|uniquement ...3 @slow|@trouble",
            "ne se? être|agir que ...3 @trouble|@slow|question|affaire|moment",
            "moment à passer",
            "seul|seule|seuls|seules|seulement|uniquement quelques|poignée|minorité|certains",
            "presque|quasiment|pratiquement personne|aucun|aucune|rien",
            "marcher|fonctionner|passer|tourner|tenir|tient|disponible ...2 presque|quasiment"
            "|pratiquement partout",
            "loin de ...2 @drama",
            "pouvoir bien ...1 @endure",
            "survivre",
            "@endure bien !sûr|entendu",
            "se vivre|vit|vivent|supporter|survivre ...2 bien|facilement",
            "se|vous|nous passer de ...1 @service",
            "zen",
            "connaître|connu|vu pire",
            "y avoir plus? pire",
            "y avoir plus grave",
            # "ça arrive à tous les opérateurs"
            "ça|cela|ce ...2 arriver à|chez tout|tous|toutes|chacun",
            "ça|cela|ce ...2 arriver à|chez ne importe",
            "arriver à|chez tout le monde",
            "arriver à|chez tous|tout les opérateurs|réseaux",
            "comme chez|pour tous|tout les opérateurs|réseaux",
            "affaire|question de ...1 minute|minutes|seconde|secondes|instant|instants",
            "@trouble passager|passagère|passagers|momentané|momentanée|anodin|anodine",
            # "une gêne très limitée", not "une coupure limitée au Finistère"
            "@trouble ...1 très? limité|limitée|limités|limitées|négligeable|marginal|marginale"
            "|infime !à|au|aux",
            "chose|choses qui arriver|arrivent",
        ),
        # "Ce n'est pas une petite gêne" says the opposite of minimising.
        unless=("ne ...2 pas un|une|le|la|de petit|léger|légère|mineur|minime|simple|bref|anodin",),
        # "Sans gravité pour vos données" is a fact about data, not a judgement of the outage.
        unless_after=(
            "pour|sur|quant|concernant ...2 donnée|données|information|informations|coordonnées"
            "|compte|comptes|paiement|paiements|carte|cartes|sécurité|mot|mots",
        ),
        negatable=True,
        # reassurance and trivialising said with a negation: "rien de bien grave", "pas de
        # panique", "aucune raison de s'alarmer", "ce n'est pas la fin du monde"
        polar=(
            "rien de ...2 grave|@serious",
            "pas ...1 grave",
            "pas ...1 grand chose|monde",
            "ce ne être rien",
            "petit rien",
            "pas|aucun|aucune|nul|nulle de|un|une? @worry",
            "pas|aucun|aucune|nulle de? raison|motif|lieu de ...2 @worry",
            "pas de quoi ...3 @worry|@serious",
            "ne|te vous? @worry",
            "ne vous en faire|faites",
            "inutile de ...1 @worry",
            "pas la peine de ...1 @worry",
            "rassurez|rassure vous|toi",
            "on se calme",
            "calmez|calmons vous|nous",
            "du calme",
            "ne tuer personne",
            "personne ne en? mourir|mort|meurt|mourra",
            "pas la fin du monde",
            "pas la mer à boire",
            "en faire ...2 drame|montagne|plat|histoire|fromage|affaire",
            "pas|aucun|aucune|nul|nulle ...1 @drama",
            "fouetter un chat",
            "rien ...4 @worry",
            "ne ...1 mériter|mérite pas ...2 autant|tant|tout",
        ),
    ),
    RuleSpec(
        "blame",
        (
            "ne ...2 pas de? notre faute",
            "pas notre faute",
            "ne ...2 pas responsable|responsables",
            "@us ...2 ne y? ...1 pour rien",
            "de|par votre faute",
            "votre|vos réglage|réglages|paramétrage|manipulation|erreur",
            "mauvais|mauvaise manipulation",
            "mauvais|mauvaise @setting ...2 du|de|votre|vos ...1 @handset",
            "@your @setting ...3 faux|fausse|fausses|erroné|erronés|erronée|erronées|incorrect"
            "|incorrects|mauvais",
            "erreur de votre part",
            "mal @handle",
            "ne ...2 pas bien configurer|paramétrer|régler|utiliser",
            "la faute de|à !notre|nos|mon|ma|mes",
            "faute ...4 @third",
            "à cause de ...2 @third",
            "ce être|est un|une|le|la|notre|nos @third",
            "imputable à",
            "concurrent|concurrents|concurrence",
            "venir de ailleurs",
            # the customer's device, app or settings as the cause
            "@cause|résulter|lié|liée|liés|liées ...4 @your ...2 @device|@setting|côté",
            "@device de plus de ...2 an|ans",
            "à cause de ...2 @your ...2 @device|@setting",
            "@cause ...2 du|au|aux|des ...1 @handset",
            "@cause ...2 de|à|par le|la|les|un|une|ce|cette|ces ...1 @handset",
            "@your @device|@setting ...3 en cause|responsable|responsables|origine|fautif|coupable",
            "@your @device|@setting ...3 poser|causer|créer|provoquer ...1 @trouble",
            "@trouble ...3 de votre côté",
            "@trouble ...3 chez vous",
            "un|une|@your|leur|leurs|son|sa|ses @old ...1 @device",
            "@your|un|une|leur|leurs ...1 @device ...2 trop @old",
            "un|une|@your @device plus récent|récente|moderne|neuf|neuve",
            # customers who did not update, restart...: "ceux qui n'ont pas redémarré leur box"
            "ceux|celles|@people qui ne ...2 pas|jamais ...1 @fix",
            "@people ...4 ne @fix pas|jamais|plus",
            "@people ...4 ne ...2 pas|jamais|plus ...1 @fix",
            # what the customer did or should have done: "il fallait mettre à jour", "vous avez
            # sûrement désactivé", "si votre box est bien branchée, tout fonctionne"
            "fallait|fallu ...3 @fix",
            "vous ...3 par erreur|mégarde|inadvertance",
            "vous avez ...1 sûrement|surement|probablement|certainement ...1 @fix|@handle|oublié",
            "si @you ...4 bien|correctement ...2 @handle|@fix ...6 tout|ça|cela|il ...1 fonctionner"
            "|marcher|passer",
            # tampered settings: "des réglages bricolés"
            "@setting|@device ...1 bricolé|bricolés|bricolée|bricolées|bidouillé|bidouillés"
            "|trafiqué|trafiqués|douteux|exotique|exotiques|farfelu|farfelus",
            "@cause ...1 par|à ...2 @people",
            "@cause ...3 chez vous",
            # "votre box n'est sans doute pas à jour", "pas compatible avec notre réseau"
            "@your @device ne ...3 pas|plus à jour",
            "@your @device ne ...3 pas|plus compatible|configuré|configurée|paramétré|paramétrée"
            "|branché|branchée|adapté|adaptée",
            # "mettez à jour votre appli, ça évite ce genre de problème"
            "@fix ...1 @your ...4 éviter|évite|évitera ...3 @trouble",
            # counterfactuals: "si vous aviez mis à jour..., vous n'auriez pas ce problème",
            # "si vous n'étiez pas resté sur l'ancienne version, vous ne verriez pas..."
            "si @you ...8 @cf ...8 ne? y? @would @nothing_more?",
            "si @you ne ...2 pas|jamais|plus ...8 @cf ...8 ne? y? @would @nothing_more?",
            "si @you ne? ...2 pas|jamais|plus? ...8 @cf ...8 ne y? @seen pas|plus|jamais|rien",
            "si @you ...12 ne y? @would @nothing_more",
            "si @you ...12 @works",
            "@would @nothing_more? ...10 si @you ...4 @device|@setting|@fix",
            "vous ne? @would @nothing_more? !pu|dû|du ...10 @device|@setting|@fix",
            "@device|@setting|@fix ...10 vous|ça|cela|ce|tout|rien|il ne? y? @would",
        ),
        negatable=True,
    ),
    RuleSpec(
        "unverifiable-promise",
        (
            "@restore !vers ...5 WHEN",
            "@restore WHEN",
            "WHEN ...4 @restore",
            # a guarantee of a time: "nous vous garantissons une connexion stable dès ce soir"
            "!promis garantir|garanti|garantie|promettre|assurer ...6 WHEN",
            "retrouver ...2 @service ...3 WHEN",
            "WHEN ...4 retrouver",
            "@restore ...3 sous peu",
            # "sera de nouveau disponible d'ici 20 minutes"; not "nous ferons de nouveau le point"
            "être de|à nouveau ...3 WHEN",
            "WHEN ...4 être de|à nouveau",
            # a countdown: "encore une heure de patience et le réseau sera de retour"
            "encore @amount petit|petite|bonne? minute|heure|jour ...8 @restore",
            "plus que @amount petit|petite|bonne? minute|heure|jour ...8 @restore",
            "plus jamais",
            "jamais plus",
            "ne ...2 reproduire pas|plus|jamais",
            "immédiatement rétablir|rétabli",
            "@restore ...3 très? vite|rapidement|rapide|bientôt|prochainement|incessamment",
            "@restore ...3 en un rien|clin",
        ),
        kinds=(*WHILE_RUNNING, "internal-brief"),
        # Past tenses only: "a été rétabli à 15h10" is a fact, "aura été rétabli à 16h" is not.
        # Effort is not a promise: "nos équipes travaillent à rétablir le service au plus vite".
        unless=(
            "a|ont été",
            # past participles as written ("à tout réparer" is no past)
            "ai|a|avons|avez|ont|avait|avaient ...1 rétabli|réparé|résolu|corrigé|réglé|remboursé"
            "|repris|remis",
            "est|sont revenu|revenus|revenue|rentré",
            "déjà",
            "travailler|mobiliser|mobilisé|mobilisés|mobilisée|mobilisées|efforcer",
            "le|au plus vite|rapidement",
            "aussi vite|rapidement",
        ),
        negatable=True,
        timed=True,
    ),
    RuleSpec(
        "guarantee",
        (
            "garantir",
            "nous|je|on vous? assurer|promettre|promets|promet|promettons|certifier",
            "nous|je|on ...2 vous assurer|promettre|certifier",
            # certain that something will be, not certain of a cause
            "nous|je ...1 sommes|suis certain|certains|certaine|certaines|sûr|sûrs|sûre|convaincu"
            "|convaincus que",
            "soyez en? assuré|assurés|assurée|assurées",
            "ce est|sera =sûr|sûre|certain|certaine|garanti|garantie|promis",
            # a commitment to a result, not to keeping people informed
            "nous|je|on ...1 engager|engageons|engage à ...3 @restore",
            "nous|je|on se|nous y engager|engage|engageons",
            "à =100 %",
            "=100 % sûr|sécurisé|protégé|fiable|garanti",
            "aucun risque",
            "sans risque",
        ),
        negatable=True,
    ),
    RuleSpec(
        "condescension",
        (
            "vous ne avoir que",
            "il vous? suffire|suffit de",
            "comme ...5 déjà dire|dit|indiquer|indiqué|expliquer|expliqué|préciser|précisé",
            "comme indiquer|indiqué|précisé|expliqué",
            "vous auriez dû|du",
            "si vous aviez lire|lu|suivi|regardé|vérifié|consulté",
            "relisez",
            "pourtant simple",
            "comme ...3 répéter|répété",
            "comme ...1 vous le? avoir|a|ai|avons ...1 dire|dit|expliqué|indiqué|précisé|répété"
            "|écrit",
            "vous devriez|devez ...1 savoir|comprendre|lire",
            "vous ne avoir ...2 pas lu|lire|vu|regardé|consulté",
            "comme ...8 plusieurs|deux|trois|quatre|dix|cent|mille|maintes fois",
            "falloir peut être",
            "il aurait|avait suffi|fallu",
            "lire|relire|consulter|regarder ...5 avant de ...1 poser|écrire|appeler|contacter"
            "|plaindre|râler|demander|commenter|nous",
            "faut il ...3 répéter|redire",
            "combien de fois",
            "énième|nième fois",
            "vous exagérez|exagérer",
            "si vous lisiez|suiviez|regardiez|consultiez",
            "vous le sauriez",
            "lire|lisez|consulter|consultez|relisez de abord",
            "tout y être|est expliqué|indiqué|écrit|dit",
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
            "remercier ...6 compréhension",
            "merci ...6 compréhension",
            "gêne occasionner|occasionnée",
            "tout en oeuvre",
            "pris|prise|prendre en compte",
            "prendre|pris bonne? note",
            "message automatique",
            "information|informations complémentaire|complémentaires",
            "entière disposition",
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
