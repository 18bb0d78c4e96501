/**
 * The paged lists of /api/v1 and the sort key each pages by: the query schema decodes cursors with it and the data
 * function encodes them with it, so the two cannot disagree. Every key ends in a unique column.
 */
export const LISTS = {
  /** Current ratings by skill id. */
  myRatings: { name: "me.ratings", kinds: ["text"] },
  /** A skill's rating history, newest first: (createdAt, id) descending. */
  history: { name: "me.ratings.history", kinds: ["date", "int"] },
  /** People by name (unnamed people last), then id. */
  people: { name: "people", kinds: ["nullableText", "text"] },
  /** Teams by name, then id. */
  teams: { name: "teams", kinds: ["text", "text"] },
  /** Reviews, newest first: (createdAt, id) descending. */
  reviews: { name: "reviews", kinds: ["date", "text"] },
  /** Skills of the active taxonomy by id. */
  skills: { name: "skills", kinds: ["text"] },
} as const;
