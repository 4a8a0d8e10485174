"""The shared store's schema, versioned: each migration is applied once, in order, by
`crisisplay store init` (under an advisory lock, so two inits at once do not race), which also
writes the rules of the append function (:mod:`crisisplay.timeline.pgrules`) each time.

Events keep the file store's canonical line verbatim (``line``, without its newline) beside
the columns the server needs: the position, the hash, the client-made event id that makes a
retried commit land once, and the login the server authenticated. Appends go through one
function, ``crisisplay.append``; cell members may call it and read, nothing else. It records
only lines every reader reads, one append at a time per incident under the lock of the
incident's row, which no one else can take, and gives up after :data:`LOCK_SECONDS`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crisisplay.errors import UsageError
from crisisplay.timeline.pgrules import rules

if TYPE_CHECKING:
    import psycopg

SCHEMA = "crisisplay"
MEMBER_ROLE = "crisisplay_member"
CHANNEL = "crisisplay_events"
#: how long an append waits for another one on the same incident before it gives up
LOCK_SECONDS = 5
#: how long `store init` waits for another one
INIT_LOCK_SECONDS = 30

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

# Version 2: the append function refuses any line a reader would refuse (the rules come from
# the Python declarations, see crisisplay.timeline.pgrules, and each `store init` writes them
# into crisisplay.rules), and it serialises appends with a row lock on the incident's head,
# which no one but the function can take, under a lock timeout.
_V2 = r"""
CREATE TABLE crisisplay.rules (
    name        text PRIMARY KEY,
    rule        jsonb NOT NULL
);

