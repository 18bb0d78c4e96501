import "server-only";
import { db } from "./db";
import { assertLookupId, DataError, NotFoundError } from "./errors";
import { getTaxonomy } from "./taxonomy";
import { managedTeamsWhere, type Actor } from "@/lib/data/policy";
import { certificationStatus, defaultExpiry, EXPIRY_WARNING_DAYS } from "@/lib/domain/certifications";
import { dateAt, id, isoDate, optional, optionalText, url, z } from "@/lib/validation";

/**
 * What a person records: a catalogue entry or a free-text name (one of the two), an optional credential id and link,
 * the issue date (not in the future) and the expiry date (after the issue date). A blank expiry takes the catalogue's
 * typical validity; "noExpiry" says it does not expire.
 */
const certificationFields = z.object({
  certificationId: optional(id("Certification")),
  name: optionalText(200, "Name"),
  credentialId: optionalText(200, "Credential id"),
  credentialUrl: url("Credential link"),
  issuedOn: isoDate("Issue date"),
  expiresOn: optional(isoDate("Expiry date")),
  noExpiry: z
    .union([z.boolean(), z.enum(["true", "false", "on", ""])], { message: "Does not expire must be yes or no." })
    .optional()
    .transform((v) => v === true || v === "true" || v === "on"),
});

/** The rules between fields. A problem that involves two fields is said on both, so each field shows it. */
function checkCertification(v: z.infer<typeof certificationFields>, ctx: z.RefinementCtx) {
  for (const path of ["certificationId", "name"]) {
    if (!v.certificationId && !v.name)
      ctx.addIssue({ code: "custom", path: [path], message: "Choose a certification or type its name." });
    if (v.certificationId && v.name)
      ctx.addIssue({
        code: "custom",
        path: [path],
        message: "Either choose a certification or type a name, not both.",
      });
  }
  if (v.expiresOn && v.expiresOn < v.issuedOn)
    ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "Expiry date must be on or after the issue date." });
  if (v.expiresOn && v.noExpiry)
    ctx.addIssue({
      code: "custom",
      path: ["expiresOn"],
      message: "Leave the expiry date empty for a certification that does not expire.",
    });
}

export const certificationInputSchema = certificationFields.superRefine(checkCertification);
/** Editing one: the record's id, then the same fields and rules. */
export const certificationUpdateSchema = certificationFields
  .extend({ certId: id("Certification record") })
  .superRefine(checkCertification);
export type CertificationInput = z.infer<typeof certificationInputSchema>;

async function resolve(input: CertificationInput, now: Date) {
  const taxonomy = await getTaxonomy();
  const entry = input.certificationId ? taxonomy.certifications.find((c) => c.id === input.certificationId) : null;
  if (input.certificationId && !entry)
    throw new DataError("Unknown certification.", { certificationId: ["Choose a certification from the list."] });
  const issuedOn = dateAt(input.issuedOn);
  if (input.issuedOn > now.toISOString().slice(0, 10))
    throw new DataError("The issue date is in the future.", { issuedOn: ["Issue date must be today or earlier."] });
  const expiresOn = input.expiresOn
    ? dateAt(input.expiresOn)
    : input.noExpiry
      ? null
      : defaultExpiry(issuedOn, entry?.validityMonths ?? null);
  return {
    certificationId: entry?.id ?? null,
    name: entry ? null : input.name,
    credentialId: input.credentialId,
    credentialUrl: input.credentialUrl,
    issuedOn,
    expiresOn,
  };
}

/** The actor's own certifications, soonest expiry first, with their status. */
export async function listMyCertifications(actor: Actor, now = new Date()) {
  const prisma = await db();
  const [taxonomy, rows] = await Promise.all([
    getTaxonomy(),
    prisma.personCertification.findMany({
      where: { userId: actor.id },
      orderBy: [{ expiresOn: { sort: "asc", nulls: "last" } }, { issuedOn: "desc" }],
      include: { certification: { select: { name: true, short: true, issuer: true } } },
    }),
  ]);
  return {
    catalogue: taxonomy.certifications,
    certifications: rows.map((c) => ({
      id: c.id,
      certificationId: c.certificationId,
      name: c.certification?.name ?? c.name ?? "Certification",
      short: c.certification?.short ?? null,
      issuer: c.certification?.issuer ?? null,
      credentialId: c.credentialId,
      credentialUrl: c.credentialUrl,
      issuedOn: c.issuedOn,
      expiresOn: c.expiresOn,
      ...certificationStatus(c.expiresOn, now),
    })),
  };
}

