"""The built-in tone rules in French (pattern language: ``crisisplay.tone.patterns``)."""

from __future__ import annotations

from crisisplay.tone.spec import PUBLIC, WHILE_RUNNING, RuleSpec

SETS = {
    "trouble": "@outage|problème|souci",
    # (without "souci" and "problème": "pas de souci, on vous rappelle" says "no problem")
    "outage": "panne|incident|dysfonctionnement|perturbation|coupure|anomalie|bug|bogue"
    "|difficulté|gêne|désagrément|interruption|ralentissement|défaillance|retard|erreur"
    "|pépin|décalage|lenteur|latence|instabilité|couac|hic|contretemps|aléa|plantage|beug"
    "|bugs|hoquet|accroc|raté|ratés|loupé|cafouillage|bobo|microcoupure",
    # what a disruption looks like, said lightly: "un peu lent", "juste capricieux"
    "slow": "lent|lente|lents|lentes|capricieux|capricieuse|ralenti|ralentie|perturbé|perturbée"
    "|instable|tard|long|longue|poussif|poussive|saturé|saturée|retardé|retardés|ramer|rame"
    "|rament|traîner|traîne|traînent|galérer|galère|patiner|patine|mou|molle|fatigué|fatiguée"
    "|faiblard|faiblarde|laguer|lague|laguent|chargé|chargée|chargés|encombré|encombrée",
    "serious": "grave|dramatique|alarmant|inquiétant|méchant|sérieux|catastrophique"
    "|préoccupant|terrible|affolant",
    "worry": "panique|paniquer|inquiéter|inquiétude|inquiet|inquiète|inquiets|alarmer|affoler"
    "|affolement|stresser|stress|drame|dramatiser|alarme|énerver|fâcher|râler|craindre"
    "|crainte|peur",
    "drama": "catastrophe|cata|drame|apocalypse|tragédie|désastre|pire",
    # what a customer can be told to put up with: "vous survivrez bien", "patienter un peu"
    "endure": "patienter|attendre|tenir|survivre|vivre|supporter|passer",
    "device": "téléphone|mobile|portable|smartphone|box|appli|application|appareil|terminal"
    "|SIM|logiciel|version|navigateur|modem|routeur|décodeur|tablette|équipement|tel|tél"
    "|iphone|android|wifi|wi|bluetooth|VPN|antivirus|carte|modèle|code|PIN",
    # what the customer holds (the operator's own are "antennes", "équipements", "serveurs")
    "handset": "téléphone|mobile|portable|smartphone|box|appli|application|SIM|tablette|routeur"
    "|décodeur|modem|terminal|appareil|tel|tél|iphone|android|câble|câbles|prise|chargeur"
    "|batterie|ethernet",
    # what breaks, said of a customer's device: "votre box déconne"
    "fails": "déconner|planter|buguer|beuguer|bugger|merder|dérailler|lâcher|défectueux"
    "|défectueuse|HS|naze|cassé|cassée|foireux|foireuse|abîmé|abîmée|endommagé|endommagée"
    "|défaillant|défaillante|grillé|grillée|usé|usée|mort|morte|foutu|foutue|siennes",
    # ("dû" is not here: folded, it is the article "du"; patterns say "=dû" as written)
    "cause": "venir|provenir|due|dus|dues|causer|imputable",
    # what the operator runs: "nos antennes vont très bien"
    "infra": "réseau|réseaux|antenne|antennes|équipement|équipements|système|systèmes|serveur"
    "|serveurs|infrastructure|infrastructures|installations|relais|service|services",
    "setting": "réglage|paramètre|paramétrage|configuration|installation|branchement"
    "|utilisation|manipulation|option|manip|config",
    # a fault said to be the customer's: "une erreur de manip de votre part"
    "fault": "erreur|faute|manip|manipulation|oubli|négligence|bêtise|maladresse|bourde|défaut",
    # what a customer "should have done" to a device
    "fix": "redémarrer|réinitialiser|rallumer|éteindre|allumer|configurer|activer|désactiver"
    "|installer|actualiser|brancher|jour",
    "handle": "brancher|installer|configurer|paramétrer|régler|utiliser|placer|positionner"
    "|manipuler|insérer|mettre|saisir|saisi|taper|tapé|entrer|entré|composer|composé|rentré",
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
    # what a customer will get back: "vous la retrouverez", "vous l'aurez"
    "regain": "retrouverez|retrouveront|retrouvera|retrouverons|récupérerez|récupéreront"
    "|récupérera|aurez|auront|aura|aurons",
    "works": "marcherait|marcheraient|fonctionnerait|fonctionneraient|capteriez|capterait"
    "|capteraient|passerait|passeraient",
    "you": "vous|votre|vos|tu|ton|ta|tes",
    "your": "votre|vos|ton|ta|tes",
    "us": "nous|on|nos|notre|équipe|équipes|opérateur|réseau|technicien|techniciens|société"
    "|entreprise",
    "people": "client|cliente|utilisateur|utilisatrice|abonné|abonnée|usager|personne|foyer|gens",
    "third": "fournisseur|prestataire|traitant|partenaire|concurrent|concurrence|tiers"
    "|fabricant|constructeur|revendeur|hébergeur|transitaire|installateur|intégrateur",
    # other operators and suppliers by name
    "rival": "orange|sfr|bouygues|free|enedis|edf|rte|apple|samsung|google|huawei|nokia"
    "|ericsson|cisco|microsoft|amazon|aws|ovh",
    # comparisons with others: "les autres opérateurs ont eu pire"
    "others": "autre|autres|concurrent|concurrents|concurrence|opérateur|opérateurs|voisin"
    "|voisins|@rival",
    # what says a fault was seen: "aucune alerte sur votre secteur"
    "signal": "alerte|alertes|alarme|alarmes|remontée|remontées|signalement|signalements"
    "|ticket|tickets",
    # crowds as the reason, said lightly: "juste beaucoup de monde sur le réseau"
    "busy": "monde|affluence|trafic|saturation|surcharge|encombrement|embouteillage|bouchon",
    # what customers are told to stop doing: "arrêtez de nous spammer"
    "nag": "spammer|harceler|relancer|insister|râler|plaindre|écrire|appeler|inonder|bombarder"
    "|tweeter|mentionner|tagger|taguer|identifier|insulter|crier|poster|reposter|commenter"
    "|copier",
    # what a third party is said to have done wrong: "un prestataire a débranché le câble"
    "botched": "débrancher|débranché|couper|coupé|casser|cassé|arracher|arraché|oublier|oublié"
    "|planter|planté|endommager|endommagé|sectionner|sectionné|erreur|faute|boulette|bêtise"
    "|bourde|gaffe|négligence|loupé|raté|merder|merdé|foirer|foiré|planté|saboter|saboté"
    "|bugué|buggé|boguée|bugué|défectueux|défectueuse",
    # what customers are told not to do to the cell: "pas besoin de crier"
    "shout": "crier|hurler|insulter|énerver|spammer|harceler|relancer|insister|inonder"
    "|bombarder|râler|menacer|agresser|encombrer|polluer|flooder|doubler|taguer|tagger"
    "|mentionner|identifier",
    # the same, as "ce n'est pas en criant que..."
    "shouting": "criant|hurlant|insultant|râlant|insistant|harcelant|spammant|relançant"
    "|énervant|menaçant|agressant|tapant",
    # what a customer may be guessed to have done wrong: "vous avez dû oublier de recharger"
    "mistake": "oublier|oublié|désactiver|désactivé|activer|activé|couper|coupé|éteindre|éteint"
    "|dépasser|dépassé|épuiser|épuisé|modifier|modifié|toucher|touché|supprimer|supprimé"
    "|effacer|effacé|bloquer|bloqué|changer|changé|mal|appuyer|appuyé|cliquer|cliqué"
    "|télécharger|téléchargé|installer|installé|laisser|laissé",
    # said of the outage to make it nothing: "ça reste très marginal", "l'impact est minime"
    "trivial": "marginal|marginale|marginaux|marginales|anecdotique|anecdotiques|négligeable"
    "|négligeables|infime|infimes|minime|minimes|dérisoire|dérisoires|insignifiant"
    "|insignifiante|bénin|bénigne|mineur|mineure|mineurs|mineures",
    # what customers are said to be: "vous êtes bien impatients ce soir"
    "attitude": "impatient|impatients|impatiente|impatientes|pressé|pressés|pressée|pressées"
    "|exigeant|exigeants|exigeante|exigeantes|susceptible|susceptibles|nerveux|nerveuse"
    "|agressif|agressifs|agressive|agressives|énervé|énervés|énervée|énervées|remonté|remontés",
    # how customers reach the cell: "nous écrire toutes les 5 minutes"
    "contact": "écrire|appeler|relancer|poster|demander|envoyer|contacter|spammer|harceler"
    "|solliciter|tweeter|mentionner|publier|commenter|répéter",
    # what customers are asked to be: "vous pourriez être un peu plus patients"
    "meek": "patient|patients|patiente|patientes|compréhensif|compréhensifs|compréhensive"
    "|compréhensives|indulgent|indulgents|indulgente|indulgentes|poli|polis|polie|polies|calme"
    "|calmes|cool|sympa|sympas|aimable|aimables|raisonnable|raisonnables|courtois|courtoise"
    "|courtoises|correct|corrects|correcte|correctes|tranquille|tranquilles|serein|sereins"
    "|sereine|sereines",
    # what comes back, said of itself in the future: "vos SMS partiront d'ici 30 min"
    "flows": "@service|service|services|ligne|lignes|débit|fibre|message|messages|MMS"
    "|remboursement|remboursements|geste|avoir|compensation|indemnisation|crédit"
    "|dédommagement",
    # what works, said of the network: "le réseau tient parfaitement la charge"
    "runs": "fonctionner|marcher|tourner|rouler|tenir|tient|tiennent|répondre|aller",
    # how well it works: "parfaitement", "nickel", "comme d'habitude" (two words: see rules)
    "perfectly": "parfaitement|impeccablement|nickel|impec|niquel|normalement|correctement",
    # what a customer is said to complain of: "les seuls à râler"
    "complain": "plaindre|râler|rouspéter|signaler|remarquer|voir|avoir|gêner|écrire|appeler"
    "|pleurer|chouiner|geindre",
    # (a regular verb's forms come with its infinitive: crisisplay.tone.forms)
    "restore": "rétablir|rétablissement|retour|revenir|revenu|revenue|revenus|revenues|réparer"
    "|réparation|résoudre|résolu|résolue|résolution|fonctionner|remettre|reprendre|repris"
    "|reprise|rentrer|normal|normale|corriger|correction|rembourser|remboursement|régler"
    "|refonctionner|remarcher|repartir|repasser|opérationnel|opérationnelle|opérationnels"
    "|dépanner|dépanné|résorber|résorbé|nickel|ok|finir|fini|finie|terminer|terminé"
    "|indemnisation|indemniser|dédommagement|dédommager"
    "|terminée|correctif|patch|déployer|déployé|remise",
    "jargon_acronyms": "BGP|HLR|HSS|IMS|SS7|DNS|MME|SGSN|GGSN|EPC|MPLS|DWDM|OSS|BSS|VLR|MSC|AMF"
    "|SMF|UPF|RNC|BTS|eNodeB|gNodeB|NodeB|eNB|gNB|RAN|PGW|SGW",
}