-- An integer or a float as Python's json module writes it back (the canonical form), or NULL
-- when it cannot: an integer past the digits Python reads, a float past a double's range.
-- (STABLE: a float's digits depend on extra_float_digits, which the append function sets.)
CREATE FUNCTION crisisplay.number_text(token text, max_digits int) RETURNS text
LANGUAGE plpgsql STABLE STRICT AS $$
DECLARE
    x float8;
    shortest text;
    parts text[];
    sign text := '';
    digits text;
    point int;
    lead int;
    shorter numeric;
    fewer text;
    moved int;
BEGIN
    IF token ~ '^-?[0-9]+$' THEN
        IF length(ltrim(token, '-')) > max_digits THEN
            RETURN NULL;
        END IF;
        RETURN CASE WHEN token = '-0' THEN '0' ELSE token END;
    END IF;
    BEGIN
        x := token::float8;
    EXCEPTION WHEN numeric_value_out_of_range OR invalid_text_representation THEN
        RETURN NULL;
    END;
    -- the shortest digits that read back as x (extra_float_digits is 1 in the append function)
    shortest := x::text;
    IF left(shortest, 1) = '-' THEN
        sign := '-';
        shortest := substr(shortest, 2);
    END IF;
    parts := regexp_match(shortest, '^([0-9]+)(?:\.([0-9]+))?(?:e([-+][0-9]+))?$');
    IF parts IS NULL THEN
        RETURN NULL;  -- Infinity, NaN
    END IF;
    digits := parts[1] || coalesce(parts[2], '');
    point := length(parts[1]) + coalesce(parts[3]::int, 0);
    lead := length(digits) - length(ltrim(digits, '0'));
    digits := rtrim(ltrim(digits, '0'), '0');
    point := point - lead;
    IF digits = '' THEN
        RETURN sign || '0.0';
    END IF;
    -- PostgreSQL writes some integers in full (5.4548388005169504e+16) where Python writes the
    -- shortest digits that read back as x (5.45483880051695e+16): drop digits while they do
    WHILE length(digits) > 1 LOOP
        shorter := round(('0.' || digits)::numeric, length(digits) - 1);
        IF shorter = 1 THEN
            fewer := '1';
            moved := point + 1;
        ELSE
            fewer := rtrim(substr(shorter::text, 3), '0');
            moved := point;
        END IF;
        EXIT WHEN ('0.' || fewer || 'e' || moved)::numeric > 1.7976931348623157e308;
        EXIT WHEN (sign || '0.' || fewer || 'e' || moved)::float8 <> x;
        digits := fewer;
        point := moved;
    END LOOP;
    -- x is 0.<digits> times ten to the power point: Python's repr writes it plainly from 1e-4
    -- up to 1e16, with at least one digit after the point, and in exponent form otherwise
    IF point > -4 AND point <= 16 THEN
        IF point <= 0 THEN
            RETURN sign || '0.' || repeat('0', -point) || digits;
        ELSIF point >= length(digits) THEN
            RETURN sign || digits || repeat('0', point - length(digits)) || '.0';
        END IF;
        RETURN sign || left(digits, point) || '.' || substr(digits, point + 1);
    END IF;
    RETURN sign || left(digits, 1)
        || CASE WHEN length(digits) > 1 THEN '.' || substr(digits, 2) ELSE '' END
        || 'e' || CASE WHEN point - 1 < 0 THEN '-' ELSE '+' END
        || CASE WHEN abs(point - 1) < 10 THEN '0' ELSE '' END || abs(point - 1)::text;
END $$;

-- The canonical encoding of j, as crisisplay writes a line (keys sorted by code point, no
-- space, strings and numbers as Python's json module writes them), or NULL when it has none:
-- a key twice, a number no reader holds, nesting deeper than depth_left.
CREATE FUNCTION crisisplay.canonical(j json, depth_left int, max_digits int) RETURNS text
LANGUAGE plpgsql STABLE STRICT AS $$
DECLARE
    kind text := json_typeof(j);
    body text;
    items bigint;
    keys bigint;
    lost boolean;
BEGIN
    IF kind = 'string' THEN
        RETURN to_json(j #>> '{}')::text;
    ELSIF kind = 'number' THEN
        RETURN crisisplay.number_text(j #>> '{}', max_digits);
    ELSIF kind = 'boolean' THEN
        RETURN j #>> '{}';
    ELSIF kind = 'null' THEN
        RETURN 'null';
    ELSIF depth_left <= 0 THEN
        RETURN NULL;
    ELSIF kind = 'object' THEN
        SELECT string_agg(to_json(e.key)::text || ':' || e.c, ',' ORDER BY e.key COLLATE "C"),
               count(*), count(DISTINCT e.key), bool_or(e.c IS NULL)
          INTO body, items, keys, lost
          FROM (SELECT o.key, crisisplay.canonical(o.value, depth_left - 1, max_digits) AS c
                  FROM json_each(j) o OFFSET 0) e;  -- OFFSET 0: c is computed once a row
        IF items <> keys OR lost THEN
            RETURN NULL;
        END IF;
        RETURN '{' || coalesce(body, '') || '}';
    END IF;
    SELECT string_agg(e.c, ',' ORDER BY e.i), bool_or(e.c IS NULL) INTO body, lost
      FROM (SELECT a.i, crisisplay.canonical(a.value, depth_left - 1, max_digits) AS c
              FROM json_array_elements(j) WITH ORDINALITY AS a (value, i) OFFSET 0) e;
    IF lost THEN
        RETURN NULL;
    END IF;
    RETURN '[' || coalesce(body, '') || ']';
END $$;

-- Whether t is an event time: the form of the rule, and a real day and time of day.
CREATE FUNCTION crisisplay.is_time(t text, form text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
    y int;
    m int;
    d int;
BEGIN
    IF t !~ form THEN
        RETURN false;
    END IF;
    y := substr(t, 1, 4)::int;
    m := substr(t, 6, 2)::int;
    d := substr(t, 9, 2)::int;
    IF m NOT BETWEEN 1 AND 12 THEN
        RETURN false;
    END IF;
    RETURN d BETWEEN 1 AND extract(day FROM make_date(y, m, 1) + interval '1 month - 1 day')
        AND substr(t, 12, 2)::int < 24 AND substr(t, 15, 2)::int < 60
        AND substr(t, 18, 2)::int < 60;
END $$;

-- Why v is not of the type rule t (crisisplay.pgrules says the types), or NULL.
CREATE FUNCTION crisisplay.value_problem(v json, t jsonb, time_form text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
    kind text := json_typeof(v);
    type_name text;
    item record;
    problem text;
BEGIN
    IF jsonb_typeof(t) = 'string' THEN
        type_name := t #>> '{}';
        IF type_name = 'json'
           OR (type_name = 'text' AND kind = 'string')
           OR (type_name = 'int' AND kind = 'number' AND (v #>> '{}') ~ '^-?[0-9]+$')
           OR (type_name = 'number' AND kind = 'number')
           OR (type_name = 'bool' AND kind = 'boolean')
           OR (type_name = 'moment' AND kind = 'string'
               AND crisisplay.is_time(v #>> '{}', time_form))
           OR (type_name = 'textmap' AND kind = 'object' AND NOT EXISTS (
                   SELECT 1 FROM json_each(v) o WHERE json_typeof(o.value) <> 'string')) THEN
            RETURN NULL;
        END IF;
        RETURN 'not ' || CASE type_name WHEN 'int' THEN 'a whole number'
            WHEN 'bool' THEN 'true/false' WHEN 'moment' THEN 'a time'
            WHEN 'textmap' THEN 'an object of texts' WHEN 'number' THEN 'a number'
            ELSE type_name END;
    ELSIF t ? 'optional' THEN
        IF kind = 'null' THEN
            RETURN NULL;
        END IF;
        RETURN crisisplay.value_problem(v, t -> 'optional', time_form);
    ELSIF t ? 'one_of' THEN
        IF kind = 'string' AND (t -> 'one_of') ? (v #>> '{}') THEN
            RETURN NULL;
        END IF;
        RETURN 'not one of ' || (t -> 'one_of')::text;
    ELSIF t ? 'list' THEN
        IF kind <> 'array' THEN
            RETURN 'not a list';
        END IF;
        FOR item IN SELECT a.value, a.i FROM json_array_elements(v) WITH ORDINALITY AS a (value, i)
        LOOP
            problem := crisisplay.value_problem(item.value, t -> 'list', time_form);
            IF problem IS NOT NULL THEN
                RETURN format('[%s]: %s', item.i - 1, problem);
            END IF;
        END LOOP;
        RETURN NULL;
    ELSIF t ? 'record' THEN
        IF kind <> 'object' THEN
            RETURN 'not an object';
        END IF;
        RETURN crisisplay.fields_problem(v, t -> 'record', time_form);
    END IF;
    RETURN 'of a type this store does not know';
END $$;

-- Why the object v does not match the declaration spec (a kind's payload, or a record).
CREATE FUNCTION crisisplay.fields_problem(v json, spec jsonb, time_form text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
    key text;
    field jsonb;
    value json;
    problem text;
BEGIN
    FOR key IN SELECT json_object_keys(v) LOOP
        IF key = 'schema' THEN
            value := v -> 'schema';
            IF json_typeof(value) <> 'number' OR (value #>> '{}') !~ '^[1-9][0-9]{0,8}$' THEN
                RETURN format('schema %s is not one this store reads', value);
            ELSIF (value #>> '{}')::int > (spec ->> 'schema')::int THEN
                RETURN format('schema %s is not one this store reads', value);
            END IF;
        ELSIF NOT EXISTS (SELECT 1 FROM jsonb_array_elements(spec -> 'fields') f
                          WHERE f ->> 'name' = key) THEN
            RETURN format('unknown key %s', to_json(key));
        END IF;
    END LOOP;
    FOR field IN SELECT f FROM jsonb_array_elements(spec -> 'fields') f LOOP
        value := v -> (field ->> 'name');
        IF value IS NULL THEN
            IF (field ->> 'required')::boolean THEN
                RETURN format('missing key %s', to_json(field ->> 'name'));
            END IF;
        ELSE
            problem := crisisplay.value_problem(value, field -> 'type', time_form);
            IF problem IS NOT NULL THEN
                RETURN format('%s: %s', field ->> 'name', problem);
            END IF;
        END IF;
    END LOOP;
    RETURN NULL;
END $$;

-- Why a reader would refuse line on its own (rule: the 'line' rule), or NULL.
CREATE FUNCTION crisisplay.line_problem(line text, rule jsonb) RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE
    j json;
    encoded text;
    fields jsonb;
    kind_rule jsonb;
    problem text;
    time_form text := rule ->> 'time';
BEGIN
    IF line IS NULL OR rule IS NULL THEN
        RETURN 'no line, or no rules (run `crisisplay store init`)';
    END IF;
    IF octet_length(convert_to(line, 'UTF8')) > (rule ->> 'max_bytes')::int THEN
        RETURN format('longer than %s bytes', rule ->> 'max_bytes');
    END IF;
    BEGIN
        j := line::json;
        encoded := crisisplay.canonical(j, (rule ->> 'max_depth')::int,
                                        (rule ->> 'max_int_digits')::int);
    EXCEPTION WHEN data_exception OR program_limit_exceeded OR untranslatable_character THEN
        RETURN 'not JSON as crisisplay writes it (' || SQLERRM || ')';
    END;
    IF encoded IS DISTINCT FROM line THEN
        RETURN 'not in the canonical form (keys sorted and once each, no space, strings and '
            || 'numbers as crisisplay writes them)';
    END IF;
    IF json_typeof(j) <> 'object' THEN
        RETURN 'not a JSON object';
    END IF;
    SELECT jsonb_agg(k ORDER BY k COLLATE "C") INTO fields FROM json_object_keys(j) k;
    IF fields IS DISTINCT FROM rule -> 'fields' AND fields IS DISTINCT FROM rule -> 'act_fields'
       AND fields IS DISTINCT FROM rule -> 'signed_fields' THEN
        RETURN 'wrong fields ' || coalesce(fields::text, '[]');
    END IF;
    IF (j -> 'by') IS NOT NULL AND (json_typeof(j -> 'by') <> 'string' OR j ->> 'by' = ''
        OR coalesce(json_typeof(j -> 'sig'), 'string') <> 'string' OR j ->> 'sig' = '') THEN
        RETURN 'by or sig is not a non-empty string';
    END IF;
    IF (j -> 'v')::text IS DISTINCT FROM rule ->> 'version' THEN
        RETURN format('unknown event format version %s', j -> 'v');
    END IF;
    IF json_typeof(j -> 'seq') <> 'number' OR (j ->> 'seq') !~ '^[1-9][0-9]*$' THEN
        RETURN 'seq is not a positive integer';
    END IF;
    IF json_typeof(j -> 'incident') <> 'string' OR j ->> 'incident' = ''
       OR json_typeof(j -> 'actor') <> 'string' OR j ->> 'actor' = '' THEN
        RETURN 'incident or actor is not a non-empty string';
    END IF;
    IF json_typeof(j -> 'kind') <> 'string' OR (j ->> 'kind') !~ (rule ->> 'kind') THEN
        RETURN 'kind is not dotted (note.added)';
    END IF;
    IF json_typeof(j -> 'role') NOT IN ('null', 'string') THEN
        RETURN 'role is neither a string nor null';
    END IF;
    IF json_typeof(j -> 'time') <> 'string' OR NOT crisisplay.is_time(j ->> 'time', time_form) THEN
        RETURN 'time is not YYYY-MM-DDTHH:MM:SS.mmmZ (a real day, from 1970 to 2999)';
    END IF;
    IF json_typeof(j -> 'prev') <> 'string' OR (j ->> 'prev') !~ '^[0-9a-f]{64}$'
       OR json_typeof(j -> 'hash') <> 'string' OR (j ->> 'hash') !~ '^[0-9a-f]{64}$' THEN
        RETURN 'prev or hash is not 64 lowercase hex digits';
    END IF;
    IF json_typeof(j -> 'payload') <> 'object' THEN
        RETURN 'payload is not a JSON object';
    END IF;
    -- A kind this store has no rule for is one of a newer crisisplay: readers keep it as it is.
    SELECT r.rule INTO kind_rule FROM crisisplay.rules r WHERE r.name = 'kind:' || (j ->> 'kind');
    IF kind_rule IS NULL THEN
        RETURN NULL;
    END IF;
    problem := crisisplay.fields_problem(j -> 'payload', kind_rule, time_form);
    IF problem IS NOT NULL THEN
        RETURN format('the %s payload is malformed: %s', j ->> 'kind', problem);
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION crisisplay.append(
    p_incident text, p_seq bigint, p_head text, p_ids uuid[], p_hashes text[], p_lines text[]
) RETURNS TABLE (status text, seq bigint, hash text)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = crisisplay, pg_temp
SET lock_timeout = '{lock_seconds}s'
SET extra_float_digits = 1
AS $$
DECLARE
    head_row crisisplay.incidents%ROWTYPE;
    line_rule jsonb;
    problem text;
    known bigint;
    obj json;
    n int := coalesce(array_length(p_lines, 1), 0);
    prev text := p_head;
    cut int;
BEGIN
    IF n = 0 OR array_length(p_ids, 1) IS DISTINCT FROM n
       OR array_length(p_hashes, 1) IS DISTINCT FROM n THEN
        RAISE EXCEPTION 'append: ids, hashes and lines must be as many, at least one';
    END IF;
    SELECT r.rule INTO line_rule FROM crisisplay.rules r WHERE r.name = 'line';
    FOR i IN 1 .. n LOOP
        problem := crisisplay.line_problem(p_lines[i], line_rule);
        IF problem IS NOT NULL THEN
            RAISE EXCEPTION 'append: line % is not an event crisisplay reads: %', i, problem
                USING ERRCODE = 'data_exception';
        END IF;
    END LOOP;
    -- One append at a time per incident: the lock of its head row, which only this function
    -- takes (members may not lock rows of the table; outsiders may not read it).
    SELECT * INTO head_row FROM crisisplay.incidents i WHERE i.id = p_incident FOR UPDATE;
    IF NOT FOUND THEN
        IF p_seq <> 0 OR p_head <> repeat('0', 64) THEN
            RETURN QUERY SELECT 'moved'::text, 0::bigint, repeat('0', 64);
            RETURN;
        END IF;
        INSERT INTO crisisplay.incidents (id) VALUES (p_incident) ON CONFLICT (id) DO NOTHING;
        SELECT * INTO head_row FROM crisisplay.incidents i WHERE i.id = p_incident FOR UPDATE;
    END IF;
    SELECT count(*) INTO known FROM crisisplay.events e WHERE e.event_id = ANY (p_ids);
    IF known = n AND head_row.head_seq > 0 THEN
        RETURN QUERY SELECT 'duplicate'::text, max(e.seq), NULL::text
            FROM crisisplay.events e WHERE e.event_id = ANY (p_ids);
        RETURN;
    ELSIF known > 0 THEN
        RAISE EXCEPTION 'append: part of these events were recorded before';
    END IF;
    IF head_row.head_seq <> p_seq OR head_row.head_hash <> p_head THEN
        RETURN QUERY SELECT 'moved'::text, head_row.head_seq, head_row.head_hash;
        RETURN;
    END IF;
    FOR i IN 1 .. n LOOP
        obj := p_lines[i]::json;
        cut := strpos(p_lines[i], ',"hash":"');
        IF (obj ->> 'seq')::bigint <> p_seq + i OR obj ->> 'prev' <> prev
           OR obj ->> 'incident' <> p_incident OR obj ->> 'hash' <> p_hashes[i] OR cut = 0
           OR encode(sha256(convert_to(
                  left(p_lines[i], cut - 1) || substr(p_lines[i], cut + 74), 'UTF8')), 'hex')
              <> p_hashes[i] THEN
            RAISE EXCEPTION 'append: line % does not follow the chain of %', i, p_incident;
        END IF;
        IF i = 1 AND p_seq = 0 THEN
            UPDATE crisisplay.incidents
                SET scenario = obj -> 'payload' ->> 'scenario',
                    drill = CASE WHEN json_typeof(obj -> 'payload' -> 'drill') = 'boolean'
                                 THEN (obj -> 'payload' ->> 'drill')::boolean ELSE false END,
                    started = obj ->> 'time'
                WHERE id = p_incident;
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

REVOKE ALL ON crisisplay.rules FROM PUBLIC;
REVOKE ALL ON FUNCTION crisisplay.number_text(text, int), crisisplay.canonical(json, int, int),
    crisisplay.is_time(text, text), crisisplay.value_problem(json, jsonb, text),
    crisisplay.fields_problem(json, jsonb, text), crisisplay.line_problem(text, jsonb)
    FROM PUBLIC;
""".replace("{lock_seconds}", str(LOCK_SECONDS))

#: every migration, in order; the schema's version is how many have been applied
MIGRATIONS: tuple[str, ...] = (_V1, _V2)
VERSION = len(MIGRATIONS)

_VERSION_TABLE = """
CREATE SCHEMA IF NOT EXISTS crisisplay;
CREATE TABLE IF NOT EXISTS crisisplay.schema_version (version integer NOT NULL);
GRANT USAGE ON SCHEMA crisisplay TO PUBLIC;
"""
_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('crisisplay:schema', 0))"
_GRANT_VERSION = "GRANT SELECT ON crisisplay.schema_version TO PUBLIC"


def migrate(conn: object) -> tuple[int, int]:
    """Bring the schema to :data:`VERSION` and write the append function's rules, in one
    transaction; returns (before, after). A login that may not is told who may."""
    import psycopg  # noqa: PLC0415

    assert isinstance(conn, psycopg.Connection)
    try:
        with conn.transaction():
            conn.execute(f"SET LOCAL lock_timeout = '{INIT_LOCK_SECONDS}s'")
            conn.execute(_LOCK)
            conn.execute(_VERSION_TABLE)
            row = conn.execute("SELECT max(version) FROM crisisplay.schema_version").fetchone()
            before = int(row[0]) if row and row[0] is not None else 0
            for script in MIGRATIONS[before:]:
                conn.execute(script)
            if before < VERSION:
                conn.execute("DELETE FROM crisisplay.schema_version")
                conn.execute("INSERT INTO crisisplay.schema_version VALUES (%s)", (VERSION,))
            _write_rules(conn)
            conn.execute(_GRANT_VERSION)
    except psycopg.errors.InsufficientPrivilege:
        raise _not_allowed(conn) from None
    except psycopg.errors.LockNotAvailable:
        raise UsageError(
            f"another session has held the shared store's schema for more than "
            f"{INIT_LOCK_SECONDS} s (another `crisisplay store init`?): nothing was changed"
        ) from None
    return before, VERSION


def _write_rules(conn: psycopg.Connection[Any]) -> None:
    """The rules of the append function, generated from this crisisplay's declarations."""
    from psycopg.types.json import Jsonb  # noqa: PLC0415

    conn.execute("DELETE FROM crisisplay.rules")
    with conn.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO crisisplay.rules (name, rule) VALUES (%s, %s)",
            [(name, Jsonb(rule)) for name, rule in rules()],
        )


def _not_allowed(conn: psycopg.Connection[Any]) -> UsageError:
    row = conn.execute(
        "SELECT current_user, (SELECT pg_get_userbyid(nspowner) FROM pg_namespace "
        "WHERE nspname = 'crisisplay')"
    ).fetchone()
    login, owner = (row[0], row[1]) if row else ("?", None)
    who = (
        f"{owner}, the owner of the crisisplay schema, or a superuser"
        if owner
        else "the owner of the database (a login that may create its schema and the role "
        f"{MEMBER_ROLE}) or a superuser"
    )
    return UsageError(
        f"the login {login} may not run `crisisplay store init`: only {who} may",
        hint=f"members need nothing more than the role {MEMBER_ROLE}",
    )
