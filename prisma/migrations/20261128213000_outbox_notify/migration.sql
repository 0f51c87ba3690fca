-- Workers apart from the web process LISTEN on this channel to deliver a new submission at once instead of at
-- their next poll. One notification per statement, carrying nothing: the row is read from the outbox as usual.
CREATE FUNCTION "submission_notify"() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('leadrelay_outbox', '');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Submission_notify" AFTER INSERT ON "Submission"
  FOR EACH STATEMENT EXECUTE FUNCTION "submission_notify"();
