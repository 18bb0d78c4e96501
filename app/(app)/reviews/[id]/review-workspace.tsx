"use client";
import { useState } from "react";
import { canRate } from "@/lib/domain/review";
import type { ScaleLevel } from "@/lib/domain/types";
import { AcknowledgementForm } from "./acknowledgement-form";
import { AmendmentForm } from "./amendment-form";
import { AssessmentForm } from "./assessment-form";
import { DiscussionSection } from "./discussion-section";
import type { Review } from "./review-types";
import { useReviewVersion } from "./use-review-version";

/**
 * The forms a review shows in its current state to this person. They share one version counter, so writes from
 * different forms in quick succession each name the version the one before produced.
 */
export function ReviewWorkspace({ review, scale }: { review: Review; scale: ScaleLevel[] }) {
  const version = useReviewVersion(review.version);
  const { side, state, canWrite } = review;
  const rating = canWrite && canRate(state, side);
  const [notice, announce] = useState<string | null>(null);
  const props = { review, scale, version, announce };
  return (
    <div className="no-print space-y-6">
      {notice && (
        <p role="status" className="rounded bg-green-50 p-3 text-green-900">
          {notice}
        </p>
      )}
      {rating && <AssessmentForm {...props} />}
      {state === "discussion" && side !== "observer" && <DiscussionSection {...props} />}
      {state === "completed" && side === "subject" && canWrite && <AcknowledgementForm {...props} />}
      {(state === "completed" || state === "acknowledged") && side === "manager" && canWrite && (
        <AmendmentForm {...props} />
      )}
    </div>
  );
}