export async function addCertification(actor: Actor, input: CertificationInput, now = new Date()) {
  const data = await resolve(input, now);
  const prisma = await db();
  return prisma.personCertification.create({ data: { ...data, userId: actor.id }, select: { id: true } });
}

/** Someone else's certification (or one that does not exist) answers not found. */
export async function updateCertification(actor: Actor, certId: string, input: CertificationInput, now = new Date()) {
  assertLookupId(certId);
  const data = await resolve(input, now);
  const prisma = await db();
  const { count } = await prisma.personCertification.updateMany({ where: { id: certId, userId: actor.id }, data });
  if (count === 0) throw new NotFoundError();
}

/** Deleting a certification also removes it as evidence from ratings (the foreign key sets it to null). */
export async function deleteCertification(actor: Actor, certId: string) {
  assertLookupId(certId);
  const prisma = await db();
  const { count } = await prisma.personCertification.deleteMany({ where: { id: certId, userId: actor.id } });
  if (count === 0) throw new NotFoundError();
}

/** The dashboard's warnings: the actor's certifications that expire within 90 days or have expired. */
export async function myCertificationAlerts(actor: Actor, now = new Date()) {
  const prisma = await db();
  const horizon = new Date(now.getTime() + EXPIRY_WARNING_DAYS * 86_400_000);
  const rows = await prisma.personCertification.findMany({
    where: { userId: actor.id, expiresOn: { not: null, lte: horizon } },
    orderBy: { expiresOn: "asc" },
    include: { certification: { select: { name: true, short: true } } },
  });
  return rows.map((c) => ({
    id: c.id,
    name: c.certification?.short ?? c.certification?.name ?? c.name ?? "Certification",
    expiresOn: c.expiresOn,
    ...certificationStatus(c.expiresOn, now),
  }));
}

/**
 * The team page's certifications view, for the team's managers and admins: every member's certifications with their
 * status, expired and expiring first. Anyone else: not found. Two queries whatever the team's size.
 */
export async function getTeamCertifications(actor: Actor, teamId: string, now = new Date()) {
  assertLookupId(teamId);
  const prisma = await db();
  const team = await prisma.team.findFirst({
    where: { AND: [{ id: teamId }, managedTeamsWhere(actor)] },
    select: {
      id: true,
      name: true,
      memberships: {
        orderBy: { createdAt: "asc" },
        select: {
          user: {
            select: {
              id: true,
              name: true,
              email: true,
              certifications: {
                orderBy: [{ expiresOn: { sort: "asc", nulls: "last" } }],
                include: { certification: { select: { name: true, short: true } } },
              },
            },
          },
        },
      },
    },
  });
  if (!team) throw new NotFoundError();
  const rank = { expired: 0, expiring: 1, valid: 2, "no-expiry": 3 } as const;
  const rows = team.memberships.flatMap((m) =>
    m.user.certifications.map((c) => ({
      userId: m.user.id,
      person: m.user.name ?? m.user.email.split("@")[0]!,
      id: c.id,
      name: c.certification?.name ?? c.name ?? "Certification",
      short: c.certification?.short ?? null,
      issuedOn: c.issuedOn,
      expiresOn: c.expiresOn,
      ...certificationStatus(c.expiresOn, now),
    })),
  );
  rows.sort(
    (a, b) =>
      rank[a.status] - rank[b.status] ||
      (a.expiresOn?.getTime() ?? Infinity) - (b.expiresOn?.getTime() ?? Infinity) ||
      a.person.localeCompare(b.person),
  );
  return {
    team: { id: team.id, name: team.name },
    rows,
    counts: {
      expired: rows.filter((r) => r.status === "expired").length,
      expiring: rows.filter((r) => r.status === "expiring").length,
      people: team.memberships.length,
      withAny: new Set(rows.map((r) => r.userId)).size,
    },
  };
}
