/**
 * Compile-time only: the domain's unions (lib/domain, which never imports Prisma) must equal the schema's enums, so
 * values pass between the two without casts. Nothing here exists at run time.
 */
import type * as Db from "@/lib/generated/prisma/enums";
import type * as Domain from "@/lib/domain/types";
import type { ReviewState } from "@/lib/domain/review";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Check<T extends true> = T;

export type SchemaEnumsMatchDomain = [
  Check<Same<Db.CategoryKind, Domain.CategoryKind>>,
  Check<Same<Db.Track, Domain.Track>>,
  Check<Same<Db.RoleKind, Domain.RoleKind>>,
  Check<Same<Db.Importance, Domain.Importance>>,
  Check<Same<Db.PathKind, Domain.PathKind>>,
  Check<Same<Db.TeamRole, Domain.TeamRole>>,
  Check<Same<Db.RatingSource, Domain.RatingSource>>,
  Check<Same<Db.GoalStatus, Domain.GoalStatus>>,
  Check<Same<Db.ReviewState, ReviewState>>,
];
