-- The render cache's change log (lib/data/render-versions.ts, scripts/serve.mjs).
-- Every statement that changes what a person's pages show adds a row for their scope ("user:<id>", or
-- "email:<address>" for invitations, which are addressed by email); every statement that changes what everyone's pages
-- show (the taxonomy, certifications, settings) adds a "global" row. A scope's version is the sum of its weights:
-- rows are only ever added in the writing transaction, so the sum grows with every commit, and no writer waits for
-- another (no shared counter row is locked). The hourly clean-up folds a scope's old rows into one of the same weight.

-- CreateTable
CREATE TABLE "ViewChange" (
    "id" BIGSERIAL NOT NULL,
    "scope" TEXT NOT NULL,
    "weight" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ViewChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ViewChange_scope_weight_idx" ON "ViewChange"("scope", "weight");

-- A person's rows: one trigger per table and event (a trigger with transition tables has one event), each adding
-- one row per person the statement touched, in the statement that touched them.
CREATE FUNCTION skillgap_view_change_people() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  col text := TG_ARGV[0];
  prefix text := TG_ARGV[1];
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE format('INSERT INTO "ViewChange" ("scope") SELECT DISTINCT %L || lower(%I) FROM new_rows WHERE %I IS NOT NULL', prefix, col, col);
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE format('INSERT INTO "ViewChange" ("scope") SELECT DISTINCT %L || lower(%I) FROM old_rows WHERE %I IS NOT NULL', prefix, col, col);
  ELSE
    EXECUTE format('INSERT INTO "ViewChange" ("scope") SELECT %L || lower(v) FROM (SELECT %I AS v FROM new_rows UNION SELECT %I FROM old_rows) s WHERE v IS NOT NULL', prefix, col, col);
  END IF;
  RETURN NULL;
END
$fn$;

CREATE FUNCTION skillgap_view_change_global() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO "ViewChange" ("scope") VALUES ('global');
  RETURN NULL;
END
$fn$;

DO $do$
DECLARE
  t record;
  ev text;
BEGIN
  -- (table, column, scope prefix). Ids are cuids (lower case already); email addresses are compared lower-cased.
  FOR t IN SELECT * FROM (VALUES
    ('User', 'id', 'user:'),
    ('Rating', 'userId', 'user:'),
    ('CurrentRating', 'userId', 'user:'),
    ('PersonLevels', 'userId', 'user:'),
    ('Goal', 'userId', 'user:'),
    ('Notification', 'userId', 'user:'),
    ('NotificationPreference', 'userId', 'user:'),
    ('TeamMembership', 'userId', 'user:'),
    ('PersonCertification', 'userId', 'user:'),
    ('Endorsement', 'userId', 'user:'),
    ('Endorsement', 'endorserId', 'user:'),
    ('TeamInvitation', 'email', 'email:')
  ) AS v(tbl, col, prefix)
  LOOP
    FOREACH ev IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
      EXECUTE format(
        'CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION skillgap_view_change_people(%L, %L)',
        'view_change_' || lower(ev) || '_' || t.col,
        ev,
        t.tbl,
        CASE ev WHEN 'INSERT' THEN 'NEW TABLE AS new_rows' WHEN 'DELETE' THEN 'OLD TABLE AS old_rows'
          ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
        t.col,
        t.prefix);
    END LOOP;
  END LOOP;

  -- What everyone's pages show: the taxonomy and its parts, certifications, settings.
  FOR t IN SELECT * FROM (VALUES
    ('TaxonomyVersion'), ('ScaleLevel'), ('Category'), ('Skill'), ('SkillPrerequisite'), ('Role'),
    ('RoleRequirement'), ('CareerPath'), ('Certification'), ('AppSetting')
  ) AS v(tbl)
  LOOP
    EXECUTE format(
      'CREATE TRIGGER view_change_global AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION skillgap_view_change_global()',
      t.tbl);
  END LOOP;
END
$do$;
