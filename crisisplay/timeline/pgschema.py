"""The shared store's schema, versioned: each migration is applied once, in order, by
`crisisplay store init` (under an advisory lock, so two inits at once do not race).

Events keep the file store's canonical line verbatim (``line``, without its newline) beside
the columns the server needs: the position, the hash, the client-made event id that makes a
retried commit land once, and the login the server authenticated. Appends go through one
function, ``crisisplay.append``; cell members may call it and read, nothing else.
"""

from __future__ import annotations

SCHEMA = "crisisplay"
MEMBER_ROLE = "crisisplay_member"
CHANNEL = "crisisplay_events"

_V1 = r"""
CREATE SCHEMA IF NOT EXISTS crisisplay;

CREATE TABLE crisisplay.incidents (
    id          text PRIMARY KEY,
    scenario    text,
    drill       boolean NOT NULL DEFAULT false,
    state       text NOT NULL DEFAULT 'open',
    started     text,
    last_event  text,
    head_seq    bigint NOT NULL DEFAULT 0,
    head_hash   text NOT NULL DEFAULT repeat('0', 64)
);

CREATE TABLE crisisplay.events (
    incident    text NOT NULL REFERENCES crisisplay.incidents (id),
    seq         bigint NOT NULL CHECK (seq >= 1),
    event_id    uuid NOT NULL UNIQUE,
    hash        text NOT NULL,
    line        text NOT NULL,
    login       text NOT NULL,
    received    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (incident, seq)
);

CREATE FUNCTION crisisplay.refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'crisisplay events are append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON crisisplay.events
    FOR EACH ROW EXECUTE FUNCTION crisisplay.refuse_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON crisisplay.events
    FOR EACH STATEMENT EXECUTE FUNCTION crisisplay.refuse_change();

-- status: 'recorded' (these lines now end the incident), 'duplicate' (these event ids were
-- recorded before: a retry) or 'moved' (the head is not the one the lines were sealed on).
CREATE FUNCTION crisisplay.append(
    p_incident text, p_seq bigint, p_head text, p_ids uuid[], p_hashes text[], p_lines text[]
) RETURNS TABLE (status text, seq bigint, hash text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = crisisplay, pg_temp AS $$
DECLARE
    head_row crisisplay.incidents%ROWTYPE;
    known bigint;
    obj jsonb;
    n int := coalesce(array_length(p_lines, 1), 0);
    prev text := p_head;
    cut int;
BEGIN
    IF n = 0 OR array_length(p_ids, 1) <> n OR array_length(p_hashes, 1) <> n THEN
        RAISE EXCEPTION 'append: ids, hashes and lines must be as many, at least one';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtextextended('crisisplay:' || p_incident, 0));
    SELECT count(*) INTO known FROM crisisplay.events e WHERE e.event_id = ANY (p_ids);
    IF known = n THEN
        RETURN QUERY SELECT 'duplicate'::text, max(e.seq), NULL::text
            FROM crisisplay.events e WHERE e.event_id = ANY (p_ids);
        RETURN;
    ELSIF known > 0 THEN
        RAISE EXCEPTION 'append: part of these events were recorded before';
    END IF;
    SELECT * INTO head_row FROM crisisplay.incidents i WHERE i.id = p_incident;
    IF NOT FOUND THEN
        head_row.head_seq := 0;
        head_row.head_hash := repeat('0', 64);
    END IF;
    IF head_row.head_seq <> p_seq OR head_row.head_hash <> p_head THEN
        RETURN QUERY SELECT 'moved'::text, head_row.head_seq, head_row.head_hash;
        RETURN;
    END IF;
    FOR i IN 1 .. n LOOP
        obj := p_lines[i]::jsonb;
        cut := strpos(p_lines[i], ',"hash":"');
        IF (obj ->> 'seq')::bigint <> p_seq + i OR obj ->> 'prev' <> prev
           OR obj ->> 'incident' <> p_incident OR obj ->> 'hash' <> p_hashes[i] OR cut = 0
           OR encode(sha256(convert_to(
                  left(p_lines[i], cut - 1) || substr(p_lines[i], cut + 74), 'UTF8')), 'hex')
              <> p_hashes[i] THEN
            RAISE EXCEPTION 'append: line % does not follow the chain of %', i, p_incident;
        END IF;
        IF i = 1 AND p_seq = 0 THEN
            INSERT INTO crisisplay.incidents (id, scenario, drill, started)
            VALUES (p_incident, obj -> 'payload' ->> 'scenario',
                    coalesce((obj -> 'payload' ->> 'drill')::boolean, false), obj ->> 'time');
        END IF;
        INSERT INTO crisisplay.events (incident, seq, event_id, hash, line, login)
        VALUES (p_incident, p_seq + i, p_ids[i], p_hashes[i], p_lines[i], session_user);
        IF obj ->> 'kind' = 'incident.resolved' THEN
            UPDATE crisisplay.incidents SET state = 'resolved' WHERE id = p_incident;
        END IF;
        prev := p_hashes[i];
    END LOOP;
    UPDATE crisisplay.incidents
        SET head_seq = p_seq + n, head_hash = prev, last_event = obj ->> 'time'
        WHERE id = p_incident;
    PERFORM pg_notify('crisisplay_events',
                      json_build_object('incident', p_incident, 'seq', p_seq + n)::text);
    RETURN QUERY SELECT 'recorded'::text, p_seq + n, prev;
END $$;

REVOKE ALL ON ALL TABLES IN SCHEMA crisisplay FROM PUBLIC;
REVOKE ALL ON FUNCTION crisisplay.append(text, bigint, text, uuid[], text[], text[]) FROM PUBLIC;
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'crisisplay_member') THEN
        CREATE ROLE crisisplay_member NOLOGIN;
    END IF;
END $$;
GRANT USAGE ON SCHEMA crisisplay TO crisisplay_member;
GRANT SELECT ON crisisplay.incidents, crisisplay.events TO crisisplay_member;
GRANT EXECUTE ON FUNCTION crisisplay.append(text, bigint, text, uuid[], text[], text[])
    TO crisisplay_member;
"""

#: every migration, in order; the schema's version is how many have been applied
MIGRATIONS: tuple[str, ...] = (_V1,)
VERSION = len(MIGRATIONS)

_VERSION_TABLE = """
CREATE SCHEMA IF NOT EXISTS crisisplay;
CREATE TABLE IF NOT EXISTS crisisplay.schema_version (version integer NOT NULL);
GRANT USAGE ON SCHEMA crisisplay TO PUBLIC;
"""
_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('crisisplay:schema', 0))"
_GRANT_VERSION = "GRANT SELECT ON crisisplay.schema_version TO PUBLIC"


def migrate(conn: object) -> tuple[int, int]:
    """Bring the schema to :data:`VERSION` in one transaction; returns (before, after)."""
    import psycopg

    assert isinstance(conn, psycopg.Connection)
    with conn.transaction():
        conn.execute(_LOCK)
        conn.execute(_VERSION_TABLE)
        row = conn.execute("SELECT max(version) FROM crisisplay.schema_version").fetchone()
        before = int(row[0]) if row and row[0] is not None else 0
        for script in MIGRATIONS[before:]:
            conn.execute(script)
        if before < VERSION:
            conn.execute("DELETE FROM crisisplay.schema_version")
            conn.execute("INSERT INTO crisisplay.schema_version VALUES (%s)", (VERSION,))
        conn.execute(_GRANT_VERSION)
    return before, VERSION
