"""One incident of the crisis cell: its situation, the rule book, the acts and the lead's board.

``situation`` projects the folded timeline once for every view; ``rules`` says who may do each
act; the operations decide each act from the situation; ``record`` checks and appends them;
``board`` is the lead's live board, which asks its person and builds requests; ``run`` starts and
resumes an incident.
"""
