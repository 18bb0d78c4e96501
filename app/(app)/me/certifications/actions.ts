"use server";
import { revalidatePages } from "@/lib/actions/revalidate";
import { createAction } from "@/lib/actions/safe-action";
import {
  addCertification,
  certificationInputSchema,
  certificationUpdateSchema,
  deleteCertification,
  updateCertification,
} from "@/lib/data/certifications";
import { id, z } from "@/lib/validation";

// Certifications show on this page, the person's profile, the dashboard's warnings and the team's certifications view.
const revalidateMine = (userId: string) => revalidatePages("/me/certifications", `/people/${userId}`, "/dashboard");

export const addCertificationAction = createAction(certificationInputSchema, async (input, actor) => {
  const { id: certId } = await addCertification(actor, input);
  revalidateMine(actor.id);
  return { id: certId };
});

export const updateCertificationAction = createAction(
  certificationUpdateSchema,
  async ({ certId, ...input }, actor) => {
    await updateCertification(actor, certId, input);
    revalidateMine(actor.id);
    return null;
  },
);

export const deleteCertificationAction = createAction(
  z.object({ certId: id("Certification record") }),
  async ({ certId }, actor) => {
    await deleteCertification(actor, certId);
    revalidateMine(actor.id);
    return null;
  },
);
