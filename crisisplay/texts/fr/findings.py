"""What the channel rules and the tone linter say in French (rule ids stay as they are), and
which language `crisisplay check` read a text in."""

TEXTS: dict[str, str] = {
    "finding.unit.character.one": "caractère",
    "finding.unit.character.many": "caractères",
    "finding.unit.weighted.one": "caractère pondéré",
    "finding.unit.weighted.many": "caractères pondérés",
    "finding.unit.word.one": "mot",
    "finding.unit.word.many": "mots",
    "finding.unit.more_character.one": "autre caractère",
    "finding.unit.more_character.many": "autres caractères",
    "finding.unit.septets": "septets",
    "finding.unit.utf16": "unités de code UTF-16",
    "finding.over_limit": "{length}/{limit} {unit} ({note})",
    "finding.cut": "Retirer {count}.",
    "finding.cut_about": "Retirer environ {count}.",
    "finding.note.x": "X compte une URL pour {url_length}, un emoji pour 2",
    "finding.note.bluesky": (
        "Bluesky compte les graphèmes : un emoji ou une lettre accentuée compte pour 1"
    ),
    "finding.note.mastodon": "Mastodon compte une URL pour {url_length}, @user@serveur pour @user",
    "finding.note.other": "la limite du canal {label}",
    "finding.fold": (
        "{label} affiche environ {warn} caractères avant {fold} ; ce texte en a {length}"
    ),
    "finding.fold_hint": "Mettre l'essentiel dans les {warn} premiers caractères.",
    "finding.fold.facebook": "« Voir plus »",
    "finding.fold.instagram": "« plus »",
    "finding.fold.linkedin": "« voir plus »",
    "finding.push_long": (
        "{length} caractères : un écran verrouillé affiche environ {warn} caractères"
        " d'une notification"
    ),
    "finding.push_long_hint": "Dire d'abord ce que le client doit savoir.",
    "finding.long": "{length} caractères : plus que les {warn} conseillés pour le canal {label}",
    "finding.subject_over": "Objet de {length}/{limit} caractères",
    "finding.title_over": "Titre de {length}/{limit} caractères",
    "finding.subject_long": (
        "Objet de {length} caractères : une boîte de réception en affiche environ {warn}"
    ),
    "finding.title_long": "Titre de {length} caractères : un écran verrouillé en affiche environ {warn}",
    "finding.rfc5322": "La RFC 5322 (section 2.1.1) limite une ligne d'en-tête à 998 caractères.",
    "finding.ivr": (
        "Environ {seconds} s lu à {wpm} mots par minute ({words}) ; la limite est de {max} s"
    ),
    "finding.x_invalid": "X refuse les posts qui contiennent {char}",
    "finding.remove_invisible": "Le retirer (il est invisible).",
    "finding.hidden": "{char} est invisible ou change la lecture du texte qui l'entoure",
    "finding.hidden_hint": "Le retirer : retaper le texte qui l'entoure s'il a été collé.",
    "finding.bluesky_bytes": (
        "{size}/{limit} octets en UTF-8 (Bluesky limite aussi la taille d'un post en octets)"
    ),
    "finding.bluesky_bytes_hint": (
        "Les longues suites d'emoji et les lettres non latines prennent plusieurs octets chacune."
    ),
    "finding.push_payload": (
        "Titre et corps font {size} octets ; les services de notification refusent"
        " au-delà de {limit}"
    ),
    "finding.sms_parts": (
        "{parts} SMS, plus que le maximum de {max} : {units} {unit} en {encoding},"
        " {per_part} par SMS"
    ),
    "finding.shorten": "Raccourcir le message.",
    "finding.shorten_or_replace": (
        "Remplacer les caractères signalés par sms.ucs2 pour envoyer en GSM-7,"
        " ou raccourcir le message."
    ),
    "finding.ucs2": (
        "{char} n'est pas dans l'alphabet GSM-7 : le SMS part en UCS-2,"
        " {ucs2} caractères par SMS au lieu de {gsm}"
    ),
    "finding.ucs2_rest.one": "{count} n'est pas dans l'alphabet GSM-7 : {listed}",
    "finding.ucs2_rest.many": "{count} ne sont pas dans l'alphabet GSM-7 : {listed}",
    "finding.no_lookalike": (
        "Il n'a pas d'équivalent en GSM-7 : reformuler sans lui, ou accepter l'UCS-2."
    ),
    "finding.plain_space": "Mettre une espace simple à la place.",
    "finding.write_instead": "Écrire {replacement} à la place.",
    "finding.tone.found": "« {quoted} » : {rule}",
    "finding.tone.found_in": "« {quoted} » dans {where} : {rule}",
    "finding.tone.title": "le titre",
    "finding.tone.html": "la partie HTML",
    "finding.tone.missing": "manquant : {rule}",
    "finding.tone.broken": "règle {rule} : {reason} ; à corriger dans organisation.yaml",
    "finding.tone.no_compile": "le motif {pattern} ne se compile pas",
    "finding.tone.timeout": (
        "le motif {pattern} a pris plus de {seconds} s (retour arrière catastrophique ?)"
    ),
    # The tone rules by id: what a finding calls them, and the built-in rules' hints (an
    # organisation rule of the same id brings its own hint).
    "finding.rule.denial": "déni",
    "finding.rule.minimising": "minimisation",
    "finding.rule.blame": "mise en cause",
    "finding.rule.unverifiable-promise": "promesse invérifiable",
    "finding.rule.guarantee": "garantie",
    "finding.rule.condescension": "condescendance",
    "finding.rule.jargon": "jargon",
    "finding.rule.cold-formula": "formule toute faite",
    "finding.rule.link-in-breach-notice": "lien dans un avis de fuite",
    "finding.rule.next-update-time": "heure du prochain point",
    "finding.rule.where-to-follow": "où suivre",
    "finding.rule.apology": "excuses",
    "finding.hint.denial": "Reconnaissez la gêne telle que les clients la vivent.",
    "finding.hint.minimising": "Donnez le périmètre validé par le NOC, sans le réduire.",
    "finding.hint.blame": "Ne mettez en cause ni les clients ni des tiers : assumez.",
    "finding.hint.unverifiable-promise": (
        "N'annoncez que ce que le NOC a confirmé ; donnez plutôt l'heure du prochain point."
    ),
    "finding.hint.guarantee": (
        "Ne garantissez rien : dites ce que vous faites et quand vous ferez le point."
    ),
    "finding.hint.condescension": "Parlez d'égal à égal, avec empathie.",
    "finding.hint.jargon": (
        "Dites-le en mots simples : « une partie de nos équipements », « le réseau »."
    ),
    "finding.hint.cold-formula": (
        "Formule toute faite : dites plutôt ce que vous faites concrètement."
    ),
    "finding.hint.link-in-breach-notice": (
        "Pas de lien dans un SMS sur une fuite de données : il ressemblerait à un hameçonnage."
        " Dites d'ouvrir l'appli ou le site de soi-même."
    ),
    # `crisisplay check` without --lang: which language the text is read in, on stderr
    "check.language.fr": "français",
    "check.language.en": "anglais",
    "check.lang.recognised": "Texte lu en {name} (langue reconnue ; --lang pour en choisir une autre)",
    "check.lang.assumed": (
        "Texte lu en {name}, la première langue de l'organisation (langue non reconnue ;"
        " --lang pour la préciser)"
    ),
}
