/**
 * The expert finder's ranking: who best matches "these skills at these levels". Pure.
 * Order: the lowest level among the searched skills (higher first), then the sum of levels, then evidence
 * (evidenced ratings: a current certification, a manager's confirmation, or a teammate's endorsement), then the
 * most recent of the matched ratings (newer first), then name — so equal people always come out in the same order.
 */

export type FinderRating = {
  skillId: string;
  level: number;
  updatedAt: Date;
  /** A current certification cited as evidence. */
  certified: boolean;
  /** Confirmed by a manager through a review. */
  confirmed: boolean;
  /** Visible (not hidden) endorsements of this rating. */
  endorsements: number;
};

export type FinderCandidate = { id: string; name: string; ratings: FinderRating[] };

export type FinderCriterion = { skillId: string; minLevel: number };

export function evidenceScore(r: FinderRating): number {
  return (r.certified ? 1 : 0) + (r.confirmed ? 1 : 0) + (r.endorsements > 0 ? 1 : 0);
}

/** Candidates meeting every criterion, ranked; each keeps only the searched skills' ratings, in criteria order. */
export function rankCandidates(candidates: FinderCandidate[], criteria: FinderCriterion[]): FinderCandidate[] {
  const matched = candidates
    .map((c) => {
      const bySkill = new Map(c.ratings.map((r) => [r.skillId, r]));
      const ratings = criteria.map((q) => bySkill.get(q.skillId));
      if (ratings.some((r, i) => !r || r.level < criteria[i]!.minLevel)) return null;
      return { ...c, ratings: ratings as FinderRating[] };
    })
    .filter((c): c is FinderCandidate => c !== null);
  const key = (c: FinderCandidate) => ({
    min: Math.min(...c.ratings.map((r) => r.level)),
    sum: c.ratings.reduce((a, r) => a + r.level, 0),
    evidence: c.ratings.reduce((a, r) => a + evidenceScore(r), 0),
    latest: Math.max(...c.ratings.map((r) => r.updatedAt.getTime())),
  });
  const keys = new Map(matched.map((c) => [c.id, key(c)]));
  return matched.sort((a, b) => {
    const ka = keys.get(a.id)!;
    const kb = keys.get(b.id)!;
    return (
      kb.min - ka.min ||
      kb.sum - ka.sum ||
      kb.evidence - ka.evidence ||
      kb.latest - ka.latest ||
      a.name.localeCompare(b.name) ||
      a.id.localeCompare(b.id)
    );
  });
}