RULES = (
    RuleSpec(
        "denial",
        (
            "aucun|aucune @outage",
            # "pas de souci chez nous"; not "pas de souci, on vous rappelle" (no problem)
            "aucun|aucune souci|soucis|problème|problèmes !,",
            "ne ...2 pas|jamais|plus ...2 en panne",
            "pas de @outage",
            "pas de souci|soucis|problème|problèmes !,",
            "ne ...2 pas un|une @trouble",
            "tout ...2 fonctionner|marcher normalement|parfaitement|correctement",
            "rien de anormal",
            "rien à signaler|déclarer",
            "jamais|pas eu? le|la moindre @trouble",
            "jamais eu de @trouble",
            "ne y a|avait jamais de @trouble",
            "fonctionner|marcher|tourner parfaitement|impeccablement",
            "ne ...2 jamais|pas|plus ...1 cessé|arrêté|interrompu de? fonctionner|marcher|tourner",
            "notre|nos réseau|antenne|antennes|équipement|équipements|système|systèmes ...2"
            " fonctionner|marcher|tourner normalement|correctement",
            "tout ...2 parfaitement|pleinement? opérationnel|opérationnels|normal|ok",
            # "tout roule de notre côté", "chez nous tout fonctionne"
            "@infra|tout|ça|cela ...2 fonctionner|marcher|tourner|rouler|aller bien? ...2 de|du"
            " notre côté",
            "@infra|tout|ça|cela ...2 fonctionner|marcher|tourner|rouler|aller bien? ...2 chez"
            " nous",
            "notre|nos @infra ...2 aller|vont|va très|super|parfaitement? bien",
            "fonctionner|marcher|tourner|rouler nickel|impec|impeccable|niquel",
            "@infra ...2 être nickel|impec|impeccable|niquel|parfait",
            "@infra ...2 au top|taquet",
            "@infra ...2 parfait|excellent état",
            "tout être|est fonctionnel|opérationnel|nickel|normal|ok",
            "tout être|est en ordre",
            "tout être|est vert|verts",
            "jamais été aussi|si stable|stables|fiable|fiables|performant|performants|bon|rapide",
            "aucun|aucune client|clients|signalement|plainte ne? ...3 signalé|remonté|plaint"
            "|signaler",
            "@infra ne? avoir|a rien END|,",
            "le|notre|nos @infra !client|clients fonctionner|marcher|tourner ,|END",
            "rien ne? indique|indiquer|montre|montrer|suggère|laisse ...3 @trouble|@signal",
            "fonctionner|marcher|passer ...2 chez|pour tous|toutes|les|nos ...1 autres",
            # "tout est au vert", "nos indicateurs sont tous au vert"
            "tout|tous|indicateur|indicateurs|voyants|supervision|@infra ...3 au vert",
            # "ça marche très bien dans votre secteur"
            "fonctionner|marcher|tourner|passer ...3 dans|sur votre secteur|zone|commune|quartier"
            "|ville|région|coin|rue",
            "le|notre|nos @infra ...2 fonctionner|marcher|tourner très|super|parfaitement? bien",
            "notre|nos @infra !client|clients ...2 opérationnel|opérationnels|opérationnelle"
            "|opérationnelles|fonctionnel|fonctionnels|disponible|disponibles|stable|stables|ok",
            "le|notre|nos @infra !client|clients ...1 être|est|sont ...2 stable|stables|normal"
            "|normaux|ok|nickel|fonctionnel|fonctionnels|opérationnel|opérationnels",
            "fonctionnel|fonctionnels|opérationnel|opérationnels|disponible|disponibles|nickel|ok"
            " ...2 dans|sur votre secteur|zone|commune|quartier|ville|région|coin|rue"
            "|département",
            # "nos outils ne montrent rien", "le service n'a jamais été interrompu"
            "ne montrer|montre|montrent|indique|indiquent|signale|signalent|remonte|remontent"
            " rien|aucun|aucune",
            "@infra ...1 ne ...2 jamais|pas été ...1 interrompu|interrompue|interrompus|coupé"
            "|coupée|coupés|perturbé|perturbée|perturbés|arrêté|arrêtée|dégradé|dégradée|panne",
            # "on ne voit rien de notre côté"
            "ne vois|voit|voyons|constate|constatons|détecte|détectons|observe|observons rien",
            "de notre côté ...3 tout ...2 fonctionner|marcher|tourner|rouler|aller|ok",
            "chez nous ...3 tout ...2 fonctionner|marcher|tourner|rouler|aller|ok",
            "aucun|aucune ...1 @outage",
            # "on n'a aucune alerte sur votre secteur"
            "aucun|aucune ...1 @signal",
            "aucun|aucune piratage|intrusion|hack|cyberattaque|attaque|compromission",
            "pas de piratage|intrusion|hack|cyberattaque|attaque|compromission",
            "pas de @signal ...3 de notre côté",
            "pas|jamais ...1 eu de @trouble",
            "pas ...1 de @outage",
            "notre|nos @infra !client|clients fonctionner|marcher|tourner ,",
            # "le réseau tient parfaitement la charge", "nos serveurs tournent sans problème"
            "@infra|tout|ça ...2 @runs ...2 @perfectly",
            "tout|@infra ...1 fonctionner|marcher|tourner bien",
            "@infra|tout|ça ...2 @runs ...2 sans @trouble",
            "@infra|tout|ça ...2 @runs ...1 comme de|d habitude|hab",
            # "le réseau est en pleine forme", "chez nous, c'est vert partout"
            "@infra|tout|ça ...3 pleine forme",
            "vert partout",
            "chez nous ...3 vert|verts",
            "de notre côté ...3 vert|verts",
            # "rien ne cloche sur nos antennes"
            "rien ne clocher|cloche|coincer|coince|déconner|déconne|planter|plante|bloquer|bloque"
            "|remonter|remonte",
            "ne avoir|ont|a|avons rien détecté|constaté|relevé|observé|remarqué",
            "notre|nos @infra !client|clients fonctionner|marcher|tourner END",
            "pas de @signal ...3 chez nous",
            "=RAS",
            "notre|nos réseau|antenne|antennes|équipement|équipements|système|systèmes ...2"
            " parfaitement|totalement|entièrement|pleinement stable|stables|fiable|fiables|robuste"
            "|robustes|opérationnel"
            "|opérationnels|fonctionnel|fonctionnels",
        ),
        kinds=WHILE_RUNNING,
        # "Le réseau fonctionne parfaitement depuis 15h" says the outage is over; "vous n'auriez
        # aucune coupure" is a conditional, not a statement.
        # "Tout sera ok dans une heure" promises, it does not deny; "hors Finistère, le réseau
        # fonctionne normalement" says where the outage is.
        unless=(
            "depuis|désormais|nouveau",
            "@would",
            "sera|seront|devrait|devraient|redevenir",
            "hors|ailleurs|sauf|excepté|reste|dehors",
            # "d'ici midi, plus aucun problème" promises
            "plus aucun|aucune",
        ),
        # "pas de panne côté facturation, seul le réseau mobile est touché" says where it is
        unless_after=(
            "depuis|désormais",
            "de|à nouveau",
            "se",
            "côté|sur|pour|concernant ...1 facturation|factures|fixe|fibre|box|paiement|paiements"
            "|compte|comptes|données|SMS|appels|112|urgence",
            "maintenant",
            # asked of the customer: "tout fonctionne de votre côté ?"
            "de|du votre côté",
        ),
        negatable=True,
        # "d'après nos outils, tout va bien"; not "je vous appelle pour savoir si tout va bien"
        asserted=("tout va|allait bien",),
    ),
    RuleSpec(
        "minimising",
        (
            "petit|léger|légère|mineur|minime|simple|bref|anodin|mini|micro|minuscule ...1"
            " @trouble",
            "juste un|une ...1 @trouble",
            "@trouble ...2 mineur|minime|bénin|anodin|insignifiant",
            "sans gravité",
            "quelques|poignée|minorité de? @people",
            "peu de @people",
            "peu de monde",
            # "faut relativiser", "on est loin d'une panne majeure", "c'est un détail"
            "relativiser|relativisons|relativisez|relativise",
            "loin de|d ...2 majeur|majeure|grave|grosse|gros|énorme|vraie|vrai",
            "ce être ...2 détail|broutille|bricole|peccadille|vétille|babiole",
            "broutille|broutilles|peccadille|vétille",
            # "une coupure de rien du tout"
            "de rien du tout",
            # "un incident très ponctuel", "un incident isolé"
            "@trouble ...2 ponctuel|ponctuelle|ponctuels|isolé|isolée|isolés",
            "@trouble ...2 très|assez|plutôt localisé|localisée",
            # "juste quelques SMS en retard", "simplement un peu lent"
            "juste|seulement|simplement|uniquement ...2 quelques|peu|petit|petite|petits|petites"
            "|léger|légère",
            # comparison: "moins grave que ce qu'on lit", "le plus gros est derrière nous"
            "moins grave|terrible|dramatique|catastrophique|long|longue que",
            "le plus gros|dur|difficile ...2 derrière|passé|fait",
            "ça|tout va aller",
            "va|vont ...1 se arranger",
            "sous contrôle",
            "on|nous maîtrise|maîtrisons",
            "on gère END",
            # a figure made small: "même pas 1 %", "à peine 2 %"
            "même pas|plus NUM",
            "à peine NUM",
            # "ça ne touche qu'une petite partie du réseau", "que quelques clients"
            "que un|une? petit|petite|petits|petites|infime|faible|poignée|minorité|quelques|peu",
            "petite|infime|faible|minuscule partie|part|fraction",
            "seul|seule|seuls|seules ...2 petit|petite|petits|petites|quelques|poignée|minorité"
            "|infime",
            "faible|petite|moindre|modeste|limitée ampleur|portée|importance|envergure|impact",
            "on souffle|respire",
            "soufflez|respirez",
            "aurait|aurais|pourrait|aurions pu ...4 pire|@drama|grave|long|longue|durer",
            "eu de la chance",
            "ça|ca arrive ,",
            "ça|ca arrive END",
            "ça|ca peut arriver",
            "tous|tout les opérateurs|réseaux ...4 panne|pannes|@trouble",
            # "vous ne la remarquerez même pas", "une coupure très courte"
            "ne ...2 remarquer|sentir|apercevoir|voir|rendre ...2 même pas|rien",
            "que du feu",
            "@trouble ...2 être|sera ...1 très|super|hyper|ultra court|courte|brève|bref|rapide",
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
            "pouvoir ...1 bien ...2 @endure|débrouiller|débrouillez",
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
            "chez tous|toutes les autres? opérateurs|réseaux|concurrents",
            "affaire|question|histoire de ...2 minute|minutes|seconde|secondes|instant|instants"
            "|heure|heures",
            "@trouble passager|passagère|passagers|momentané|momentanée|anodin|anodine|léger|légère"
            "|légers|légères",
            "juste|seulement le temps de",
            "vu|connu|vécu ...2 pire",
            "cas partout|ailleurs",
            "pas que|seulement chez nous",
            # "une gêne très limitée", not "une coupure limitée au Finistère"
            "@trouble ...1 très? limité|limitée|limités|limitées|négligeable|marginal|marginale"
            "|infime !à|au|aux",
            "chose|choses qui arriver|arrivent",
            # euphemisms that make the outage a mood: "un coup de mou", "un coup de fatigue"
            "coup de mou|fatigue|barre|pompe",
            # comparison: "les autres opérateurs ont eu bien pire", "ça aurait pu être pire"
            "@others ...6 pire",
            "aurait|aurais|pourrait pu? être ...2 pire",
            "eu|vécu|connu ...2 bien|largement|beaucoup|encore pire",
            "se en remettre|remet|remettra|remettrez|remettront|remettez",
            # crowds as a mere fact: "juste beaucoup de monde ce soir"
            "juste|simplement|seulement|uniquement ...3 @busy",
            "juste|simplement|seulement ...2 impression",
            # "c'est qu'une heure sans réseau" (the "ne" dropped)
            "ce être que un|une|quelques ...2 @trouble|@slow|heure|heures|minute|minutes|jour"
            "|soirée|matinée|nuit|moment|question|affaire|détail",
            # "ça reste très marginal", "l'impact est minime"
            "ce|ça|cela|impact|impacts|gêne|conséquence|conséquences|effet|effets|@trouble ...2"
            " être|rester|reste|restent|sont|est ...2 @trivial",
            "rester|reste|restent ...1 très|assez|plutôt limité|limitée|limités|limitées|réduit"
            "|réduite|contenu|contenue",
            # a figure made small: "seuls 2 % des clients"
            "seul|seuls|seule|seules|seulement|uniquement|juste NUM",
            "^ tranquille|tranquilles|tranquilou|tkt|relax|relaxe",
            "ce être la vie",
        ),
        # "Ce n'est pas une petite gêne" says the opposite of minimising; "nous avons un peu de
        # retard dans nos réponses" is the cell owning its own delay.
        unless=(
            "ne ...2 pas un|une|le|la|de petit|léger|légère|mineur|minime|simple|bref|anodin",
            "ne ...2 pas que un|une ...1 petit|léger|légère|mineur|simple|bref|anodin|mini",
            # "on a eu tort de parler d'un petit incident": the words are quoted to be taken back
            "tort|trompé|trompés|erreur de ...1 parler|dire|annoncer|écrire|évoquer",
            "disait|disions|parlait|parlions|écrivait|écrivions|annonçait|annoncions que|de",
            "nous|on|je avoir|prendre|pris|être ...1 un peu",
            "répondre|réponse|réponses",
        ),
        # "Sans gravité pour vos données" is a fact about data, not a judgement of the outage.
        unless_after=(
            "pour|sur|quant|concernant ...2 donnée|données|information|informations|coordonnées"
            "|compte|comptes|paiement|paiements|carte|cartes|sécurité|mot|mots",
            "dans|pour|à ...2 répondre|réponse|réponses|traiter|rappeler",
        ),
        negatable=True,
        # reassurance and trivialising said with a negation: "rien de bien grave", "pas de
        # panique", "aucune raison de s'alarmer", "ce n'est pas la fin du monde"
        polar=(
            "rien de ...2 grave|@serious",
            "pas ...1 grave",
            "pas ...1 grand chose|monde",
            "ce ne être rien",
            "rien que un|une|quelques",
            "ce être rien ,",
            "ce être rien END",
            "petit rien",
            "pas|aucun|aucune|nul|nulle|zéro de|un|une? @worry",
            "pas ...2 dramatique|tragique|catastrophique|alarmant|inquiétant|méchant|terrible",
            "ne ...2 mal à personne",
            "pas|aucun|aucune|nulle de? raison|motif|lieu de ...2 @worry",
            "pas de quoi ...3 @worry|@serious|crier|scandale",
            "pas de quoi !END",
            "ne|te vous? @worry",
            "ne vous en faire|faites",
            "pas se en faire",
            "prendre|prenez|prends pas la tête",
            # the "ne" dropped: "vous inquiétez pas"
            "vous @worry pas",
            "@worry vous pas",
            "pas si ...1 grave|terrible|dramatique|méchant|catastrophique",
            "fin des haricots",
            "pas mort de homme",
            "pas à un|une|quelques|NUM ...1 près",
            "pas ...2 panne|bug|incident|coupure du siècle",
            "trois fois rien",
            "qui a|avoir dit|parlé ...3 grave|@trouble|catastrophe|drame",
            "impact|impacts|gravité|conséquences|gêne ...2 quasi|quasiment|presque? nul|nulle"
            "|faible|faibles|minime|négligeable|inexistant|inexistante",
            "poignée",
            "terre ...3 arrêter de tourner",
            "gérable|supportable|vivable|tolérable",
            "cas isolé|isolés|rare|rares|exceptionnel|exceptionnels",
            "quelques|NUM secondes|minutes de @trouble",
            "alors ça va",
            "@trouble très|super|hyper|ultra court|courte|brève|bref",
            "vous ne? avez|avoir rien raté|manqué|loupé",
            "comme il y en a",
            "pas la fin de votre|vos vie|jours",
            "moins de NUM % ...4 concerné|concernés|concernée|touché|touchés|touchée|affecté"
            "|affectés|impacté|impactés",
            "difficilement faire mieux",
            "petite|infime|faible minorité",
            "malchanceux|malchanceuse|malchanceuses",
            "pas de chance|bol|pot",
            # "ce n'est pas la première panne du monde": it happens
            "pas le|la premier|première ...1 @trouble|coupure|panne du monde",
            "pas la première fois que ça|cela arrive|arriver",
            "ni le|la premier|première ni le|la dernier|dernière",
            # a flippant way round: "le wifi de vos voisins"
            "de|chez vos|votre voisins|voisin|voisine|amis",
            "aléa|aléas",
            "incident|incidents de parcours",
            "coupurette|coupurettes|pannette",
            "ça|cela|en arrive|arriver partout|souvent",
            "pas que nous",
            "pas seulement|que vous",
            "tout le monde ...3 même @trouble",
            "pas seulement nous",
            "à la marge",
            "impact|impacts|conséquence|conséquences|effet|effets ...1 très|assez|plutôt? faible"
            "|faibles|limité|limités|minime|minimes|réduit|réduits|négligeable|négligeables",
            "@people à peine",
            "ce être très|assez|plutôt limité|restreint|circonscrit|réduit|contenu",
            "une fois par an|mois|siècle",
            "épiphénomène|épiphénomènes",
            "le lot de ...1 tous|tout|chaque",
            "comparé|comparativement|comparaison|rapport ...3 @others",
            "on|nous se en sortir|sort|sortons bien",
            "@others ...4 eu|ont|connu|connaissent|subi ...3 panne|pannes|@trouble",
            "dormir tranquille|tranquilles",
            "sur vos deux oreilles",
            "@trouble tout? bête|bêtes|idiot|idiote",
            "petit|simple|bête ...1 redémarrage|redémarrer|reboot|reset|manip|clic",
            "pour si peu",
            "crier au scandale|loup",
            "même pas un|une|NUM",
            "ne y ...1 penser|penserez|penserons|penseront plus",
            "ne en parler|parlerez|parlerons|parlera plus",
            # "on n'est pas les seuls": others have it too
            "on|nous ne être|sommes|est pas les seuls",
            "inutile de ...1 @worry",
            "pas la peine de ...1 @worry",
            "rassurez|rassure vous|toi",
            "on se calme",
            "calmez|calmons vous|nous",
            "du calme",
            "ne tuer personne",
            "personne ne en? mourir|mort|meurt|mourra",
            "pas la fin du monde",
            "pas ...1 la mort",
            "pas comme si",
            # "rien qui justifie autant de messages", "beaucoup de bruit pour rien"
            "rien qui ...2 justifier|mériter|valoir",
            "bruit pour rien",
            # "vous n'allez pas mourir sans internet"
            "ne ...2 pas|jamais mourir|meurt|meurent|mourrez|mourra|crever|crèverez",
            "ne mourir|meurt|meurent|mourrez|mourra|crever|crèverez pas|jamais",
            "personne ne ...1 mourir|mourra|crever",
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
            "pas de notre faute",
            "pas notre faute",
            "ne ...2 pas responsable|responsables",
            "@us ...2 ne y? ...1 pour rien",
            "de|par votre faute",
            "mauvais|mauvaise manipulation",
            "mauvais|mauvaise @setting ...2 du|de|votre|vos ...1 @handset",
            "@your @setting ...3 faux|fausse|fausses|erroné|erronés|erronée|erronées|incorrect"
            "|incorrects|mauvais",
            "@fault ...3 de votre part",
            "mauvais|mauvaise manip|manips",
            # sent to a maker: "faut voir avec le fabricant de votre téléphone"
            "voir|voyez|contacter|contactez|adresser|adressez|rapprocher|rapprochez|tourner"
            "|tournez|appeler|appelez ...3 fabricant|constructeur|revendeur|vendeur|@rival",
            "@people|ceux|celles qui ne ...3 pas|jamais ...3 mise|mis|mettre à jour",
            "mal @handle",
            "ne ...2 pas bien configurer|paramétrer|régler|utiliser",
            "la faute de|à|aux !notre|nos|mon|ma|mes",
            "faute ...4 @third",
            "à cause de ...2 @third",
            "ce être|est un|une|le|la|notre|nos @third",
            "imputable à",
            "concurrent|concurrents|concurrence",
            "venir de ailleurs",
            # the customer's device, app or settings as the cause
            "@cause|résulter|lié|liée|liés|liées ...4 @your ...2 @device|@setting|côté",
            "@device de plus de ...2 an|ans",
            # "c'est votre box qui déconne", "c'est SFR qui a planté", "la faute à Orange"
            "ce être ...1 @your ...1 @device|@setting|@handset qui",
            "ce être|est ...1 @rival|@third qui",
            "ce être @rival",
            "contrairement à|aux|au ...2 @rival|@others",
            "si vous aviez|étiez ...6 , pas de|aucun ...1 @trouble",
            "faute ...4 @rival",
            "à cause de ...1 @rival",
            "@rival qui ...3 planter|tomber|couper|buguer|@fails",
            "venir|provenir|due|dus|dues|imputable ...3 @rival|@third",
            "=dû|Dû ...3 @rival|@third|@your",
            "vandalisme|vandales|malveillance|sabotage",
            "votre|ta faute",
            # "la faute revient aux intempéries et à EDF"; not "revient à nous"
            "faute revient|revenir|incombe|incomber à|aux !nous|notre|nos|moi",
            "responsable|responsables|coupable|coupables ...6 @third|@rival",
            "aucune responsabilité",
            "décliner|déclinons|décline ...1 toute responsabilité",
            "victime|victimes ...1 nous? aussi|également",
            # "c'est l'opérateur d'infrastructure qui gère, pas nous."; not "si l'on vous demande
            # un code, ce n'est pas nous : ne répondez pas" (a fraud warning)
            ", pas nous END",
            ", pas nous ,",
            "opérateur|opérateurs de|d infrastructure|infrastructures",
            "@your @device ne ...3 pas|plus mis|mise? à jour",
            "pas par nous",
            # the stock deflection: "indépendant de notre volonté"
            "indépendant|indépendante|indépendants|indépendantes de notre volonté",
            "ne dépendre|dépend|dépendent pas de nous",
            "trop de @people|monde|gens|connexions ...6 saturation|saturé|saturer|surcharge"
            "|surchargé",
            "trop de @people|monde|gens ...4 vouloir|voulu|connecter|connectés|connexion|appeler"
            "|télécharger|streamer",
            # the reason is what the customer did not do: "parce que vous ne l'avez pas mise à jour"
            "parce que|car|puisque vous ne ...3 pas|jamais|plus",
            "parce que|car|puisque @your ...1 @device|@setting|forfait|abonnement|compte|ligne"
            "|offre|option|facture",
            # "on attend que notre fournisseur daigne réparer"
            "attendre|attend|attendons que ...2 @third|@rival",
            "daigner|daigne|daignent",
            # usage as the cause: "les gens qui téléchargent trop saturent le réseau"
            "@people|ceux ...4 saturent|surchargent|encombrent|abusent",
            # a third party named as the culprit: "un câble arraché par un particulier"
            "arraché|arrachée|sectionné|sectionnée|coupé|coupée|endommagé|endommagée|abîmé|abîmée"
            "|cassé|cassée|causé|causée|provoqué|provoquée ...3 par un|une|des|le|la ...1"
            " particulier|particuliers|riverain|riverains|agriculteur|agriculteurs|individu"
            "|individus|mairie|voisin|voisins|entreprise|@third|@rival",
            # "il n'y a aucune raison que ça ne marche pas chez vous"
            "aucune raison que|qu ...3 ne marcher|fonctionner|capter|passer pas",
            # "vous avez sans doute oublié d'activer les données"
            "vous avez sans doute|dû|du ...1 @fix|@handle|oublié|désactivé|mal",
            # a guess about what the customer did: "vous avez dû oublier de recharger votre
            # forfait", "vous avez probablement désactivé..."
            "vous avez|avez ...1 dû|du|sûrement|surement|probablement|certainement|doute"
            " @mistake|@fix|@handle",
            "vous avez|avez peut être @mistake|@fix|@handle",
            # usage as the cause: "ça ne touche que les gros consommateurs de data"
            "gros|grands consommateurs|utilisateurs|usagers|téléchargeurs",
            # customers' usage as the cause: "les clients qui ont tous appelé ... ont saturé"
            "@people qui ...10 saturé|saturer|saturent|surchargé|surcharger",
            "saturation|surcharge ...3 venir|vient|due|causée ...2 @people",
            "vous ...3 oublié de|d",
            # "avec un forfait plus récent, ça n'arriverait pas"
            "avec un|une|votre|vos|des ...6 ne? y? @would",
            # "c'est une panne chez notre sous-traitant", "c'est chez Orange que ça coince"
            "ce être ...3 chez ...2 @third|@rival",
            "@trouble être|est chez ...2 @third|@rival",
            "@trouble ...2 votre|vos opérateur|fournisseur|FAI",
            ", pas du|le =nôtre",
            "@old ...1 @device ne? ...1 pas|plus supporté|supportés|supportée|supportées|compatible"
            "|compatibles|pris",
            "@fault ...3 chez ...2 @third|@rival",
            "@fault de|du ...1 @third|@rival",
            ", pas de le? =nôtre",
            "subit|subissons|subir comme|aussi|également",
            "nous|on ne? être|est|sommes pas|nullement|aucunement en cause|fautifs|coupables",
            "@people ...4 relaient|relayent|propagent|colportent|inventent",
            "ne pouvoir|peut rien si @your",
            "économie de énergie|batterie",
            "économiseur de batterie|énergie",
            # helplessness: "désolé mais on ne peut rien faire"
            "ne pouvoir|peut|peux|pouvons rien faire",
            # deflection: "rien à voir avec nous", "ça ne vient pas de chez nous", "on n'y peut
            # rien"
            "rien à voir avec nous|moi",
            "nous|on ne? avoir|a|avons rien à voir",
            "notre|nos @infra|équipe|équipes|société ne? avoir|a|ont rien à voir",
            "rien à voir avec le|notre réseau|opérateur",
            "rien à voir avec notre|nos réseau|réseaux|antenne|antennes|équipement|équipements"
            "|infrastructure|serveurs|service|services",
            # (of the trouble: "ce SMS ne vient pas de nous" warns of a fraud)
            "@trouble|ça|cela ...1 ne venir|provenir pas|aucunement|nullement de|du chez? nous"
            "|notre|nos",
            "ne ...2 pas de notre ressort|fait",
            "pas notre problème",
            "ne y pouvoir|peut|peux|pouvons rien",
            # "les clients avec de vieux forfaits sont les seuls à râler"
            "@people ...6 être|sont les? seul|seuls|seule|seules à",
            "de|des|ces|un|une|leur|leurs|son|sa|ses|votre|vos @old forfait|forfaits|abonnement"
            "|abonnements|offre|offres|@device",
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
        # a third party as the doer of the fault ("un prestataire a débranché le mauvais câble",
        # "notre sous-traitant n'a pas fait son travail"), unless the message owns it
        others=(
            "@third|@rival|syndic|mairie|voisin|voisins ...4 @botched",
            "@third|@rival ...3 responsable|responsables|fautif|fautifs|coupable|coupables",
            "venir|provenir|due|causé|causée ...6 de|du|chez ...2 @third|@rival",
            "lié|liée|liés|liées|due|causé|causée ...5 chez ...2 @third|@rival",
            # "c'est l'antenne de notre partenaire qui est tombée"
            "ce être ...4 @third|@rival qui",
            # "due à un défaut de fabrication des antennes de notre fournisseur"
            "@fault ...6 de|du|des|chez ...2 @third|@rival",
            "@third|@rival ne? ...1 pas fait son|leur travail|boulot",
        ),
        owning=(
            "ce être à nous",
            "la nôtre",
            "notre responsabilité|faute",
            "nous en sommes? responsables",
            "de notre fait",
        ),
        # "la compatibilité de votre téléphone n'a rien à voir avec la panne"
        unless_after=("...2 ne ...1 rien à voir", "...2 ne y ...1 pour rien"),
        negatable=True,
        # the customer's device or settings as the cause, unless a "si" makes it a case to
        # check: "votre box déconne", "vérifiez vos paramètres"; not "si votre box plante
        # encore à 18h, écrivez-nous"
        asserted=(
            "votre|vos réglage|réglages|paramétrage|manipulation|erreur",
            # "avez-vous pensé à redémarrer votre box ?"
            "avez vous ...2 pensé|essayé à|de ...1 @fix|vérifier|regarder",
            "@your ...1 @device|@handset ne ...2 supporter|supporte|supportent|gérer|gère|prendre"
            "|prend|accepter|accepte|reconnaître|reconnaît pas|plus",
            "@trouble de|avec|sur|dans votre|vos ...1 @device|@setting",
            "compatibilité|incompatibilité|incompatible ...3 votre|vos",
            "par votre|vos ...1 @device|@setting",
            # a guess about the customer: "vous êtes sûrement en limite de couverture", "le mode
            # avion était sûrement activé"
            "vous êtes|serez ...1 sûrement|surement|probablement|certainement en|dans|hors|mal"
            "|trop|loin",
            "sûrement|surement|probablement|certainement ...3 @setting|@device|avion|activé"
            "|désactivé",
            "mode avion",
            "vous ...3 limite de couverture",
            "vous ...3 zone blanche|grise",
            "@your forfait|abonnement|offre ne ...2 comprendre|comprend|inclure|inclut|couvrir"
            "|couvre|permettre|permet pas|plus",
            # "votre forfait est suspendu", "votre crédit est épuisé"
            "vérifiez|vérifier|contrôlez|checkez votre|vos forfait|crédit|consommation|compte|data",
            "vous avez|êtes peut être ...2 dépassé|épuisé|oublié|désactivé|activé|coupé|mal|hors"
            "|en",
            "avez|as ...1 essayé|pensé|tenté ...2 @fix|éteindre|rallumer",
            "peut être|sûrement|surement|probablement|certainement que votre|vos",
            "vous avez|avez oublié|désactivé|dépassé|épuisé|supprimé|effacé|bloqué",
            "vous avez|avez laissé ...2 activé|activée|désactivé|désactivée|allumé|éteint|coupé"
            "|coupée|branché|débranché",
            "@your ...1 @setting|@device ...2 fait|faire|font sauter|planter|tomber|bugger|couper",
            "vous ...1 utilisez|consommez|téléchargez|streamez|regardez ...3 trop|permanence|arrêt"
            "|continu|énormément",
            # "vous devriez changer de téléphone, le vôtre est dépassé"
            "devriez|devrez|faudrait|faut|faudra ...1 changer de @device|@handset",
            "le|la|les =vôtre|vôtres ...2 @old|dépassé|dépassée",
            "essayez|essayer|commencez|commencer déjà|abord|par ...2 @fix|éteindre|rallumer",
            # "vous n'avez pas redémarré votre box, c'est pour ça"; not "vous n'avez pas à"
            "vous ne? avez|avoir pas|jamais @fix|@mistake",
            # "mettez à jour votre appli et ça marchera"
            "@fix|mettez|redémarrez|réinitialisez|éteignez ...4 et ça|cela|tout ...1 marchera"
            "|fonctionnera|reviendra|repartira|ira|remarchera|refonctionnera",
            "@your forfait|abonnement|ligne|compte|crédit|offre ...2 suspendu|suspendue|bloqué"
            "|bloquée|expiré|expirée|épuisé|épuisée|dépassé|résilié|résiliée|impayé|impayée",
            "@your ...1 @device|@handset ...2 @fails",
            "vérifiez|vérifier|contrôlez|checkez|regardez ...1 vos|votre ...1 @setting",
            "vérifiez|contrôlez|checkez|regardez|voyez votre|vos @handset",
            "vérifiez|vérifier|contrôlez|checkez|regardez|voyez que|si ...1 votre|vos ...1 @handset"
            "|@setting|@device",
            "@your ...1 @device|@handset ...3 besoin de|d",
            "@your ...1 @device|@handset ne ...3 pas|jamais été ...1 @fix|redémarré|réinitialisé"
            "|rallumé|mis",
            # "c'est votre tel", "ça doit être votre mobile"
            "ce|ça|cela ...1 être @your ...1 @device|@handset|@setting",
            "ce|ça|cela ...1 être sûrement|surement|certainement|probablement|plutôt|bien @your"
            " ...1 @device|@handset|@setting",
            "ce|ça|cela ...1 être peut être @your ...1 @device|@handset|@setting",
            # "tout le réseau est opérationnel, sauf peut-être chez vous"
            "sauf ...2 chez vous",
        ),
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
            "ça|cela|ceci|@trouble ne? ...1 arrivera|arriveront plus|jamais",
            "ne ...2 recommencera|recommenceront|produira pas|plus|jamais",
            # "5 minutes et c'est reparti"
            "NUM|@amount minute|minutes|heure|heures|instant|instants et ...3 @restore|bon|fini|ok"
            "|marche|remarche",
            "immédiatement rétablir|rétabli",
            "@restore ...3 très? vite|rapidement|rapide|bientôt|prochainement|incessamment",
            "@restore ...3 en un rien|clin",
            "@restore ...3 rapidos|illico|fissa",
            # "ceux qui n'ont plus de réseau le retrouveront à 18h", "vous aurez la 4G ce soir"
            "le|la|les|en @regain ...1 WHEN",
            "@regain ...3 @service ...3 WHEN",
            # "Promis, ...", "..., promis !": whatever is said becomes a promise
            # what comes back, said in the future or in the present with a time: "vos SMS
            # partiront tous d'ici 30 min", "les appels passent dans 10 minutes"
            "@flows|tout|ça|cela ...3 FUT ...4 WHEN",
            "WHEN ...4 @flows|tout|ça|cela ...3 FUT",
            "@flows ...3 partir|arriver|aboutir|marcher|capter|charger ...3 WHEN",
            "sans faute",
            "fin de|du ...1 @trouble|coupure|panne|incident|travaux ...3 WHEN",
            "ne sera|seront|va ...1 pas long|longue|longtemps",
            # "c'est la dernière coupure du mois"
            "ce être la dernière ...1 coupure|panne|fois|@trouble",
            "assurément",
            # "comptez 2h max", "dans 10 min max"
            "comptez|prévoyez WHEN",
            "calé|calée|programmé|programmée|planifié|planifiée ...2 WHEN",
            # a countdown: "plus que quelques minutes", "encore 10 minutes et tout remarche"
            "plus que NUM petit|petite|bonne? minute|minutes|heure|heures|instant|instants",
            "plus que @amount petit|petite|bonne? minute|minutes|heure|heures|instant|instants",
            "encore NUM petit|petite|bonne? minute|minutes|heure|heures|instant|instants",
            "encore @amount petit|petite|bonne? minute|minutes|heure|heures|instant|instants",
            "WHEN ...4 vous|on pourrez|pourrons|pourra|pourront",
            "vous|on pourrez|pourrons|pourra|pourront ...3 WHEN",
            "@restore|@flows ...3 imminent|imminente",
            # "la réparation ne prendra pas plus d'une heure"
            "@restore|@flows|ça|cela ne prendre|durer pas plus|longtemps",
            "ça|cela|@trouble ne ...2 pas|plus durer",
            "@restore ...3 en moins de temps",
            "@restore ...3 en un éclair",
            "imminent|imminente ...2 @restore|@flows",
            "presque|quasiment|pratiquement|bientôt ...1 résolu|résolue|résorbé|résorbée|réparé"
            "|réparée|terminé|terminée|fini|finie|réglé|réglée|rétabli|rétablie",
            # "d'ici midi, plus aucun problème", "plus de panne après ce soir"
            "WHEN ...4 plus aucun|aucune|de ...1 @trouble",
            "WHEN ...3 ne? ...2 plus aucun|aucune|rien",
            "ça|tout|cela ...3 FUT ...1 bon|ok ...6 WHEN",
            "WHEN ...3 ce être bon|ok|fini|réglé|terminé",
            "le temps de ...5 et ...2 bon|fini|réglé|ok|@restore",
            "cuillère à pot",
            "@regain ...2 récupéré|retrouvé|reçu ...3 WHEN",
            "plus de|aucun|aucune @trouble ...4 WHEN",
            "WHEN max|maxi|maximum|tops|chrono",
            "à coup sûr",
            "^ promis|juré",
            ", promis|juré END",
        ),
        kinds=(*WHILE_RUNNING, "internal-brief"),
        # Past tenses only: "a été rétabli à 15h10" is a fact, "aura été rétabli à 16h" is not.
        # Effort is not a promise: "nos équipes travaillent à rétablir le service au plus vite".
        unless=(
            # (an adverb may sit in the tense: "a bien été rétabli", "est enfin revenu")
            "a|ont|avons|avez|avait|avaient ...2 été",
            # past participles as written ("à tout réparer" is no past)
            "ai|a|avons|avez|ont|avait|avaient ...2 rétabli|réparé|résolu|corrigé|réglé|remboursé"
            "|repris|remis|retrouvé|dépanné",
            "est|sont ...2 revenu|revenus|revenue|revenues|rentré|rentrée|rentrés|reparti|repartie"
            "|repartis",
            "déjà",
            "travailler|mobiliser|mobilisé|mobilisés|mobilisée|mobilisées|efforcer",
            "le|au plus vite|rapidement",
            "aussi vite|rapidement",
            "se en remettre|remet|remettra|remettrez|remettront",
            # a time said before and taken back: "d'avoir annoncé un retour à 11h qui n'a pas eu
            # lieu", "nous nous sommes trompés sur l'heure de retour"
            "avoir|avions|avons|avait|aviez|a annoncé|promis|indiqué|donné|estimé",
            "trompé|trompés|trompée|trompées|tort",
            # the next update promised: "on refait le point à 14h, promis"
            "point|courant|informés|nouvelles|oublie|oublier ...6 promis",
        ),
        negatable=True,
        timed=True,
    ),
    RuleSpec(
        "guarantee",
        (
            "garantir",
            "nous|je|on vous? le? assurer|promettre|promets|promet|promettons|certifier|jurer",
            "nous|je|on ...2 vous le? assurer|promettre|certifier|affirmer|jurer",
            # as written: "Jura" is read as a form of "jurer"
            "=jure|juré|jurons|jurez|jurer|Jure|Juré",
            # certain that something will be, not certain of a cause
            "nous|je ...1 sommes|suis certain|certains|certaine|certaines|sûr|sûrs|sûre|convaincu"
            "|convaincus que",
            "nous|je ...1 sommes|suis formel|formels|formelle|formelles|catégorique|catégoriques",
            "on ...1 est|être =sûr|sûrs|sûre|sûres|certain|certains|certaine|certaines que",
            "@us|équipe|équipes|techniciens|experts|ingénieurs ...2 être|sont|est formel|formels"
            "|formelle|formelles|catégorique|catégoriques",
            "soyez en? assuré|assurés|assurée|assurées|rassuré|rassurés|rassurée|rassurées",
            "ma|notre parole",
            "soyez =sûr|sûrs|sûre|sûres|certains|certaines|certain|certaine",
            "ce être ...1 =sûr|sûre|certain|certaine|garanti|garantie|promis|ferme|acté|calé",
            "certitude",
            "croyez moi|nous",
            "faites nous confiance",
            "nous faire confiance",
            "rien à craindre",
            "aucun doute possible",
            "main au feu",
            "sûr et certain",
            "ombre de un doute",
            "sans aucun doute",
            "vos données ...2 à le abri",
            # "vos données sont en sécurité totale", "parfaitement protégées"
            "sécurité totale|absolue|complète|parfaite",
            "totale|parfaite|complète|absolue sécurité",
            "totalement|parfaitement|complètement|entièrement|absolument ...1 sécurisé|sécurisés"
            "|sécurisée|sécurisées|protégé|protégés|protégée|protégées|sécurité|inviolable",
            "engager|engage|engageons ...2 à ce que",
            "parole de|d",
            "ce est|sera =sûr|sûre|certain|certaine|garanti|garantie|promis",
            # a commitment to a result, not to keeping people informed
            "nous|je|on ...1 engager|engageons|engage à ...3 @restore",
            "nous|je|on se|nous y engager|engage|engageons",
            # "protégées à 100 %", not "le réseau est revenu à 100 %"
            "sûr|sûrs|sûre|sûres|certain|certains|certaine|protégé|protégés|protégée|protégées"
            "|sécurisé|sécurisés|sécurisée|sécurisées|garanti|garantis|garantie|garanties|fiable"
            "|fiables|confiance|confiant|confiants|confiante|confiantes ...1 à =100 %",
            "à =100 % sûr|sûrs|sûre|certain|certains|fiable|fiables|protégé|protégés|protégée"
            "|protégées|sécurisé|sécurisés|sécurisée|sécurisées|garanti|garantis|garantie",
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
            "vous auriez =dû",
            "vous auriez du @fix|lire|vérifier|regarder|consulter|appeler|attendre|patienter"
            "|écouter|suivre|redémarrer",
            "si vous aviez lire|lu|suivi|regardé|vérifié|consulté",
            "relisez",
            "pourtant simple|clair|clairs|claire|écrit|indiqué|expliqué|évident|facile",
            "comme ...3 répéter|répété",
            "comme ...1 vous le? avoir|a|ai|avons ...1 dire|dit|expliqué|indiqué|précisé|répété"
            "|écrit",
            "vous devriez|devez ...1 savoir|comprendre|lire",
            "vous ne avoir ...2 pas ...2 lu|lire|vu|regardé|consulté|compris",
            "vous ne savoir|savez pas utiliser|lire|chercher|faire|redémarrer",
            "faites|faire un effort",
            "faut|falloir|merci ...3 lire|relire",
            "pas lire|lu|relu|regarder|regardé ...2 nos|notre|les messages|posts|tweets|réponses"
            "|FAQ|fil|publications",
            "même question|chose ...1 NUM|dix|vingt|cinquante|cent|mille fois",
            "comme tout le monde ...2 vous|patientez|attendez|patienter|attendre",
            "lire jusque au bout",
            "ce être marqué|écrit ...3 tweet|message|post|FAQ|site|page",
            "dit et redit",
            "redit|rabâcher|rabâché|seriner|seriné",
            "plus simple que ça",
            "si vous aviez ...1 lu|lire|suivi|regardé|vérifié|consulté|écouté",
            "un minimum de|d patience|bon|respect|politesse|courtoisie|jugeote|lecture|effort",
            "vous êtes|être bien|trop|très|vraiment|sacrément @attitude",
            "vous êtes|être un peu @attitude",
            "circulez",
            # how often or how customers write to the cell: "toutes les 5 minutes", "en boucle"
            "@contact ...3 toutes les NUM|cinq|dix|deux minutes|secondes|heures",
            "@contact ...2 sans arrêt|cesse|répit",
            "@contact ...2 à répétition",
            # read or check before writing: "merci de consulter la FAQ avant d'envoyer des messages"
            "consulter|consultez|lire|lisez|regarder|regardez|vérifier|vérifiez|chercher|relire"
            "|relisez ...6 avant de|d ...1 nous? @contact|râler|plaindre",
            "vous êtes priés|prié|priée|priées de",
            "pourriez|pourrais au moins",
            "vous savez|savez vous ...1 @fix|lire|utiliser|éteindre|allumer|redémarrer",
            "@fix|vérifiez|vérifier|lisez|lire|regardez|essayez ...6 avant de|d nous ...1 écrire"
            "|solliciter|contacter|appeler|déranger",
            "vous êtes =sûr|sûrs|sûre|sûres|certain|certains|certaine que|de|d",
            "êtes vous =sûr|sûrs|sûre|sûres|certain|certains|certaine que|de|d",
            "lu|regardé|consulté|vérifié|essayé ...3 au moins",
            # "il faut être patient", "prenez votre mal en patience", "armez-vous de patience"
            "faut|falloir|faudra|faudrait ...1 être|rester ...1 @meek",
            "mal en patience",
            "armez|armer vous? de patience",
            "avant de|d ...1 râler|plaindre|critiquer|crier|spammer|harceler|insulter|rouspéter",
            "sauf vous|toi",
            "faites|faire comme tout le monde",
            "au lieu de ...1 @nag|critiquer|râler|plaindre",
            "répéter|redire|rabâcher ...1 même chose|question",
            "messages|questions|posts ...1 en boucle",
            "éviter|évitez ...2 messages|questions|posts|relances",
            "tout ce que il y a à faire",
            "vous|tu ...1 être|êtes|es ...1 le|la|les? seul|seule|seuls|seules client|cliente"
            "|clients|abonné|abonnée|abonnés|personne|personnes",
            "personne de autre",
            "aucun|aucune autre plainte|plaintes|signalement|signalements|client|clients"
            "|réclamation|réclamations",
            "lisez|relisez ...2 tweets|tweet|posts|post|messages|réponses|fil|FAQ|épinglé",
            "deuxième|troisième|quatrième|cinquième|dixième|vingtième|centième|énième|nième|NUM"
            " fois que|qu ...3 dire|dit|répéter|répète|écrire|écrit|expliquer|explique|répondre"
            "|répond|répondons",
            "NUM e|ème fois que|qu",
            "fait NUM|deux|trois|quatre|cinq|dix|vingt|cent|mille|plusieurs fois que|qu",
            "on|je ...4 déjà ...4 NUM|deux|trois|quatre|cinq|dix|vingt|cent|mille|plusieurs fois",
            "avons ...2 déjà ...4 NUM|deux|trois|quatre|cinq|dix|vingt|cent|mille|plusieurs fois",
            "écrit|indiqué|marqué en gros|partout",
            "noir sur blanc",
            "fallait|fallu ...3 lire|relire|regarder|suivre|consulter",
            "simple|petit|seul ...2 suffire|suffit|suffira",
            "être ingénieur|expert|informaticien|génie|technicien",
            "détendez|détends|relaxez vous|toi",
            "rester|restez ...1 @meek",
            "ne avoir|ont|a|avez que à",
            "comme ...8 plusieurs|deux|trois|quatre|dix|cent|mille|maintes fois",
            "falloir peut être",
            "il aurait|avait suffi|fallu",
            "lire|relire|consulter|regarder|chercher|vérifier|réfléchir ...5 avant de ...1 poser"
            "|écrire|appeler|contacter"
            "|plaindre|râler|demander|commenter|nous",
            "faut il ...3 répéter|redire",
            "combien de fois",
            "énième|nième fois",
            "vous exagérez|exagérer",
            # "faut pas exagérer", "n'exagérons rien"
            "pas exagérer",
            "ne exagérons rien",
            "exagérez|exagère",
            # "je vous ai déjà répondu", "merci de lire vos messages"
            "vous ...2 déjà répondu|dit|expliqué|écrit|indiqué|précisé|signalé",
            "merci de|d lire|relire ...2 messages|réponses|mp|tweets|posts|notifications|mails",
            "si vous lisiez|suiviez|regardiez|consultiez",
            "vous le sauriez",
            "lire|lisez|consulter|consultez|relisez de abord",
            "tout y être|est expliqué|indiqué|écrit|dit",
            # what the customer only has to do: "faut juste redémarrer", "y a qu'à"
            "faut|falloir juste|simplement|seulement",
            "suffire|suffit|suffira|suffisait de",
            "vous avez|avez juste|simplement|seulement à",
            "y a|avoir que à",
            "pas|rien ...1 si|bien|de|très? compliqué|sorcier|difficile|dur",
            # singling out who complains: "vous êtes les seuls à vous plaindre"
            "vous|tu ...1 être|êtes|es ...1 les? seul|seuls|seule|seules à",
            "que vous|toi qui ...2 @complain",
            "râleur|râleurs|râleuse|râleuses|pleurnicher|chouiner",
            "un peu de patience",
            # telling customers to stop: "arrêtez de nous spammer"
            "arrêtez|arrête|cessez|stop de? ...1 @nag|@worry|exagérer",
            "inutile de ...1 nous? @shout",
            "pas la peine de ...1 nous? @shout",
            "pas besoin de ...1 nous? @shout",
            "ne pas|plus nous? @shout",
            # "encore une fois, il faut redémarrer", "on l'a déjà dit 10 fois"
            "encore une fois ...3 faut|falloir|suffire|suffit|@fix|lire|lisez|relisez|vérifiez"
            "|patientez|patienter",
            "le ...3 dire|dit|répéter|répété|expliquer|expliqué|écrire|écrit ...3 NUM|deux|trois"
            "|quatre|cinq|dix|vingt|cent|mille|plusieurs fois",
            "le ...3 déjà dit|expliqué|répété|écrit|précisé|indiqué|signalé|mentionné",
            # "vous n'êtes pas le seul client"
            "pas le|la seul|seule client|cliente|abonné|abonnée",
            "pas le|la|les seul|seule|seuls|seules à ...1 attendre|patienter|écrire|contacter"
            "|appeler",
            "faut|falloir savoir lire|chercher|lire",
            "un peu de bon sens",
            "répondu|dit|expliqué|écrit|indiqué ...2 plus haut|au-dessus|ci-dessus",
            "vous ...1 êtes|être le|la NUM",
            "vous ...1 êtes|être le|la énième|nième|centième|millième|dixième",
            "pas des|de? magiciens|magicien|robots|sorciers|dieux|surhommes",
            "évitez|éviter de ...1 nous? @shout|écrire|appeler",
            "en majuscules|capitales",
            "un peu de jugeote|logique",
            "vous auriez pu|pouviez ...3 chercher|lire|regarder|vérifier|consulter|attendre",
            # "vous pourriez être un peu plus patients", "soyez patients"
            "pourriez|pourrais|devriez|devrais ...4 @meek",
            "soyez|sois|restez|reste ...2 @meek|zen",
            # calm, respect, thinking asked of the customer
            "garder|gardez|garde ...1 votre|ton calme|sang",
            "un peu de respect",
            "plus de respect",
            "manquer|manquez|manque de respect",
            "réfléchissez|réfléchis",
            "pris|prendre|prenez la peine de",
            "pas votre|vos|ton hotline|larbin|larbins|secrétaire|esclave|esclaves|domestique"
            "|standard|bonne",
            "que deux mains|bras",
            "être|est|sommes humains|humain aussi",
            # futility: "râler ne sert à rien", "ce n'est pas en criant que ça ira plus vite"
            "@shout ...1 ne? sert|servira|servent à rien",
            "pas en ...1 @shouting",
            # repetition: "votre question a déjà été posée 100 fois", "dix fois la même question"
            "posée|posé|posées|posés ...2 NUM|dix|vingt|cent|mille|plusieurs fois",
            "fois le|la même question|chose|message",
            "déjà été posée|posé|posées|traitée|traité",
            "avons|a tout expliqué|dit|écrit|détaillé",
            "faut de plus",
            "réponse être|est ...1 dans|sur ...3 tweet|post|message|FAQ|fil|site",
            "patientez|attendez|faites ...2 comme les autres",
            "patientez|attendez|faites ...2 comme tout le monde",
            "@contact|taguer ...2 partout",
            "je|on|nous vous? le? répète|répéter|répétons",
            "comme dit|écrit|mentionné",
            "comme ...2 plus haut|ci-dessus|au-dessus",
            "faut il ...2 faire un dessin|schéma",
            "faut il ...5 expliquer|explique|montrer|apprendre",
        ),
        # "vous n'êtes pas les seuls à être touchés" singles nobody out
        negatable=True,
        # impatience said with a negation: "on ne va pas vous faire un dessin"
        polar=(
            "pas ...2 faire un dessin|schéma|tuto|tutoriel|cours|leçon",
            "pas ...1 y passer la nuit|journée|soirée|vie",
            "pas là pour faire votre|vos|le|la",
            "pas ...2 répéter|redire|rabâcher ...1 même chose|question",
            "pas ...1 faire plus simple|clair",
            "pas obligé|obligés|obligée|obligées|tenus|tenu de ...2 @contact",
            "pas le centre du monde",
            "pas ...2 vous? le redire|répéter",
            "pas de? nous? manquer de respect",
        ),
    ),
    RuleSpec(
        "jargon",
        (
            "=@jargon_acronyms",
            "coeur de? réseau",
            "station de base",
            "backhaul",
            "table de routage",
            "routage",
            "reboot|rebooter|rebooté|rebootés|rebootée|rebootées|failover|rollback|hotfix"
            "|peering|backbone|datacenter|firewall|switch|switchs",
            "data center|centre",
            "noeud|noeuds de|du réseau|routage|transmission|collecte",
            "=NOC|SOC|OLT|DSLAM|VoLTE|VoWiFi|GPON|PON|NRA|NRO|SRO|RRU|BBU|CDN|QoS|QOS|SMSC|STP"
            "|PCRF|PCEF|OCS|NAT|DHCP|TCP|UDP|SIP|SFP|ODF|ROADM|OTN|SDH|WDM|SDN|NFV|VNF|APN",
            # the layers and functions of a network: "la couche transport", "la signalisation"
            "couche|couches transport|physique|IP|liaison|réseau|radio",
            "signalisation|commutation",
            "équipement|équipements|réseau|réseaux de transmission|signalisation|commutation",
            "réseau|réseaux de collecte",
            "backup|backups",
            "lien|liens de collecte",
            "boucle locale",
            "transport optique",
            "synchro",
            "anneau|anneaux optique|optiques|fibre|IP",
            "reroutage|rerouter|reroutés|reroutée|reroutage",
            "routeur|routeurs de coeur|bordure|collecte|transit",
            "liaison|liaisons|lien|liens optique|optiques|hertzien|hertzienne|hertziens|fibre",
            "faisceau|faisceaux hertzien|hertziens",
            "=POP|POPs",
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
            "être|rester|reste notre priorité|préoccupation",
            "plus plates excuses",
            "cordialement",
            "de bien vouloir",
            "faire|faisons le nécessaire",
            # a request "being processed", "dealt with as soon as possible"
            "demande|réclamation|requête|dossier|message ...3 en cours de traitement",
            "traité|traitée|traités|traitées dans les meilleurs délais",
            "plus brefs délais",
            "accuser|accusons ...1 réception",
            # a request "passed on to the department concerned"
            "transmettre|transmis|transmise|remonter|remonté|remontée|relayer|relayé|relayée ...3"
            " service|services|équipe|équipes concerné|concernés|concernée|concernées|compétent"
            "|compétents|compétente|compétentes",
            "nous vous informons|informer que",
            "rester|restons|reste à votre écoute|disposition",
            "pris|prendre connaissance",
            "remercier|merci ...3 fidélité",
            "demande|réclamation|requête|dossier|message ...2 bien? été transmis|transmise"
            "|enregistré|enregistrée|reçu|reçue",
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
