import "server-only";
import { db } from "./db";
import type { Db, Tx } from "./open";
import { lockAsActiveAdmin } from "./admin-lock";
import { ConflictError, DataError, NotFoundError, type FieldErrors } from "./errors";
import { canAdminister, type Actor } from "./policy";
import { getTaxonomy } from "./taxonomy";
import { readTaxonomy } from "./taxonomy-read";
import { applyTaxonomyInTx, type ApplyResult } from "./taxonomy-sync";
import { describeTaxonomyErrors, draftFieldOf, type FieldOf } from "./taxonomy-draft-errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { unstorablePaths } from "@/lib/domain/storable-text";
import {
  countFitMoves,
  diffRequirements,
  diffSkill,
  diffTaxonomy,
  isEmptyDiff,
  rolesWithNewRequirements,
  suggestNextVersion,
  type FitMoves,
  type PersonRole,
  type TaxonomyDiff,
} from "@/lib/domain/taxonomy-diff";
import type { Importance, LearningResource, PathKind, Taxonomy } from "@/lib/domain/types";
import { toExportDocument } from "@/lib/taxonomy/load";
import { validateTaxonomy } from "@/lib/taxonomy/validate";
