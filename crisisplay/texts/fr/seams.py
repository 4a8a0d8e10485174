"""What the text checks say in French: template seams and statements that differ between channels."""

TEXTS: dict[str, str] = {
    "seam.double_space": "Deux espaces de suite : « {words} »",
    "seam.double_space.hint": (
        "Un morceau du modèle est vide à cet endroit : retirez l'espace de trop ou la condition."
    ),
    "seam.leading_space": "Une ligne commence par une espace : « {words} »",
    "seam.leading_space.hint": "Retirez l'espace en début de ligne (ou l'espace avant une balise).",
    "seam.lower_case": "Une phrase commence par une minuscule : « {words} »",
    "seam.lower_case.hint": (
        "Deux morceaux sont mal joints : finissez la phrase d'avant autrement, ou faites"
        " commencer celle-ci par une majuscule."
    ),
    "seam.url_stop": "Le lien {url} est suivi d'un mot en majuscule sans point : « {words} »",
    "seam.url_stop.hint": "Mettez un point après le lien, ou passez à la ligne.",
    "seam.quote": "Guillemet {quote} sans son pendant : « {words} »",
    "seam.quote.hint": "Fermez la citation sur la même ligne, ou retirez le guillemet isolé.",
    "seam.line_break": "Un élément de liste est collé à la fin de la ligne précédente : « {words} »",
    "seam.line_break.hint": "Un saut de ligne manque entre les deux : remettez-le dans le modèle.",
    "seam.repeated_label": "Le libellé « {label} » est répété par sa valeur",
    "seam.repeated_label.hint": (
        "Gardez le libellé et une valeur courte, ou écrivez une phrase sans libellé."
    ),
    "seam.choice": "Un choix est resté entre parenthèses : {words}",
    "seam.choice.hint": (
        "Dites lequel des deux est vrai (un fait de plus), ou dites-le en une phrase."
    ),
    "seam.gsm_spelling": "« {word} » est mal orthographié pour tenir dans l'alphabet des SMS",
    "seam.gsm_spelling.hint": (
        "Écrivez le mot juste dans les autres canaux et tournez la phrase autrement dans le SMS."
    ),
    "coherence.differs": (
        "{fact} : ce canal dit « {sentence} », alors que {other} dit « {other_sentence} »"
    ),
    "coherence.differs.hint": (
        "Un fait s'écrit une seule fois, dans la phrase partagée du scénario : reprenez-la."
    ),
    "coherence.fact.112": "le 112",
    "coherence.fact.estimate": "l'heure de retour estimée",
    "coherence.fact.next": "l'heure du prochain point",
    "coherence.fact.since": "l'heure de début",
    "coherence.fact.now": "l'heure du point",
    "coherence.fact.percent": "la part de clients",
    "coherence.fact.customers": "le nombre de clients",
    "coherence.fact.euros": "le montant",
    "coherence.fact.data": "le volume d'internet mobile",
    "coherence.fact.date": "la date",
}
