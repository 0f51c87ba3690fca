-- Screening's count-based verdict, decided where the counts are (lib/abuse/screen.ts), so a post can be screened and
-- stored in one statement (lib/submission/accept.ts). Records the post and counts the ones before it
-- (record_form_post), then: over the address limit, 'rate_limited'; a suspect (honeypot, filled too fast), 'hold'; over
-- the form limit without a proof of work, 'challenge' for a browser that can solve one, else 'hold' as a flood;
-- otherwise 'accept'.
CREATE FUNCTION "screen_post"(form_id text, post_address text, window_minutes int, address_limit int, form_limit int,
  suspect "HeldReason", proven boolean, can_prove boolean, OUT verdict text, OUT "heldReason" "HeldReason") AS $$
DECLARE
  by_address int;
  by_form int;
BEGIN
  SELECT r."byAddress", r."byForm" INTO by_address, by_form FROM record_form_post(form_id, post_address, window_minutes, address_limit, form_limit) AS r;
  IF address_limit > 0 AND by_address >= address_limit THEN
    verdict := 'rate_limited';
  ELSIF suspect IS NOT NULL THEN
    verdict := 'hold';
    "heldReason" := suspect;
  ELSIF form_limit > 0 AND by_form >= form_limit AND NOT proven THEN
    IF can_prove THEN
      verdict := 'challenge';
    ELSE
      verdict := 'hold';
      "heldReason" := 'flood';
    END IF;
  ELSE
    verdict := 'accept';
  END IF;
END;
$$ LANGUAGE plpgsql;
