
-- Up Migration

-- A prospect becomes a customer with its first order (a cancelled one does not count), however the order arrives (a phone's push, an
-- import, the seed). The status is a merged field, so the change carries a server stamp later than the
-- field's own: a phone that still holds 'prospect' from before takes 'customer' on its next pull, and an
-- older 'prospect' pushed afterwards loses the merge. One statement per insert, not one per order row.
CREATE FUNCTION outrider_prospect_ordered() RETURNS trigger AS $$
BEGIN
  UPDATE customers c
     SET doc = jsonb_set(
           jsonb_set(
             jsonb_set(c.doc, '{status}', '"customer"'),
             '{clocks,status}',
             to_jsonb(lpad(greatest(
               floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint,
               coalesce(nullif(left(c.doc #>> '{clocks,status}', 13), '')::bigint, 0) + 1
             )::text, 13, '0') || '-0000-server')),
           '{updatedAt}',
           to_jsonb(to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
    FROM (SELECT DISTINCT customer_id FROM added WHERE doc ->> 'status' IS DISTINCT FROM 'cancelled') a
   WHERE c.id = a.customer_id AND c.doc ->> 'status' = 'prospect';
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER orders_prospect_ordered AFTER INSERT ON orders
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION outrider_prospect_ordered();
